/**
 * Reads and verifies a bundle from a stream of chunks. Everything is checked before the caller
 * sees a single operation, in this order (docs/bundle-format.md, "Reading"):
 *
 *   1. container: plain ZIP, binary or armored age (decrypted with the given identities as it
 *      streams), the ZIP entries in their fixed order with their fixed fields and CRC-32s;
 *   2. size limits: file, header, signatures, payload, operation count, and while inflating the
 *      decompressed size and ratio (decompression bombs stop at once);
 *   3. header: canonical JSON, `format` (else not recognised), `formatVersion` (newer major →
 *      `bundle-from-newer-format`, newer minor accepted), then the full schema;
 *   4. signer: `resolveSigner(keyId)` supplied by the caller's keyring; an unknown key gives
 *      `bundle-unknown-signer` with the header for quarantine;
 *   5. header signature (minisign ED, trusted comment bound to the bundle), addressee, workspace;
 *   6. payload: size and BLAKE2b-512 against the signed header, every line canonical JSON and a
 *      valid operation of the header's workspace, in clock order, counts as announced;
 *   7. payload signature, central directory, end record, nothing after it.
 *
 * Never throws for anything wrong with the file: the result is `{ ok: false, error }` with a
 * code from `BUNDLE_ERROR_CODES`.
 */
import { AGE_DETECT_BYTES, AGE_MAGIC, AgeFailure, decryptWithIdentities, dearmor, describeAgeHeader, detectAgeFile } from '../crypto/age';
import { nobleBlake2b512, type Blake2b512Factory } from '../crypto/blake2b';
import { equalBytes, fromHex, fromUtf8, toHex, utf8 } from '../crypto/bytes';
import { cardSigningKey, verifyIdentityCard, type IdentityCard } from '../crypto/identity';
import { parseMinisignPublicKey, parseMinisignature, verifyMinisignature, type UnverifiedMinisignature } from '../crypto/minisign';
import type { AgeDecryptionIdentity } from '../crypto/ports';
import type { Operation } from '../journal/operation';
import type { Workspace } from '../model/workspace';
import { ByteReader } from './byteReader';
import { parseCanonicalJson } from './canonical';
import { BundleRefusal, MAX_QUOTED_CHARS, bundleError, clip, quote, refuse, type BundleError } from './errors';
import { bundleFingerprint } from './fingerprint';
import {
  BUNDLE_FORMAT,
  BundleHeaderSchema,
  ENTRY_HEADER,
  ENTRY_HEADER_SIGNATURE,
  ENTRY_PAYLOAD,
  ENTRY_PAYLOAD_SIGNATURE,
  SUPPORTED_MAJOR_VERSION,
  parseFormatVersion,
  trustedCommentFor,
  type BundleHeader,
} from './header';
import { resolveLimits, type BundleLimits } from './limits';
import { OperationDecoder, type OperationBlockDecoder } from './payload';
import { Crc32, ZIP_MAGIC, crc32, readCentralDirectory, readLocalHeader, type ZipEntryHeader } from './zip';

const AGE_MAGIC_BYTES = utf8(AGE_MAGIC);
/**
 * Payload blocks split and not yet through the decoder's in-order checks, at most, before reading
 * waits: enough to keep a worker busy, few enough (some 256 KiB each) to bound the memory.
 */
const MAX_BLOCKS_AHEAD = 8;

/** What the keyring says about a signing key. */
export interface KnownSigner {
  /** The Ed25519 public key (32 bytes) or its minisign public key text. */
  readonly publicKey: Uint8Array | string;
  /** A revoked key's bundles are refused (`bundle-signer-revoked`). */
  readonly revoked?: boolean;
}

/**
 * Looks a key id (16 hex digits, minisign file byte order) up in the caller's keyring. The claimed
 * header is passed for display or logging only: it is not verified yet and must not decide trust.
 */
export type ResolveSigner = (keyIdHex: string, claimed: UnverifiedBundleHeader) => KnownSigner | null | Promise<KnownSigner | null>;

/** What reading needs from the caller: its keyring lookup, its keys, and what to expect. */
export interface ReadBundleOptions {
  readonly resolveSigner: ResolveSigner;
  /** This installation's age identities, for encrypted bundles. */
  readonly identities?: readonly AgeDecryptionIdentity[];
  /** Refuse a bundle of another workspace (`bundle-wrong-workspace`). */
  readonly expectedWorkspace?: Workspace;
  /** Refuse a bundle whose `to` names other installations only. */
  readonly thisInstallation?: string;
  /**
   * This installation's wall clock (ms): operations stamped more than `maxClockAheadMs` (default
   * 24 h) later are refused (`bundle-clock-ahead`). An importer passes it; a tool that only
   * inspects a file may leave it out.
   */
  readonly clockNow?: number;
  readonly maxClockAheadMs?: number;
  readonly limits?: Partial<BundleLimits>;
  /** BLAKE2b-512 implementation (Node callers may pass a native one). */
  readonly blake2b512?: Blake2b512Factory;
  /**
   * Makes a decoder of payload blocks on another thread, one per reading (closed at its end), given
   * the payload's size as stored: the app's is a worker (`renderer/src/db/payloadDecoding.ts`),
   * for payloads large enough to be worth starting one. Absent, or undefined: decoded here.
   */
  readonly blockDecoder?: (payloadBytes: number) => OperationBlockDecoder | undefined;
}

/** A header that passed the schema but whose signature is not (yet) verified. */
export type UnverifiedBundleHeader = BundleHeader & { readonly __unverified?: never };

/** A bundle whose every byte was checked against a trusted signer's signature. */
export interface VerifiedBundle {
  readonly header: BundleHeader;
  /** The exact bytes of `header.json` (keep them: receipts and logbooks cite their hash). */
  readonly headerBytes: Uint8Array;
  /** Courier fingerprint of the header. */
  readonly fingerprint: string;
  /** Key id of the signature, 16 hex digits. */
  readonly signerKeyId: string;
  /** Whether the file as received was encrypted. */
  readonly receivedEncrypted: boolean;
  readonly operations: readonly Operation[];
}

/** What is known about a refused bundle, for the refusal message, the log and quarantine. */
export interface RefusedBundleInfo {
  /** Whether the file was encrypted (known once the first bytes are read). */
  readonly encrypted?: boolean;
  /** For encrypted files: how many recipients the age header names. */
  readonly encryptedRecipients?: number;
  /** `formatVersion` as written, once read. */
  readonly formatVersion?: string;
  /** The header, once it passed the schema. NOT verified unless the code says otherwise. */
  readonly header?: UnverifiedBundleHeader;
  readonly fingerprint?: string;
  /**
   * For `bundle-unknown-signer`: the sender's card, whose self-signature is valid and whose key
   * made the header signature. Show its fingerprint; trust it only after a telephone check.
   */
  readonly signerCard?: IdentityCard;
}

/** A verified bundle, or a typed refusal with whatever could be learnt before refusing. */
export type ReadBundleResult =
  | { readonly ok: true; readonly bundle: VerifiedBundle }
  | ({ readonly ok: false; readonly error: BundleError } & RefusedBundleInfo);

/** Mutable record of what has been learned so far; becomes the refusal's `RefusedBundleInfo`. */
interface Progress {
  encrypted?: boolean;
  encryptedRecipients?: number;
  formatVersion?: string;
  header?: UnverifiedBundleHeader;
  fingerprint?: string;
  signerCard?: IdentityCard;
}

interface VerifiedSummary {
  readonly header: BundleHeader;
  readonly headerBytes: Uint8Array;
  readonly fingerprint: string;
  readonly signerKeyId: string;
  readonly receivedEncrypted: boolean;
}

/**
 * Reads, verifies and returns a bundle with all its operations in memory. For files too large to
 * hold their operations in memory, use `openBundle` (two passes over a re-openable source).
 */
export async function readBundle(chunks: AsyncIterable<Uint8Array>, options: ReadBundleOptions): Promise<ReadBundleResult> {
  const operations: Operation[] = [];
  const result = await drive(verifySteps(chunks, options), (batch) => {
    for (const op of batch.operations) operations.push(op);
  });
  return result.ok ? { ok: true, bundle: { ...result.summary, operations } } : result.refusal;
}

/** A verified bundle whose operations are streamed again from the source on demand. */
export interface OpenedBundle extends Omit<VerifiedBundle, 'operations'> {
  /**
   * The operations as the verifying pass decoded them, when their payload fitted the memory
   * budget (see `openBundle`); null when they must be streamed again with `operations()`.
   */
  readonly heldOperations: readonly Operation[] | null;
  /**
   * The operations: the held ones, or re-read and re-verified from the source, in which case it
   * throws `BundleRefusal` at the end if the file changed.
   */
  operations(): AsyncIterable<Operation>;
}

/**
 * Decompressed payload bytes (canonical NDJSON) up to which `openBundle` keeps the decoded
 * operations of the verifying pass in memory: some 190,000 operations of a kilobyte, which take
 * about twice that once decoded. Beyond it they are dropped and streamed again from the source,
 * so a bundle larger than memory still opens.
 */
export const DEFAULT_MEMORY_BUDGET_BYTES = 192 * 1024 * 1024;

export interface OpenBundleOptions {
  /** See `DEFAULT_MEMORY_BUDGET_BYTES`; 0 never keeps operations. */
  readonly memoryBudgetBytes?: number;
}

/**
 * Verifies a bundle in one pass. When its payload fits `memoryBudgetBytes` once decompressed, the
 * operations decoded by that pass are kept (they are exactly what was verified: nothing is read
 * twice, and a file changed afterwards cannot matter). Otherwise nothing is kept, and the caller
 * streams them in a second pass (e.g. into staging) that verifies everything again and throws
 * `BundleRefusal` if anything differs, in which case the caller must drop what it did with them;
 * in practice that only happens if the file is changed between the two passes.
 */
export async function openBundle(
  open: () => AsyncIterable<Uint8Array>,
  options: ReadBundleOptions,
  openOptions: OpenBundleOptions = {},
): Promise<{ readonly ok: true; readonly bundle: OpenedBundle } | ({ readonly ok: false; readonly error: BundleError } & RefusedBundleInfo)> {
  const budget = openOptions.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  let held: Operation[] | null = budget > 0 ? [] : null;
  const first = await drive(verifySteps(open(), options), (batch) => {
    if (held === null) return;
    if (batch.decodedBytes > budget) held = null;
    else for (const op of batch.operations) held.push(op);
  });
  if (!first.ok) return first.refusal;
  const summary = first.summary;
  const heldOperations: readonly Operation[] | null = held;
  return {
    ok: true,
    bundle: {
      ...summary,
      heldOperations,
      async *operations() {
        if (heldOperations !== null) {
          yield* heldOperations;
          return;
        }
        const steps = verifySteps(open(), options);
        for (;;) {
          const next = await steps.next();
          if (next.done === true) {
            const r = next.value;
            if (!r.ok) throw new BundleRefusal(r.refusal.error);
            if (!equalBytes(r.summary.headerBytes, summary.headerBytes)) throw new BundleRefusal(bundleError('bundle-altered', 'the file changed between verification and import'));
            return;
          }
          yield* next.value.operations;
        }
      },
    },
  };
}

type StepsResult =
  | { readonly ok: true; readonly summary: VerifiedSummary }
  | { readonly ok: false; readonly refusal: { readonly ok: false; readonly error: BundleError } & RefusedBundleInfo };

/** Operations decoded from the payload, with the payload's decompressed bytes so far. */
interface DecodedBatch {
  readonly operations: readonly Operation[];
  readonly decodedBytes: number;
}

async function drive(steps: AsyncGenerator<DecodedBatch, StepsResult>, onBatch: (batch: DecodedBatch) => void): Promise<StepsResult> {
  for (;;) {
    const next = await steps.next();
    if (next.done === true) return next.value;
    onBatch(next.value);
  }
}

/**
 * The verification pipeline as a generator: yields batches of decoded operations as the payload
 * streams (callers must not act on them until the generator returns `ok: true`), returns the
 * verdict.
 */
async function* verifySteps(source: AsyncIterable<Uint8Array>, options: ReadBundleOptions): AsyncGenerator<DecodedBatch, StepsResult> {
  const limits = resolveLimits(options.limits);
  const progress: Progress = {};
  const file = new ByteReader(source, limits.maxBundleBytes, 'the bundle file');
  let zip: ByteReader | null = null;
  try {
    const plain = await openContainer(file, options, progress);
    zip = new ByteReader(plain, limits.maxBundleBytes, 'the decrypted bundle');
    const summary = yield* verifyZip(zip, options, limits, progress);
    return { ok: true, summary };
  } catch (e) {
    const error = toBundleError(e);
    return { ok: false, refusal: { ok: false, error, ...progress } };
  } finally {
    await zip?.close().catch(() => undefined);
    await file.close().catch(() => undefined);
  }
}

/**
 * Decrypts an encrypted bundle (binary or armored age) without verifying it, as `age -d` would:
 * the plain `.cwb` as chunks. Throws `BundleRefusal` (not encrypted, not for these identities,
 * altered, truncated). Verification is `readBundle`'s job, on the result or on the original.
 */
export async function* decryptBundle(
  chunks: AsyncIterable<Uint8Array>,
  identities: readonly AgeDecryptionIdentity[],
  limits?: Partial<BundleLimits>,
): AsyncGenerator<Uint8Array> {
  const file = new ByteReader(chunks, resolveLimits(limits).maxBundleBytes, 'the bundle file');
  const progress: Progress = {};
  try {
    const plain = await openContainer(file, { resolveSigner: () => null, identities }, progress);
    if (progress.encrypted !== true) refuse('bundle-malformed', 'the bundle is not encrypted');
    let first = true;
    for await (const chunk of plain) {
      if (first && !startsWith(chunk, ZIP_MAGIC)) refuse('bundle-not-recognised', 'the decrypted file is not a bundle (ZIP)');
      first = false;
      yield chunk;
    }
  } catch (e) {
    throw e instanceof BundleRefusal ? e : new BundleRefusal(toBundleError(e));
  } finally {
    await file.close().catch(() => undefined);
  }
}

/** The typed refusal for anything thrown while reading (age failures are classified). */
export function toBundleError(e: unknown): BundleError {
  if (e instanceof BundleRefusal) return e.error;
  if (e instanceof AgeFailure) {
    switch (e.kind) {
      case 'no-matching-identity':
        return bundleError('bundle-not-for-this-installation', 'the bundle is encrypted, and none of this installation’s keys opens it');
      case 'truncated':
        return bundleError('bundle-truncated', `the encrypted file ends early (${e.detail})`);
      case 'authentication-failed':
        return bundleError('bundle-altered', `the encrypted file fails authentication: altered or cut short (${e.detail})`);
      case 'header-invalid':
      case 'unsupported':
        return bundleError('bundle-malformed', `the age header is not valid (${e.detail})`);
    }
  }
  return bundleError('bundle-malformed', `unexpected error while reading: ${e instanceof Error ? e.message : String(e)}`);
}

/** Decides plain / encrypted and returns the ZIP's bytes as a stream. */
async function openContainer(file: ByteReader, options: ReadBundleOptions, progress: Progress): Promise<AsyncIterable<Uint8Array>> {
  const prefix = await file.peek(AGE_DETECT_BYTES);
  if (prefix.length === 0) refuse('bundle-truncated', 'the file is empty');
  if (startsWith(prefix, ZIP_MAGIC)) {
    progress.encrypted = false;
    return file.rest();
  }
  const age = detectAgeFile(prefix);
  if (age === null) {
    if (startsWith(ZIP_MAGIC, prefix) || startsWith(AGE_MAGIC_BYTES, prefix)) refuse('bundle-truncated', `the file is only ${prefix.length} bytes`);
    refuse('bundle-not-recognised', 'neither a bundle (ZIP) nor an encrypted bundle (age)');
  }
  progress.encrypted = true;
  const identities = options.identities ?? [];
  let ciphertext: AsyncIterable<Uint8Array>;
  if (age === 'armored') {
    const text: Uint8Array[] = [];
    for await (const c of file.rest()) text.push(c);
    ciphertext = once(dearmor(fromUtf8(concatAll(text))));
  } else {
    const head = await file.peek(4096);
    progress.encryptedRecipients = describeAgeHeader(head)?.recipients;
    ciphertext = file.rest();
  }
  if (identities.length === 0) refuse('bundle-not-for-this-installation', 'the bundle is encrypted and no decryption key was given');
  const plain = decryptWithIdentities(ciphertext, identities);
  // Pull the first chunk now so that "not for this installation" is decided before ZIP parsing.
  const it = plain[Symbol.asyncIterator]();
  const first = await it.next();
  return (async function* () {
    if (first.done !== true) yield first.value;
    for (;;) {
      const n = await it.next();
      if (n.done === true) return;
      yield n.value;
    }
  })();
}

async function readSmallEntry(zip: ByteReader, index: number, name: string, max: number, tooLargeWhat: string): Promise<{ entry: ZipEntryHeader; bytes: Uint8Array }> {
  const entry = await readLocalHeader(zip, index, name);
  if (entry === null) refuse(index === 0 ? 'bundle-not-recognised' : 'bundle-malformed', `the ZIP ends before its entry ${name}`);
  if (entry.size > max) refuse('bundle-too-large', `${tooLargeWhat} is ${entry.size} bytes, over the ${max}-byte limit`);
  const bytes = await zip.readExact(entry.size, name);
  if (crc32(bytes) !== entry.crc32) refuse('bundle-altered', `the checksum of ${name} does not match its content`);
  return { entry, bytes };
}

function parseSignature(bytes: Uint8Array, name: string): UnverifiedMinisignature {
  try {
    return parseMinisignature(fromUtf8(bytes));
  } catch (e) {
    refuse('bundle-malformed', `${name} is not a minisign signature (${e instanceof Error ? e.message : String(e)})`);
  }
}

async function* verifyZip(zip: ByteReader, options: ReadBundleOptions, limits: BundleLimits, progress: Progress): AsyncGenerator<DecodedBatch, VerifiedSummary> {
  const entries: ZipEntryHeader[] = [];

  // 1. header.json: format, version, schema.
  const headerEntry = await readSmallEntry(zip, 0, ENTRY_HEADER, limits.maxHeaderBytes, 'the header');
  entries.push(headerEntry.entry);
  const headerBytes = headerEntry.bytes;
  const parsedJson = parseCanonicalJson(headerBytes);
  if (parsedJson === null) refuse('bundle-malformed', 'header.json is not canonical UTF-8 JSON');
  const raw = parsedJson.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || (raw as Record<string, unknown>).format !== BUNDLE_FORMAT) {
    refuse('bundle-not-recognised', 'header.json does not describe a crisis-workbook bundle');
  }
  const rawVersion = (raw as Record<string, unknown>).formatVersion;
  const version = parseFormatVersion(rawVersion);
  if (version === null) refuse('bundle-malformed', `formatVersion ${quote(rawVersion)} is not MAJOR.MINOR`);
  progress.formatVersion = rawVersion as string;
  if (version.major > SUPPORTED_MAJOR_VERSION) {
    refuse('bundle-from-newer-format', `format version ${version.major}.${version.minor}; this application reads ${SUPPORTED_MAJOR_VERSION}.x`);
  }
  if (version.major < SUPPORTED_MAJOR_VERSION) refuse('bundle-malformed', `format version ${version.major}.${version.minor} was never issued`);
  const schema = BundleHeaderSchema.safeParse(raw);
  if (!schema.success) {
    const issue = schema.error.issues[0];
    refuse('bundle-malformed', `header.json does not follow the format (${issue ? `${clip(issue.path.join('.'), MAX_QUOTED_CHARS) || 'header'}: ${clip(issue.message, MAX_QUOTED_CHARS)}` : 'schema'})`);
  }
  const header: UnverifiedBundleHeader = schema.data;
  progress.header = header;
  progress.fingerprint = bundleFingerprint(headerBytes);

  // 2. header.json.minisig; who signed?
  const sigEntry = await readSmallEntry(zip, 1, ENTRY_HEADER_SIGNATURE, limits.maxSignatureBytes, 'the header signature');
  entries.push(sigEntry.entry);
  const headerSig = parseSignature(sigEntry.bytes, ENTRY_HEADER_SIGNATURE);
  const keyIdHex = toHex(headerSig.keyId);
  if (keyIdHex !== header.sender.keyId) refuse('bundle-signature-invalid', 'the header signature was made with another key than the header names');
  const hasher = (options.blake2b512 ?? nobleBlake2b512)();
  hasher.update(headerBytes);
  const headerHash = hasher.digest();
  const known = await options.resolveSigner(keyIdHex, header);
  const expectedComment = trustedCommentFor(header, ENTRY_HEADER);
  if (known === null) {
    // Quarantine: say who claims to have signed, if the claim is at least self-consistent.
    const card = verifyIdentityCard(header.sender.card);
    const cardKey = card.ok ? cardSigningKey(card.card) : null;
    const consistent = cardKey !== null && verifyMinisignature(headerSig, cardKey, { blake2b512: headerHash }).ok && headerSig.trustedComment === expectedComment;
    if (!consistent) refuse('bundle-signature-invalid', 'the header signature does not match the key of the sender card it carries');
    if (card.ok) progress.signerCard = card.card;
    refuse('bundle-unknown-signer', `signed by key ${keyIdHex} (${header.sender.organisation}, ${header.sender.country}), which this installation does not know`);
  }
  const signerKey = { keyId: headerSig.keyId, publicKey: toPublicKey(known.publicKey) };
  const headerCheck = verifyMinisignature(headerSig, signerKey, { blake2b512: headerHash });
  if (!headerCheck.ok) refuse('bundle-signature-invalid', `the header signature does not verify (${headerCheck.reason})`);
  if (headerSig.trustedComment !== expectedComment) refuse('bundle-signature-invalid', 'the signed comment of the header does not describe this bundle');
  if (!equalBytes(cardSigningKey(header.sender.card).publicKey, signerKey.publicKey)) refuse('bundle-signature-invalid', 'the sender card names another key than the one that signed');
  if (known.revoked === true) refuse('bundle-signer-revoked', `signed by key ${keyIdHex}, which this installation has revoked`);

  // 3. The header is authentic: addressee, workspace, announced sizes.
  if (options.thisInstallation !== undefined && header.to.length > 0 && !header.to.includes(options.thisInstallation)) {
    refuse('bundle-not-for-this-installation', `the bundle is addressed to ${clip(header.to.join(', '), 4 * MAX_QUOTED_CHARS)}`);
  }
  if (options.expectedWorkspace !== undefined && header.workspace !== options.expectedWorkspace) {
    refuse('bundle-wrong-workspace', `the bundle belongs to the ${header.workspace} workspace, not ${options.expectedWorkspace}`);
  }
  if (header.operations > limits.maxOperations) refuse('bundle-too-large', `${header.operations} operations, over the limit of ${limits.maxOperations}`);
  if (header.payload.bytes > limits.maxPayloadBytes) refuse('bundle-too-large', `a payload of ${header.payload.bytes} bytes, over the limit of ${limits.maxPayloadBytes}`);

  // 4. operations.ndjson.gz, streamed: hash, checksum, inflate, parse.
  const payloadEntry = await readLocalHeader(zip, 2, ENTRY_PAYLOAD);
  if (payloadEntry === null) refuse('bundle-malformed', `ZIP entry 3 is not ${ENTRY_PAYLOAD}`);
  entries.push(payloadEntry);
  if (payloadEntry.size !== header.payload.bytes) refuse('bundle-altered', `the payload is ${payloadEntry.size} bytes, the signed header says ${header.payload.bytes}`);
  const payloadHasher = (options.blake2b512 ?? nobleBlake2b512)();
  const payloadCrc = new Crc32();
  const batch: Operation[] = [];
  const blockDecoder = options.blockDecoder?.(payloadEntry.size);
  let payloadHash: Uint8Array;
  let decoder: OperationDecoder;
  try {
    decoder = new OperationDecoder(header.workspace, limits, (op) => batch.push(op), {
      ...(options.clockNow === undefined ? {} : { clockNow: options.clockNow }),
      ...(options.maxClockAheadMs === undefined ? {} : { maxClockAheadMs: options.maxClockAheadMs }),
      ...(blockDecoder === undefined ? {} : { blockDecoder }),
    });
    for await (const chunk of zip.readChunks(payloadEntry.size, ENTRY_PAYLOAD)) {
      payloadHasher.update(chunk);
      payloadCrc.update(chunk);
      await decoder.push(chunk);
      // Hashing and inflating run ahead of the decoding elsewhere, by a bounded number of blocks.
      await decoder.settled(MAX_BLOCKS_AHEAD);
      if (batch.length > 0) yield { operations: batch.splice(0), decodedBytes: decoder.decodedBytes };
    }
    await decoder.finish();
    await decoder.settled(0);
    if (batch.length > 0) yield { operations: batch.splice(0), decodedBytes: decoder.decodedBytes };
    payloadHash = payloadHasher.digest();
  } finally {
    blockDecoder?.close();
  }
  if (payloadCrc.digest() !== payloadEntry.crc32) refuse('bundle-altered', `the checksum of ${ENTRY_PAYLOAD} does not match its content`);
  if (toHex(payloadHash) !== header.payload.blake2b512) refuse('bundle-altered', 'the payload differs from the one the signed header describes');
  if (decoder.error !== null) throw new BundleRefusal(decoder.error);
  if (decoder.count !== header.operations) refuse('bundle-malformed', `${decoder.count} operations, the header announces ${header.operations}`);
  for (const [table, n] of Object.entries(header.counts)) {
    if ((decoder.counts[table] ?? 0) !== n) refuse('bundle-malformed', `${decoder.counts[table] ?? 0} operations on ${quote(table)}, the header announces ${n}`);
  }

  // 5. operations.ndjson.gz.minisig must verify too (it is what `minisign -Vm` checks).
  const payloadSigEntry = await readSmallEntry(zip, 3, ENTRY_PAYLOAD_SIGNATURE, limits.maxSignatureBytes, 'the payload signature');
  entries.push(payloadSigEntry.entry);
  const payloadSig = parseSignature(payloadSigEntry.bytes, ENTRY_PAYLOAD_SIGNATURE);
  const payloadCheck = verifyMinisignature(payloadSig, signerKey, { blake2b512: payloadHash });
  if (!payloadCheck.ok) refuse('bundle-signature-invalid', `the payload signature does not verify (${payloadCheck.reason})`);
  if (payloadSig.trustedComment !== trustedCommentFor(header, ENTRY_PAYLOAD)) refuse('bundle-signature-invalid', 'the signed comment of the payload does not describe this bundle');

  // 6. Entries a newer minor version adds are skipped (they are covered by its own header fields).
  for (let index = 4; ; index++) {
    const extra = await readLocalHeader(zip, index);
    if (extra === null) break;
    if (version.minor === 0) refuse('bundle-malformed', `unexpected ZIP entry ${quote(extra.name)} in a ${SUPPORTED_MAJOR_VERSION}.0 bundle`);
    if (extra.size > limits.maxPayloadBytes) refuse('bundle-too-large', `entry ${quote(extra.name)} is over the payload limit`);
    const extraCrc = new Crc32();
    for await (const chunk of zip.readChunks(extra.size, extra.name)) extraCrc.update(chunk);
    if (extraCrc.digest() !== extra.crc32) refuse('bundle-altered', `the checksum of ${quote(extra.name)} does not match its content`);
    entries.push(extra);
  }
  await readCentralDirectory(zip, entries);

  return {
    header,
    headerBytes,
    fingerprint: bundleFingerprint(headerBytes),
    signerKeyId: keyIdHex,
    receivedEncrypted: progress.encrypted === true,
  };
}

function toPublicKey(key: Uint8Array | string): Uint8Array {
  if (typeof key !== 'string') return key;
  if (/^[0-9a-f]{64}$/.test(key)) return fromHex(key);
  return parseMinisignPublicKey(key).publicKey;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  await Promise.resolve();
  yield bytes;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
