/**
 * Fingerprints people read to each other over a telephone or radio: Crockford base32 (digits and
 * upper-case letters without I, L, O, U) in groups of four, e.g. `7KQ2-M9XD-…`.
 */
import { toCrockfordBase32 } from './bytes';

/** Formats bytes (a multiple of 5) as groups of four Crockford base32 characters. */
export function formatFingerprint(bytes: Uint8Array): string {
  if (bytes.length % 5 !== 0) throw new Error('fingerprints are made of whole 5-byte blocks');
  const text = toCrockfordBase32(bytes);
  return (text.match(/.{4}/g) ?? []).join('-');
}

/**
 * Normalises what a person typed or heard (lower case, spaces, O for 0, I/L for 1) to the printed
 * form, so that two fingerprints can be compared with `===`.
 */
export function normaliseFingerprint(text: string): string {
  const compact = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return (compact.match(/.{1,4}/g) ?? []).join('-');
}
