/**
 * Ports through which the pure exchange code reaches private keys it must never hold itself.
 *
 * - `BundleSigner` signs with the installation's Ed25519 key. The desktop app backs it with a key
 *   that lives only in the main process (B4 "Secrets"), the web build with a non-extractable
 *   WebCrypto key, the command-line tool and the tests with `createSeedSigner` (@noble).
 * - `AgeIdentityHandle` wraps whatever age-encryption's `Decrypter.addIdentity` accepts besides the
 *   `AGE-SECRET-KEY-1…` text: a non-extractable X25519 `CryptoKey` in the renderer, or a custom
 *   age `Identity` object (e.g. one that asks the main process to unwrap the file key). The type is
 *   opaque here because `CryptoKey` is a DOM type that `shared/` does not load.
 *
 * Verification needs no port: it uses public keys only and runs in pure JavaScript (@noble).
 */

/** Something that can make Ed25519 signatures with one key. */
export interface BundleSigner {
  /** The 8-byte minisign key id of the key (random, chosen when the key was made). */
  readonly keyId: Uint8Array;
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** A 64-byte Ed25519 signature (RFC 8032, pure Ed25519) of `message`. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** A private age identity held elsewhere; make one with `ageIdentityHandle`. */
export interface AgeIdentityHandle {
  readonly kind: 'age-identity-handle';
  /** An X25519 private `CryptoKey` (usages `deriveBits`) or an age `Identity` object. */
  readonly key: unknown;
}

/** What decryption accepts: the `AGE-SECRET-KEY-1…` text, or a handle to a key held elsewhere. */
export type AgeDecryptionIdentity = string | AgeIdentityHandle;

/**
 * Wrap a non-extractable X25519 `CryptoKey` or a custom age `Identity` so that it can travel
 * through `shared/` code without `shared/` knowing DOM types.
 */
export function ageIdentityHandle(key: unknown): AgeIdentityHandle {
  return { kind: 'age-identity-handle', key };
}
