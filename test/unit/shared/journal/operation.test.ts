import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/journal/canonical';
import { formatHlc } from '../../../../shared/journal/hlc';
import { changedFields, compareOperations, replayOperations, type Operation } from '../../../../shared/journal/operation';

const NODE = '01JEXAMP1E0000000000000001';
const RECORD = '01JEXAMP1E000000000000000R';

describe('changedFields', () => {
  it('lists only fields whose value changed, comparing deeply', () => {
    const before = { title: 'a', channels: [{ type: 'mobile', value: '1' }], tlp: 'AMBER' };
    const after = { title: 'a', channels: [{ value: '1', type: 'mobile' }], tlp: 'RED' };
    expect(changedFields(before, after)).toEqual({ tlp: 'RED' });
  });

  it('sees a change inside nested arrays', () => {
    expect(changedFields({ list: [1, 2] }, { list: [2, 1] })).toEqual({ list: [2, 1] });
  });
});

describe('canonicalJson', () => {
  it('is independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});

/** Operations on one record with distinct clocks and random field values. */
const operationsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 })
  .chain((times) =>
    fc.tuple(
      ...times.map((t, i) =>
        fc.record({ title: fc.option(fc.string(), { nil: undefined }), tlp: fc.option(fc.constantFrom('GREEN', 'AMBER', 'RED'), { nil: undefined }) }).map(
          (fields): Operation => ({
            opId: `01JEXAMP1E${String(i).padStart(16, '0')}`,
            hlc: formatHlc({ millis: Date.parse('2026-01-01T00:00:00.000Z') + t, counter: 0, node: NODE }),
            origin: NODE,
            workspace: 'real',
            table: 'incidents',
            recordId: RECORD,
            kind: i === 0 ? 'create' : 'update',
            fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
          }),
        ),
      ),
    ),
  );

describe('replayOperations', () => {
  it('gives the same record whatever order the operations arrive in (convergence)', () => {
    fc.assert(
      fc.property(operationsArb, fc.integer(), (ops, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }), { seed, numRuns: 1 })[0]!;
        expect(canonicalJson(replayOperations(shuffled).get(RECORD))).toBe(canonicalJson(replayOperations(ops).get(RECORD)));
      }),
    );
  });

  it('lets the latest writer of each field win', () => {
    fc.assert(
      fc.property(operationsArb, (ops) => {
        const record = replayOperations(ops).get(RECORD) ?? {};
        const sorted = [...ops].sort(compareOperations);
        for (const field of ['title', 'tlp']) {
          const last = sorted.filter((o) => field in o.fields).at(-1);
          expect(record[field]).toEqual(last?.fields[field]);
        }
      }),
    );
  });

  it('is idempotent: applying an operation twice changes nothing', () => {
    fc.assert(
      fc.property(operationsArb, (ops) => {
        expect(canonicalJson(replayOperations([...ops, ...ops]).get(RECORD))).toBe(canonicalJson(replayOperations(ops).get(RECORD)));
      }),
    );
  });
});
