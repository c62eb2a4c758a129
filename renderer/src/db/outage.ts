/**
 * The outage declared on this installation, per workspace (pt. 78). Declaring writes the `outage`
 * row through the change journal, so every switch is audited with who and when; optionally the
 * switch is also written as an observation into an open incident's log.
 */
import { INFRASTRUCTURES, InfrastructureSchema, type Infrastructure, type OutageState } from '../../../shared/model/outage';
import type { Workspace } from '../../../shared/model/workspace';
import type { LogEntry } from '../../../shared/model/records';
import { WorkbookError } from '../../../shared/errors/codes';
import { appendLogEntry } from './logbook';
import type { ChangeJournal } from './journal';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

/** What is down in a workspace now; empty when nothing is (or nothing was ever declared). */
export async function currentOutage(db: WorkbookDb, workspace: Workspace): Promise<OutageState | null> {
  return (await db.outage.get(workspace)) ?? null;
}

export interface OutageDeclaration {
  readonly down: readonly Infrastructure[];
  readonly declaredBy: string;
  readonly note: string;
  /** Also record the switch in this incident's log, as an observation (text written by the caller). */
  readonly logTo?: { readonly incidentId: string; readonly text: string; readonly tlp: LogEntry['tlp'] } | null;
}

/** Declare what is down (an empty list ends the outage). Returns the stored state. */
export async function declareOutage(db: WorkbookDb, journal: ChangeJournal, workspace: Workspace, declaration: OutageDeclaration): Promise<OutageState> {
  const parsed = InfrastructureSchema.array().safeParse(declaration.down);
  if (!parsed.success) throw new WorkbookError('record-invalid', 'outage: unknown infrastructure');
  const down = INFRASTRUCTURES.filter((i) => parsed.data.includes(i));
  const declaredBy = declaration.declaredBy.trim();
  return db.transaction('rw', [db.outage, db.logEntries, ...journalTables(db), db.meta], async () => {
    const before = await db.outage.get(workspace);
    const wasDown = before?.down ?? [];
    // The outage started when the first thing went down; it keeps that time while it lasts.
    const since = down.length === 0 ? null : wasDown.length > 0 && before?.since ? before.since : new Date().toISOString();
    const fields = { down, since, declaredBy, note: declaration.note.trim() };
    const state = before ? await journal.update('outage', workspace, fields) : await journal.create('outage', fields, { workspace: null, id: workspace });
    const log = declaration.logTo;
    if (log) {
      await appendLogEntry(
        db,
        journal,
        { incidentId: log.incidentId, kind: 'observation', text: log.text, occurredAt: new Date().toISOString(), author: declaredBy || '—', tlp: log.tlp },
        workspace,
      );
    }
    return state;
  });
}
