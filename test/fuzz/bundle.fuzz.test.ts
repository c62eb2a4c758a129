/**
 * Fuzzing the bundle reader (issue 9): the container (ZIP / age), the header and the payload, each
 * with generated and mutated input. Properties: `readBundle` never throws, refuses with one of
 * `BUNDLE_ERROR_CODES` and a bounded technical detail, accepts only what a trusted signer signed,
 * and stops a decompression bomb before inflating it.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../shared/bundle/canonical';
import { ScatteredBlockDecoder, type ScatterPlan } from '../unit/shared/bundle/scatteredBlockDecoder';
import { BUNDLE_ERROR_CODES, type BundleError } from '../../shared/bundle/errors';
import { BundleHeaderSchema, type BundleHeader } from '../../shared/bundle/header';
import { resolveLimits, type BundleLimits } from '../../shared/bundle/limits';
import { OperationDecoder } from '../../shared/bundle/payload';
import { readBundle, type ReadBundleResult } from '../../shared/bundle/readBundle';
import type { SecretIdentity } from '../../shared/crypto/identity';
import type { Operation } from '../../shared/journal/operation';
import { entriesOf, keyringOf, logEntryOperations, makeIdentity, rezip } from '../unit/shared/bundle/bundleFixtures';
import { bundleBytes, chunksOf, gzLines, headerFor, headerTemplate, sealRaw, testUlid } from './bundleKit';
import { MAX_DETAIL_CHARS, TEST_TIMEOUT_MS, expectBoundedMessage, fuzzParser, reportCounts } from './fuzzKit';
import { byteMutations, concat, deeplyNested, hostileText, jsonMutations, jsonText, mutateBytes, mutateJson } from './hostile';

reportCounts('bundle');

let alice: SecretIdentity;
let bob: SecretIdentity;
let mallory: SecretIdentity;
let ops: Operation[];
let plain: Uint8Array;
let encrypted: Uint8Array;
let template: BundleHeader;

beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  bob = await makeIdentity('CCB', 'BE');
  mallory = await makeIdentity('EVIL', 'FR');
  ops = logEntryOperations(5, { origin: alice.card.installationId });
  plain = (await bundleBytes(alice, ops)).bytes;
  encrypted = (await bundleBytes(alice, ops, { recipients: [bob.card] })).bytes;
  template = await headerTemplate(alice);
});

function read(bytes: Uint8Array, chunk = 700, limits?: Partial<BundleLimits>): Promise<ReadBundleResult> {
  return readBundle(chunksOf(bytes, chunk), { resolveSigner: keyringOf(alice.card), identities: [bob.ageIdentity], ...(limits ? { limits } : {}) });
}

/**
 * The longest detail a bundle refusal may have. (Was the 64 KiB header limit: details quoted header
 * values whole — `formatVersion`, schema issue paths with `counts` keys, "operations on <table>",
 * "addressed to <to…>"; the reader now quotes values cut short and bounds every detail.)
 */
const BUNDLE_DETAIL_BOUND = MAX_DETAIL_CHARS;

/** What every refusal must be: a known code and a non-empty technical detail of bounded length. */
function expectRefusal(error: BundleError, input?: string): void {
  expect(BUNDLE_ERROR_CODES).toContain(error.code);
  expectBoundedMessage(error.detail, input, BUNDLE_DETAIL_BOUND);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe('bundle container (ZIP, age)', () => {
  const container = fuzzParser('bundle container', 4);

  it('never throws on a mutated plain bundle, and accepts only the unchanged one', { timeout: TEST_TIMEOUT_MS }, async () => {
    await container.checkAsync(400, [byteMutations, fc.integer({ min: 1, max: 4096 })], async (mutations, chunk) => {
      const changed = mutateBytes(plain, mutations);
      const r = await read(changed, chunk);
      if (r.ok) {
        expect(sameBytes(changed, plain)).toBe(true);
        expect(r.bundle.operations).toEqual(ops);
      } else expectRefusal(r.error);
    });
  });

  it('never throws on a mutated encrypted bundle', { timeout: TEST_TIMEOUT_MS }, async () => {
    await container.checkAsync(100, [byteMutations], async (mutations) => {
      const changed = mutateBytes(encrypted, mutations);
      const r = await read(changed);
      if (r.ok) expect(r.bundle.operations).toEqual(ops);
      else expectRefusal(r.error);
    });
  });

  it('refuses arbitrary bytes, also behind a ZIP or age magic', { timeout: TEST_TIMEOUT_MS }, async () => {
    const prefixes = [new Uint8Array(0), new Uint8Array([0x50, 0x4b, 0x03, 0x04]), new TextEncoder().encode('age-encryption.org/v1\n'), new TextEncoder().encode('-----BEGIN AGE ENCRYPTED FILE-----\n'), plain.subarray(0, 30)];
    await container.checkAsync(300, [fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 4096 })], async (prefix, rest) => {
      const r = await read(concat(prefix, rest));
      expect(r.ok).toBe(false);
      if (!r.ok) expectRefusal(r.error);
    });
  });

  it('refuses absurd entry sizes, entry counts and offsets without allocating them', { timeout: TEST_TIMEOUT_MS }, async () => {
    // Where the size, CRC and count fields of the first three local headers and the end record lie.
    const fieldOffsets = localHeaderFields(plain);
    await container.checkAsync(
      200,
      [fc.constantFrom(...fieldOffsets), fc.constantFrom(0, 1, 0x7fffffff, 0xfffffffe, 0xffffffff, 0xffff, 0x10000, 64 * 1024 + 1, 4 * 1024 + 1)],
      async (at, value) => {
        const changed = plain.slice();
        const view = new DataView(changed.buffer);
        if (at.size === 4) view.setUint32(at.offset, value >>> 0, true);
        else view.setUint16(at.offset, value & 0xffff, true);
        // Make both size fields agree, as a forger would, so that the size itself is what is checked.
        if (at.twin !== undefined) view.setUint32(at.twin, value >>> 0, true);
        const r = await read(changed);
        if (r.ok) expect(sameBytes(changed, plain)).toBe(true);
        else expectRefusal(r.error);
      },
    );
  });
});

describe('bundle container: absurd counts', () => {
  const container = fuzzParser('bundle container', 4);

  it('reads a 1.1 bundle with thousands of extra entries in bounded time, and refuses more than a ZIP can count', { timeout: TEST_TIMEOUT_MS }, async () => {
    const payload = gzLines(ops.map((op) => canonicalize(op)));
    const signed = await sealRaw(alice, headerFor(template, payload, { logEntries: ops.length }, { formatVersion: '1.1' }), payload);
    const entries = entriesOf(signed);
    for (const extra of [2_000, 70_000]) {
      const many = [...entries, ...Array.from({ length: extra }, (_, i) => ({ name: `extra/${i}.bin`, data: new Uint8Array([i & 0xff]) }))];
      // Past 65,535 entries the 16-bit counts of the end record wrap: our writer cannot say how many there are.
      const r = await read(await rezip(many), 64 * 1024);
      container.counted();
      if (extra < 0xffff) expect(r.ok && r.bundle.operations).toEqual(ops);
      else {
        expect(r.ok).toBe(false);
        if (!r.ok) expectRefusal(r.error);
      }
    }
  });

  it('refuses a signed header announcing absurd operation counts or payload sizes, before reading the payload', async () => {
    const payload = gzLines([]);
    for (const overrides of [
      { operations: Number.MAX_SAFE_INTEGER, counts: { logEntries: Number.MAX_SAFE_INTEGER } },
      { operations: 2_000_001, counts: { logEntries: 2_000_001 } },
      { payload: { name: 'operations.ndjson.gz', bytes: Number.MAX_SAFE_INTEGER, blake2b512: '0'.repeat(128) } },
    ]) {
      const r = await read(await sealRaw(alice, { ...headerFor(template, payload, {}), ...overrides }, payload));
      container.counted();
      expect(r).toMatchObject({ ok: false, error: { code: 'bundle-too-large' } });
    }
  });

  it('refuses more operation lines than the limit allows', async () => {
    const decoder = new OperationDecoder('real', resolveLimits({ maxOperations: 3 }), null);
    await decoder.push(gzLines(ops.map((op) => canonicalize(op))));
    await decoder.finish();
    container.counted();
    expect(decoder.error?.code).toBe('bundle-too-large');
  });
});

type BombKind = 'zeros' | 'newlines' | 'one-line';
/** What a bomb expands to: 64 MiB from about 64 KiB. */
const BOMB_BYTES = 64 * 1024 * 1024;
const bombs = new Map<BombKind, Uint8Array>();

/** A gzip bomb, made once (with Node's zlib: fflate takes seconds for 64 MiB). */
function bomb(kind: BombKind): Uint8Array {
  const made = bombs.get(kind);
  if (made) return made;
  const raw = Buffer.alloc(BOMB_BYTES, kind === 'zeros' ? 0 : kind === 'newlines' ? 0x0a : 0x20);
  if (kind === 'one-line') raw.write('{"opId":"');
  const out = new Uint8Array(gzipSync(raw, { level: 9 }));
  bombs.set(kind, out);
  return out;
}

/** Offsets of the numeric fields of the local headers and the end record of a plain bundle. */
function localHeaderFields(bytes: Uint8Array): Array<{ offset: number; size: 2 | 4; twin?: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Array<{ offset: number; size: 2 | 4; twin?: number }> = [];
  let at = 0;
  while (at + 30 <= bytes.length && view.getUint32(at, true) === 0x04034b50) {
    out.push({ offset: at + 14, size: 4 }, { offset: at + 18, size: 4, twin: at + 22 }, { offset: at + 26, size: 2 }, { offset: at + 28, size: 2 });
    at += 30 + view.getUint16(at + 26, true) + view.getUint32(at + 18, true);
  }
  const end = bytes.length - 22;
  out.push({ offset: end + 8, size: 2 }, { offset: end + 10, size: 2 }, { offset: end + 12, size: 4 }, { offset: end + 16, size: 4 });
  return out;
}

describe('bundle header', () => {
  const header = fuzzParser('bundle header', 2);

  it('refuses any mutated header.json of a bundle, before or at its signature, without throwing', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The header is checked (canonical form, format, version, schema) before its signature: these
    // bundles keep the original signatures, so only an unchanged header may pass.
    const original = entriesOf(plain);
    const headerJson = JSON.parse(new TextDecoder().decode(original[0]?.data)) as unknown;
    await header.checkAsync(1000, [jsonMutations, fc.boolean()], async (mutations, canonical) => {
      const value = mutateJson(headerJson, mutations);
      const text = canonical ? jsonText(value, canonicalize) : jsonText(value, (v) => JSON.stringify(v, null, 1));
      if (text === null) return;
      const entries = original.map((e, i) => (i === 0 ? { ...e, data: new TextEncoder().encode(text) } : e));
      const r = await read(await rezip(entries), 64 * 1024);
      if (r.ok) expect(text).toBe(new TextDecoder().decode(original[0]?.data));
      else expectRefusal(r.error);
    });
  });

  it('keeps every refusal detail under MAX_DETAIL_CHARS, however long the header values it quotes', async () => {
    // Found by the header property (seed -522833452): a formatVersion of 5,000 numbers was quoted whole.
    const entries = entriesOf(plain);
    const original = JSON.parse(new TextDecoder().decode(entries[0]?.data)) as Record<string, unknown>;
    const huge = Array.from({ length: 5_000 }, (_, i) => i);
    const longKey = 'k'.repeat(20_000);
    for (const changes of [{ formatVersion: huge }, { counts: { [longKey]: -1 } }, { counts: { [longKey]: 0, logEntries: 0 } }]) {
      const changed = entries.map((e, i) => (i === 0 ? { ...e, data: new TextEncoder().encode(canonicalize({ ...original, ...changes })) } : e));
      const r = await read(await rezip(changed), 64 * 1024);
      header.counted();
      expect(r.ok).toBe(false);
      if (!r.ok) expectBoundedMessage(r.error.detail, JSON.stringify(changes), MAX_DETAIL_CHARS);
    }
    // Signed, addressed to a thousand other installations: "addressed to …" is cut short.
    const payload = gzLines([]);
    const to = Array.from({ length: 1_000 }, (_, i) => testUlid('OTHER', i));
    const r = await readBundle(chunksOf(await sealRaw(alice, headerFor(template, payload, {}, { to }), payload)), {
      resolveSigner: keyringOf(alice.card),
      thisInstallation: testUlid('ME', 1),
    });
    header.counted();
    expect(r).toMatchObject({ ok: false, error: { code: 'bundle-not-for-this-installation' } });
    if (!r.ok) expectBoundedMessage(r.error.detail, to.join(', '), MAX_DETAIL_CHARS);
  });

  it('refuses a sender card with a broken signing key through the schema, which never throws', () => {
    // Found by the header property (seed 1095392688): the keyId refinement threw "not base64".
    const broken = JSON.parse(JSON.stringify(template)) as { sender: { card: { signingKey: string } } };
    for (const signingKey of ['[[[', '', 'RWQ=', 'x'.repeat(10_000)]) {
      broken.sender.card.signingKey = signingKey;
      let parsed: ReturnType<typeof BundleHeaderSchema.safeParse> | undefined;
      expect(() => {
        parsed = BundleHeaderSchema.safeParse(broken);
      }).not.toThrow();
      expect(parsed?.success).toBe(false);
      header.counted();
    }
  });

  it('reads signed hostile headers without throwing, refusing all but valid ones', { timeout: TEST_TIMEOUT_MS }, async () => {
    const payload = gzLines([]);
    const base = headerFor(template, payload, {});
    await header.checkAsync(150, [jsonMutations, fc.boolean()], async (mutations, byStranger) => {
      const mutated = mutateJson(base, mutations) as Record<string, unknown>;
      let bytes: Uint8Array;
      try {
        bytes = await sealRaw(byStranger ? mallory : alice, mutated, payload);
      } catch {
        // Not serialisable as canonical JSON (a lone surrogate) or over the header limit: no writer can send it.
        return;
      }
      const r = await read(bytes);
      if (r.ok) {
        expect(byStranger).toBe(false);
        expect(BundleHeaderSchema.safeParse(mutated).success).toBe(true);
      } else expectRefusal(r.error);
    });
  });
});

describe('bundle payload', () => {
  const payload = fuzzParser('bundle payload', 5);
  const limits = resolveLimits({});

  async function decode(gz: Uint8Array, l: BundleLimits = limits, chunk = 1000): Promise<OperationDecoder> {
    const decoder = new OperationDecoder('real', l, null);
    for (let i = 0; i < gz.length; i += chunk) await decoder.push(gz.subarray(i, i + chunk));
    await decoder.finish();
    return decoder;
  }

  const opLine = fc.tuple(fc.nat({ max: 4 }), fc.option(jsonMutations, { nil: undefined }), fc.boolean());

  it('decodes any mutation of valid operation lines without throwing', { timeout: TEST_TIMEOUT_MS }, async () => {
    await payload.checkAsync(
      400,
      [
        fc.array(opLine, { maxLength: 8 }),
        fc.option(fc.oneof(hostileText, fc.constantFrom(deeplyNested(50_000, 'array'), deeplyNested(20_000, 'object'), '{"__proto__":{"x":1}}', '', ' ', '\r')), { nil: undefined }),
      ],
      async (lines, extra) => {
        const texts = lines.flatMap(([index, mutations, canonical]) => {
          const op = ops[index % ops.length] as Operation;
          const value = mutations ? mutateJson(op, mutations) : op;
          const text = canonical ? jsonText(value, canonicalize) : jsonText(value, (v) => JSON.stringify(v, null, 1).replace(/\n/g, ''));
          return text === null ? [] : [text];
        });
        if (extra !== undefined) texts.push(extra);
        const decoder = await decode(gzLines(texts));
        if (decoder.error !== null) expectRefusal(decoder.error);
        else for (const op of decoder.operations) expect(op.workspace).toBe('real');
      },
    );
  });

  /** Decodes with blocks of lines handed to a stand-in worker as `plan` says; resolves once all are through. */
  async function decodeScattered(gz: Uint8Array, plan: ScatterPlan, chunk: number): Promise<{ decoder: OperationDecoder; elsewhere: ScatteredBlockDecoder }> {
    const elsewhere = new ScatteredBlockDecoder(plan);
    const decoder = new OperationDecoder('real', limits, null, { blockDecoder: elsewhere });
    for (let i = 0; i < gz.length; i += chunk) {
      await decoder.push(gz.subarray(i, i + chunk));
      await decoder.settled(2);
    }
    await decoder.finish();
    await decoder.settled(0);
    return { decoder, elsewhere };
  }

  const scatterPlan = fc.record({
    blockBytes: fc.integer({ min: 1, max: 2_000 }),
    takes: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    delaysMs: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
  });

  it('reaches the same verdict and operations wherever the blocks of lines are decoded, in whatever order they come back', { timeout: TEST_TIMEOUT_MS }, async () => {
    const valid = gzLines(ops.map((op) => canonicalize(op)));
    await payload.checkAsync(
      150,
      [
        fc.oneof(
          fc.array(opLine, { maxLength: 12 }).map((lines) =>
            gzLines(
              lines.flatMap(([index, mutations, canonical]) => {
                const op = ops[index % ops.length] as Operation;
                const value = mutations ? mutateJson(op, mutations) : op;
                const text = canonical ? jsonText(value, canonicalize) : jsonText(value, (v) => JSON.stringify(v, null, 1).replace(/\n/g, ''));
                return text === null ? [] : [text];
              }),
            ),
          ),
          byteMutations.map((m) => mutateBytes(valid, m)),
        ),
        scatterPlan,
        fc.integer({ min: 16, max: 4_000 }),
      ],
      async (gz, plan, chunk) => {
        const here = await decode(gz, limits, chunk);
        const { decoder, elsewhere } = await decodeScattered(gz, plan, chunk);
        expect(decoder.error).toEqual(here.error);
        expect(decoder.operations).toEqual(here.operations);
        expect(decoder.counts).toEqual(here.counts);
        expect(decoder.blocksInFlight).toBe(0);
        if (here.error !== null) expectRefusal(here.error);
        // The plan's takes decide whether anything went to the stand-in; a valid payload of several blocks always reaches it when it takes.
        if (here.error === null && plan.takes.every(Boolean) && here.operations.length > 0) expect(elsewhere.taken).toBeGreaterThan(0);
      },
    );
  });

  it('refuses deeply nested operation lines as malformed, whatever the depth', async () => {
    for (const depth of [1_000, 10_000, 100_000, 1_000_000]) {
      for (const kind of ['array', 'object'] as const) {
        const decoder = await decode(gzLines([`{"fields":${deeplyNested(depth, kind)}}`]));
        payload.counted();
        // Malformed, or too large once the ratio guard sees ']]]]…' expand 200-fold.
        expect(['bundle-malformed', 'bundle-too-large']).toContain(decoder.error?.code);
        if (decoder.error) expectRefusal(decoder.error);
      }
    }
  });

  it('refuses arbitrary and mutated gzip bytes without throwing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const valid = gzLines(ops.map((op) => canonicalize(op)));
    await payload.checkAsync(600, [fc.oneof(fc.uint8Array({ maxLength: 2048 }), byteMutations.map((m) => mutateBytes(valid, m)))], async (bytes) => {
      const decoder = await decode(bytes);
      if (decoder.error !== null) expectRefusal(decoder.error);
    });
  });

  it('stops decompression bombs at the limit, long before inflating them', { timeout: TEST_TIMEOUT_MS }, async () => {
    await payload.checkAsync(
      30,
      [
        fc.constantFrom<BombKind>('zeros', 'newlines', 'one-line'),
        fc.integer({ min: 1024, max: 2 * 1024 * 1024 }),
        fc.integer({ min: 2, max: 1000 }),
        fc.integer({ min: 512, max: 32 * 1024 }),
      ],
      async (kind, maxDecompressedBytes, maxCompressionRatio, chunk) => {
        const l = resolveLimits({ maxDecompressedBytes, maxCompressionRatio, ratioGraceBytes: 64 * 1024, maxOperationBytes: 256 * 1024 });
        const decoder = await decode(bomb(kind), l, chunk);
        // Too large; or malformed first (an empty line of the newline bomb), which stops inflating just as well.
        expect(['bundle-too-large', 'bundle-malformed']).toContain(decoder.error?.code);
        if (decoder.error) expectRefusal(decoder.error);
        // Stopped within one inflater push of the limit (16 KiB of input, at most ~16.5 MiB of output),
        // far below the 64 MiB the bomb expands to: memory stays bounded whatever the file holds.
        expect(decoder.decodedBytes).toBeLessThanOrEqual(maxDecompressedBytes + 17 * 1024 * 1024);
        expect(decoder.decodedBytes).toBeLessThan(BOMB_BYTES / 2);
      },
    );
  });

  it('reads signed hostile payloads without throwing', { timeout: TEST_TIMEOUT_MS }, async () => {
    await payload.checkAsync(120, [fc.array(opLine, { minLength: 1, maxLength: 6 }), fc.boolean()], async (lines, countsRight) => {
      const values = lines.map(([index, mutations]) => {
        const op = ops[index % ops.length] as Operation;
        return mutations ? mutateJson(op, mutations) : op;
      });
      const texts = values.flatMap((v) => {
        const text = jsonText(v, canonicalize);
        return text === null ? [] : [text];
      });
      const counts: Record<string, number> = {};
      for (const v of values) {
        const table = (v as { table?: unknown } | null)?.table;
        const key = countsRight && typeof table === 'string' && table.length < 100 ? table : 'logEntries';
        counts[key] = (counts[key] ?? 0) + 1;
      }
      const gz = gzLines(texts);
      let bytes: Uint8Array;
      try {
        bytes = await sealRaw(alice, headerFor(template, gz, counts), gz);
      } catch {
        return;
      }
      const r = await read(bytes, 4096);
      if (r.ok) {
        for (const op of r.bundle.operations) expect(op.workspace).toBe('real');
      } else expectRefusal(r.error);
    });
  });
});
