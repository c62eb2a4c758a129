/**
 * Procedure runs on incidents. Starting a run copies the procedure's content into the run (so a
 * later edit or a newer pack does not change a run under way) and writes the log entry saying so;
 * every tick, skip, block and reopen of a step, and the end of the run, is a chained log entry of
 * the incident with `progress` (see shared/procedures/runProgress.ts, which derives the state from
 * them). Each write is one transaction: the run record and its log entry are stored together or
 * not at all.
 */
import { z } from 'zod';
import { WorkbookError } from '../../../shared/errors/codes';
import type { Incident, LogEntry, Procedure, ProcedureRun } from '../../../shared/model/records';
import type { Workspace } from '../../../shared/model/workspace';
import { appendLogEntry } from './logbook';
import type { ChangeJournal } from './journal';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

const live = <T extends { deleted: boolean }>(r: T) => !r.deleted;

export const STEP_ACTIONS = ['done', 'skipped', 'blocked', 'reopened'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

const AuthorSchema = z.string().trim().min(1, 'author is required').max(300);
const TextSchema = z.string().trim().min(1, 'the entry needs a text').max(20_000);

const StepProgressInputSchema = z
  .object({
    stepId: z.string().min(1).max(64),
    action: z.enum(STEP_ACTIONS),
    /** The entry's text as the reader sees it (includes the reason of a skip or block). */
    text: TextSchema,
    /** Why a step is skipped or blocked: required for those. */
    reason: z.string().trim().max(2_000).nullable(),
    author: AuthorSchema,
    /** For a decision that is done: the steps of the outcome taken. */
    next: z.array(z.string().min(1).max(64)).max(20).default(() => []),
    occurredAt: z.iso.datetime().optional(),
  })
  .refine((v) => (v.action !== 'skipped' && v.action !== 'blocked') || (v.reason ?? '').length > 0, { message: 'a reason is required to skip or block a step', path: ['reason'] });
export type StepProgressInput = z.input<typeof StepProgressInputSchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new WorkbookError('record-invalid', `${what}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

export async function listRuns(db: WorkbookDb, incidentId: string): Promise<ProcedureRun[]> {
  return (await db.procedureRuns.where('incidentId').equals(incidentId).filter(live).toArray()).sort((a, b) => b.startedAt.localeCompare(a.startedAt) || (a.id < b.id ? 1 : -1));
}

export async function listRunsOfProcedure(db: WorkbookDb, procedureId: string): Promise<ProcedureRun[]> {
  return (await db.procedureRuns.where('procedureId').equals(procedureId).filter(live).toArray()).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export async function getRun(db: WorkbookDb, workspace: Workspace, runId: string): Promise<ProcedureRun | null> {
  const run = await db.procedureRuns.get(runId);
  return run && run.workspace === workspace && !run.deleted ? run : null;
}

const TABLES = (db: WorkbookDb) => [db.procedureRuns, db.logEntries, ...journalTables(db), db.meta];

/** Start a procedure on an incident: the run (with the content as it is now) and its first log entry. */
export async function startRun(
  db: WorkbookDb,
  journal: ChangeJournal,
  procedure: Procedure,
  incident: Incident,
  entry: { readonly text: string; readonly author: string },
): Promise<ProcedureRun> {
  const text = parse(TextSchema, entry.text, 'procedure run');
  const author = parse(AuthorSchema, entry.author, 'procedure run');
  if (procedure.workspace !== incident.workspace) throw new WorkbookError('record-invalid', 'procedure run: procedure and incident are in different workspaces');
  if (procedure.steps.length === 0) throw new WorkbookError('record-invalid', 'procedure run: the procedure has no steps');
  if (incident.status === 'closed') throw new WorkbookError('record-invalid', 'procedure run: the incident is closed');
  return db.transaction('rw', TABLES(db), async () => {
    const startedAt = new Date().toISOString();
    const run = await journal.create(
      'procedureRuns',
      {
        incidentId: incident.id,
        procedureId: procedure.id,
        procedureKey: procedure.key,
        procedureVersion: procedure.version,
        content: {
          scope: procedure.scope,
          country: procedure.country,
          title: procedure.title,
          summary: procedure.summary,
          citations: procedure.citations,
          lanes: procedure.lanes,
          steps: procedure.steps,
          flows: procedure.flows,
        },
        startedAt,
        startedBy: author,
        status: 'running',
        tlp: incident.tlp,
      },
      { workspace: incident.workspace },
    );
    await appendLogEntry(
      db,
      journal,
      {
        incidentId: incident.id,
        kind: 'action',
        text,
        occurredAt: startedAt,
        author,
        tlp: incident.tlp,
        progress: { subject: 'procedure-run', runId: run.id, itemId: null, state: 'started' },
      },
      incident.workspace,
    );
    return run;
  });
}

/** Tick, skip (with a reason), block (with a reason) or reopen a step of a running run. */
export async function recordStepProgress(db: WorkbookDb, journal: ChangeJournal, run: ProcedureRun, input: StepProgressInput): Promise<LogEntry> {
  const v = parse(StepProgressInputSchema, input, 'procedure step');
  const step = run.content.steps.find((s) => s.id === v.stepId);
  if (!step) throw new WorkbookError('record-invalid', `procedure run: no step ${v.stepId}`);
  const targets = new Set(run.content.flows.filter((f) => f.from === step.id).map((f) => f.to));
  const next = [...new Set(v.next)];
  if (next.length > 0 && (step.kind !== 'decision' || v.action !== 'done')) throw new WorkbookError('record-invalid', 'procedure run: only a decision that is done names the steps that follow');
  const stray = next.find((id) => !targets.has(id));
  if (stray) throw new WorkbookError('record-invalid', `procedure run: ${stray} does not follow ${step.id}`);
  return db.transaction('rw', TABLES(db), async () => {
    // Read the run inside the transaction, so a run closed meanwhile (here or by an import) is seen.
    const current = await db.procedureRuns.get(run.id);
    if (!current || current.deleted) throw new WorkbookError('record-invalid', 'procedure run: not found');
    if (current.status !== 'running') throw new WorkbookError('record-invalid', 'procedure run: closed');
    return appendLogEntry(
      db,
      journal,
      {
        incidentId: run.incidentId,
        kind: step.kind === 'decision' && v.action === 'done' ? 'decision' : 'action',
        text: v.text,
        occurredAt: v.occurredAt ?? new Date().toISOString(),
        author: v.author,
        tlp: current.tlp,
        progress: { subject: 'procedure-run', runId: run.id, itemId: step.id, state: v.action },
        links: { contacts: [], procedureSteps: [step.id, ...next].map((stepId) => ({ procedureId: run.procedureId, stepId })) },
      },
      run.workspace,
    );
  });
}

/** Close a run as completed or abandoned, with the log entry saying so (a reason is required to abandon). */
export async function finishRun(
  db: WorkbookDb,
  journal: ChangeJournal,
  run: ProcedureRun,
  status: 'completed' | 'abandoned',
  entry: { readonly text: string; readonly author: string },
): Promise<ProcedureRun> {
  const text = parse(TextSchema, entry.text, 'procedure run');
  const author = parse(AuthorSchema, entry.author, 'procedure run');
  return db.transaction('rw', TABLES(db), async () => {
    const current = await db.procedureRuns.get(run.id);
    if (!current || current.deleted) throw new WorkbookError('record-invalid', 'procedure run: not found');
    if (current.status !== 'running') throw new WorkbookError('record-invalid', 'procedure run: closed');
    const updated = await journal.update('procedureRuns', run.id, { status });
    await appendLogEntry(
      db,
      journal,
      {
        incidentId: run.incidentId,
        kind: 'action',
        text,
        occurredAt: new Date().toISOString(),
        author,
        tlp: current.tlp,
        progress: { subject: 'procedure-run', runId: run.id, itemId: null, state: status },
      },
      run.workspace,
    );
    return updated;
  });
}
