/**
 * BLAKE2b-512, the hash minisign pre-hashes files with and the bundle header records for its
 * payload. Incremental, so a payload of any size is hashed chunk by chunk as it streams past.
 *
 * The default implementation is @noble/hashes (pure JavaScript, ~50 MiB/s in Node 20). Node-side
 * callers (command-line tool, Electron main) may pass a faster factory backed by
 * `node:crypto` `createHash('blake2b512')`, which produces identical digests.
 */
import { blake2b } from '@noble/hashes/blake2.js';

/** One running BLAKE2b-512 computation. */
export interface Blake2b512Hasher {
  update(chunk: Uint8Array): void;
  /** The 64-byte digest; the hasher must not be used afterwards. */
  digest(): Uint8Array;
}

/** Makes a fresh hasher; injectable so Node code can use its native BLAKE2b. */
export type Blake2b512Factory = () => Blake2b512Hasher;

/** The pure-JavaScript BLAKE2b-512 of @noble/hashes. */
export const nobleBlake2b512: Blake2b512Factory = () => {
  const h = blake2b.create({ dkLen: 64 });
  return {
    update(chunk) {
      h.update(chunk);
    },
    digest() {
      return h.digest();
    },
  };
};

/** BLAKE2b-512 of bytes held in memory. */
export function blake2b512(bytes: Uint8Array): Uint8Array {
  return blake2b(bytes, { dkLen: 64 });
}

/** BLAKE2b-256 of bytes held in memory (fingerprints). */
export function blake2b256(bytes: Uint8Array): Uint8Array {
  return blake2b(bytes, { dkLen: 32 });
}
