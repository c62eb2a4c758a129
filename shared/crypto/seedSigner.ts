/**
 * A `BundleSigner` over a raw 32-byte Ed25519 seed, in pure JavaScript (@noble/curves). Used by
 * the command-line tool (whose secret identity file holds the seed) and by tests. The desktop and
 * web apps implement `BundleSigner` over keys that never leave their secure storage instead.
 *
 * Ed25519 is deterministic: this signer and a WebCrypto key imported from the same seed give
 * byte-identical signatures (toolchain.md §4).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { BundleSigner } from './ports';

/** A signer over a 32-byte Ed25519 seed with the given 8-byte minisign key id. */
export function createSeedSigner(seed: Uint8Array, keyId: Uint8Array): BundleSigner {
  if (seed.length !== 32) throw new Error('an Ed25519 seed has 32 bytes');
  if (keyId.length !== 8) throw new Error('a minisign key id has 8 bytes');
  const secret = Uint8Array.from(seed);
  return {
    keyId: Uint8Array.from(keyId),
    publicKey: ed25519.getPublicKey(secret),
    sign(message) {
      return Promise.resolve(ed25519.sign(message, secret));
    },
  };
}

/** 32 random bytes for a new Ed25519 key (the platform's CSPRNG, through @noble). */
export function randomEd25519Seed(): Uint8Array {
  return ed25519.utils.randomSecretKey();
}
