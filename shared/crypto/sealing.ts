/**
 * Sealing of stored rows (content encryption at rest), pure: the Dexie middleware
 * (renderer/src/db/sealing.ts) decides which rows and which properties; this module turns a row
 * into its sealed form and back, and wraps the data key with a passphrase.
 *
 * A sealed row keeps the properties its table indexes in clear (queries need them) and replaces
 * every other property by ONE blob under `SEALED_PROPERTY`: AES-256-GCM (@noble/ciphers, which is
 * synchronous — IndexedDB transactions end when anything else is awaited, so WebCrypto's async
 * AES cannot be used inside one), a random 96-bit nonce per write, and the table name and primary
 * key as associated data, so that a sealed blob copied into another row, or another table, does not
 * open. The sealed properties are serialised with the backup's lossless JSON (shared/backup/values):
 * bytes, dates, `undefined` and non-finite numbers come back as they were stored.
 *
 * A property holding something that cannot be serialised synchronously (a Blob, a CryptoKey) stays
 * in clear as it is: a Blob's content can only be read asynchronously, a non-extractable key not
 * at all. (The quarantine's received files are such Blobs; docs/protection-at-rest.md lists them.)
 */
import { gcm } from '@noble/ciphers/aes.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { z } from 'zod';
import { decodeValue, encodeValue, setOwn, UnencodableValueError } from '../backup/values';
import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes';
import { MAX_PASSPHRASE_LENGTH } from './passphrasePolicy';

/** The property that holds a sealed row's blob; rows without it were stored in clear. */
export const SEALED_PROPERTY = '$sealed';
export const DATA_KEY_BYTES = 32;
export const NONCE_BYTES = 12;
const FORMAT_VERSION = 1;

/** A sealed blob that does not open: wrong key, altered bytes, or moved to another row. */
export class SealedRowError extends Error {
  override readonly name = 'SealedRowError';
}

type RandomBytes = (length: number) => Uint8Array;

/** What is bound to a row's blob: the table and the primary key, in one canonical string. */
function associatedData(table: string, primaryKey: unknown): Uint8Array {
  return utf8(`crisis-workbook sealed row v${FORMAT_VERSION}\u0000${table}\u0000${JSON.stringify(encodeValue(primaryKey))}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether a stored row carries a sealed blob. */
export function isSealedRow(row: unknown): boolean {
  return isObject(row) && row[SEALED_PROPERTY] instanceof Uint8Array;
}

/** Copy the value at a dotted key path into `target`, creating the objects on the way. */
function copyPath(source: Record<string, unknown>, target: Record<string, unknown>, path: readonly string[]): void {
  let from: unknown = source;
  for (const part of path) {
    if (!isObject(from) || !(part in from)) return;
    from = from[part];
  }
  let to = target;
  for (const part of path.slice(0, -1)) {
    const next = to[part];
    if (!isObject(next)) to[part] = {};
    to = to[part] as Record<string, unknown>;
  }
  to[path[path.length - 1] as string] = from;
}

/**
 * The stored form of a row: its indexed key paths (`clearPaths`, dotted paths allowed) in clear,
 * everything else sealed. `random` supplies the nonce (WebCrypto's getRandomValues in the app).
 */
export function sealRow(
  dataKey: Uint8Array,
  table: string,
  primaryKey: unknown,
  row: Record<string, unknown>,
  clearPaths: readonly string[],
  random: RandomBytes,
): Record<string, unknown> {
  const topLevelClear = new Set(clearPaths.filter((p) => !p.includes('.')));
  const stored: Record<string, unknown> = {};
  const sealed: Record<string, unknown> = {};
  const order: string[] = [];
  for (const [name, value] of Object.entries(row)) {
    if (name === SEALED_PROPERTY) continue;
    order.push(name);
    if (topLevelClear.has(name)) {
      setOwn(stored, name, value);
      continue;
    }
    try {
      setOwn(sealed, name, encodeValue(value, name));
    } catch (e) {
      if (!(e instanceof UnencodableValueError)) throw e;
      setOwn(stored, name, value); // a Blob or a CryptoKey: see the module comment
    }
  }
  // Indexed properties inside objects (e.g. `chain.seq`): kept in clear as a skeleton; the whole
  // object is in the blob as well and replaces the skeleton when the row is opened.
  for (const path of clearPaths) if (path.includes('.') && !(path.split('.')[0]! in stored)) copyPath(row, stored, path.split('.'));
  const plaintext = utf8(JSON.stringify({ o: order, v: sealed }));
  const nonce = random(NONCE_BYTES);
  const ciphertext = gcm(dataKey, nonce, associatedData(table, primaryKey)).encrypt(plaintext);
  const blob = new Uint8Array(1 + NONCE_BYTES + ciphertext.length);
  blob[0] = FORMAT_VERSION;
  blob.set(nonce, 1);
  blob.set(ciphertext, 1 + NONCE_BYTES);
  stored[SEALED_PROPERTY] = blob;
  return stored;
}

// `v` as parsed, not copied by a record schema: a copy would drop an own key `__proto__`.
const PayloadSchema = z.object({
  o: z.array(z.string()),
  v: z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v)),
});

/** A stored row as it was written: rows in clear are returned as they are. Throws `SealedRowError`. */
export function openRow(dataKey: Uint8Array, table: string, primaryKey: unknown, stored: Record<string, unknown>): Record<string, unknown> {
  const blob = stored[SEALED_PROPERTY];
  if (!(blob instanceof Uint8Array)) return stored;
  if (blob.length < 1 + NONCE_BYTES + 16 || blob[0] !== FORMAT_VERSION) throw new SealedRowError(`a sealed row of "${table}" in an unknown format`);
  let payload: z.infer<typeof PayloadSchema>;
  try {
    const plaintext = gcm(dataKey, blob.subarray(1, 1 + NONCE_BYTES), associatedData(table, primaryKey)).decrypt(blob.subarray(1 + NONCE_BYTES));
    payload = PayloadSchema.parse(JSON.parse(fromUtf8(plaintext)));
  } catch {
    throw new SealedRowError(`a sealed row of "${table}" does not open (wrong key, altered, or moved)`);
  }
  const row: Record<string, unknown> = {};
  for (const name of payload.o) {
    if (Object.hasOwn(payload.v, name)) setOwn(row, name, decodeValue(payload.v[name]));
    else if (Object.hasOwn(stored, name)) setOwn(row, name, stored[name]);
  }
  return row;
}

// ---- The data key, wrapped with a key derived from the app lock passphrase ----

/**
 * scrypt parameters of the key that wraps the data key. Its own salt, never the verifier's: the
 * verifier's scrypt output is stored in clear next to it (shared/crypto/passphraseVerifier.ts).
 */
export const WRAPPING_LOG_N = 15;

export const WrappedDataKeySchema = z.strictObject({
  kdf: z.literal('scrypt'),
  logN: z.number().int().min(10).max(20),
  r: z.literal(8),
  p: z.literal(1),
  salt: z.string().min(16).max(64),
  nonce: z.string().min(16).max(24),
  /** AES-256-GCM of the 32-byte data key (48 bytes with the tag), base64. */
  wrapped: z.string().min(60).max(72),
});
export type WrappedDataKey = z.infer<typeof WrappedDataKeySchema>;

const WRAP_AAD = utf8('crisis-workbook data key v1');

async function wrappingKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Uint8Array> {
  return scryptAsync(passphrase.normalize('NFC'), salt, { N: 2 ** logN, r: 8, p: 1, dkLen: 32 });
}

/** The data key, encrypted with a key derived from the passphrase (scrypt, its own 16-byte salt). */
export async function wrapDataKey(dataKey: Uint8Array, passphrase: string, random: RandomBytes, logN = WRAPPING_LOG_N): Promise<WrappedDataKey> {
  if (dataKey.length !== DATA_KEY_BYTES) throw new RangeError(`a data key has ${DATA_KEY_BYTES} bytes`);
  const salt = random(16);
  const nonce = random(NONCE_BYTES);
  const kek = await wrappingKey(passphrase, salt, logN);
  const wrapped = gcm(kek, nonce, WRAP_AAD).encrypt(dataKey);
  kek.fill(0);
  return { kdf: 'scrypt', logN, r: 8, p: 1, salt: toBase64(salt), nonce: toBase64(nonce), wrapped: toBase64(wrapped) };
}

/** The data key, or null when the passphrase is not the one it was wrapped with. */
export async function unwrapDataKey(wrapped: WrappedDataKey, passphrase: string): Promise<Uint8Array | null> {
  if (passphrase.length === 0 || passphrase.length > MAX_PASSPHRASE_LENGTH) return null;
  const kek = await wrappingKey(passphrase, fromBase64(wrapped.salt), wrapped.logN);
  try {
    return gcm(kek, fromBase64(wrapped.nonce), WRAP_AAD).decrypt(fromBase64(wrapped.wrapped));
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

// ---- Bytes sealed with the data key (the web build's secret identity) ----

/** `bytes` encrypted with the data key, bound to `context` (what they are, and whose). */
export function sealBytes(dataKey: Uint8Array, context: string, bytes: Uint8Array, random: RandomBytes): Uint8Array {
  const nonce = random(NONCE_BYTES);
  const ciphertext = gcm(dataKey, nonce, utf8(`crisis-workbook sealed bytes v${FORMAT_VERSION}\u0000${context}`)).encrypt(bytes);
  const blob = new Uint8Array(1 + NONCE_BYTES + ciphertext.length);
  blob[0] = FORMAT_VERSION;
  blob.set(nonce, 1);
  blob.set(ciphertext, 1 + NONCE_BYTES);
  return blob;
}

/** The bytes `sealBytes` sealed. Throws `SealedRowError` (wrong key or context, altered). */
export function openBytes(dataKey: Uint8Array, context: string, blob: Uint8Array): Uint8Array {
  if (blob.length < 1 + NONCE_BYTES + 16 || blob[0] !== FORMAT_VERSION) throw new SealedRowError('sealed bytes in an unknown format');
  try {
    return gcm(dataKey, blob.subarray(1, 1 + NONCE_BYTES), utf8(`crisis-workbook sealed bytes v${FORMAT_VERSION}\u0000${context}`)).decrypt(blob.subarray(1 + NONCE_BYTES));
  } catch {
    throw new SealedRowError('sealed bytes do not open (wrong key, altered, or another context)');
  }
}
