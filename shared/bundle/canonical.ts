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
 * Whether `text` is the canonical form of `value`, the result of `JSON.parse(text)`: the same
 * verdict as `canonicalize(value) === text` (and the same exceptions), found for the common case
 * without building a second text by hand. When V8's own serialisation of the parsed value gives
 * the text back, and every object's keys came in sorted order, the text is canonical: JCS writes
 * strings and numbers exactly as `JSON.stringify` does, and keys sorted. Escaped surrogates (which
 * `canonicalize` refuses when lone) and anything else take the full comparison.
 */
export function isCanonicalText(value: unknown, text: string): boolean {
  if (!text.includes('\\ud') && JSON.stringify(value) === text && keysInOrder(value)) return true;
  return canonicalize(value) === text;
}

function keysInOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (!keysInOrder(item)) return false;
    return true;
  }
  let previous: string | null = null;
  for (const key of Object.keys(value)) {
    if (previous !== null && !(previous < key)) return false;
    if (!keysInOrder((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
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
