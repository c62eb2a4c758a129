/**
 * Generators of hostile input shared by the fuzz properties: mutations of valid samples (bit
 * flips, truncation, insertion, deletion, splicing, huge repeats), text with unicode edge cases
 * and markup, deeply nested and oversized JSON.
 */
import fc from 'fast-check';

// ---- byte mutations --------------------------------------------------------------------------------

export type ByteMutation =
  | { readonly kind: 'flip'; readonly at: number; readonly xor: number }
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'splice'; readonly at: number; readonly from: number; readonly count: number }
  | { readonly kind: 'repeat'; readonly at: number; readonly count: number; readonly times: number }
  | { readonly kind: 'set32'; readonly at: number; readonly value: number };

/** Absurd 32-bit values (sizes, counts, offsets) for `set32`. */
const ABSURD_U32 = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0xffff, 0x10000];

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 32 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), from: fc.nat(), count: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 32 }), times: fc.integer({ min: 2, max: 2000 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('set32' as const),
      at: fc.nat(),
      value: fc.oneof(fc.constantFrom(...ABSURD_U32), fc.integer({ min: 0, max: 0xffffffff })),
    }),
  },
);

export const byteMutations = fc.array(byteMutation, { minLength: 1, maxLength: 4 });

/** Applies mutations to a copy of `bytes` (positions taken modulo the current length). */
export function mutateBytes(bytes: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let b: Uint8Array = Uint8Array.from(bytes);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    switch (m.kind) {
      case 'flip':
        if (b.length > 0) b[at] = (b[at] ?? 0) ^ m.xor;
        break;
      case 'cut':
        b = b.slice(0, at);
        break;
      case 'insert':
        b = concat(b.subarray(0, at), m.bytes, b.subarray(at));
        break;
      case 'delete':
        b = concat(b.subarray(0, at), b.subarray(at + m.count));
        break;
      case 'splice': {
        // A piece of the file copied over another place (an entry header where data should be, …).
        const from = b.length === 0 ? 0 : m.from % b.length;
        b = concat(b.subarray(0, at), b.subarray(from, from + m.count), b.subarray(at + m.count));
        break;
      }
      case 'repeat': {
        const piece = b.subarray(at, at + m.count);
        const repeated = new Uint8Array(piece.length * m.times);
        for (let i = 0; i < m.times; i++) repeated.set(piece, i * piece.length);
        b = concat(b.subarray(0, at), repeated, b.subarray(at));
        break;
      }
      case 'set32':
        if (b.length >= 4) new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(Math.min(at, b.length - 4), m.value >>> 0, true);
        break;
    }
  }
  return b;
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---- hostile text ----------------------------------------------------------------------------------

/** Markup and URLs that would run script if any output path treated text as HTML, SVG or Markdown. */
export const XSS_PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '<javascript:alert(1)>',
  '![x](https://evil.invalid/x.png)',
  '</text><script>alert(1)</script><text>',
  ']]><script>alert(1)</script>',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<!--<script>alert(1)</script>-->',
  '<style>*{background:url(javascript:alert(1))}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<foreignObject><body onload=alert(1)></foreignObject>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '=HYPERLINK("javascript:alert(1)")',
  '<?xml-stylesheet href="evil.xsl"?>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
];

/** Unicode that breaks naive code: lone surrogates, NUL, bidi controls, BOM, combining marks, … */
export const UNICODE_EDGES = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDFFF',
  '\u202E',
  '\u202D',
  '\u2066',
  '\u200F',
  '\u200B',
  '\uFEFF',
  '\uFFFE',
  '\uFFFF',
  '\u2028',
  '\u2029',
  '\r\n',
  '\r',
  '\n',
  '\t',
  '\u000B',
  '\u001B[31m',
  'é',
  'e\u0301',
  'Ĳ',
  'ß',
  'İ',
  '😀',
  '👩‍👩‍👧',
  '\u0085',
  '\u00A0',
  'Z\u0351\u0364\u0300\u0347\u0330',
];

/** Characters that mean something to the formats under test. */
const SEPARATORS = [';', ',', ':', '\\', '"', "'", '=', '\\n', '\\,', '\\;', '\n ', '\n\t', 'BEGIN:VCARD', 'END:VCARD', '{', '}', '[', ']', '__proto__', 'constructor'];

/** Text mixing ordinary words, separators, unicode edge cases and markup. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      { weight: 2, arbitrary: fc.constantFrom(...UNICODE_EDGES) },
      { weight: 2, arbitrary: fc.constantFrom(...XSS_PAYLOADS) },
      { weight: 2, arbitrary: fc.constantFrom(...SEPARATORS) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

/** Hostile text that is not blank (for fields that must have content). */
export const hostileNonBlank = hostileText.filter((t) => t.trim().length > 0);

/** A very long text: one piece repeated (to check that refusals and limits do not echo it). */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(fc.constantFrom(...XSS_PAYLOADS, 'A', ';', '\n', '"'), fc.string({ minLength: 1, maxLength: 4 })), fc.integer({ min: 2_000, max: 200_000 }))
  .map(([piece, times]) => piece.repeat(Math.ceil(times / Math.max(1, piece.length))));

// ---- hostile JSON ----------------------------------------------------------------------------------

/** `depth` nested arrays or objects (recursion-based code overflows its stack on these). */
export function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 200_000 }), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => deeplyNested(depth, kind));

/** An object whose field `key` holds a deeply nested value (code that quotes the field overflows). */
export function deepJsonField(keys: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...keys), deepJsonText)
    .map(([key, deep]) => `{${JSON.stringify(key)}:${deep}}`);
}

/**
 * A valid JSON value changed: a field dropped, swapped for another's value, replaced by hostile
 * text, a huge number, a deeply nested value, a duplicate key, or `__proto__`.
 */
export type JsonMutation =
  | { readonly kind: 'drop'; readonly pick: number }
  | { readonly kind: 'swap'; readonly pick: number; readonly other: number }
  | { readonly kind: 'text'; readonly pick: number; readonly text: string }
  | { readonly kind: 'number'; readonly pick: number; readonly value: number }
  | { readonly kind: 'nest'; readonly pick: number; readonly depth: number }
  | { readonly kind: 'array'; readonly pick: number; readonly length: number }
  | { readonly kind: 'proto'; readonly pick: number };

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), pick: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('text' as const), pick: fc.nat(), text: fc.oneof(hostileText, hugeText) }),
  fc.record({
    kind: fc.constant('number' as const),
    pick: fc.nat(),
    value: fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 0.5, 1e-300, Number.MAX_SAFE_INTEGER, 4_294_967_296, 8_640_000_000_000_000),
  }),
  fc.record({ kind: fc.constant('nest' as const), pick: fc.nat(), depth: fc.integer({ min: 10, max: 1_000 }) }),
  fc.record({ kind: fc.constant('array' as const), pick: fc.nat(), length: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({ kind: fc.constant('proto' as const), pick: fc.nat() }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every (container, key) of a JSON value down to `maxDepth`, breadth first (no recursion: values may be deep). */
function slots(root: Json, maxDepth = 12): Array<{ holder: Json[] | { [key: string]: Json }; key: string | number }> {
  const out: Array<{ holder: Json[] | { [key: string]: Json }; key: string | number }> = [];
  let level: Json[] = [root];
  for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
    const next: Json[] = [];
    for (const value of level) {
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          out.push({ holder: value, key: i });
          next.push(v);
        });
      } else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          out.push({ holder: value, key: k });
          next.push(v);
        }
      }
    }
    level = next;
  }
  return out;
}

function nestedValue(depth: number): Json {
  let v: Json = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

/**
 * A mutated deep copy of `value` (a JSON value). Nested values stay within ~1,000 levels, which
 * `JSON.stringify` handles; deeper nesting is tested as text (`deeplyNested`).
 */
export function mutateJson(value: unknown, mutations: readonly JsonMutation[]): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  for (const m of mutations) {
    const all = slots(copy);
    const slot = all[m.pick % Math.max(1, all.length)];
    if (!slot) continue;
    const { holder, key } = slot;
    const set = (v: Json) => {
      (holder as Record<string | number, Json>)[key] = v;
    };
    switch (m.kind) {
      case 'drop':
        if (Array.isArray(holder)) holder.splice(key as number, 1);
        else delete holder[key as string];
        break;
      case 'swap': {
        const other = all[m.other % all.length];
        if (other) set(structuredClone((other.holder as Record<string | number, Json>)[other.key] ?? null));
        break;
      }
      case 'text':
        set(m.text);
        break;
      case 'number':
        set(m.value);
        break;
      case 'nest':
        set(nestedValue(m.depth));
        break;
      case 'array':
        set(Array.from({ length: m.length }, (_, i) => i));
        break;
      case 'proto':
        if (!Array.isArray(holder)) Object.defineProperty(holder, '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
        break;
    }
  }
  return copy;
}

export const jsonMutations = fc.array(jsonMutation, { minLength: 1, maxLength: 3 });

/** Text-level mutations of a JSON document: a duplicate key, a truncation, a byte-level change. */
export function duplicateKey(text: string, key: string, value: string): string {
  const i = text.indexOf('{');
  return i < 0 ? text : `${text.slice(0, i + 1)}${JSON.stringify(key)}:${value},${text.slice(i + 1)}`;
}

/** The JSON text of a value: canonical when possible, else plain; null when it has none (too deep). */
export function jsonText(value: unknown, canonical: (v: unknown) => string): string | null {
  try {
    return canonical(value);
  } catch {
    try {
      return JSON.stringify(value) ?? null;
    } catch {
      return null;
    }
  }
}
