/**
 * Import receipts: the chain of custody's return leg. When an installation has verified (and
 * imported) a bundle, it signs a small receipt naming the bundle by id, courier fingerprint and
 * header hash, who carried it and what came of it. The receipt travels back to the sender (on the
 * courier's stick, through a sync folder), who checks it against its keyring and its own record
 * of the bundles it sent; both logbooks can then say who carried which bundle, when, to whom.
 *
 * Container: the same canonical, plain ZIP as a bundle (`zip.ts`), with two entries,
 * `receipt.json` (RFC 8785 canonical JSON) and `receipt.json.minisig` (minisign "ED" signature
 * with a trusted comment), so that `unzip` and `minisign -Vm receipt.json -p signer.pub` check
 * it without this application (docs/bundle-format.md, "Receipts"). Receipts are never encrypted:
 * they hold ids, fingerprints and counts, nothing of the bundle's content.
 */
import { z } from 'zod';
import { blake2b512 } from '../crypto/blake2b';
import { concatBytes, equalBytes, fromHex, fromUtf8, toHex, utf8 } from '../crypto/bytes';
import { cardKeyIdHex, cardSigningKey, verifyIdentityCard, IdentityCardSchema, type IdentityCard } from '../crypto/identity';
import { createMinisignature, parseMinisignature, parseMinisignPublicKey, verifyMinisignature } from '../crypto/minisign';
import type { BundleSigner } from '../crypto/ports';
import { InstallationIdSchema, RecordIdSchema, newRecordId } from '../model/ids';
import { IsoInstantSchema, isoNow } from '../model/time';
import { EXERCISE_MARKING, WorkspaceSchema, type Workspace } from '../model/workspace';
import { ByteReader } from './byteReader';
import { canonicalBytes, parseCanonicalJson } from './canonical';
import { BundleRefusal, MAX_QUOTED_CHARS, MAX_REFUSAL_DETAIL_CHARS, clip, quote } from './errors';
import { bundleFingerprint } from './fingerprint';
import { parseFormatVersion } from './header';
import type { KnownSigner } from './readBundle';
import { crc32, readCentralDirectory, readLocalHeader, writeZip, type ZipEntryHeader } from './zip';

export const RECEIPT_FORMAT = 'crisis-workbook-receipt';
export const RECEIPT_FORMAT_VERSION = '1.0';
export const RECEIPT_SUPPORTED_MAJOR = 1;
export const RECEIPT_FILE_EXTENSION = '.cwr';
export const ENTRY_RECEIPT = 'receipt.json';
export const ENTRY_RECEIPT_SIGNATURE = 'receipt.json.minisig';

/** A receipt is a few kilobytes (the signer's card is the largest part); anything bigger is not one. */
export const MAX_RECEIPT_FILE_BYTES = 64 * 1024;
const MAX_ENTRY_BYTES = 32 * 1024;

/** What became of the bundle at the receiving end. */
export const RECEIPT_OUTCOMES = ['imported', 'already-held'] as const;
export const ReceiptOutcomeSchema = z.enum(RECEIPT_OUTCOMES);
export type ReceiptOutcome = z.infer<typeof ReceiptOutcomeSchema>;

const CountSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The bundle a receipt is for, as its sender knows it. */
export const ReceiptBundleSchema = z.object({
  bundleId: RecordIdSchema,
  /** Courier fingerprint of the bundle (4 groups of 4). */
  fingerprint: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/, 'not a bundle fingerprint'),
  /** BLAKE2b-512 of the bundle's exact `header.json`, lower-case hex: names the whole content. */
  headerBlake2b512: z.string().regex(/^[0-9a-f]{128}$/, 'not a 128-digit hex BLAKE2b-512'),
  senderInstallationId: InstallationIdSchema,
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  operations: CountSchema,
});

export const ReceiptSchema = z
  .looseObject({
    format: z.literal(RECEIPT_FORMAT),
    formatVersion: z.string(),
    receiptId: RecordIdSchema,
    createdAt: IsoInstantSchema,
    workspace: WorkspaceSchema,
    marking: z.literal(EXERCISE_MARKING).nullable(),
    bundle: ReceiptBundleSchema,
    outcome: ReceiptOutcomeSchema,
    /** Operations that were new to the receiving installation. */
    applied: CountSchema,
    /** When the receiving installation took the bundle in. */
    receivedAt: IsoInstantSchema,
    /** Who carried the bundle, as the receiving officer wrote it down; null when it came another way. */
    carriedBy: z.string().max(200).nullable(),
    /** The receiving installation: its card's key signs the receipt. */
    recipient: IdentityCardSchema,
  })
  .refine((r) => (r.workspace === 'exercise') === (r.marking !== null), 'marking must be "EXERCISE — OEFENING" exactly for the exercise workspace')
  .refine((r) => r.applied <= r.bundle.operations, 'more operations applied than the bundle holds');
export type Receipt = z.infer<typeof ReceiptSchema>;

/** The trusted comment of `receipt.json.minisig`; `minisign -V` prints it. */
export function receiptTrustedComment(receipt: Pick<Receipt, 'receiptId' | 'bundle' | 'outcome'>): string {
  return `crisis-workbook receipt ${receipt.receiptId} bundle=${receipt.bundle.bundleId} outcome=${receipt.outcome}`;
}

export type ReceiptBundle = z.infer<typeof ReceiptBundleSchema>;

/** What a receipt says about a bundle the receiving side verified (from its exact header bytes). */
export function receiptBundleOf(bundle: {
  readonly header: { readonly bundleId: string; readonly sequence: number; readonly operations: number; readonly sender: { readonly installationId: string } };
  readonly headerBytes: Uint8Array;
}): ReceiptBundle {
  return {
    bundleId: bundle.header.bundleId,
    fingerprint: bundleFingerprint(bundle.headerBytes),
    headerBlake2b512: toHex(blake2b512(bundle.headerBytes)),
    senderInstallationId: bundle.header.sender.installationId,
    sequence: bundle.header.sequence,
    operations: bundle.header.operations,
  };
}

export interface WriteReceiptOptions {
  /** The bundle, as `receiptBundleOf` describes it (or as the exchange log kept it). */
  readonly bundle: ReceiptBundle;
  readonly workspace: Workspace;
  readonly outcome: ReceiptOutcome;
  readonly applied: number;
  readonly receivedAt: string;
  readonly carriedBy: string | null;
  /** The receiving installation's card and signer (the same key). */
  readonly recipientCard: IdentityCard;
  readonly signer: BundleSigner;
  readonly receiptId?: string;
  readonly createdAt?: string;
}

export interface WrittenReceipt {
  readonly receipt: Receipt;
  /** The `.cwr` file. */
  readonly bytes: Uint8Array;
}

/** Make and sign a receipt for a verified bundle. */
export async function writeReceipt(options: WriteReceiptOptions): Promise<WrittenReceipt> {
  const { signer, recipientCard } = options;
  if (!equalBytes(cardSigningKey(recipientCard).publicKey, signer.publicKey)) throw new Error('the receipt signer is not the key of the recipient card');
  const carriedBy = options.carriedBy?.trim() ? options.carriedBy.trim() : null;
  const receipt = ReceiptSchema.parse({
    format: RECEIPT_FORMAT,
    formatVersion: RECEIPT_FORMAT_VERSION,
    receiptId: options.receiptId ?? newRecordId(),
    createdAt: options.createdAt ?? isoNow(),
    workspace: options.workspace,
    marking: options.workspace === 'exercise' ? EXERCISE_MARKING : null,
    bundle: options.bundle,
    outcome: options.outcome,
    applied: options.applied,
    receivedAt: options.receivedAt,
    carriedBy,
    recipient: recipientCard,
  });
  const json = canonicalBytes(receipt);
  const signature = utf8(
    await createMinisignature({ signer, fileBlake2b512: blake2b512(json), trustedComment: receiptTrustedComment(receipt) }),
  );
  const parts: Uint8Array[] = [];
  for await (const chunk of writeZip([
    { name: ENTRY_RECEIPT, size: json.length, crc32: crc32(json), data: json },
    { name: ENTRY_RECEIPT_SIGNATURE, size: signature.length, crc32: crc32(signature), data: signature },
  ])) {
    parts.push(chunk);
  }
  return { receipt, bytes: concatBytes(...parts) };
}

// ---- reading ------------------------------------------------------------------------------------

export const RECEIPT_ERROR_CODES = [
  /** Not a receipt file at all. */
  'receipt-not-recognised',
  /** The file ends early. */
  'receipt-truncated',
  /** A checksum or hash does not match: changed after it was signed. */
  'receipt-altered',
  /** Recognisably a receipt, but not following the format (or too large to be one). */
  'receipt-malformed',
  /** Written in a newer major format. */
  'receipt-from-newer-format',
  /** The signature does not verify with the recipient card's key. */
  'receipt-signature-invalid',
  /** Signed by an installation that is not a verified peer here. */
  'receipt-unknown-signer',
  /** Signed by an installation whose key was revoked here. */
  'receipt-signer-revoked',
  /** For a bundle this installation did not send (or another version of it). */
  'receipt-not-for-our-bundle',
] as const;
export const ReceiptErrorCodeSchema = z.enum(RECEIPT_ERROR_CODES);
export type ReceiptErrorCode = z.infer<typeof ReceiptErrorCodeSchema>;

export interface ReadReceiptOptions {
  /** The keyring lookup by key id (16 hex digits), as for bundles. */
  readonly resolveSigner: (keyIdHex: string) => KnownSigner | null | Promise<KnownSigner | null>;
}

export type ReadReceiptResult =
  | { readonly ok: true; readonly receipt: Receipt }
  | { readonly ok: false; readonly code: ReceiptErrorCode; readonly detail: string; readonly receipt?: Receipt };

class ReceiptRefusal extends Error {
  constructor(
    readonly code: ReceiptErrorCode,
    detail: string,
    readonly receipt?: Receipt,
  ) {
    // Bounded like a bundle refusal's detail: it may quote parts of the file.
    super(clip(detail, MAX_REFUSAL_DETAIL_CHARS));
  }
}

function refuseReceipt(code: ReceiptErrorCode, detail: string, receipt?: Receipt): never {
  throw new ReceiptRefusal(code, detail, receipt);
}

/** Whether bytes start like a receipt (a ZIP whose first entry is `receipt.json`): for routing a picked file. */
export function looksLikeReceipt(bytes: Uint8Array): boolean {
  const name = utf8(ENTRY_RECEIPT);
  if (bytes.length < 30 + name.length || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return false;
  const nameLength = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8);
  return nameLength === name.length && name.every((b, i) => bytes[30 + i] === b);
}

/** Verify a receipt file: container, schema, version, signer in the keyring, signature. */
export async function readReceipt(bytes: Uint8Array, options: ReadReceiptOptions): Promise<ReadReceiptResult> {
  try {
    return { ok: true, receipt: await verifyReceipt(bytes, options) };
  } catch (e) {
    if (e instanceof ReceiptRefusal) return { ok: false, code: e.code, detail: e.message, ...(e.receipt ? { receipt: e.receipt } : {}) };
    if (e instanceof BundleRefusal) {
      const code: ReceiptErrorCode =
        e.error.code === 'bundle-truncated'
          ? 'receipt-truncated'
          : e.error.code === 'bundle-not-recognised'
            ? 'receipt-not-recognised'
            : e.error.code === 'bundle-altered'
              ? 'receipt-altered'
              : 'receipt-malformed';
      return { ok: false, code, detail: e.error.detail };
    }
    return { ok: false, code: 'receipt-malformed', detail: clip(`unexpected error while reading: ${e instanceof Error ? e.message : String(e)}`, MAX_REFUSAL_DETAIL_CHARS) };
  }
}

async function verifyReceipt(bytes: Uint8Array, options: ReadReceiptOptions): Promise<Receipt> {
  if (bytes.length > MAX_RECEIPT_FILE_BYTES) refuseReceipt('receipt-malformed', `${bytes.length} bytes: too large for a receipt`);
  const reader = new ByteReader(
    // eslint-disable-next-line @typescript-eslint/require-await -- a receipt is small and already in memory
    (async function* () {
      yield bytes;
    })(),
    MAX_RECEIPT_FILE_BYTES,
    'the receipt file',
  );
  const entries: ZipEntryHeader[] = [];
  const readEntry = async (index: number, name: string): Promise<Uint8Array> => {
    const entry = await readLocalHeader(reader, index, name);
    if (entry === null) refuseReceipt(index === 0 ? 'receipt-not-recognised' : 'receipt-malformed', `the file ends before its entry ${name}`);
    if (entry.size > MAX_ENTRY_BYTES) refuseReceipt('receipt-malformed', `${name} is ${entry.size} bytes`);
    const data = await reader.readExact(entry.size, name);
    if (crc32(data) !== entry.crc32) refuseReceipt('receipt-altered', `the checksum of ${name} does not match its content`);
    entries.push(entry);
    return data;
  };
  const json = await readEntry(0, ENTRY_RECEIPT);
  const signatureBytes = await readEntry(1, ENTRY_RECEIPT_SIGNATURE);
  if ((await readLocalHeader(reader, 2)) !== null) refuseReceipt('receipt-malformed', 'a receipt has exactly two entries');
  await readCentralDirectory(reader, entries);

  const parsed = parseCanonicalJson(json);
  if (parsed === null) refuseReceipt('receipt-malformed', 'receipt.json is not canonical UTF-8 JSON');
  const raw = parsed.value as Record<string, unknown> | null;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw.format !== RECEIPT_FORMAT) refuseReceipt('receipt-not-recognised', 'receipt.json does not describe a crisis-workbook receipt');
  const version = parseFormatVersion(raw.formatVersion);
  if (version === null) refuseReceipt('receipt-malformed', `formatVersion ${quote(raw.formatVersion)} is not MAJOR.MINOR`);
  if (version.major > RECEIPT_SUPPORTED_MAJOR) refuseReceipt('receipt-from-newer-format', `receipt format ${version.major}.${version.minor}; this application reads ${RECEIPT_SUPPORTED_MAJOR}.x`);
  const schema = ReceiptSchema.safeParse(raw);
  if (!schema.success) {
    const issue = schema.error.issues[0];
    refuseReceipt('receipt-malformed', `receipt.json does not follow the format (${issue ? `${clip(issue.path.join('.'), MAX_QUOTED_CHARS) || 'receipt'}: ${clip(issue.message, MAX_QUOTED_CHARS)}` : 'schema'})`);
  }
  const receipt = schema.data;
  const card = verifyIdentityCard(receipt.recipient);
  if (!card.ok) refuseReceipt('receipt-signature-invalid', `the recipient card in the receipt is not valid (${card.detail})`);

  let signature;
  try {
    signature = parseMinisignature(fromUtf8(signatureBytes));
  } catch (e) {
    refuseReceipt('receipt-malformed', `receipt.json.minisig is not a minisign signature (${e instanceof Error ? e.message : String(e)})`);
  }
  const keyIdHex = toHex(signature.keyId);
  if (keyIdHex !== cardKeyIdHex(receipt.recipient)) refuseReceipt('receipt-signature-invalid', 'the receipt was signed with another key than its recipient card names');
  const cardCheck = verifyMinisignature(signature, cardSigningKey(receipt.recipient), { bytes: json });
  if (!cardCheck.ok || signature.trustedComment !== receiptTrustedComment(receipt)) {
    refuseReceipt('receipt-signature-invalid', `the receipt signature does not verify (${cardCheck.ok ? 'trusted comment differs' : cardCheck.reason})`);
  }
  const known = await options.resolveSigner(keyIdHex);
  if (known === null) refuseReceipt('receipt-unknown-signer', `signed by ${receipt.recipient.organisation} (key ${keyIdHex}), not a verified peer here`, receipt);
  const publicKey = typeof known.publicKey === 'string' ? (/^[0-9a-f]{64}$/.test(known.publicKey) ? fromHex(known.publicKey) : parseMinisignPublicKey(known.publicKey).publicKey) : known.publicKey;
  if (!equalBytes(publicKey, cardSigningKey(receipt.recipient).publicKey)) refuseReceipt('receipt-signature-invalid', 'the keyring holds another key for this key id', receipt);
  if (known.revoked === true) refuseReceipt('receipt-signer-revoked', `signed by key ${keyIdHex}, which this installation has revoked`, receipt);
  return receipt;
}

/**
 * Whether a verified receipt is for a bundle this installation sent, as its own records describe
 * it (the exchange log's bundle id and fingerprint, and the sender's own installation id).
 */
export function receiptMatchesSentBundle(receipt: Receipt, sent: { readonly installationId: string; readonly bundleId: string; readonly fingerprint: string }): boolean {
  return receipt.bundle.senderInstallationId === sent.installationId && receipt.bundle.bundleId === sent.bundleId && receipt.bundle.fingerprint === sent.fingerprint;
}

