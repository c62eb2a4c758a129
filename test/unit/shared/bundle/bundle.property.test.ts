/**
 * Property tests: read ∘ write = identity for arbitrary valid operation lists, and no mutation of
 * a bundle's bytes ever makes the reader throw or accept something else.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../../../shared/bundle/canonical';
import { BUNDLE_ERROR_CODES } from '../../../../shared/bundle/errors';
import { readBundle, type ReadBundleResult } from '../../../../shared/bundle/readBundle';
import type { SecretIdentity } from '../../../../shared/crypto/identity';
import { formatHlc } from '../../../../shared/journal/hlc';
import { compareOperations, type Operation } from '../../../../shared/journal/operation';
import { APPEND_ONLY_TABLES, REPLICATED_TABLES } from '../../../../shared/journal/tables';
import { TLP_LABELS } from '../../../../shared/model/tlp';
import { bundleBytes, chunksOf, keyringOf, logEntryOperations, makeIdentity, testUlid } from './bundleFixtures';

let alice: SecretIdentity;
let bob: SecretIdentity;

beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  bob = await makeIdentity('CCB', 'BE');
});

const ORIGINS = [testUlid('ORIGA', 1), testUlid('ORIGB', 2), 'builtin'] as const;
const RECORDS = Array.from({ length: 6 }, (_, i) => testUlid('REC', i));

/** JSON values as they come out of JSON.parse (no -0, no undefined). */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

const operationArb = fc.record({
  opId: fc.integer({ min: 0, max: 1_000_000 }).map((n) => testUlid('OP', n)),
  millis: fc.integer({ min: Date.parse('2025-01-01T00:00:00.000Z'), max: Date.parse('2027-01-01T00:00:00.000Z') }),
  counter: fc.integer({ min: 0, max: 0xffff }),
  origin: fc.constantFrom(...ORIGINS),
  table: fc.constantFrom(...REPLICATED_TABLES),
  recordId: fc.constantFrom(...RECORDS),
  kind: fc.constantFrom('create' as const, 'update' as const, 'delete' as const),
  fields: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), jsonValue, { maxKeys: 6 }),
  tlp: fc.option(fc.constantFrom(...TLP_LABELS), { nil: undefined }),
  base: fc.option(fc.dictionary(fc.constantFrom(...ORIGINS), fc.integer({ min: 0, max: 1e12 }).map((ms) => formatHlc({ millis: ms, counter: 1, node: ORIGINS[0] }))), { nil: undefined }),
});

/** Valid, strictly ordered, unique operation lists of one workspace. */
const operationsArb = fc.array(operationArb, { maxLength: 40 }).map((drafts) => {
  const ops: Operation[] = drafts.map((d) => {
    const kind = APPEND_ONLY_TABLES.has(d.table) ? 'create' : d.kind;
    // A creation names its maker (its own origin); an edit never touches the maker.
    const rest = { ...d.fields };
    delete rest['origin'];
    return { ...d, kind, fields: kind === 'create' ? { ...rest, origin: d.origin } : rest };
  }).map((d) => ({
    opId: d.opId,
    hlc: formatHlc({ millis: d.millis, counter: d.counter, node: d.origin }),
    origin: d.origin,
    workspace: 'real',
    table: d.table,
    recordId: d.recordId,
    // Log entries are append-only: only their creations travel.
    kind: d.kind,
    // An operation speaks for its own record and workspace: the reader refuses fields naming others.
    fields: { ...d.fields, ...('id' in d.fields ? { id: d.recordId } : {}), ...('workspace' in d.fields ? { workspace: 'real' } : {}), ...(d.tlp === undefined ? {} : { tlp: d.tlp }) },
    ...(d.base === undefined ? {} : { base: d.base }),
  }));
  const sorted = ops.filter((op) => !canonicalize(op).includes('"__proto__":')).sort(compareOperations);
  // One operation per id (two under one id are refused).
  const ids = new Set<string>();
  return sorted.filter((op) => {
    if (ids.has(op.opId)) return false;
    ids.add(op.opId);
    return true;
  });
});

describe('bundle properties', () => {
  it('reads back exactly the operations written, for any valid list', async () => {
    await fc.assert(
      fc.asyncProperty(operationsArb, fc.integer({ min: 1, max: 5000 }), async (ops, chunk) => {
        const { bytes, written } = await bundleBytes(alice, ops);
        const r = await readBundle(chunksOf(bytes, chunk), { resolveSigner: keyringOf(alice.card) });
        if (!r.ok) throw new Error(`${r.error.code}: ${r.error.detail}`);
        expect(r.bundle.operations).toEqual(ops);
        expect(r.bundle.header).toEqual(written.header);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips encrypted bundles too', async () => {
    await fc.assert(
      fc.asyncProperty(operationsArb, async (ops) => {
        const { bytes } = await bundleBytes(alice, ops, { recipients: [bob.card] });
        const r = await readBundle(chunksOf(bytes, 1500), { resolveSigner: keyringOf(alice.card), identities: [bob.ageIdentity] });
        expect(r.ok && r.bundle.operations).toEqual(ops);
      }),
      { numRuns: 25 },
    );
  });

  type Mutation =
    | { kind: 'flip'; at: number; xor: number }
    | { kind: 'cut'; at: number }
    | { kind: 'insert'; at: number; bytes: Uint8Array }
    | { kind: 'delete'; at: number; count: number };

  const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
  );

  function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
    let b = Uint8Array.from(bytes);
    for (const m of mutations) {
      const at = b.length === 0 ? 0 : m.at % b.length;
      if (m.kind === 'flip' && b.length > 0) b[at] = (b[at] ?? 0) ^ m.xor;
      if (m.kind === 'cut') b = b.slice(0, at);
      if (m.kind === 'insert') b = Uint8Array.from([...b.slice(0, at), ...m.bytes, ...b.slice(at)]);
      if (m.kind === 'delete') b = Uint8Array.from([...b.slice(0, at), ...b.slice(at + m.count)]);
    }
    return b;
  }

  async function checkMutations(original: Uint8Array, read: (b: Uint8Array) => Promise<ReadBundleResult>, expected: ReadBundleResult, numRuns: number): Promise<void> {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const changed = mutate(original, mutations);
        const r = await read(changed); // must not throw
        if (r.ok) {
          // Only a mutation that left the bytes as they were may be accepted, and then with the same content.
          expect(changed).toEqual(original);
          expect(r).toEqual(expected);
        } else {
          expect(BUNDLE_ERROR_CODES).toContain(r.error.code);
          expect(typeof r.error.detail).toBe('string');
        }
      }),
      { numRuns },
    );
  }

  it('never crashes and never accepts a changed plain bundle', async () => {
    const { bytes } = await bundleBytes(alice, logEntryOperations(5, { origin: alice.card.installationId }));
    const read = (b: Uint8Array): Promise<ReadBundleResult> => readBundle(chunksOf(b, 700), { resolveSigner: keyringOf(alice.card) });
    await checkMutations(bytes, read, await read(bytes), 1000);
  });

  it('never crashes and never accepts a changed encrypted bundle', async () => {
    const { bytes } = await bundleBytes(alice, logEntryOperations(5, { origin: alice.card.installationId }), { recipients: [bob.card] });
    const read = (b: Uint8Array): Promise<ReadBundleResult> =>
      readBundle(chunksOf(b, 700), { resolveSigner: keyringOf(alice.card), identities: [bob.ageIdentity] });
    await checkMutations(bytes, read, await read(bytes), 200);
  });
});
