/**
 * A log entry's row carries its creation only when the operation read back from the row is the
 * very one that was written; and the quick data comparison the import uses never says "same"
 * where the canonical one says "different".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREATION_FIELD, carriedOperation, carryingRow, withoutCreation } from '../../../../shared/journal/carriedCreation';
import { canonicalJson, sameData, samePlainData } from '../../../../shared/journal/canonical';
import type { Operation } from '../../../../shared/journal/operation';
import { formatHlc } from '../../../../shared/journal/hlc';
import { LogEntrySchema } from '../../../../shared/model/records';

const ORIGIN = '01JEXAMP1E00000000000000R1';

const entry = LogEntrySchema.parse({
  id: '01JEXAMP1E00000000000000E1',
  workspace: 'real',
  origin: ORIGIN,
  tlp: 'AMBER',
  createdAt: '2026-03-10T06:40:00.000Z',
  updatedAt: '2026-03-10T06:40:00.000Z',
  hlc: formatHlc({ millis: Date.parse('2026-03-10T06:40:00.000Z'), counter: 0, node: ORIGIN }),
  deleted: false,
  incidentId: '01JEXAMP1E00000000000000A1',
  kind: 'observation',
  text: 'Backup generators started at 06:52.',
  occurredAt: '2026-03-10T06:52:00.000Z',
  author: 'J. Jansen, NCSC-NL',
}) as unknown as Record<string, unknown>;

const creation: Operation = {
  // The journal gives a log entry's creation the entry's id.
  opId: entry['id'] as string,
  hlc: entry['hlc'] as Operation['hlc'],
  origin: entry['origin'] as string,
  workspace: 'real',
  table: 'logEntries',
  recordId: entry['id'] as string,
  kind: 'create',
  fields: { ...entry },
};

describe('carryingRow and carriedOperation', () => {
  it('give back exactly the creation that was carried', () => {
    const row = carryingRow(creation, entry);
    expect(row).not.toBeNull();
    expect(row?.[CREATION_FIELD]).toEqual({ hlc: creation.hlc });
    const back = carriedOperation(row!);
    expect(canonicalJson(back)).toBe(canonicalJson(creation));
    expect(withoutCreation(row!)).toEqual(entry);
  });

  it('carry nothing the row would not give back as it came', () => {
    const withoutDefault = { ...entry };
    delete withoutDefault['links'];
    const cases: Array<[string, Operation]> = [
      ['a field this version does not know', { ...creation, fields: { ...entry, mood: 'calm' } }],
      ['a field left to its default (written by an older version)', { ...creation, fields: withoutDefault }],
      ['a version vector', { ...creation, base: { [creation.origin]: creation.hlc } }],
      ['another origin than the record', { ...creation, origin: '01JEXAMP1E00000000000000R2' }],
      ['another workspace than the record', { ...creation, workspace: 'exercise' }],
      ['another record id', { ...creation, recordId: '01JEXAMP1E00000000000000E2' }],
      ['an operation id other than the entry\'s (older versions)', { ...creation, opId: '01JEXAMP1E00000000000000P1' }],
      ['an edit', { ...creation, kind: 'update' }],
      ['another table', { ...creation, table: 'incidents' }],
    ];
    for (const [why, op] of cases) expect(carryingRow(op, entry), why).toBeNull();
    // A record that already names a creation is never given a second one.
    expect(carryingRow(creation, { ...entry, [CREATION_FIELD]: { hlc: creation.hlc } })).toBeNull();
  });

  it('read rows without a (well-formed) creation as carrying none', () => {
    expect(carriedOperation(entry)).toBeNull();
    expect(carriedOperation({ ...entry, [CREATION_FIELD]: { hlc: 7 } })).toBeNull();
    expect(carriedOperation({ ...entry, [CREATION_FIELD]: null })).toBeNull();
  });
});

/** JSON-like values, with the things JSON writes differently or not at all mixed in. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom<unknown>(null, undefined, 0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, '', 'a', 'b', true, false),
    fc.integer({ min: -3, max: 3 }),
    fc.string({ maxLength: 3 }),
    fc.constant(new Date(0)),
  ),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 })),
})).node;

describe('samePlainData', () => {
  it('says "same" only where the canonical comparison does, and agrees on plain JSON', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        if (samePlainData(a, b)) expect(sameData(a, b)).toBe(true);
      }),
      { numRuns: 3_000 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(samePlainData(a, b)).toBe(sameData(a, b));
      }),
      { numRuns: 1_000 },
    );
  });

  it('finds a value and its copy with keys in another order the same', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (a) => {
        const reordered = JSON.parse(canonicalJson(a)) as unknown;
        expect(samePlainData(a, reordered)).toBe(true);
      }),
    );
    expect(samePlainData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(samePlainData({ a: 1 }, { a: 1, b: null })).toBe(false);
  });
});
