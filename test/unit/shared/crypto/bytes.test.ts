import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, fromUtf8, toBase64, toCrockfordBase32, toHex, utf8 } from '../../../../shared/crypto/bytes';
import { formatFingerprint, normaliseFingerprint } from '../../../../shared/crypto/fingerprint';

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %s (RFC 4648 §10)', (text, b64) => {
    expect(toBase64(utf8(text))).toBe(b64);
    expect(fromUtf8(fromBase64(b64))).toBe(text);
  });

  it('round-trips any bytes and agrees with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const b64 = toBase64(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(b64)).toEqual(bytes);
      }),
    );
  });

  it.each(['Zg=', 'Zg', 'Zh==', 'Zm9v\n', 'Z===', 'Zm-v', ' Zm9v'])('refuses the non-canonical %j', (text) => {
    expect(() => fromBase64(text)).toThrow();
  });
});

describe('hex and UTF-8', () => {
  it('round-trips hex and refuses bad hex', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(fromHex('000FfF')).toEqual(new Uint8Array([0, 15, 255]));
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('zz')).toThrow();
  });

  it('refuses invalid UTF-8 instead of replacing it', () => {
    expect(() => fromUtf8(new Uint8Array([0xc3, 0x28]))).toThrow();
    expect(fromUtf8(utf8('EXERCISE — OEFENING'))).toBe('EXERCISE — OEFENING');
  });
});

describe('Crockford base32 fingerprints', () => {
  it('encodes 5 bytes as 8 characters without I, L, O, U', () => {
    expect(toCrockfordBase32(new Uint8Array([0, 0, 0, 0, 0]))).toBe('00000000');
    expect(toCrockfordBase32(new Uint8Array([255, 255, 255, 255, 255]))).toBe('ZZZZZZZZ');
    expect(toCrockfordBase32(new Uint8Array([0x08, 0x86, 0x42, 0x98, 0xe8]))).toBe('12345678');
  });

  it('groups by four and normalises what people type', () => {
    const f = formatFingerprint(new Uint8Array(20).map((_, i) => i * 13));
    expect(f).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseFingerprint(f.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l'))).toBe(f);
    expect(() => formatFingerprint(new Uint8Array(3))).toThrow();
  });
});
