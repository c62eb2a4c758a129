import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceVector, covers, findGaps, mergeVectors, operationsSince, versionVector, type Gap, type VersionVector } from '../../../../shared/merge/versionVector';
import { buildOps, hlcAt, opIdFor, ORIGINS, type OpSpec } from './builders';

const A = ORIGINS.A;
const B = ORIGINS.B;
const C = ORIGINS.C;

const specs: OpSpec[] = [
  { name: 'a1', by: 'A', at: 1, kind: 'create', set: { name: 'Ana' }, recordId: '01JRECQRD00000000000000001' },
  { name: 'b2', by: 'B', at: 2, kind: 'create', set: { name: 'Bo' }, recordId: '01JRECQRD00000000000000002' },
  { name: 'a3', by: 'A', at: 3, kind: 'update', set: { name: 'Cy' }, recordId: '01JRECQRD00000000000000001' },
  { name: 'b4', by: 'B', at: 4, kind: 'update', set: { name: 'Di' }, recordId: '01JRECQRD00000000000000002' },
  { name: 'a5', by: 'A', at: 5, kind: 'update', set: { name: 'Ed' }, recordId: '01JRECQRD00000000000000001' },
];
const ops = buildOps(specs);
const names = (list: readonly { opId: string }[]) => list.map((o) => specs.find((s) => opIdFor(s.name) === o.opId)!.name);

describe('versionVector and operationsSince', () => {
  it('takes the newest clock per origin', () => {
    expect(versionVector(ops)).toEqual({ [A]: hlcAt(5, 'A'), [B]: hlcAt(4, 'B') });
    expect(versionVector([])).toEqual({});
  });

  // Legend: a peer's vector → the operations an incremental bundle to it carries, in clock order.
  const PEERS: Array<{ peer: VersionVector; carries: string[] }> = [
    { peer: {}, carries: ['a1', 'b2', 'a3', 'b4', 'a5'] },
    { peer: { [A]: hlcAt(3, 'A') }, carries: ['b2', 'b4', 'a5'] },
    { peer: { [A]: hlcAt(5, 'A'), [B]: hlcAt(2, 'B') }, carries: ['b4'] },
    { peer: { [A]: hlcAt(5, 'A'), [B]: hlcAt(4, 'B'), [C]: hlcAt(9, 'C') }, carries: [] },
  ];
  it.each(PEERS)('a peer holding $peer gets $carries', ({ peer, carries }) => {
    expect(names(operationsSince([...ops].reverse(), peer))).toEqual(carries);
  });

  it('a peer that merges the bundle is complete: vector(held ∪ since(held)) = vector(all)', () => {
    fc.assert(
      fc.property(fc.subarray(ops), (held) => {
        const sent = operationsSince(ops, versionVector(held));
        expect(mergeVectors(versionVector(held), versionVector(sent))).toEqual(versionVector(ops));
        for (const op of ops) expect(covers(versionVector([...held, ...sent]), op)).toBe(true);
      }),
    );
  });
});

// Legend: `since` = what the sender assumed the receiver held (bundle header); `held` = what the
// receiver holds contiguously; `gaps` = origin: after..upTo of changes the receiver lacks.
describe('findGaps', () => {
  const CASES: Array<{ title: string; since: VersionVector; held: VersionVector; gaps: Gap[] }> = [
    { title: 'bundle continues where the receiver is', since: { [A]: hlcAt(3, 'A') }, held: { [A]: hlcAt(3, 'A') }, gaps: [] },
    { title: 'receiver is ahead (old bundle)', since: { [A]: hlcAt(3, 'A') }, held: { [A]: hlcAt(5, 'A') }, gaps: [] },
    { title: 'full snapshot assumes nothing', since: {}, held: {}, gaps: [] },
    { title: 'a lost bundle', since: { [A]: hlcAt(5, 'A'), [B]: hlcAt(2, 'B') }, held: { [A]: hlcAt(3, 'A'), [B]: hlcAt(2, 'B') }, gaps: [{ origin: A, after: hlcAt(3, 'A'), upTo: hlcAt(5, 'A') }] },
    { title: 'never heard of the origin', since: { [C]: hlcAt(7, 'C') }, held: { [A]: hlcAt(3, 'A') }, gaps: [{ origin: C, after: null, upTo: hlcAt(7, 'C') }] },
  ];
  it.each(CASES)('$title', ({ since, held, gaps }) => {
    expect(findGaps(since, held)).toEqual(gaps);
  });
});

describe('advanceVector', () => {
  const CASES: Array<{ title: string; held: VersionVector; since: VersionVector; until: VersionVector; after: VersionVector }> = [
    { title: 'contiguous bundle moves the entries up to until', held: { [A]: hlcAt(3, 'A') }, since: { [A]: hlcAt(3, 'A') }, until: { [A]: hlcAt(5, 'A'), [B]: hlcAt(4, 'B') }, after: { [A]: hlcAt(5, 'A'), [B]: hlcAt(4, 'B') } },
    { title: 'a gap keeps the entry of that origin only', held: { [A]: hlcAt(1, 'A'), [B]: hlcAt(2, 'B') }, since: { [A]: hlcAt(3, 'A'), [B]: hlcAt(2, 'B') }, until: { [A]: hlcAt(5, 'A'), [B]: hlcAt(4, 'B') }, after: { [A]: hlcAt(1, 'A'), [B]: hlcAt(4, 'B') } },
    { title: 'an old bundle never moves an entry back', held: { [A]: hlcAt(5, 'A') }, since: {}, until: { [A]: hlcAt(3, 'A') }, after: { [A]: hlcAt(5, 'A') } },
    { title: 'an origin never heard of, with no assumption, is taken in full', held: {}, since: {}, until: { [C]: hlcAt(7, 'C') }, after: { [C]: hlcAt(7, 'C') } },
    { title: 'an origin never heard of, with an assumption, is a gap', held: {}, since: { [C]: hlcAt(6, 'C') }, until: { [C]: hlcAt(7, 'C') }, after: {} },
  ];
  it.each(CASES)('$title', ({ held, since, until, after }) => {
    expect(advanceVector(held, { since, until })).toEqual(after);
  });
});
