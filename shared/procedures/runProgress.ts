/**
 * The progress of a procedure run, derived from the incident's logbook. A run keeps no progress of
 * its own: every tick, skip, block and reopen is a chained log entry with `progress`, so the state
 * of the run is a pure function of those entries (and evidence of who did what, when).
 *
 * Order: the latest entry about a step wins. "Latest" is the order in which entries were written,
 * not the time the author says something happened (`occurredAt` may be retrospective): entries sort
 * by their hybrid logical clock, which within one installation follows its hash chain and across
 * installations orders what one installation had seen before it wrote; ties (never in practice)
 * fall to the chain position and the id. A withdrawn entry no longer counts.
 *
 * Where the incident stands: the steps that are ready to be worked on. A step is ready when it is
 * not yet done or skipped and either nothing leads to it (a start) or a step leading to it by a
 * sequence flow is done or skipped. A decision that is done passes on only to the steps of the
 * outcome taken when its entry names them (in `links.procedureSteps`), else to all its outcomes;
 * its flows without an outcome (messages it sends) always pass on.
 */
import type { ProcedureContent, RunStatus } from '../model/procedure';
import type { LogEntry } from '../model/records';

export type StepState = 'pending' | 'done' | 'skipped' | 'blocked';
export const STEP_STATES: readonly StepState[] = ['pending', 'done', 'skipped', 'blocked'];

export interface StepProgress {
  readonly state: StepState;
  /** True when the step was done, skipped or blocked before and then reopened. */
  readonly reopened: boolean;
  /** The entry that set the state (null: nothing recorded yet). */
  readonly entryId: string | null;
  readonly occurredAt: string | null;
  readonly author: string | null;
  /** The entry's text: the reason of a skip or block, the note of a tick. */
  readonly text: string | null;
  /** For a decision: the steps its entry names as the outcome taken. */
  readonly chosen: readonly string[];
}

export interface RunProgress {
  readonly status: RunStatus;
  /** Every step of the run's content, in content order. */
  readonly steps: ReadonlyMap<string, StepProgress>;
  /** Ready to be worked on: where the incident stands (content order). */
  readonly current: readonly string[];
  readonly blocked: readonly string[];
  readonly counts: Readonly<Record<StepState, number>>;
  /** Share of steps done or skipped, 0..1. */
  readonly settledShare: number;
  /** The run's progress entries in the order they count. */
  readonly entries: readonly LogEntry[];
}

const PENDING: StepProgress = { state: 'pending', reopened: false, entryId: null, occurredAt: null, author: null, text: null, chosen: [] };

/** The order in which progress entries count (see the module comment). */
export function compareProgressEntries(a: LogEntry, b: LogEntry): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.origin === b.origin && a.chain && b.chain && a.chain.seq !== b.chain.seq) return a.chain.seq - b.chain.seq;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The entries of a run that count: its progress entries, withdrawn ones left out, in order. */
export function runEntries(runId: string, entries: readonly LogEntry[]): LogEntry[] {
  const withdrawn = new Set(entries.filter((e) => e.corrects?.mode === 'withdrawal').map((e) => e.corrects?.entryId));
  return entries
    .filter((e) => !e.deleted && e.progress?.subject === 'procedure-run' && e.progress.runId === runId && !withdrawn.has(e.id))
    .sort(compareProgressEntries);
}

export function deriveRunProgress(content: ProcedureContent, runId: string, entries: readonly LogEntry[], recordedStatus: RunStatus = 'running'): RunProgress {
  const ordered = runEntries(runId, entries);
  const stepIds = new Set(content.steps.map((s) => s.id));
  const latest = new Map<string, LogEntry>();
  let status: RunStatus = recordedStatus;
  let sawRunEntry = false;
  for (const entry of ordered) {
    const progress = entry.progress;
    if (!progress) continue;
    if (progress.itemId === null) {
      if (progress.state === 'completed' || progress.state === 'abandoned') status = progress.state;
      else if (progress.state === 'started') status = 'running';
      sawRunEntry = true;
      continue;
    }
    if (stepIds.has(progress.itemId)) latest.set(progress.itemId, entry);
  }
  if (!sawRunEntry) status = recordedStatus;

  const steps = new Map<string, StepProgress>();
  for (const step of content.steps) {
    const entry = latest.get(step.id);
    const state = entry?.progress?.state;
    if (!entry || !state) {
      steps.set(step.id, PENDING);
      continue;
    }
    const base = { entryId: entry.id, occurredAt: entry.occurredAt, author: entry.author, text: entry.text };
    const chosen = entry.links.procedureSteps.map((l) => l.stepId).filter((id) => id !== step.id && stepIds.has(id));
    if (state === 'done' || state === 'skipped' || state === 'blocked') steps.set(step.id, { ...base, state, reopened: false, chosen });
    else if (state === 'reopened') steps.set(step.id, { ...base, state: 'pending', reopened: true, chosen: [] });
    else steps.set(step.id, PENDING);
  }

  const settled = (id: string) => {
    const s = steps.get(id)?.state;
    return s === 'done' || s === 'skipped';
  };
  const kindOf = new Map(content.steps.map((s) => [s.id, s.kind]));
  const fires = (flow: ProcedureContent['flows'][number]) => {
    if (!settled(flow.from)) return false;
    const p = steps.get(flow.from);
    if (kindOf.get(flow.from) !== 'decision' || flow.outcome === null || p?.state !== 'done' || !p.chosen.length) return true;
    return p.chosen.includes(flow.to);
  };
  const current: string[] = [];
  const blocked: string[] = [];
  const counts: Record<StepState, number> = { pending: 0, done: 0, skipped: 0, blocked: 0 };
  for (const step of content.steps) {
    const p = steps.get(step.id) ?? PENDING;
    counts[p.state] += 1;
    if (p.state === 'blocked') blocked.push(step.id);
    if (status !== 'running' || p.state !== 'pending') continue;
    const into = content.flows.filter((f) => f.to === step.id && f.from !== step.id && stepIds.has(f.from));
    const sequence = into.filter((f) => f.kind === 'sequence');
    const gates = sequence.length > 0 ? sequence : into;
    if (gates.length === 0 || gates.some(fires)) current.push(step.id);
  }
  const total = content.steps.length;
  return {
    status,
    steps,
    current,
    blocked,
    counts,
    settledShare: total === 0 ? 0 : (counts.done + counts.skipped) / total,
    entries: ordered,
  };
}
