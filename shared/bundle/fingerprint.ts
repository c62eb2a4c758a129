/**
 * The courier's fingerprint of a bundle: the first 10 bytes of BLAKE2b-256 of `header.json`, as
 * four groups of four Crockford base32 characters ("7KQ2-M9XD-4HRT-0BWE"). The header holds the
 * payload's hash, so the fingerprint names the whole content; it is the same for the plain and
 * the encrypted file, and sender and receiver both see it in their logbooks.
 */
import { blake2b256 } from '../crypto/blake2b';
import { formatFingerprint } from '../crypto/fingerprint';

/** Courier fingerprint (4 groups of 4) of the exact `header.json` bytes. */
export function bundleFingerprint(headerBytes: Uint8Array): string {
  return formatFingerprint(blake2b256(headerBytes).subarray(0, 10));
}
