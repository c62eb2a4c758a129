import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalize, isCanonicalText, parseCanonicalJson } from '../../../../shared/bundle/canonical';

// RFC 8785 examples: §3.2.2 (values), §3.2.3 (sorting by UTF-16 code units), Appendix B (numbers).
describe('RFC 8785 JSON canonicalisation', () => {
  it('serialises the §3.2.2 example exactly', () => {
    const input: unknown = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts keys by UTF-16 code units (§3.2.3)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [9007199254740992, '9007199254740992'],
    [295147905179352830000, '295147905179352830000'],
    [-1.5e-300, '-1.5e-300'],
  ])('writes the number %s as %s (Appendix B)', (n, text) => {
    expect(canonicalize(n)).toBe(text);
  });

  it('refuses what JSON cannot represent', () => {
    expect(() => canonicalize(undefined)).toThrow();
    expect(() => canonicalize({ n: Number.NaN })).toThrow();
    expect(() => canonicalize({ s: '\ud800' })).toThrow();
  });

  it('accepts canonical bytes and refuses the same data in any other form', () => {
    const value = { b: [1, 'two'], a: { y: null, x: true } };
    expect(parseCanonicalJson(canonicalBytes(value))?.value).toEqual(value);
    for (const other of ['{"b":[1,"two"],"a":{"x":true,"y":null}}', '{"a": {"x":true,"y":null},"b":[1,"two"]}', '{"a":{"x":true,"y":null},"b":[1.0,"two"]}']) {
      expect(parseCanonicalJson(new TextEncoder().encode(other))).toBeNull();
    }
    expect(parseCanonicalJson(new Uint8Array([0x22, 0xff, 0x22]))).toBeNull();
  });
});

describe('isCanonicalText', () => {
  /** The verdict the full comparison gives (a refusal by canonicalize counts as "not canonical"). */
  const full = (text: string): boolean | 'throws' => {
    try {
      return canonicalize(JSON.parse(text)) === text;
    } catch {
      return 'throws';
    }
  };
  const quick = (text: string): boolean | 'throws' => {
    try {
      return isCanonicalText(JSON.parse(text), text);
    } catch {
      return 'throws';
    }
  };

  it.each([
    '{"a":1,"b":[1,2,{"c":null,"d":"x"}]}',
    '{"b":1,"a":2}',
    '{"a":1, "b":2}',
    '{"10":1,"9":2}',
    '{"9":1,"10":2}',
    '{"1":1,"a":2}',
    '{"a":1,"a":2}',
    '{"a":-0}',
    '{"a":1e21}',
    '{"a":1e+21}',
    '{"a":1.50}',
    '{"a":"\\u0041"}',
    '{"a":"\\u000f"}',
    '{"a":"\\u000F"}',
    '{"a":"\\ud800"}',
    '{"a":"\\uD800"}',
    '{"a":"\\ud83d\\ude00"}',
    '{"a":"😀"}',
    '{"a":"\\/"}',
    '{"\\u20ac":1,"\\r":2}',
    '{"\\r":2,"€":1}',
    '[{"b":1,"a":2}]',
    '"x"',
    '{"__proto__":1}',
  ])('gives the verdict of the full comparison for %s', (text) => {
    expect(quick(text)).toBe(full(text));
  });

  it('agrees with the full comparison on arbitrary JSON, written canonically or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, canonical) => {
        const text = canonical ? canonicalize(value) : JSON.stringify(value);
        expect(quick(text)).toBe(full(text));
      }),
      { numRuns: 500 },
    );
  });
});
