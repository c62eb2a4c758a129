/** Lossless JSON for stored rows: what JSON alone would change comes back exactly. */
import { describe, expect, it } from 'vitest';
import { BlobContent, decodeValue, encodeValue, MalformedValueError, UnencodableValueError } from '../../../../shared/backup/values';

const roundTrip = (value: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));

describe('backup values', () => {
  it('keeps bytes, dates, undefined, non-finite numbers and -0', () => {
    const value = { bytes: Uint8Array.from([0, 1, 255]), at: new Date(1_700_000_000_000), gone: undefined, n: [NaN, Infinity, -Infinity], z: -0, s: 'text', nested: [{ a: null }] };
    const back = roundTrip(value) as typeof value;
    expect(back).toEqual(value);
    expect(Object.keys(back)).toContain('gone');
    expect(Object.is(back.z, -0)).toBe(true);
    expect(back.bytes).toBeInstanceOf(Uint8Array);
  });

  it('keeps a stored object that has a "$t" key as data, not as a tag', () => {
    const value = { $t: 'bytes', v: 'AAAA' };
    expect(roundTrip(value)).toEqual(value);
  });

  it('keeps an own property named "__proto__", through JSON as well (an assignment would set the prototype)', () => {
    const value = JSON.parse('{"__proto__":[1],"inner":{"__proto__":{"x":1}}}') as Record<string, unknown>;
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as Record<string, unknown>;
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(back).toEqual(value);
    expect(Object.hasOwn(back['inner'] as object, '__proto__')).toBe(true);
  });

  it('keeps Blob content', () => {
    const back = roundTrip({ file: new BlobContent('text/plain', Uint8Array.from([7])) }) as { file: BlobContent };
    expect(back.file).toBeInstanceOf(BlobContent);
    expect(back.file.type).toBe('text/plain');
    expect([...back.file.bytes]).toEqual([7]);
  });

  it('refuses what it cannot restore instead of dropping it', () => {
    expect(() => encodeValue({ key: new Map() })).toThrow(UnencodableValueError);
    expect(() => encodeValue({ f: () => 1 })).toThrow(UnencodableValueError);
  });

  it('refuses unknown or malformed tags', () => {
    expect(() => decodeValue({ $t: 'mystery' })).toThrow(MalformedValueError);
    expect(() => decodeValue({ $t: 'date', v: 'yesterday' })).toThrow(MalformedValueError);
  });
});
