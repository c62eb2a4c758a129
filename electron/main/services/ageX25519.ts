/**
 * PURE (node:crypto and @noble only, no Electron): opens the X25519 recipient stanzas of an age
 * header with an `AGE-SECRET-KEY-1…` identity, giving the 16-byte file key — the one step of age
 * decryption that needs the private key. The key vault runs it in main so that the renderer can
 * decrypt a bundle (typage, with a custom `Identity`) without ever holding the key.
 *
 * Why not typage itself: age-encryption 0.3.1 exports no identity class (its `exports` map hides
 * `X25519Identity`), and its `Decrypter` only opens whole files or whole headers, which main does
 * not have. So this follows the age v1 specification (https://age-encryption.org/v1, "X25519
 * recipient stanza") and typage's recipients.js step by step:
 *
 *   stanza     -> X25519 <base64(ephemeral share, 32 bytes)>  + body (wrapped file key, 32 bytes)
 *   shared     = X25519(identity, share)           low-order shares are refused (noble throws)
 *   salt       = share || X25519(identity, basepoint)
 *   wrap key   = HKDF-SHA-256(shared, salt, "age-encryption.org/v1/X25519", 32 bytes)
 *   file key   = ChaCha20-Poly1305-open(wrap key, nonce = 12 zero bytes, body)
 *
 * A stanza that does not open is for another recipient (null); a malformed X25519 stanza is an
 * error, as the specification and typage require. test/unit/electron/main/services checks this
 * against files typage encrypts, and the renderer-side integration test decrypts real bundles.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bech32 } from '@scure/base';
import { createDecipheriv } from 'node:crypto';

const X25519_LABEL = new TextEncoder().encode('age-encryption.org/v1/X25519');
const ZERO_NONCE = new Uint8Array(12);
const FILE_KEY_BYTES = 16;
const TAG_BYTES = 16;

/** The parts of an age stanza used here (typage's `Stanza` and the IPC schema both fit). */
export interface AgeStanzaLike {
  readonly args: readonly string[];
  readonly body: Uint8Array;
}

/** A stanza that names X25519 but is not a well-formed X25519 stanza. */
export class AgeStanzaError extends Error {
  override readonly name = 'AgeStanzaError';
}

/** The 32 secret bytes of an `AGE-SECRET-KEY-1…` identity. The caller wipes them after use. */
export function ageIdentitySecretBytes(identity: string): Uint8Array {
  if (!identity.startsWith('AGE-SECRET-KEY-1')) throw new Error('not an age X25519 identity');
  const decoded = bech32.decodeToBytes(identity.toLowerCase());
  if (decoded.prefix !== 'age-secret-key-' || decoded.bytes.length !== 32) throw new Error('not an age X25519 identity');
  return decoded.bytes;
}

/** Strict unpadded base64 of exactly 32 bytes, as age writes the ephemeral share. */
function decodeShare(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/.test(text)) throw new AgeStanzaError('invalid X25519 stanza: the share is not 32 bytes of unpadded base64');
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function openWrappedKey(wrapKey: Uint8Array, body: Uint8Array): Uint8Array | null {
  const decipher = createDecipheriv('chacha20-poly1305', wrapKey, ZERO_NONCE, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(body.subarray(FILE_KEY_BYTES));
  const plain = decipher.update(body.subarray(0, FILE_KEY_BYTES));
  try {
    decipher.final(); // throws when the tag does not authenticate: a stanza for someone else
  } catch {
    plain.fill(0);
    return null;
  }
  return new Uint8Array(plain);
}

/**
 * The file key that one of the X25519 stanzas wraps for `secret` (the identity's 32 bytes), or
 * null when none is for this identity. Stanzas of other types are skipped. Throws
 * `AgeStanzaError` for a malformed X25519 stanza or a low-order share.
 */
export function unwrapX25519FileKey(secret: Uint8Array, stanzas: readonly AgeStanzaLike[]): Uint8Array | null {
  if (secret.length !== 32) throw new Error('an X25519 identity has 32 bytes');
  const ourRecipient = x25519.getPublicKey(secret);
  for (const stanza of stanzas) {
    if (stanza.args[0] !== 'X25519') continue;
    if (stanza.args.length !== 2) throw new AgeStanzaError('invalid X25519 stanza: expected exactly one argument');
    if (stanza.body.length !== FILE_KEY_BYTES + TAG_BYTES) throw new AgeStanzaError('invalid X25519 stanza: the body is not a wrapped 16-byte file key');
    const share = decodeShare(stanza.args[1] ?? '');
    let shared: Uint8Array;
    try {
      shared = x25519.getSharedSecret(secret, share);
    } catch {
      throw new AgeStanzaError('invalid X25519 stanza: low-order share');
    }
    const salt = new Uint8Array(64);
    salt.set(share);
    salt.set(ourRecipient, 32);
    const wrapKey = hkdf(sha256, shared, salt, X25519_LABEL, 32);
    shared.fill(0);
    const fileKey = openWrappedKey(wrapKey, stanza.body);
    wrapKey.fill(0);
    if (fileKey !== null) return fileKey;
  }
  return null;
}
