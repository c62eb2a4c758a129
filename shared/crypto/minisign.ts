/**
 * minisign signatures and public keys, byte-compatible with the `minisign` command-line tool
 * (verified against Debian's minisign 0.11 in test/integration/cli), so that anyone holding a
 * bundle and the sender's public key can check it with standard tools.
 *
 * Formats (https://jedisct1.github.io/minisign/):
 *   public key  "untrusted comment: <text>\n" + base64("Ed" || keyId[8] || pk[32]) + "\n"
 *   signature   "untrusted comment: <text>\n" + base64(alg[2] || keyId[8] || sig[64]) + "\n"
 *               + "trusted comment: <tc>\n" + base64(globalSig[64]) + "\n"
 *   alg "ED": sig = Ed25519(BLAKE2b-512(file))   (pre-hashed; minisign's default since 0.10)
 *   alg "Ed": sig = Ed25519(file)                (legacy; verified, never produced)
 *   globalSig = Ed25519(sig || utf8(tc))         (so the trusted comment cannot be swapped)
 *
 * We always sign in "ED" mode because it lets a file of any size be signed and verified from its
 * BLAKE2b-512 digest, computed while the file streams. Key ids are 8 random bytes stored in this
 * order in both files; minisign *displays* them as a little-endian 64-bit number, i.e. the bytes
 * reversed in upper-case hex (`minisignKeyIdLabel`).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b512 } from './blake2b';
import { concatBytes, equalBytes, fromBase64, toBase64, toHex, utf8 } from './bytes';
import type { BundleSigner } from './ports';

const ALG_PREHASHED = 'ED';
const ALG_LEGACY = 'Ed';
const PUBLIC_KEY_ALG = 'Ed';
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
/** minisign refuses comments longer than this (COMMENTMAXBYTES). */
export const MINISIGN_MAX_COMMENT_BYTES = 1024;

/** A minisign public key: the key id and the Ed25519 public key it names. */
export interface MinisignPublicKey {
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** A parsed `.minisig` file. Nothing in it is trusted until `verifyMinisignature` says so. */
export interface UnverifiedMinisignature {
  readonly algorithm: 'ED' | 'Ed';
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
  readonly untrustedComment: string;
  readonly trustedComment: string;
  readonly globalSignature: Uint8Array;
}

/** How minisign shows a key id: the 8 bytes reversed, upper-case hex (e.g. `18AC2BC2D0A80450`). */
export function minisignKeyIdLabel(keyId: Uint8Array): string {
  return toHex(Uint8Array.from(keyId).reverse()).toUpperCase();
}

/** The one-line base64 form of a public key, as `minisign -P` takes it and identity cards carry. */
export function minisignPublicKeyBase64(key: MinisignPublicKey): string {
  checkKey(key);
  return toBase64(concatBytes(utf8(PUBLIC_KEY_ALG), key.keyId, key.publicKey));
}

/** A public key file exactly as `minisign -G` writes it (`minisign -p FILE` reads it). */
export function minisignPublicKeyFile(key: MinisignPublicKey): string {
  return `${UNTRUSTED_PREFIX}minisign public key ${minisignKeyIdLabel(key.keyId)}\n${minisignPublicKeyBase64(key)}\n`;
}

/**
 * Reads a public key from its base64 line or from a whole public key file. Throws on anything
 * that is not an Ed25519 minisign public key.
 */
export function parseMinisignPublicKey(text: string): MinisignPublicKey {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  const line = lines.length === 2 && lines[0]?.startsWith(UNTRUSTED_PREFIX) ? lines[1] : lines.length === 1 ? lines[0] : undefined;
  if (line === undefined) throw new Error('not a minisign public key: expected one base64 line, optionally after an untrusted comment');
  const bytes = fromBase64(line);
  if (bytes.length !== 42) throw new Error('not a minisign public key: wrong length');
  if (bytes[0] !== 0x45 || bytes[1] !== 0x64) throw new Error('not a minisign public key: algorithm is not Ed');
  return { keyId: bytes.slice(2, 10), publicKey: bytes.slice(10) };
}

/** Parses a `.minisig` file (both "ED" and legacy "Ed"). Throws when the text is not one. */
export function parseMinisignature(text: string): UnverifiedMinisignature {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== 4) throw new Error('not a minisign signature: expected 4 lines');
  const [untrusted, sigLine, trusted, globalLine] = lines as [string, string, string, string];
  if (!untrusted.startsWith(UNTRUSTED_PREFIX)) throw new Error('not a minisign signature: no untrusted comment');
  if (!trusted.startsWith(TRUSTED_PREFIX)) throw new Error('not a minisign signature: no trusted comment');
  const sig = fromBase64(sigLine);
  if (sig.length !== 74) throw new Error('not a minisign signature: wrong signature length');
  const alg = String.fromCharCode(sig[0] ?? 0, sig[1] ?? 0);
  if (alg !== ALG_PREHASHED && alg !== ALG_LEGACY) throw new Error(`not a minisign signature: unknown algorithm ${JSON.stringify(alg)}`);
  const globalSignature = fromBase64(globalLine);
  if (globalSignature.length !== 64) throw new Error('not a minisign signature: wrong global signature length');
  return {
    algorithm: alg,
    keyId: sig.slice(2, 10),
    signature: sig.slice(10),
    untrustedComment: untrusted.slice(UNTRUSTED_PREFIX.length),
    trustedComment: trusted.slice(TRUSTED_PREFIX.length),
    globalSignature,
  };
}

/** What `createMinisignature` signs, with which key and comment. */
export interface SignOptions {
  readonly signer: BundleSigner;
  /** BLAKE2b-512 of the signed file (use `blake2b512` or a streaming hasher). */
  readonly fileBlake2b512: Uint8Array;
  /** Signed text shown by `minisign -V` ("Trusted comment: …"); one line, ≤ 1024 bytes. */
  readonly trustedComment: string;
  /** Unsigned first line; defaults to "signature from crisis-workbook key <KEYID>". */
  readonly untrustedComment?: string;
}

/** A `.minisig` file in "ED" (pre-hashed) mode, as `minisign -Sm` writes it. */
export async function createMinisignature(options: SignOptions): Promise<string> {
  const { signer, fileBlake2b512, trustedComment } = options;
  checkKey(signer);
  if (fileBlake2b512.length !== 64) throw new Error('minisign ED signatures need a 64-byte BLAKE2b-512 digest');
  checkComment(trustedComment);
  const untrustedComment = options.untrustedComment ?? `signature from crisis-workbook key ${minisignKeyIdLabel(signer.keyId)}`;
  checkComment(untrustedComment);
  const signature = await signer.sign(fileBlake2b512);
  const globalSignature = await signer.sign(concatBytes(signature, utf8(trustedComment)));
  const sigLine = toBase64(concatBytes(utf8(ALG_PREHASHED), signer.keyId, signature));
  return `${UNTRUSTED_PREFIX}${untrustedComment}\n${sigLine}\n${TRUSTED_PREFIX}${trustedComment}\n${toBase64(globalSignature)}\n`;
}

/** What the signed content is known as: its bytes, or (for "ED" only) its BLAKE2b-512 digest. */
export type SignedContent = { readonly bytes: Uint8Array } | { readonly blake2b512: Uint8Array };

/** The outcome of `verifyMinisignature`: the trusted comment, or why not. */
export type MinisignVerification =
  | { readonly ok: true; readonly trustedComment: string }
  | { readonly ok: false; readonly reason: 'key-id-mismatch' | 'signature-invalid' | 'comment-signature-invalid' | 'legacy-needs-content' };

/**
 * Checks a parsed signature against a public key and the signed content, the way `minisign -V`
 * does: key ids must match, the signature must cover the content, and the global signature must
 * cover signature and trusted comment. Ed25519 verification is strict (RFC 8032, not ZIP-215),
 * like libsodium's.
 */
export function verifyMinisignature(sig: UnverifiedMinisignature, key: MinisignPublicKey, content: SignedContent): MinisignVerification {
  if (!equalBytes(sig.keyId, key.keyId)) return { ok: false, reason: 'key-id-mismatch' };
  let message: Uint8Array;
  if (sig.algorithm === ALG_PREHASHED) {
    message = 'blake2b512' in content ? content.blake2b512 : blake2b512(content.bytes);
  } else {
    if (!('bytes' in content)) return { ok: false, reason: 'legacy-needs-content' };
    message = content.bytes;
  }
  if (!ed25519Verify(sig.signature, message, key.publicKey)) return { ok: false, reason: 'signature-invalid' };
  if (!ed25519Verify(sig.globalSignature, concatBytes(sig.signature, utf8(sig.trustedComment)), key.publicKey)) {
    return { ok: false, reason: 'comment-signature-invalid' };
  }
  return { ok: true, trustedComment: sig.trustedComment };
}

/** Strict Ed25519 verification that never throws (malformed keys or signatures are just invalid). */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

function checkKey(key: MinisignPublicKey): void {
  if (key.keyId.length !== 8) throw new Error('a minisign key id has 8 bytes');
  if (key.publicKey.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
}

function checkComment(comment: string): void {
  if (/[\r\n]/.test(comment)) throw new Error('a minisign comment is one line');
  if (utf8(comment).length > MINISIGN_MAX_COMMENT_BYTES) throw new Error('a minisign comment is at most 1024 bytes');
}
