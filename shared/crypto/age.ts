/**
 * age encryption (https://age-encryption.org/v1) of whole files, streamed in chunks, through
 * age-encryption (typage). Files made here decrypt with `age -d -i key.txt` (Debian age 1.1.1) and
 * the other way round (toolchain.md §5b, test/integration/cli).
 *
 * Only native X25519 recipients (`age1…`) are used for bundles: the post-quantum hybrid recipients
 * typage can also make are not readable by the age 1.1 that Debian ships, and a liaison officer
 * must be able to decrypt with the standard tool. Passphrase (scrypt) encryption is used for
 * identity backups only.
 *
 * Failures are classified into `AgeFailure` kinds, so callers can map them to their own error
 * codes without reading typage's messages themselves.
 */
import { Decrypter, Encrypter, armor, generateX25519Identity as typageGenerateX25519Identity, identityToRecipient } from 'age-encryption';
import { fromUtf8, utf8 } from './bytes';
import type { AgeDecryptionIdentity } from './ports';
import { fromReadableStream, toReadableStream, type ReadableStreamLike } from './webStreams';

/** What typage's `Decrypter.addIdentity` takes (its `CryptoKey` is a DOM type, unresolved in `shared/`). */
type AddIdentityArgument = Parameters<Decrypter['addIdentity']>[0];

/** The first bytes of every binary age file. */
export const AGE_MAGIC = 'age-encryption.org/v1\n';
/** The first line of an ASCII-armored age file. */
export const AGE_ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';

const RECIPIENT_PATTERN = /^age1[02-9ac-hj-np-z]{58}$/;
const IDENTITY_PATTERN = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

/** Whether text is a native X25519 age recipient (`age1…`, lower-case bech32). */
export function isAgeX25519Recipient(text: string): boolean {
  return RECIPIENT_PATTERN.test(text);
}

/** Whether text is a native X25519 age identity (`AGE-SECRET-KEY-1…`). */
export function isAgeX25519Identity(text: string): boolean {
  return IDENTITY_PATTERN.test(text);
}

/** Whether bytes start like an age file: binary, ASCII-armored, or neither. */
export function detectAgeFile(prefix: Uint8Array): 'binary' | 'armored' | null {
  if (startsWith(prefix, utf8(AGE_MAGIC))) return 'binary';
  // Armor may be preceded by whitespace (typage and age both accept that).
  let i = 0;
  while (i < prefix.length && (prefix[i] === 0x20 || prefix[i] === 0x09 || prefix[i] === 0x0a || prefix[i] === 0x0d)) i++;
  if (startsWith(prefix.subarray(i), utf8(AGE_ARMOR_BEGIN))) return 'armored';
  return null;
}

/** The number of bytes `detectAgeFile` needs to decide. */
export const AGE_DETECT_BYTES = 64;

/**
 * Reads the stanza lines of an age header without decrypting anything, e.g. to say "encrypted
 * for 2 recipients (X25519)" before asking for a key. Returns null when the header is not there.
 */
export function describeAgeHeader(prefix: Uint8Array): { recipients: number; types: string[] } | null {
  if (detectAgeFile(prefix) !== 'binary') return null;
  const end = Math.min(prefix.length, 64 * 1024);
  const types: string[] = [];
  let lineStart = AGE_MAGIC.length;
  for (let i = lineStart; i < end; i++) {
    if (prefix[i] !== 0x0a) continue;
    const line = safeAscii(prefix.subarray(lineStart, i));
    lineStart = i + 1;
    if (line === null) return null;
    if (line.startsWith('---')) return { recipients: types.length, types: [...new Set(types)] };
    if (line.startsWith('-> ')) types.push(line.slice(3).split(' ')[0] ?? '');
  }
  return null;
}

export type AgeFailureKind =
  /** None of the given identities (or passphrases) opens the file. */
  | 'no-matching-identity'
  /** The header is not a well-formed age header. */
  | 'header-invalid'
  /** The header MAC or a payload chunk failed authentication: the file was altered. */
  | 'authentication-failed'
  /** The file ends before its header or payload does. */
  | 'truncated'
  /** The age file uses a scrypt work factor above what we accept, or another unsupported feature. */
  | 'unsupported';

/** A classified age failure; `detail` keeps the library's own message for diagnostics. */
export class AgeFailure extends Error {
  override readonly name = 'AgeFailure';
  constructor(
    readonly kind: AgeFailureKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

function classify(e: unknown): AgeFailure {
  if (e instanceof AgeFailure) return e;
  const message = e instanceof Error ? e.message : String(e);
  const m = message.toLowerCase();
  let kind: AgeFailureKind;
  if (m.includes('no identity matched')) kind = 'no-matching-identity';
  else if (m.includes('stream ended before') || m.includes('ciphertext is too small')) kind = 'truncated';
  else if (m.includes('work factor')) kind = 'unsupported';
  else if (m.includes('hmac') || m.includes('tag') || m.includes('final chunk') || m.includes('invalid ciphertext')) kind = 'authentication-failed';
  else if (m.includes('invalid') || m.includes('non-ascii') || m.includes('version')) kind = 'header-invalid';
  else kind = 'authentication-failed';
  return new AgeFailure(kind, message);
}

/**
 * Encrypts a stream of chunks to X25519 recipients (`age1…`), binary format. The output is
 * produced as the input is read (64 KiB chunks), never held whole.
 */
export async function* encryptToRecipients(chunks: AsyncIterable<Uint8Array>, recipients: readonly string[]): AsyncGenerator<Uint8Array> {
  if (recipients.length === 0) throw new Error('encryption needs at least one recipient');
  const encrypter = new Encrypter();
  for (const r of recipients) {
    if (!isAgeX25519Recipient(r)) throw new Error(`not an age X25519 recipient: ${r.slice(0, 12)}…`);
    encrypter.addRecipient(r);
  }
  const out = (await encrypter.encrypt(toReadableStream(chunks) as never)) as unknown as ReadableStreamLike<Uint8Array>;
  yield* fromReadableStream(out);
}

/**
 * Decrypts a binary age file given as chunks with any of the identities. The header is checked
 * before the first chunk is yielded; each 64 KiB payload chunk is authenticated before it is
 * yielded. Throws `AgeFailure`.
 */
export async function* decryptWithIdentities(
  chunks: AsyncIterable<Uint8Array>,
  identities: readonly AgeDecryptionIdentity[],
): AsyncGenerator<Uint8Array> {
  const decrypter = new Decrypter();
  for (const id of identities) {
    if (typeof id === 'string') {
      if (!isAgeX25519Identity(id)) throw new AgeFailure('unsupported', 'only AGE-SECRET-KEY-1… (X25519) identities are accepted');
      decrypter.addIdentity(id);
    } else {
      decrypter.addIdentity(id.key as AddIdentityArgument);
    }
  }
  yield* decryptWith(decrypter, chunks);
}

async function* decryptWith(decrypter: Decrypter, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let out: ReadableStreamLike<Uint8Array>;
  try {
    out = (await decrypter.decrypt(toReadableStream(chunks) as never)) as unknown as ReadableStreamLike<Uint8Array>;
  } catch (e) {
    throw classify(e);
  }
  try {
    yield* fromReadableStream(out);
  } catch (e) {
    throw classify(e);
  }
}

/** Decodes ASCII armor to the binary age file (the armored text is small: identity backups). */
export function dearmor(text: string): Uint8Array {
  try {
    return armor.decode(text);
  } catch (e) {
    throw new AgeFailure('header-invalid', e instanceof Error ? e.message : String(e));
  }
}

/** Encrypts bytes with a passphrase (scrypt), ASCII-armored, as `age -p -a` would. */
export async function encryptWithPassphrase(plaintext: Uint8Array, passphrase: string, scryptWorkFactor = 18): Promise<string> {
  const encrypter = new Encrypter();
  encrypter.setScryptWorkFactor(scryptWorkFactor);
  encrypter.setPassphrase(passphrase);
  return armor.encode(await encrypter.encrypt(plaintext));
}

/** Decrypts a passphrase-encrypted age file (binary or armored). Throws `AgeFailure`. */
export async function decryptWithPassphrase(file: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const kind = detectAgeFile(file.subarray(0, AGE_DETECT_BYTES));
  if (kind === null) throw new AgeFailure('header-invalid', 'not an age file');
  const binary = kind === 'armored' ? dearmor(fromUtf8(file)) : file;
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  try {
    return await decrypter.decrypt(binary);
  } catch (e) {
    throw classify(e);
  }
}

/** A new native X25519 age identity (`AGE-SECRET-KEY-1…`), never the post-quantum hybrid. */
export async function generateAgeX25519Identity(): Promise<string> {
  return typageGenerateX25519Identity();
}

/** The recipient (`age1…`) of an X25519 identity, as `age-keygen -y` prints it. */
export async function ageRecipientOf(identity: string): Promise<string> {
  if (!isAgeX25519Identity(identity)) throw new Error('not an age X25519 identity');
  return identityToRecipient(identity);
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function safeAscii(bytes: Uint8Array): string | null {
  let s = '';
  for (const b of bytes) {
    if (b < 0x20 || b > 0x7e) return null;
    s += String.fromCharCode(b);
  }
  return s;
}
