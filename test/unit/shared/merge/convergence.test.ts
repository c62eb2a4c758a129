/**
 * Property tests of the merge as a whole: three to five installations edit concurrently, exchange
 * bundles that arrive in any order, twice, late or not at all (and are re-sent), and in the end
 * every installation holds every operation, shows the same records and the same conflicts, and
 * no value anyone wrote has disappeared without either showing as a conflict or having been
 * overwritten by someone who had seen it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameData } from '../../../../shared/journal/canonical';
import { formatHlc } from '../../../../shared/journal/hlc';
import { replayOperations } from '../../../../shared/journal/operation';
import { RECORD_SCHEMAS } from '../../../../shared/journal/tables';
import { CONFLICT_FREE_FIELDS, mergeRecord, type FieldConflict } from '../../../../shared/merge/mergeRecord';
import { mergeOperations, recordKey } from '../../../../shared/merge/mergeOperations';
import { covers, versionVector } from '../../../../shared/merge/versionVector';
import { World, type Action, type Op, type Replica } from './replicaSimulation';

const NUM_RUNS = 2_000;

const replica = fc.nat({ max: 4 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('create' as const), r: replica, table: fc.constantFrom('contacts' as const, 'incidents' as const), v: fc.nat({ max: 2 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('edit' as const),
      r: replica,
      pick: fc.nat({ max: 7 }),
      changes: fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 })), { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), r: replica, pick: fc.nat({ max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('append' as const), r: replica, pick: fc.nat({ max: 7 }), v: fc.nat({ max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('resolve' as const), r: replica, pick: fc.nat({ max: 7 }), choice: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('clock' as const), r: replica, jump: fc.constantFrom(-3_600_000, -1_000, -50, 50, 1_000, 3_600_000) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('send' as const), from: replica, to: replica, subset: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('deliver' as const), pick: fc.nat({ max: 7 }), fate: fc.constantFrom('deliver' as const, 'deliver' as const, 'duplicate' as const, 'lose' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('resend' as const), pick: fc.nat({ max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('receipt' as const), r: replica, to: replica }) },
);

const worldArb = fc.record({
  drifts: fc.array(fc.constantFrom(0, 0, 50, -50, 1_000, -3_600_000, 3_600_000), { minLength: 3, maxLength: 5 }),
  actions: fc.array(actionArb, { maxLength: 60, size: 'max' }),
  order: fc.nat(),
});

/** Coverage over all runs, so that a generator that stops producing conflicts or gaps is noticed. */
const seen = { conflicts: 0, deleteConflicts: 0, losersSeenByNobody: 0, resolutions: 0, gaps: 0, replays: 0, sequenceGaps: 0 };

describe('replicas exchanging bundles', () => {
  // About 8 s on a developer machine; the explicit timeout leaves room for slower CI runners.
  it('converge to the same records and conflicts, lose no operation and drop no value silently', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(worldArb, ({ drifts, actions, order }) => {
        const world = new World(drifts);
        for (const action of actions) {
          world.run(action);
          for (const r of world.replicas) expectHeldIsTrue(world, r);
        }
        world.finish(order);

        // Nothing lost: every operation of every replica is in every journal; gap bookkeeping healed.
        const everything = versionVector(world.all.values());
        for (const r of world.replicas) {
          expect([...r.journal.keys()].sort(), `journal of replica ${r.index}`).toEqual([...world.all.keys()].sort());
          expect(r.held, `contiguous vector of replica ${r.index}`).toEqual(everything);
        }

        // Same records and same conflicts everywhere, and the incremental views equal a merge from scratch.
        const [first, ...others] = world.replicas;
        for (const r of others) expect(r.state(), `replica ${r.index} vs replica 0`).toBe(first!.state());
        expect(canonicalJson(fromScratch(first!))).toBe(first!.state());

        expectNothingSilentlyDropped(world, first!);
        expectBaseClaimsOnlyWhatWasHeld(world);
        for (const [key, view] of first!.views) {
          if (view.record === null) continue;
          const table = key.slice(0, key.indexOf('/')) as keyof typeof RECORD_SCHEMAS;
          expect(RECORD_SCHEMAS[table].safeParse(view.record).success, `${key} is a valid record`).toBe(true);
        }
        const conflicts = first!.conflicts();
        seen.conflicts += conflicts.length;
        seen.deleteConflicts += conflicts.filter((c) => c.field === 'deleted').length;
        seen.resolutions += world.counters.resolutions;
        seen.gaps += world.counters.gaps;
        seen.sequenceGaps += world.counters.sequenceGaps;

        // A person resolves every conflict on one installation; once that travels, none is left anywhere.
        const resolver = world.replicas[order % world.replicas.length]!;
        for (let guard = 0; resolver.conflicts().length > 0; guard += 1) {
          expect(guard, 'a resolution must close its conflict').toBeLessThan(conflicts.length);
          world.run({ t: 'resolve', r: resolver.index, pick: 0, choice: order + guard });
        }
        world.finish(order + 1);
        for (const r of world.replicas) {
          expect(r.conflicts(), `conflicts left on replica ${r.index}`).toEqual([]);
          expect(r.state()).toBe(first!.state());
        }

        // Every old bundle replayed now is recognised as a replay and changes nothing.
        const before = world.replicas.map((r) => [r.state(), r.journal.size, canonicalJson(r.held)]);
        for (const bundle of world.sent) {
          const { verdict, gaps } = world.deliver(bundle);
          expect(verdict.status, `bundle ${bundle.from}→${bundle.to} #${bundle.seq} replayed`).toBe('replay');
          expect(gaps).toEqual([]);
        }
        seen.replays += world.sent.length;
        expect(world.replicas.map((r) => [r.state(), r.journal.size, canonicalJson(r.held)])).toEqual(before);
      }),
      { numRuns: NUM_RUNS },
    );
    // The generator must keep producing the situations the properties are about.
    expect(seen.conflicts).toBeGreaterThan(NUM_RUNS / 10);
    expect(seen.deleteConflicts).toBeGreaterThan(0);
    expect(seen.resolutions).toBeGreaterThan(0);
    expect(seen.gaps).toBeGreaterThan(0);
    expect(seen.sequenceGaps).toBeGreaterThan(0);
    expect(seen.replays).toBeGreaterThan(0);
  });
});

/** The contiguous vector never claims an operation the replica does not hold. */
function expectHeldIsTrue(world: World, r: Replica): void {
  for (const op of world.all.values()) {
    if (covers(r.held, op)) expect(r.journal.has(op.opId), `replica ${r.index} claims ${op.origin} up to ${r.held[op.origin]} but lacks ${op.hlc}`).toBe(true);
  }
}

function fromScratch(r: Replica): Array<[string, unknown]> {
  const merged = mergeOperations([], [...r.journal.values()]);
  return [...merged.records.entries()].map(([key, m]) => [key, { conflicts: m.conflicts, record: m.record }]);
}

function byRecord(world: World): Map<string, Op[]> {
  const out = new Map<string, Op[]>();
  for (const op of world.all.values()) {
    const key = recordKey(op.table, op.recordId);
    out.set(key, [...(out.get(key) ?? []), op]);
  }
  return out;
}

/**
 * Against the ground truth: every value written but not shown is a conflict loser, or some later
 * write of the field was made by someone who really held it. While a record is deleted, every edit
 * made without holding the deletion is a loser on `deleted`, or was held by a later writer.
 */
function expectNothingSilentlyDropped(world: World, r: Replica): void {
  const held = (later: Op, earlier: Op) => world.truth.get(later.opId)?.has(earlier.opId) === true;
  for (const [key, ops] of byRecord(world)) {
    const view = r.views.get(key);
    if (!view?.record || key.startsWith('logEntries/')) continue;
    const losers = (field: string) => new Set(view.conflicts.filter((c: FieldConflict) => c.field === field).flatMap((c) => c.losers.map((l) => l.opId)));
    const sorted = [...ops].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    for (const field of Object.keys(view.record)) {
      if (CONFLICT_FREE_FIELDS.has(field)) continue;
      const writers = sorted.filter((op) => field in op.fields);
      const winner = writers.at(-1)!;
      // While deleted, every edit also says "keep the record" (implicitly `deleted: false`).
      const contenders = field === 'deleted' && winner.fields[field] === true ? sorted : writers;
      for (const op of writers) {
        if (op === winner || sameData(op.fields[field], winner.fields[field])) continue;
        const kept = losers(field).has(op.opId) || contenders.some((later) => later !== op && held(later, op));
        expect(kept, `${key}.${field}: ${JSON.stringify(op.fields[field])} by ${op.opId} vanished without conflict`).toBe(true);
      }
    }
    if (view.record['deleted'] === true) {
      const deletion = sorted.filter((op) => 'deleted' in op.fields).at(-1)!;
      for (const op of sorted) {
        if ('deleted' in op.fields || held(op, deletion)) continue;
        const kept = losers('deleted').has(op.opId) || sorted.some((later) => later !== op && held(later, op));
        expect(kept, `${key}: edit ${op.opId} to a concurrently deleted record vanished without conflict`).toBe(true);
        if (losers('deleted').has(op.opId)) seen.losersSeenByNobody += 1;
      }
    }
  }
}

/** A base only claims operations its author really held (a lost bundle must not widen it). */
function expectBaseClaimsOnlyWhatWasHeld(world: World): void {
  const records = byRecord(world);
  for (const op of world.all.values()) {
    if (!op.base) continue;
    for (const other of records.get(recordKey(op.table, op.recordId)) ?? []) {
      if (other.origin !== op.origin && covers(op.base, other)) {
        expect(world.truth.get(op.opId)?.has(other.opId), `base of ${op.opId} claims ${other.opId}, which its author did not hold`).toBe(true);
      }
    }
  }
}

describe('mergeRecord on arbitrary histories', () => {
  // Operations on one record with random clocks, authors, fields and bases (even inconsistent
  // ones): whatever the input, the result depends only on the set of operations, and the shown
  // record is exactly what the journal's replay rebuilds.
  const ORIGINS = ['01H00000000000000000000001', '01H00000000000000000000002', '01H00000000000000000000003'];
  const RECORD = '01JRECQRD00000000000000001';
  const opArb = fc.record({
    t: fc.nat({ max: 20 }),
    counter: fc.nat({ max: 2 }),
    who: fc.nat({ max: 2 }),
    kind: fc.constantFrom('create' as const, 'update' as const, 'delete' as const),
    name: fc.option(fc.constantFrom('Ana', 'Bo'), { nil: undefined }),
    level: fc.option(fc.constantFrom('technical', 'political'), { nil: undefined }),
    base: fc.option(fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 20 })), { maxLength: 3 }), { nil: undefined }),
  });
  const historyArb = fc.uniqueArray(opArb, { selector: (o) => `${o.t}/${o.counter}/${o.who}`, minLength: 1, maxLength: 12 }).map((specs) =>
    specs.map((s, i): Op => {
      const hlc = formatHlc({ millis: Date.parse('2026-03-10T08:00:00.000Z') + s.t * 1000, counter: s.counter, node: ORIGINS[s.who]! });
      const fields: Record<string, unknown> = { hlc };
      if (s.name !== undefined) fields['name'] = s.name;
      if (s.level !== undefined) fields['level'] = s.level;
      if (s.kind === 'delete') fields['deleted'] = true;
      if (s.kind === 'create') fields['deleted'] = false;
      const op: Op = { opId: `01J${String(i).padStart(23, '0')}`, hlc, origin: ORIGINS[s.who]!, workspace: 'real', table: 'contacts', recordId: RECORD, kind: s.kind, fields };
      if (s.base === undefined) return op;
      const base = Object.fromEntries(s.base.map(([w, t]) => [ORIGINS[w]!, formatHlc({ millis: Date.parse('2026-03-10T08:00:00.000Z') + t * 1000, counter: 0, node: ORIGINS[w]! })]));
      return { ...op, base };
    }),
  );

  it('depends only on the set of operations (order, duplicates) and shows what replay shows', () => {
    fc.assert(
      fc.property(historyArb, fc.nat(), (history, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }), { seed, numRuns: 1 })[0]!;
        const merged = mergeRecord(history);
        expect(canonicalJson(mergeRecord([...shuffled, ...history.slice(0, seed % (history.length + 1))]))).toBe(canonicalJson(merged));
        if (history.some((op) => op.kind === 'create')) expect(merged.record).toEqual(replayOperations(history).get(RECORD));
        else expect(merged).toEqual({ record: null, conflicts: [] });
        for (const conflict of merged.conflicts) {
          expect(conflict.losers.length).toBeGreaterThan(0);
          expect(conflict.winner.value).toEqual(merged.record?.[conflict.field]);
          for (const loser of conflict.losers) expect(sameData(loser.value, conflict.winner.value)).toBe(false);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('never reports a conflict when no operation carries base', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const legacy = history.map(({ base: _base, ...op }) => op);
        expect(mergeRecord(legacy).conflicts).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
  });
});
