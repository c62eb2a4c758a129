/**
 * Clock lists answer what the index of carried creations answered: counts after a clock, the
 * entries in a range of clocks in journal order, the newest few; checked against a plain sorted
 * list of the same entries, for lists built and grown in any way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOCK_LIST_SIZE,
  clockListsOfRows,
  compareCarried,
  countAfter,
  entriesIn,
  listedClocks,
  listsOf,
  mergedInto,
  newestEntries,
  type CarriedClock,
  type ClockList,
} from '../../../../shared/journal/clockLists';
import { formatHlc, type Hlc } from '../../../../shared/journal/hlc';

const NODES = ['01JEXAMP1E00000000000000N1', '01JEXAMP1E00000000000000N2', 'builtin'] as const;
const BASE = Date.parse('2026-03-10T06:00:00.000Z');

/** Clocks from a small range, so that equal clocks (told apart by id) and equal instants are common. */
const hlcArb = fc
  .record({ ms: fc.integer({ min: 0, max: 40 }), counter: fc.integer({ min: 0, max: 2 }), node: fc.constantFrom(...NODES) })
  .map(({ ms, counter, node }) => formatHlc({ millis: BASE + ms, counter, node }));

/** Distinct entries (an entry is in one list once). */
const entriesArb = fc.uniqueArray(
  fc.record({ hlc: hlcArb, id: fc.integer({ min: 0, max: 10_000 }).map((n) => `01JEXAMP1E0000000000${String(n).padStart(6, '0')}`) }),
  { selector: (e) => e.id, maxLength: 120 },
);

/** Entries cut into lists the ways the journal makes them: whole lists, and lists grown by merging. */
function grown(entries: readonly CarriedClock[], cuts: readonly number[], size: number): ClockList[] {
  const lists: ClockList[] = [];
  let start = 0;
  for (const cut of [...cuts, entries.length]) {
    const end = Math.min(entries.length, Math.max(start, cut));
    const part = entries.slice(start, end);
    start = end;
    const newest = lists[lists.length - 1];
    if (part.length === 0) continue;
    if (newest !== undefined && newest.ids.length + part.length <= size) lists[lists.length - 1] = mergedInto(newest, part);
    else lists.push(...listsOf('real', part, size));
  }
  return lists;
}

const sorted = (entries: readonly CarriedClock[]) => [...entries].sort(compareCarried);
const listsArb = fc.record({ entries: entriesArb, cuts: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 8 }), size: fc.integer({ min: 1, max: 64 }) });

describe('clock lists', () => {
  it('keep every entry once, each list sorted and within its size', () => {
    fc.assert(
      fc.property(listsArb, ({ entries, cuts, size }) => {
        const lists = grown(entries, [...cuts].sort((a, b) => a - b), size);
        for (const list of lists) {
          expect(list.ids.length).toBeLessThanOrEqual(size);
          expect(list.clocks).toHaveLength(list.ids.length);
        }
        const { listed, malformed } = listedClocks(lists);
        expect(malformed.size).toBe(0);
        expect(new Map([...listed].map(([id, e]) => [id, e.hlc]))).toEqual(new Map(entries.map((e) => [e.id, e.hlc])));
      }),
    );
  });

  it('count, range and newest as a sorted list of the same entries does', () => {
    fc.assert(
      fc.property(listsArb, hlcArb, hlcArb, fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 130 }), ({ entries, cuts, size }, a, b, lowIncluded, highIncluded, limit) => {
        const lists = grown(entries, [...cuts].sort((x, y) => x - y), size);
        const all = sorted(entries);
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(countAfter(lists, null)).toBe(all.length);
        expect(countAfter(lists, low)).toBe(all.filter((e) => e.hlc > low).length);
        expect(entriesIn(lists)).toEqual(all);
        expect(entriesIn(lists, { low, lowIncluded: false })).toEqual(all.filter((e) => e.hlc > low));
        expect(entriesIn(lists, { low, lowIncluded, high, highIncluded })).toEqual(
          all.filter((e) => (lowIncluded ? e.hlc >= low : e.hlc > low) && (highIncluded ? e.hlc <= high : e.hlc < high)),
        );
        expect(entriesIn(lists, { high, highIncluded })).toEqual(all.filter((e) => (highIncluded ? e.hlc <= high : e.hlc < high)));
        expect(newestEntries(lists, limit)).toEqual(all.slice(Math.max(0, all.length - limit)).reverse());
      }),
    );
  });

  it('are found malformed when an entry is listed twice, out of order, or without its clock', () => {
    const hlc = (ms: number): Hlc => formatHlc({ millis: BASE + ms, counter: 0, node: NODES[0] });
    const good: ClockList = { id: 1, workspace: 'real', clocks: [hlc(1), hlc(2)], ids: ['A', 'B'] };
    expect(listedClocks([good]).malformed).toEqual(new Set());
    expect(listedClocks([good, { id: 2, workspace: 'real', clocks: [hlc(3)], ids: ['B'] }]).malformed).toEqual(new Set(['B']));
    expect(listedClocks([{ ...good, clocks: [hlc(2), hlc(1)] }]).malformed).toEqual(new Set(['B']));
    expect(listedClocks([{ ...good, clocks: [hlc(1)] }]).malformed).toEqual(new Set(['A', 'B']));
  });

  it('are made from stored rows: only the entries that carry their creation, per workspace, full lists first', () => {
    const hlc = (ms: number): Hlc => formatHlc({ millis: BASE + ms, counter: 0, node: NODES[0] });
    const rows = Array.from({ length: CLOCK_LIST_SIZE + 3 }, (_, i) => ({ id: `E${String(i).padStart(6, '0')}`, workspace: i % 2 === 0 ? 'real' : 'exercise', creation: { hlc: hlc(i) } }));
    const lists = clockListsOfRows([...rows, { id: 'X', workspace: 'real' }, { id: 'Y', workspace: 'real', creation: null }]);
    expect(lists.map((l) => [l.workspace, l.ids.length])).toEqual([
      ['real', Math.ceil((CLOCK_LIST_SIZE + 3) / 2)],
      ['exercise', Math.floor((CLOCK_LIST_SIZE + 3) / 2)],
    ]);
    expect(countAfter(lists, null)).toBe(CLOCK_LIST_SIZE + 3);
    const big = clockListsOfRows(rows.map((r) => ({ ...r, workspace: 'real' })));
    expect(big.map((l) => l.ids.length)).toEqual([CLOCK_LIST_SIZE, 3]);
    expect(entriesIn(big).map((e) => e.id)).toEqual(rows.map((r) => r.id));
  });
});
