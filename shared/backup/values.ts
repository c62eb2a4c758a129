/**
 * Lossless JSON for database rows. IndexedDB keeps values by structured clone, which JSON alone
 * would change: bytes (Uint8Array), dates, `undefined` properties and non-finite numbers would
 * come back different. Each of these becomes a small tagged object `{ "$t": kind, "v": … }`; a
 * plain object that itself has a `$t` key is wrapped too, so no stored value can pass for a tag.
 *
 * Blobs (the quarantine keeps received files as Blobs) are read into `BlobContent` by the
 * renderer before encoding and made Blobs again after decoding: `shared/` has no DOM.
 *
 * Anything else that is not plain data (a CryptoKey, a Map, a class instance) is refused with
 * `UnencodableValueError`, never silently dropped: a backup must restore exactly what it holds.
 */
import { fromBase64, toBase64 } from '../crypto/bytes';

/** A Blob's content, as the renderer hands it over. */
export class BlobContent {
  constructor(
    readonly type: string,
    readonly bytes: Uint8Array,
  ) {}
}

export class UnencodableValueError extends Error {
  override readonly name = 'UnencodableValueError';
}

/** Thrown by `decodeValue` on a tag it does not know or a malformed tagged value. */
export class MalformedValueError extends Error {
  override readonly name = 'MalformedValueError';
}

const TAG = '$t';

/**
 * Sets an own property, also one named `__proto__`: a plain assignment of that name would set the
 * object's prototype instead, and the property would be lost (a row must come back as it went).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A JSON-safe form of a stored value. */
export function encodeValue(value: unknown, path = ''): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value === undefined) return { [TAG]: 'undefined' };
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return Object.is(value, -0) ? { [TAG]: 'number', v: '-0' } : value;
    return { [TAG]: 'number', v: String(value) };
  }
  if (typeof value !== 'object') throw new UnencodableValueError(`${path || 'value'}: a ${typeof value} cannot be backed up`);
  if (value instanceof Uint8Array) return { [TAG]: 'bytes', v: toBase64(value) };
  if (value instanceof Date) return { [TAG]: 'date', v: value.getTime() };
  if (value instanceof BlobContent) return { [TAG]: 'blob', type: value.type, v: toBase64(value.bytes) };
  if (Array.isArray(value)) return value.map((item, i) => encodeValue(item, `${path}[${i}]`));
  if (!isPlainObject(value)) throw new UnencodableValueError(`${path || 'value'}: a ${value.constructor.name} cannot be backed up`);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, encodeValue(item, path ? `${path}.${key}` : key));
  return TAG in value ? { [TAG]: 'object', v: out } : out;
}

/** The stored value back from its JSON-safe form. Throws `MalformedValueError`. */
export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const record = value as Record<string, unknown>;
  if (!(TAG in record)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) setOwn(out, key, decodeValue(item));
    return out;
  }
  const v = record['v'];
  switch (record[TAG]) {
    case 'undefined':
      return undefined;
    case 'number':
      if (v === '-0') return -0;
      if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
      break;
    case 'bytes':
      if (typeof v === 'string') return fromBase64(v);
      break;
    case 'date':
      if (typeof v === 'number') return new Date(v);
      break;
    case 'blob':
      if (typeof v === 'string' && typeof record['type'] === 'string') return new BlobContent(record['type'], fromBase64(v));
      break;
    case 'object':
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(v)) setOwn(out, key, decodeValue(item));
        return out;
      }
      break;
  }
  throw new MalformedValueError(`an unknown or malformed tagged value (${String(record[TAG])})`);
}
