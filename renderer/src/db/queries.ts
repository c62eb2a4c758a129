/**
 * Read queries for live views. Components call these inside `useLiveQuery`, so every list comes
 * straight from the database and updates itself after any write or import. Tombstoned records
 * are never shown.
 */
import Dexie from 'dexie';
import { isStale } from '../../../shared/contacts/staleness';
import type { Operation } from '../../../shared/journal/operation';
import { JOURNALED_TABLES, type JournaledTable } from '../../../shared/journal/tables';
import type { Contact, Incident, LogEntry, Procedure } from '../../../shared/model/records';
import type { Workspace } from '../../../shared/model/workspace';
import { latestInWorkspace, newestInWorkspace, workspaceCountsByTable, workspaceJournal, workspaceJournalCount } from './journalStore';
import type { ConflictRow, WorkbookDb } from './WorkbookDb';

const live = <T extends { deleted: boolean }>(r: T) => !r.deleted;

export function listIncidents(db: WorkbookDb, workspace: Workspace): Promise<Incident[]> {
  return db.incidents
    .where('[workspace+startedAt]')
    .between([workspace, Dexie.minKey], [workspace, Dexie.maxKey])
    .reverse()
    .filter(live)
    .toArray();
}

export async function getIncident(db: WorkbookDb, workspace: Workspace, id: string): Promise<Incident | null> {
  const incident = await db.incidents.get(id);
  return incident && incident.workspace === workspace && !incident.deleted ? incident : null;
}

/**
 * Every entry of an incident's logbook, deleted or not, in the order they occurred. (The entries'
 * index by incident and time answers this; schema version 8 dropped the one by incident alone.)
 */
export function incidentEntries(db: WorkbookDb, incidentId: string) {
  return db.logEntries.where('[incidentId+occurredAt]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]);
}

/** The timeline of an incident, oldest first, as a logbook reads. */
export async function listLogEntries(db: WorkbookDb, incidentId: string): Promise<LogEntry[]> {
  // Read the range in one go and filter here: a Dexie `.filter()` steps a cursor entry by entry,
  // which made opening a 100,000-entry incident take seconds (log entries are never deleted anyway).
  const entries = await incidentEntries(db, incidentId).toArray();
  return entries.filter(live);
}

export function recentLogEntries(db: WorkbookDb, workspace: Workspace, limit: number): Promise<LogEntry[]> {
  return db.logEntries
    .where('[workspace+createdAt]')
    .between([workspace, Dexie.minKey], [workspace, Dexie.maxKey])
    .reverse()
    .filter(live)
    .limit(limit)
    .toArray();
}

export function listContacts(db: WorkbookDb, workspace: Workspace): Promise<Contact[]> {
  return db.contacts
    .where('[workspace+name]')
    .between([workspace, Dexie.minKey], [workspace, Dexie.maxKey])
    .filter(live)
    .toArray();
}

export function listProcedures(db: WorkbookDb, workspace: Workspace): Promise<Procedure[]> {
  return db.procedures
    .where('[workspace+scope]')
    .between([workspace, Dexie.minKey], [workspace, Dexie.maxKey])
    .filter(live)
    .toArray();
}

/** What the dashboard's holdings card shows: counts and the time of the last change. */
export interface WorkspaceHoldings {
  readonly procedures: number;
  readonly contacts: number;
  /** Live contacts not verified within the installation's staleness period (or never). */
  readonly staleContacts: number;
  readonly operations: number;
  /** The clock of the newest operation in the workspace, or null in an empty one. */
  readonly lastChangeHlc: string | null;
}

/**
 * Counts for the dashboard without reading the journal: the operations are counted on their index
 * (no record is deserialised), so a workspace with 100,000 operations opens as fast as an empty one.
 * Procedures and contacts are read in one go and filtered here (a Dexie `.filter()` steps a cursor).
 */
export async function workspaceHoldings(db: WorkbookDb, workspace: Workspace, staleAfterMonths: number, now: Date = new Date()): Promise<WorkspaceHoldings> {
  const inWorkspace = <K>(): [[Workspace, K], [Workspace, K]] => [[workspace, Dexie.minKey as K], [workspace, Dexie.maxKey as K]];
  return db.transaction('r', [db.procedures, db.contacts, db.operations, db.logEntries, db.carriedClocks], async () => {
    const [procedures, contacts, operations, newest] = await Promise.all([
      db.procedures.where('[workspace+scope]').between(...inWorkspace()).toArray(),
      db.contacts.where('[workspace+name]').between(...inWorkspace()).toArray(),
      workspaceJournalCount(db, workspace),
      newestInWorkspace(db, workspace),
    ]);
    const liveContacts = contacts.filter(live);
    return {
      procedures: procedures.filter(live).length,
      contacts: liveContacts.length,
      staleContacts: liveContacts.filter((c) => isStale(c.verified, now, staleAfterMonths)).length,
      operations,
      lastChangeHlc: newest?.hlc ?? null,
    };
  });
}

export interface JournalSummary {
  readonly operations: number;
  readonly byTable: Readonly<Record<JournaledTable, number>>;
  readonly latest: readonly Operation[];
}

/** Counts and the latest operations of one workspace (installation-local operations have no workspace). */
export async function journalSummary(db: WorkbookDb, workspace: Workspace, latestLimit: number): Promise<JournalSummary> {
  return db.transaction('r', [db.operations, db.logEntries, db.carriedClocks], async () => {
    const [byTable, latest] = await Promise.all([workspaceCountsByTable(db, workspace, JOURNALED_TABLES), latestInWorkspace(db, workspace, latestLimit)]);
    const operations = Object.values(byTable).reduce((a, b) => a + b, 0);
    return { operations, byTable, latest };
  });
}

/** Every operation of a workspace in clock order, for the journal export. */
export function workspaceOperations(db: WorkbookDb, workspace: Workspace): Promise<Operation[]> {
  return db.transaction('r', [db.operations, db.logEntries, db.carriedClocks], () => workspaceJournal(db, workspace));
}

export async function getProfile(db: WorkbookDb) {
  return (await db.profile.toCollection().first()) ?? null;
}

export interface ConflictView extends ConflictRow {
  /** What a person calls the record: a title or a name. */
  readonly label: string;
}

/** Open merge conflicts of a workspace, with the record each belongs to named. */
export async function listConflicts(db: WorkbookDb, workspace: Workspace): Promise<ConflictView[]> {
  const rows = await db.conflicts.where('workspace').equals(workspace).toArray();
  return Promise.all(
    rows.map(async (row) => {
      const record = (await db.table(row.table).get(row.recordId)) as Record<string, unknown> | undefined;
      const title = record?.['title'];
      const englishTitle = title && typeof title === 'object' ? (title as Record<string, unknown>)['en'] : undefined;
      const label = [record?.['name'], title, englishTitle].find((v): v is string => typeof v === 'string' && v !== '') ?? row.recordId;
      return { ...row, label };
    }),
  );
}
