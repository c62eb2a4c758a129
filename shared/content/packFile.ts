/**
 * The signed content pack file (`.cwpack`): how a newer procedure content pack travels from its
 * publisher (the project now, EU-CyCLONe once it publishes official process flow diagrams, pt. 80)
 * to an installation, which checks it before anything is shown or written.
 *
 * Container: the same canonical, plain ZIP as bundles and receipts (`../bundle/zip.ts`: stored
 * entries, fixed timestamps, no extra fields) with exactly two entries,
 *   `pack.json`          the whole pack (manifest, actors, procedures, reference, points) as one
 *                        JSON document in the shape of `ContentPackSchema`, UTF-8;
 *   `pack.json.minisig`  a minisign "ED" signature over the exact bytes of `pack.json`,
 * so that `unzip` and `minisign -V -p publisher.pub -m pack.json` check a pack without this
 * application (docs/content-pack.md).
 *
 * Reading (`readPackFile`) is all or nothing: it returns the validated pack and its publisher, or
 * a refusal code with a technical detail, never part of a pack. The order of the checks means a
 * pack's content is parsed only after its signature has been verified with a trusted key.
 */
import { z } from 'zod';
import { blake2b512 } from '../crypto/blake2b';
import { concatBytes, fromUtf8, utf8 } from '../crypto/bytes';
import { createMinisignature, minisignKeyIdLabel, parseMinisignature, verifyMinisignature, type UnverifiedMinisignature } from '../crypto/minisign';
import type { BundleSigner } from '../crypto/ports';
import { ByteReader } from '../bundle/byteReader';
import { BundleRefusal } from '../bundle/errors';
import { crc32, readCentralDirectory, readLocalHeader, writeZip, ZIP_MAGIC, type ZipEntryHeader } from '../bundle/zip';
import { checkPack } from './packRules';
import { ContentPackSchema, type ContentPack, type ContentPackInput, type PackManifest } from './packSchema';
import { publisherKey, TrustedPublishersSchema, type TrustedPublisher, type TrustedPublisherInput } from './publishers';

export const PACK_FILE_EXTENSION = '.cwpack';
export const ENTRY_PACK = 'pack.json';
export const ENTRY_PACK_SIGNATURE = 'pack.json.minisig';

/** Size limits applied before anything is parsed. */
export interface PackFileLimits {
  /** The whole `.cwpack` file. */
  readonly maxFileBytes: number;
  /** `pack.json` (the built-in pack is about 0.3 MB). */
  readonly maxPackBytes: number;
  /** `pack.json.minisig` (a signature is about 400 bytes). */
  readonly maxSignatureBytes: number;
}

export const DEFAULT_PACK_FILE_LIMITS: PackFileLimits = {
  maxFileBytes: 16 * 1024 * 1024,
  maxPackBytes: 16 * 1024 * 1024 - 16 * 1024,
  maxSignatureBytes: 4 * 1024,
};

const PackFileLimitsSchema = z
  .object({
    maxFileBytes: z.number().int().positive().max(512 * 1024 * 1024),
    maxPackBytes: z.number().int().positive().max(512 * 1024 * 1024),
    maxSignatureBytes: z.number().int().positive().max(64 * 1024),
  })
  .partial();

/** Why a pack file was refused. */
export const PACK_FILE_REFUSALS = [
  /** Not a `.cwpack` archive at all, or a damaged one (truncated, not the canonical layout). */
  'not-a-zip',
  /** The archive lacks `pack.json` or `pack.json.minisig`, or holds anything else. */
  'missing-member',
  /** The signature does not verify: `pack.json` was changed after it was signed, or forged. */
  'signature-invalid',
  /** Signed by a key that is not a trusted pack publisher here. */
  'unknown-publisher',
  /** Signed by a publisher key that was revoked. */
  'revoked-publisher',
  /** Validly signed, but `pack.json` is not JSON or does not follow the pack format (see `path`). */
  'malformed-pack',
  /** Over a size limit. */
  'too-large',
] as const;
export const PackFileRefusalSchema = z.enum(PACK_FILE_REFUSALS);
export type PackFileRefusal = z.infer<typeof PackFileRefusalSchema>;

/** A verified pack and who signed it. */
export interface VerifiedPackFile {
  readonly ok: true;
  readonly pack: ContentPack;
  readonly publisher: TrustedPublisher;
  /** The signed trusted comment, as `minisign -V` prints it. */
  readonly trustedComment: string;
}

export interface RefusedPackFile {
  readonly ok: false;
  readonly code: PackFileRefusal;
  /** One English technical sentence. */
  readonly detail: string;
  /** For `malformed-pack`: where in pack.json the first problem is ("procedures[2].steps[0].citations"). */
  readonly path?: string;
  /** For `unknown-publisher` and `revoked-publisher`: the key id as minisign shows it. */
  readonly keyId?: string;
}

export type ReadPackFileResult = VerifiedPackFile | RefusedPackFile;

// ---- writing -------------------------------------------------------------------------------------

/** The trusted comment of `pack.json.minisig`; `minisign -V` prints it. */
export function packTrustedComment(manifest: Pick<PackManifest, 'id' | 'version' | 'publishedAt'>): string {
  return `crisis-workbook content pack ${manifest.id} ${manifest.version} published ${manifest.publishedAt}`;
}

/** `pack.json` as the writer lays it out: indented JSON (reviewers read it), a final newline. */
export function packJsonBytes(pack: ContentPack): Uint8Array {
  return utf8(`${JSON.stringify(pack, null, 2)}\n`);
}

/**
 * Sign bytes as `pack.json` and put both in a `.cwpack` archive. Checks nothing about the bytes:
 * tools and tests use it; publishers use `writePackFile`.
 */
export async function writePackArchive(packJson: Uint8Array, signer: BundleSigner, trustedComment: string): Promise<Uint8Array> {
  const signature = utf8(
    await createMinisignature({
      signer,
      fileBlake2b512: blake2b512(packJson),
      trustedComment,
      untrustedComment: `signature from crisis-workbook pack publisher key ${minisignKeyIdLabel(signer.keyId)}`,
    }),
  );
  const parts: Uint8Array[] = [];
  for await (const chunk of writeZip([
    { name: ENTRY_PACK, size: packJson.length, crc32: crc32(packJson), data: packJson },
    { name: ENTRY_PACK_SIGNATURE, size: signature.length, crc32: crc32(signature), data: signature },
  ])) {
    parts.push(chunk);
  }
  return concatBytes(...parts);
}

/**
 * The signed `.cwpack` file of a pack. Throws when the pack does not match the pack schema or
 * breaks a pack rule: a publisher never signs a pack that installations would refuse.
 */
export async function writePackFile(pack: ContentPackInput, signer: BundleSigner): Promise<Uint8Array> {
  const parsed = ContentPackSchema.safeParse(pack);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the pack does not follow the pack format (${issue ? `${formatPath(issue.path) || 'pack'}: ${issue.message}` : 'schema'})`);
  }
  const violations = checkPack(parsed.data);
  if (violations.length > 0) {
    throw new Error(`the pack breaks ${violations.length} pack rule(s): ${violations.slice(0, 3).map((v) => `${v.where}: ${v.message}`).join('; ')}`);
  }
  const bytes = await writePackArchive(packJsonBytes(parsed.data), signer, packTrustedComment(parsed.data.manifest));
  if (bytes.length > DEFAULT_PACK_FILE_LIMITS.maxFileBytes) throw new Error(`the pack file would be ${bytes.length} bytes, over the limit of ${DEFAULT_PACK_FILE_LIMITS.maxFileBytes}`);
  return bytes;
}

// ---- reading -------------------------------------------------------------------------------------

class PackFileRefusalError extends Error {
  constructor(
    readonly code: PackFileRefusal,
    detail: string,
    readonly extra: { readonly path?: string; readonly keyId?: string } = {},
  ) {
    super(detail);
  }
}

function refusePack(code: PackFileRefusal, detail: string, extra?: { path?: string; keyId?: string }): never {
  throw new PackFileRefusalError(code, detail, extra);
}

/** A zod issue path as a reader finds it in the JSON: `procedures[2].steps[0].citations`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Whether bytes start like a pack file (a ZIP whose first entry is `pack.json`): for routing a picked file. */
export function looksLikePackFile(bytes: Uint8Array): boolean {
  const name = utf8(ENTRY_PACK);
  if (bytes.length < 30 + name.length || !ZIP_MAGIC.every((b, i) => bytes[i] === b)) return false;
  const nameLength = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8);
  return nameLength === name.length && name.every((b, i) => bytes[30 + i] === b);
}

/**
 * Verify a `.cwpack` file against the trusted publishers: archive, members, sizes, signature,
 * publisher, then the pack's schema. Never throws for anything wrong with the file.
 */
export async function readPackFile(
  bytes: Uint8Array,
  trustedPublishers: readonly TrustedPublisherInput[],
  limits: Partial<PackFileLimits> = {},
): Promise<ReadPackFileResult> {
  const publishers = TrustedPublishersSchema.parse(trustedPublishers);
  const resolved: PackFileLimits = { ...DEFAULT_PACK_FILE_LIMITS, ...PackFileLimitsSchema.parse(limits) };
  try {
    return await verifyPackFile(bytes, publishers, resolved);
  } catch (e) {
    if (e instanceof PackFileRefusalError) return { ok: false, code: e.code, detail: e.message, ...e.extra };
    if (e instanceof BundleRefusal) {
      const code: PackFileRefusal = e.error.code === 'bundle-too-large' ? 'too-large' : 'not-a-zip';
      return { ok: false, code, detail: e.error.detail.replaceAll('the bundle format', 'the pack format') };
    }
    return { ok: false, code: 'not-a-zip', detail: `unexpected error while reading: ${e instanceof Error ? e.message : String(e)}` };
  }
}

async function verifyPackFile(bytes: Uint8Array, publishers: readonly TrustedPublisher[], limits: PackFileLimits): Promise<VerifiedPackFile> {
  if (bytes.length > limits.maxFileBytes) refusePack('too-large', `${bytes.length} bytes: over the limit of ${limits.maxFileBytes} bytes for a pack file`);
  if (bytes.length < ZIP_MAGIC.length || !ZIP_MAGIC.every((b, i) => bytes[i] === b)) refusePack('not-a-zip', 'the file does not start like a ZIP archive');

  // ---- the archive: exactly pack.json and pack.json.minisig, each within its limit
  const reader = new ByteReader(
    // eslint-disable-next-line @typescript-eslint/require-await -- a pack file is already in memory
    (async function* () {
      yield bytes;
    })(),
    limits.maxFileBytes,
    'the pack file',
  );
  const headers: ZipEntryHeader[] = [];
  const members = new Map<string, Uint8Array>();
  const altered: string[] = [];
  for (let index = 0; ; index++) {
    const entry = await readLocalHeader(reader, index);
    if (entry === null) break;
    if (entry.name !== ENTRY_PACK && entry.name !== ENTRY_PACK_SIGNATURE) {
      refusePack('missing-member', `the archive holds ${JSON.stringify(entry.name)}; a pack file holds only ${ENTRY_PACK} and ${ENTRY_PACK_SIGNATURE}`);
    }
    if (members.has(entry.name)) refusePack('missing-member', `the archive holds ${entry.name} twice`);
    const max = entry.name === ENTRY_PACK ? limits.maxPackBytes : limits.maxSignatureBytes;
    if (entry.size > max) refusePack('too-large', `${entry.name} is ${entry.size} bytes, over the limit of ${max} bytes`);
    const data = await reader.readExact(entry.size, entry.name);
    if (crc32(data) !== entry.crc32) altered.push(entry.name);
    headers.push(entry);
    members.set(entry.name, data);
  }
  await readCentralDirectory(reader, headers);
  const json = members.get(ENTRY_PACK);
  const signatureBytes = members.get(ENTRY_PACK_SIGNATURE);
  if (json === undefined) refusePack('missing-member', `the archive has no ${ENTRY_PACK}`);
  if (signatureBytes === undefined) refusePack('missing-member', `the archive has no ${ENTRY_PACK_SIGNATURE}: the pack is not signed`);

  // ---- the signature, with a trusted publisher's key
  let signature: UnverifiedMinisignature;
  try {
    signature = parseMinisignature(fromUtf8(signatureBytes));
  } catch (e) {
    refusePack('signature-invalid', `${ENTRY_PACK_SIGNATURE} is not a minisign signature (${e instanceof Error ? e.message : String(e)})`);
  }
  const keyId = minisignKeyIdLabel(signature.keyId);
  const publisher = publishers.find((p) => p.keyId === keyId);
  if (publisher === undefined) refusePack('unknown-publisher', `signed by key ${keyId}, which is not a trusted pack publisher here`, { keyId });
  const check = verifyMinisignature(signature, publisherKey(publisher), { bytes: json });
  if (!check.ok) refusePack('signature-invalid', `the signature of ${ENTRY_PACK} does not verify with the key of ${publisher.name} (${check.reason})`, { keyId });
  // The signed content is intact (checked above), so a checksum mismatch is damage to the archive itself.
  if (altered.length > 0) refusePack('not-a-zip', `the archive is damaged: the ZIP checksum of ${altered.join(' and ')} does not match its content`, { keyId });
  if (publisher.revoked) refusePack('revoked-publisher', `signed by key ${keyId} of ${publisher.name}, which is revoked`, { keyId });

  // ---- the pack, only now that its origin is known
  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(json));
  } catch (e) {
    refusePack('malformed-pack', `${ENTRY_PACK} is not UTF-8 JSON (${e instanceof Error ? e.message : String(e)})`, { path: '' });
  }
  const parsed = ContentPackSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? formatPath(issue.path) : '';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
    refusePack('malformed-pack', `${ENTRY_PACK} does not follow the pack format at ${path || 'the top level'}: ${issue?.message ?? 'schema'}${more}`, { path });
  }
  return { ok: true, pack: parsed.data, publisher, trustedComment: check.trustedComment };
}
