import { describe, expect, it } from 'vitest';
import { mergeOperations, recordKey } from '../../../../shared/merge/mergeOperations';
import { buildOps, opIdFor, RECORD_ID, type OpSpec } from './builders';

const OTHER = '01JRECQRD00000000000000002';
const INCIDENT = '01JRECQRD0000000000000000A';

const specs: OpSpec[] = [
  { name: 'c', by: 'A', at: 1, kind: 'create', set: { name: 'Ana' } },
  { name: 'a2', by: 'A', at: 2, kind: 'update', set: { name: 'Bo' }, base: ['c'] },
  { name: 'b5', by: 'B', at: 5, kind: 'update', set: { name: 'Di' }, base: ['c', 'a2'] },
  { name: 'x', by: 'C', at: 3, kind: 'update', set: { name: 'Old' }, base: ['c'] },
  { name: 'o1', by: 'B', at: 4, kind: 'update', set: { name: 'Early' }, recordId: OTHER, base: [] },
  { name: 'o0', by: 'B', at: 6, kind: 'create', set: { name: 'Late' }, recordId: OTHER },
];
const all = buildOps(specs);
const op = (name: string) => all.find((o) => o.opId === opIdFor(name))!;
const KEY = recordKey('contacts', RECORD_ID);

describe('mergeOperations', () => {
  it('adds each unknown operation once, in clock order, and touches only their records', () => {
    const result = mergeOperations([op('c'), op('a2')], [op('b5'), op('a2'), op('b5'), op('o1')]);
    expect(result.added.map((o) => o.opId)).toEqual([op('o1').opId, op('b5').opId]);
    expect([...result.records.keys()]).toEqual([KEY, recordKey('contacts', OTHER)]);
    expect(result.records.get(KEY)).toMatchObject({ before: { name: 'Bo' }, record: { name: 'Di' }, change: 'changed', conflicts: [] });
    expect(result.records.get(recordKey('contacts', OTHER))).toMatchObject({ before: null, record: null, change: 'waiting' });
  });

  it('is idempotent: the same bundle again adds and touches nothing', () => {
    const known = [op('c'), op('a2'), op('b5')];
    const again = mergeOperations(known, [op('a2'), op('c'), op('b5')]);
    expect(again.added).toEqual([]);
    expect(again.records.size).toBe(0);
    expect(again.conflicts).toEqual([]);
  });

  it('classifies records as new, changed, unchanged and waiting', () => {
    expect(mergeOperations([op('o1')], [op('o0')]).records.get(recordKey('contacts', OTHER))).toMatchObject({ change: 'new', record: { name: 'Late' } });
    // a2 arrives after b5, which saw it: nothing visible changes.
    const late = mergeOperations([op('c'), op('b5')], [op('a2')]).records.get(KEY);
    expect(late).toMatchObject({ change: 'unchanged', record: { name: 'Di' } });
  });

  it('an old bundle cannot undo newer state: older changes that arrive late lose, and a concurrent one is kept as conflict', () => {
    const known = [op('c'), op('a2'), op('b5')];
    // An old bundle from C: its copy of c and a2 (already held) and C's own older, concurrent rename.
    const result = mergeOperations(known, [op('c'), op('a2'), op('x')]);
    expect(result.added.map((o) => o.opId)).toEqual([op('x').opId]);
    expect(result.records.get(KEY)?.record).toMatchObject({ name: 'Di', hlc: op('b5').hlc });
    expect(result.conflicts.map((c) => [c.field, c.winner.opId, c.losers.map((l) => l.opId)])).toEqual([['name', op('b5').opId, [op('x').opId]]]);
  });

  it('merges log entries as a union, whoever wrote them and in whatever order', () => {
    const entries = buildOps([
      { name: 'i', by: 'A', at: 1, kind: 'create', table: 'incidents', recordId: INCIDENT, set: { title: 'Outage' } },
      { name: 'la', by: 'A', at: 2, kind: 'create', table: 'logEntries', recordId: '01JRECQRD0000000000000000B', set: { incidentId: INCIDENT, text: 'from A' } },
      { name: 'lb', by: 'B', at: 2, kind: 'create', table: 'logEntries', recordId: '01JRECQRD0000000000000000C', set: { incidentId: INCIDENT, text: 'from B' } },
      { name: 'lc', by: 'C', at: 3, kind: 'create', table: 'logEntries', recordId: '01JRECQRD0000000000000000D', set: { incidentId: INCIDENT, text: 'from C' } },
    ]);
    const [incident, la, lb, lc] = entries;
    const atA = mergeOperations([incident!, la!], [lc!, lb!]);
    const atB = mergeOperations([lb!], [lc!, incident!, la!, lb!]);
    const texts = (r: typeof atA) => [...r.records.values()].filter((m) => m.table === 'logEntries').map((m) => m.record?.['text']);
    expect(texts(atA)).toEqual(['from B', 'from C']);
    expect(texts(atB)).toEqual(['from A', 'from C']);
    const whole = mergeOperations([], [lc!, la!, incident!, lb!]);
    expect([...whole.records.values()].map((m) => m.record?.['text'] ?? m.record?.['title'])).toEqual(['Outage', 'from A', 'from B', 'from C']);
    expect(whole.conflicts).toEqual([]);
  });
});
