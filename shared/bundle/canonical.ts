/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), through the `canonicalize` package: object keys
 * sorted by UTF-16 code units, no insignificant whitespace, numbers in ECMAScript shortest form,
 * strings escaped minimally. Everything this application signs or hashes (bundle headers,
 * operations, identity cards) is serialised with it, so that signatures and hashes are repeatable
 * on every installation.
 *
 * (shared/journal/canonical.ts is the journal's older key-sorting serialiser used for equality;
 * it agrees with JCS on the data the journal stores, but only this module is used for signing.)
 */
import canonicalizeJcs from 'canonicalize';
import { fromUtf8, utf8 } from '../crypto/bytes';

/** The JCS text of a JSON value. Throws for values JSON cannot represent (undefined, NaN, lone surrogates, cycles). */
export function canonicalize(value: unknown): string {
  const text = canonicalizeJcs(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
}

/** UTF-8 bytes of the JCS text of a value. */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalize(value));
}

/**
 * Parses JSON bytes and checks that they are already in canonical form; returns the value, or
 * null when the bytes are not UTF-8 JSON or not canonical. Used on everything that arrives signed,
 * so one signed meaning has exactly one byte form.
 */
export function parseCanonicalJson(bytes: Uint8Array): { value: unknown } | null {
  let text: string;
  let value: unknown;
  try {
    text = fromUtf8(bytes);
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (hasProtoKey(text)) return null;
  try {
    return canonicalize(value) === text ? { value } : null;
  } catch {
    return null;
  }
}

/**
 * Whether canonical JSON text has an object key "__proto__". Such a key survives JSON.parse as an
 * own property but not validation (zod assigns it as the prototype and drops it), so the value a
 * signature covers and the value the application would use would differ: refused wherever signed
 * JSON is read. In canonical text the key is always written exactly `"__proto__":` and that
 * sequence cannot occur inside a string (its quotes would be escaped).
 */
export function hasProtoKey(canonicalText: string): boolean {
  return canonicalText.includes('"__proto__":');
}
