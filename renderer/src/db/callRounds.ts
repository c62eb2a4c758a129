/**
 * Call trees and call rounds. A round is started on an incident from a tree (the tree is copied
 * into the round, so later edits of the tree do not change a round under way); every call's outcome
 * is a chained log entry of the incident with `progress`, so the round's history is the logbook's.
 */
import { WorkbookError } from '../../../shared/errors/codes';
import { treeIssues, type CallState } from '../../../shared/contacts/callRound';
import type { CallTreeNode } from '../../../shared/model/callTree';
import type { Infrastructure } from '../../../shared/model/outage';
import type { CallRound, CallTree, Incident, LogEntry } from '../../../shared/model/records';
import type { Workspace } from '../../../shared/model/workspace';
import { appendLogEntry } from './logbook';
import type { ChangeJournal, RecordInput } from './journal';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

const live = <T extends { deleted: boolean }>(r: T) => !r.deleted;

export async function listCallTrees(db: WorkbookDb, workspace: Workspace): Promise<CallTree[]> {
  return (await db.callTrees.where('workspace').equals(workspace).filter(live).toArray()).sort((a, b) => a.name.localeCompare(b.name));
}

export async function listCallRounds(db: WorkbookDb, incidentId: string): Promise<CallRound[]> {
  return (await db.callRounds.where('incidentId').equals(incidentId).filter(live).toArray()).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Save a call tree (new when `id` is null); refuses a tree that is not a tree. */
export async function saveCallTree(journal: ChangeJournal, workspace: Workspace, id: string | null, input: RecordInput<'callTrees'>): Promise<CallTree> {
  const issue = treeIssues(input.nodes)[0];
  if (issue) throw new WorkbookError('record-invalid', `call tree: ${issue.kind} at ${issue.nodeId}`);
  return id ? journal.update('callTrees', id, input) : journal.create('callTrees', input, { workspace });
}

/** Start a round of a tree on an incident: the round record and the log entry saying so, together. */
export async function startCallRound(
  db: WorkbookDb,
  journal: ChangeJournal,
  tree: CallTree,
  incident: Incident,
  options: { readonly down: readonly Infrastructure[]; readonly startedBy: string; readonly text: string },
): Promise<CallRound> {
  if (tree.nodes.length === 0) throw new WorkbookError('record-invalid', 'call tree: no calls');
  return db.transaction('rw', [db.callRounds, db.logEntries, ...journalTables(db), db.meta], async () => {
    const startedAt = new Date().toISOString();
    const round = await journal.create(
      'callRounds',
      {
        incidentId: incident.id,
        callTreeId: tree.id,
        name: tree.name,
        nodes: tree.nodes,
        down: [...options.down],
        startedAt,
        startedBy: options.startedBy,
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
        kind: 'communication-out',
        text: options.text,
        occurredAt: startedAt,
        author: options.startedBy,
        tlp: incident.tlp,
        progress: { subject: 'call-round', runId: round.id, itemId: null, state: 'started' },
        links: { contacts: [...new Set(tree.nodes.map((n) => n.contactId))].slice(0, 50), procedureSteps: [] },
      },
      incident.workspace,
    );
    return round;
  });
}

/** Record the outcome of one call of a round. */
export async function recordCall(
  db: WorkbookDb,
  journal: ChangeJournal,
  round: CallRound,
  node: CallTreeNode,
  state: CallState,
  entry: { readonly text: string; readonly author: string },
): Promise<LogEntry> {
  if (!round.nodes.some((n) => n.id === node.id)) throw new WorkbookError('record-invalid', `call round: no call ${node.id}`);
  if (round.status !== 'running') throw new WorkbookError('record-invalid', 'call round: closed');
  return appendLogEntry(
    db,
    journal,
    {
      incidentId: round.incidentId,
      kind: 'communication-out',
      text: entry.text,
      occurredAt: new Date().toISOString(),
      author: entry.author,
      tlp: round.tlp,
      progress: { subject: 'call-round', runId: round.id, itemId: node.id, state },
      links: { contacts: [node.contactId], procedureSteps: [] },
    },
    round.workspace,
  );
}

/** Close a round as completed or abandoned, with the log entry saying so. */
export async function closeCallRound(
  db: WorkbookDb,
  journal: ChangeJournal,
  round: CallRound,
  status: 'completed' | 'abandoned',
  entry: { readonly text: string; readonly author: string },
): Promise<CallRound> {
  return db.transaction('rw', [db.callRounds, db.logEntries, ...journalTables(db), db.meta], async () => {
    const updated = await journal.update('callRounds', round.id, { status });
    await appendLogEntry(
      db,
      journal,
      {
        incidentId: round.incidentId,
        kind: 'communication-out',
        text: entry.text,
        occurredAt: new Date().toISOString(),
        author: entry.author,
        tlp: round.tlp,
        progress: { subject: 'call-round', runId: round.id, itemId: null, state: status },
      },
      round.workspace,
    );
    return updated;
  });
}
