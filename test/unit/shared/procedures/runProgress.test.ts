import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogEntrySchema, type LogEntry } from '../../../../shared/model/records';
import { compareProgressEntries, deriveRunProgress } from '../../../../shared/procedures/runProgress';
import { EXERCISE_SCENARIO } from '../../../../shared/seed/exerciseScenario';
import { FIXTURE_PROCEDURE } from '../../../fixtures/procedures';

const RUN = '01JR0000000000000000000RNA';
const OTHER_RUN = '01JR0000000000000000000RNB';
const ORIGIN = '01J0000000000000000000RG01';
const ORIGIN_2 = '01J0000000000000000000RG02';
const PROC = '01JP000000000000000000PRC1';
let n = 0;

function hlcAt(ms: number, origin = ORIGIN) {
  return `${new Date(Date.UTC(2026, 2, 10, 8, 0, 0) + ms).toISOString()}-0000-${origin}`;
}

function entry(
  ms: number,
  itemId: string | null,
  state: NonNullable<LogEntry['progress']>['state'],
  extra: { origin?: string; runId?: string; text?: string; next?: string[]; occurredMs?: number; seq?: number; corrects?: LogEntry['corrects'] } = {},
): LogEntry {
  n += 1;
  const origin = extra.origin ?? ORIGIN;
  return LogEntrySchema.parse({
    id: `01JE${String(n).padStart(22, '0')}`,
    workspace: 'exercise',
    origin,
    tlp: 'AMBER',
    createdAt: new Date(Date.UTC(2026, 2, 10, 8) + ms).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 2, 10, 8) + ms).toISOString(),
    hlc: hlcAt(ms, origin),
    deleted: false,
    incidentId: '01JN000000000000000000NC01',
    kind: 'action',
    text: extra.text ?? `${itemId ?? 'run'} ${state}`,
    occurredAt: new Date(Date.UTC(2026, 2, 10, 8) + (extra.occurredMs ?? ms)).toISOString(),
    author: 'Tester',
    corrects: extra.corrects ?? null,
    progress: { subject: 'procedure-run', runId: extra.runId ?? RUN, itemId, state },
    links: { contacts: [], procedureSteps: itemId ? [itemId, ...(extra.next ?? [])].map((stepId) => ({ procedureId: PROC, stepId })) : [] },
    chain: extra.seq === undefined ? null : { seq: extra.seq, prev: null, hash: 'a'.repeat(64) },
  });
}

const content = FIXTURE_PROCEDURE;

describe('deriveRunProgress', () => {
  it('starts at the start step with everything pending', () => {
    const p = deriveRunProgress(content, RUN, [entry(0, null, 'started')]);
    expect(p.status).toBe('running');
    expect(p.current).toEqual(['start']);
    expect(p.counts).toEqual({ pending: content.steps.length, done: 0, skipped: 0, blocked: 0 });
  });

  it('moves on as steps are ticked and skipped; a decision passes on to the outcome taken', () => {
    const p = deriveRunProgress(content, RUN, [
      entry(0, null, 'started'),
      entry(1000, 'start', 'done'),
      entry(2000, 'assess', 'done'),
      entry(3000, 'significant', 'done', { next: ['notify'] }),
    ]);
    expect(p.current).toEqual(['notify', 'inform']);
    expect(p.steps.get('significant')?.chosen).toEqual(['notify']);
    const skipped = deriveRunProgress(content, RUN, [entry(0, null, 'started'), entry(1000, 'start', 'skipped', { text: 'Reported by phone' })]);
    expect(skipped.current).toEqual(['assess']);
    expect(skipped.steps.get('start')).toMatchObject({ state: 'skipped', text: 'Reported by phone' });
  });

  it('without a named outcome a decision passes on to all its outcomes', () => {
    const p = deriveRunProgress(content, RUN, [entry(1000, 'start', 'done'), entry(2000, 'assess', 'done'), entry(3000, 'significant', 'done')]);
    expect(p.current).toEqual(['handle', 'notify', 'inform']);
  });

  it('keeps blocked steps apart, and a reopened step is pending again', () => {
    const p = deriveRunProgress(content, RUN, [entry(1000, 'start', 'done'), entry(2000, 'assess', 'blocked', { text: 'No access to the logs' })]);
    expect(p.blocked).toEqual(['assess']);
    expect(p.current).toEqual([]);
    const q = deriveRunProgress(content, RUN, [entry(1000, 'start', 'done'), entry(2000, 'start', 'reopened')]);
    expect(q.steps.get('start')).toMatchObject({ state: 'pending', reopened: true });
    expect(q.current).toEqual(['start']);
  });

  it('follows the end of the run, ignores other runs and withdrawn entries', () => {
    const done = entry(1000, 'start', 'done');
    const p = deriveRunProgress(content, RUN, [
      done,
      entry(1500, 'assess', 'done', { runId: OTHER_RUN }),
      entry(2000, null, 'abandoned'),
    ]);
    expect(p.status).toBe('abandoned');
    expect(p.current).toEqual([]);
    expect(p.steps.get('assess')?.state).toBe('pending');
    const withdrawal = { ...entry(3000, null, 'started'), progress: null, corrects: { entryId: done.id, mode: 'withdrawal' as const, reason: 'wrong run' } };
    const q = deriveRunProgress(content, RUN, [done, withdrawal]);
    expect(q.steps.get('start')?.state).toBe('pending');
  });

  it('lets the later-written entry win, not the later occurredAt (retrospective entries)', () => {
    const p = deriveRunProgress(content, RUN, [entry(1000, 'start', 'blocked', { text: 'x' }), entry(2000, 'start', 'done', { occurredMs: 0 })]);
    expect(p.steps.get('start')?.state).toBe('done');
  });

  it('orders entries of one installation by their chain when clocks tie', () => {
    const a = entry(1000, 'start', 'blocked', { seq: 7 });
    const b = { ...entry(1000, 'start', 'done', { seq: 8 }), id: '01JE0000000000000000000000' };
    expect(compareProgressEntries(a, b)).toBeLessThan(0);
    expect(deriveRunProgress(content, RUN, [b, a]).steps.get('start')?.state).toBe('done');
  });

  it('does not depend on the order entries arrive in (property)', () => {
    const steps = content.steps.map((s) => s.id);
    const states = ['done', 'skipped', 'blocked', 'reopened'] as const;
    const arb = fc.uniqueArray(
      fc.record({ ms: fc.integer({ min: 0, max: 1_000_000 }), step: fc.constantFrom(...steps), state: fc.constantFrom(...states), origin: fc.constantFrom(ORIGIN, ORIGIN_2) }),
      { selector: (e) => e.ms, maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const entries = [entry(0, null, 'started'), ...specs.map((s) => entry(s.ms + 1, s.step, s.state, { origin: s.origin, text: 'reason' }))];
        const shuffled = [...entries].sort(() => 0).reverse();
        const a = deriveRunProgress(content, RUN, entries);
        const b = deriveRunProgress(content, RUN, shuffled);
        expect([...b.steps.entries()]).toEqual([...a.steps.entries()]);
        expect(b.current).toEqual(a.current);
        // The latest written entry of each step decides it.
        for (const id of steps) {
          const last = specs.filter((s) => s.step === id).sort((x, y) => x.ms - y.ms).pop();
          const expected = !last ? 'pending' : last.state === 'reopened' ? 'pending' : last.state;
          expect(a.steps.get(id)?.state).toBe(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on order under random permutations (property)', () => {
    const steps = content.steps.map((s) => s.id);
    const arb = fc.uniqueArray(fc.record({ ms: fc.integer({ min: 1, max: 100_000 }), step: fc.constantFrom(...steps), state: fc.constantFrom('done' as const, 'skipped' as const, 'blocked' as const, 'reopened' as const) }), {
      selector: (e) => e.ms,
      maxLength: 30,
    });
    fc.assert(
      fc.property(arb.chain((specs) => fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs.map((_, i) => i), { minLength: specs.length, maxLength: specs.length }))), ([specs, order]) => {
        const entries = specs.map((s) => entry(s.ms, s.step, s.state, { text: 'r' }));
        const permuted = order.map((i) => entries[i]!);
        const a = deriveRunProgress(content, RUN, entries);
        const b = deriveRunProgress(content, RUN, permuted);
        expect([...b.steps.entries()]).toEqual([...a.steps.entries()]);
        expect(b.current).toEqual(a.current);
        expect(b.counts).toEqual(a.counts);
      }),
      { numRuns: 200 },
    );
  });

  it('derives where the exercise drill run on BLUE HARBOUR stands', () => {
    const run = EXERCISE_SCENARIO.procedureRuns[0];
    expect(run).toBeDefined();
    const p = deriveRunProgress(run!.content, run!.id, EXERCISE_SCENARIO.logEntries, run!.status);
    expect(p.status).toBe('running');
    expect(p.counts).toMatchObject({ done: 3, blocked: 1 });
    expect(p.blocked).toEqual(['advise']);
    expect(p.current).toEqual([]);
  });
});
