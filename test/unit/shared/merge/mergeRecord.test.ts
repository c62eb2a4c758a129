import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/journal/canonical';
import { replayOperations } from '../../../../shared/journal/operation';
import { concurrent, mergeRecord, recordVersionVector, saw, type MergeableOperation } from '../../../../shared/merge/mergeRecord';
import { buildOps, hlcAt, nameOf, opIdFor, orderings, ORIGINS, RECORD_ID, type OpSpec } from './builders';

interface Case {
  readonly title: string;
  readonly ops: readonly OpSpec[];
  /** Fields the shown record must have; null = no record yet. */
  readonly shows: Readonly<Record<string, unknown>> | null;
  /** Open conflicts as `field: winner > loser, loser` (names of operations). */
  readonly conflicts: readonly string[];
}

// Legend. Each operation: name, author (A, B or C: installations, tie-break order A < B < C),
// `at` seconds on the shared clock ([t, counter] for the same millisecond), what it sets, and
// `base`: the operations its author had applied to the record when making it (no base = written
// by a version without conflict detection, or built-in content). `c` is always A's creation.
// `shows`: fields of the merged record; `conflicts`: "field: winner > losers".
const create: OpSpec = { name: 'c', by: 'A', at: 1, kind: 'create', set: { name: 'Ana', organisation: 'NCSC', level: 'technical' } };

const CASES: readonly Case[] = [
  {
    title: 'sequential edits across installations: the later one shows, no conflict',
    ops: [create, { name: 'b1', by: 'B', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'a2', by: 'A', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c', 'b1'] }],
    shows: { name: 'Cy' },
    conflicts: [],
  },
  {
    title: 'sequential edits on one installation never conflict, even when its base lags',
    ops: [create, { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'a3', by: 'A', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c'] }],
    shows: { name: 'Cy' },
    conflicts: [],
  },
  {
    title: 'concurrent edits of different fields: both kept, no conflict (hlc/updatedAt never conflict)',
    ops: [create, { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'b2', by: 'B', at: 3, kind: 'update', set: { organisation: 'CERT' }, base: ['c'] }],
    shows: { name: 'Bo', organisation: 'CERT', level: 'technical' },
    conflicts: [],
  },
  {
    title: 'concurrent edits of the same field: later clock shows, the other is a conflict loser',
    ops: [create, { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'b2', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c'] }],
    shows: { name: 'Cy' },
    conflicts: ['name: b2 > a2'],
  },
  {
    title: 'concurrent edits at the same millisecond and counter: the node id breaks the tie',
    ops: [create, { name: 'c2', by: 'C', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'b2', by: 'B', at: 2, kind: 'update', set: { name: 'Cy' }, base: ['c'] }],
    shows: { name: 'Bo' },
    conflicts: ['name: c2 > b2'],
  },
  {
    title: 'concurrent edits to the same value are no conflict',
    ops: [create, { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'b2', by: 'B', at: 3, kind: 'update', set: { name: 'Bo' }, base: ['c'] }],
    shows: { name: 'Bo' },
    conflicts: [],
  },
  {
    title: 'three concurrent edits: one winner, two losers in clock order',
    ops: [
      create,
      { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
      { name: 'b2', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c'] },
      { name: 'c2', by: 'C', at: 4, kind: 'update', set: { name: 'Di' }, base: ['c'] },
    ],
    shows: { name: 'Di' },
    conflicts: ['name: c2 > a2, b2'],
  },
  {
    title: 'a loser that a colleague already overwrote knowingly is not shown again',
    ops: [
      create,
      { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
      { name: 'b3', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c', 'a2'] },
      { name: 'c4', by: 'C', at: 4, kind: 'update', set: { name: 'Di' }, base: ['c'] },
    ],
    shows: { name: 'Di' },
    conflicts: ['name: c4 > b3'],
  },
  {
    title: 'a concurrent edit with the earlier clock still wins nothing but is kept',
    ops: [create, { name: 'b2', by: 'B', at: 5, kind: 'update', set: { level: 'political' }, base: ['c'] }, { name: 'a2', by: 'A', at: 2, kind: 'update', set: { level: 'operational' }, base: ['c'] }],
    shows: { level: 'political' },
    conflicts: ['level: b2 > a2'],
  },
  {
    title: 'resolution: an edit that saw both contenders closes the conflict, whatever it keeps',
    ops: [
      create,
      { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
      { name: 'b2', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c'] },
      { name: 'c5', by: 'C', at: 5, kind: 'update', set: { name: 'Bo' }, base: ['c', 'a2', 'b2'] },
    ],
    shows: { name: 'Bo' },
    conflicts: [],
  },
  {
    title: 'half a resolution: an edit that saw only one contender leaves the other as loser',
    ops: [
      create,
      { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
      { name: 'b2', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c'] },
      { name: 'c5', by: 'C', at: 5, kind: 'update', set: { name: 'Di' }, base: ['c', 'b2'] },
    ],
    shows: { name: 'Di' },
    conflicts: ['name: c5 > a2'],
  },
  {
    title: 'a resolution with an older clock than a loser cannot exist: the clock moves past what it saw',
    ops: [
      create,
      { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
      { name: 'b2', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c'] },
      { name: 'a4', by: 'A', at: 4, kind: 'update', set: { name: 'Cy' }, base: ['c', 'a2', 'b2'] },
    ],
    shows: { name: 'Cy' },
    conflicts: [],
  },
  {
    title: 'delete vs concurrent edit: the record stays deleted, the edit is kept as a conflict on deleted',
    ops: [create, { name: 'a2', by: 'A', at: 2, kind: 'delete', base: ['c'] }, { name: 'b3', by: 'B', at: 3, kind: 'update', set: { name: 'Bo' }, base: ['c'] }],
    shows: { deleted: true, name: 'Bo' },
    conflicts: ['deleted: a2 > b3'],
  },
  {
    title: 'delete with the later clock vs concurrent edit: same conflict',
    ops: [create, { name: 'b2', by: 'B', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'a3', by: 'A', at: 3, kind: 'delete', base: ['c'] }],
    shows: { deleted: true, name: 'Bo' },
    conflicts: ['deleted: a3 > b2'],
  },
  {
    title: 'delete after seeing the edit: no conflict',
    ops: [create, { name: 'b2', by: 'B', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'a3', by: 'A', at: 3, kind: 'delete', base: ['c', 'b2'] }],
    shows: { deleted: true },
    conflicts: [],
  },
  {
    title: 'two concurrent deletes agree: no conflict',
    ops: [create, { name: 'a2', by: 'A', at: 2, kind: 'delete', base: ['c'] }, { name: 'b3', by: 'B', at: 3, kind: 'delete', base: ['c'] }],
    shows: { deleted: true },
    conflicts: [],
  },
  {
    title: 'restoring after seeing delete and edit closes the conflict',
    ops: [
      create,
      { name: 'a2', by: 'A', at: 2, kind: 'delete', base: ['c'] },
      { name: 'b3', by: 'B', at: 3, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
      { name: 'c4', by: 'C', at: 4, kind: 'update', set: { deleted: false }, base: ['c', 'a2', 'b3'] },
    ],
    shows: { deleted: false, name: 'Bo' },
    conflicts: [],
  },
  {
    title: 'confirming the delete after seeing the edit closes the conflict',
    ops: [
      create,
      { name: 'a2', by: 'A', at: 2, kind: 'delete', base: ['c'] },
      { name: 'b3', by: 'B', at: 3, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
      { name: 'b4', by: 'B', at: 4, kind: 'delete', base: ['c', 'a2', 'b3'] },
    ],
    shows: { deleted: true },
    conflicts: [],
  },
  {
    title: 'operations without base (journals from before conflicts, built-in content) never conflict',
    ops: [
      { ...create, base: undefined },
      { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' } },
      { name: 'b2', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' } },
      { name: 'c2', by: 'C', at: 4, kind: 'delete' },
    ],
    shows: { name: 'Cy', deleted: true },
    conflicts: [],
  },
  {
    title: 'an edit with base that did not see an older legacy edit reports it',
    ops: [create, { name: 'b2', by: 'B', at: 2, kind: 'update', set: { name: 'Bo' } }, { name: 'a3', by: 'A', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c'] }],
    shows: { name: 'Cy' },
    conflicts: ['name: a3 > b2'],
  },
  {
    title: 'update before create: nothing shows until the creation arrives',
    ops: [{ name: 'b2', by: 'B', at: 2, kind: 'update', set: { name: 'Bo' }, base: [] }, { name: 'b3', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' }, base: [] }],
    shows: null,
    conflicts: [],
  },
  {
    title: 'log entries: creations only, an edit or delete of an entry is ignored and never conflicts',
    ops: [
      { name: 'c', by: 'A', at: 1, kind: 'create', table: 'logEntries', set: { text: 'seen', kind: 'observation' } },
      { name: 'b2', by: 'B', at: 2, kind: 'update', table: 'logEntries', set: { text: 'rewritten' }, base: ['c'] },
      { name: 'b3', by: 'B', at: 3, kind: 'delete', table: 'logEntries', base: ['c'] },
    ],
    shows: { text: 'seen', deleted: false },
    conflicts: [],
  },
];

function describeConflicts(specs: readonly OpSpec[], ops: readonly MergeableOperation[]): string[] {
  return mergeRecord(ops).conflicts.map((c) => `${c.field}: ${nameOf(specs, c.winner.opId)} > ${c.losers.map((l) => nameOf(specs, l.opId)).join(', ')}`);
}

describe('mergeRecord', () => {
  it.each(CASES)('$title', ({ ops: specs, shows, conflicts }) => {
    const ops = buildOps(specs);
    const merged = mergeRecord(ops);
    if (shows === null) expect(merged.record).toBeNull();
    else expect(merged.record).toMatchObject(shows);
    expect(describeConflicts(specs, ops)).toEqual(conflicts);

    // Same result on every installation, whatever order the operations arrived in, duplicates or not.
    const expected = canonicalJson(merged);
    for (const order of orderings(ops)) expect(canonicalJson(mergeRecord(order))).toBe(expected);
    expect(canonicalJson(mergeRecord([...ops, ...ops.slice(0, 2)]))).toBe(expected);

    // The shown record is what the journal's replay rebuilds today (append-only tables: creations only).
    if (merged.record !== null && specs[0]?.table === undefined) expect(merged.record).toEqual(replayOperations(ops).get(RECORD_ID));
  });

  it('reports the values of winner and losers, with the value `false` for an edit that keeps a deleted record', () => {
    const specs: OpSpec[] = [create, { name: 'a2', by: 'A', at: 2, kind: 'delete', base: ['c'] }, { name: 'b3', by: 'B', at: 3, kind: 'update', set: { name: 'Bo' }, base: ['c'] }, { name: 'c4', by: 'C', at: 4, kind: 'update', set: { organisation: 'CERT' }, base: ['c'] }];
    const [conflict] = mergeRecord(buildOps(specs)).conflicts;
    expect(conflict).toEqual({
      table: 'contacts',
      recordId: RECORD_ID,
      field: 'deleted',
      winner: { opId: opIdFor('a2'), origin: ORIGINS.A, hlc: hlcAt(2, 'A'), value: true },
      losers: [
        { opId: opIdFor('b3'), origin: ORIGINS.B, hlc: hlcAt(3, 'B'), value: false },
        { opId: opIdFor('c4'), origin: ORIGINS.C, hlc: hlcAt(4, 'C'), value: false },
      ],
    });
  });

  it('refuses a history that mixes records', () => {
    const ops = buildOps([create, { name: 'x', by: 'B', at: 2, kind: 'update', set: { name: 'Bo' }, recordId: '01JRECQRD00000000000000002' }]);
    expect(() => mergeRecord(ops)).toThrow(/mixed/);
  });

  it('is empty for an empty history', () => {
    expect(mergeRecord([])).toEqual({ record: null, conflicts: [] });
  });

  it('keeps the same operation on every installation when two different ones share an id', () => {
    const [c, a2] = buildOps([create, { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] }]);
    const forged = { ...a2!, fields: { ...a2!.fields, name: 'Forged' } };
    expect(canonicalJson(mergeRecord([c!, a2!, forged]))).toBe(canonicalJson(mergeRecord([forged, c!, a2!])));
  });
});

// Legend: `history` is what an installation holds for the record; `vector` the base its next edit
// gets. X's operations name X's previous operation in their base, so a hole in X's chain (a lost
// bundle) stops X's entry before the hole.
describe('recordVersionVector', () => {
  const chain: OpSpec[] = [
    create,
    { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
    { name: 'a3', by: 'A', at: 3, kind: 'update', set: { organisation: 'CERT' }, base: ['c', 'a2'] },
    { name: 'b4', by: 'B', at: 4, kind: 'update', set: { level: 'political' }, base: ['c', 'a2', 'a3'] },
    { name: 'b5', by: 'B', at: 5, kind: 'update', set: { level: 'operational' }, base: ['c', 'a2', 'a3', 'b4'] },
  ];
  const all = buildOps(chain);
  const pick = (...names: string[]) => all.filter((op) => names.some((n) => op.opId === opIdFor(n)));

  const HOLDINGS: Array<{ held: string[]; vector: Partial<Record<'A' | 'B', string>> }> = [
    { held: [], vector: {} },
    { held: ['c'], vector: { A: 'c' } },
    { held: ['c', 'a2', 'a3', 'b4', 'b5'], vector: { A: 'a3', B: 'b5' } },
    { held: ['c', 'a3', 'b4', 'b5'], vector: { A: 'c', B: 'b5' } }, // a2 lost: a3 cannot be claimed
    { held: ['c', 'a2', 'a3', 'b5'], vector: { A: 'a3' } }, // b4 lost: nothing of B can be claimed
    { held: ['a2', 'a3'], vector: {} }, // creation lost: a2 names c, which is missing
  ];
  it.each(HOLDINGS)('holding $held gives $vector', ({ held, vector }) => {
    const expected = Object.fromEntries(Object.entries(vector).map(([who, name]) => [ORIGINS[who as 'A' | 'B'], all.find((o) => o.opId === opIdFor(name))!.hlc]));
    expect(recordVersionVector(pick(...held))).toEqual(expected);
  });

  it('counts operations without base as complete', () => {
    const legacy = buildOps([{ ...create }, { name: 'b2', by: 'B', at: 2, kind: 'update', set: { name: 'Bo' } }]);
    expect(recordVersionVector(legacy)).toEqual({ [ORIGINS.A]: hlcAt(1, 'A'), [ORIGINS.B]: hlcAt(2, 'B') });
  });

  it('prevents silent loss after a lost bundle: an edit made without the lost change conflicts with it', () => {
    // A renames (a2), then changes the organisation (a3). The bundle with a2 is lost; B gets c and
    // a3, then renames too. When a2 finally arrives, B's rename must not hide it without a trace.
    const specs: OpSpec[] = [chain[0]!, chain[1]!, chain[2]!];
    const [c, a2, a3] = buildOps(specs);
    const base = recordVersionVector([c!, a3!]);
    const b4: MergeableOperation = { ...buildOps([{ name: 'b4', by: 'B', at: 4, kind: 'update', set: { name: 'Cy' } }])[0]!, base };
    expect(mergeRecord([c!, a2!, a3!, b4]).conflicts.map((x) => [x.field, x.winner.opId, x.losers.map((l) => l.opId)])).toEqual([['name', b4.opId, [a2!.opId]]]);
  });
});

describe('saw and concurrent', () => {
  const [c, a2, b2, legacy] = buildOps([
    create,
    { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
    { name: 'b2', by: 'B', at: 3, kind: 'update', set: { name: 'Cy' }, base: ['c'] },
    { name: 'l', by: 'C', at: 4, kind: 'update', set: { name: 'Di' } },
  ]);

  it.each([
    // later, earlier, later saw earlier?
    ['a2', a2!, 'c', c!, true], // base covers c
    ['b2', b2!, 'c', c!, true],
    ['b2', b2!, 'a2', a2!, false], // base has A only up to c
    ['a2', a2!, 'b2', b2!, false],
    ['c', c!, 'a2', a2!, false], // same origin: only older ones
    ['a2', a2!, 'a2', a2!, false], // never itself
    ['l', legacy!, 'b2', b2!, true], // no base: everything with a lower clock
    ['b2', b2!, 'l', legacy!, false],
  ] as const)('%s saw %s: %s', (_l, later, _e, earlier, expected) => {
    expect(saw(later, earlier)).toBe(expected);
  });

  it('calls two operations concurrent when neither saw the other', () => {
    expect(concurrent(a2!, b2!)).toBe(true);
    expect(concurrent(c!, a2!)).toBe(false);
    expect(concurrent(a2!, a2!)).toBe(false);
  });
});
