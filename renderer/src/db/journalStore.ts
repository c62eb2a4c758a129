/**
 * The one way to read the change journal: its operations live in two places (the `operations`
 * table, and log entries that carry their own creation: shared/journal/carriedCreation.ts), which
 * never hold the same operation and together are the journal. Readers here merge the two.
 */
import Dexie from 'dexie';
import { CARRYING_TABLE, carriedOperation } from '../../../shared/journal/carriedCreation';
import type { Hlc } from '../../../shared/journal/hlc';
import { compareOperations, type Operation } from '../../../shared/journal/operation';
import type { JournaledTable } from '../../../shared/journal/tables';
import { WORKSPACES, type Workspace } from '../../../shared/model/workspace';
import type { WorkbookDb } from './WorkbookDb';

/**
 * The index of carried creations in clock order per workspace. Rows without `creation` (entries
 * whose creation is in the operations table) have no key in it, so it holds the carried ones only.
 */
export const CARRIED_INDEX = '[workspace+creation.hlc]';

type AnyRecord = Record<string, unknown>;

const inWorkspace = (workspace: Workspace, after: Hlc | null = null): [[Workspace, unknown], [Workspace, unknown], boolean, boolean] => [
  [workspace, after ?? Dexie.minKey],
  [workspace, Dexie.maxKey],
  after === null,
  true,
];

function operationsOf(db: WorkbookDb, workspace: Workspace, after: Hlc | null = null) {
  return db.operations.where('[workspace+hlc]').between(...inWorkspace(workspace, after));
}

function carriedOf(db: WorkbookDb, workspace: Workspace, after: Hlc | null = null) {
  return db.logEntries.where(CARRIED_INDEX).between(...inWorkspace(workspace, after));
}

/** Two lists in journal order merged into one. */
function mergeInOrder(a: readonly Operation[], b: readonly Operation[]): Operation[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const out: Operation[] = new Array<Operation>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareOperations(a[i] as Operation, b[j] as Operation) <= 0 ? (a[i++] as Operation) : (b[j++] as Operation);
  while (i < a.length) out[k++] = a[i++] as Operation;
  while (j < b.length) out[k++] = b[j++] as Operation;
  return out;
}

function carriedOperations(rows: readonly AnyRecord[]): Operation[] {
  const out: Operation[] = [];
  for (const row of rows) {
    const op = carriedOperation(row);
    if (op) out.push(op);
  }
  return out;
}

/**
 * Every operation of a workspace in clock order (then by operation id), optionally only those
 * after a clock. Installation-local operations have no workspace and are not among them.
 */
export async function workspaceJournal(db: WorkbookDb, workspace: Workspace, after: Hlc | null = null): Promise<Operation[]> {
  const [rows, carried] = await Promise.all([operationsOf(db, workspace, after).toArray(), carriedOf(db, workspace, after).toArray()]);
  return mergeInOrder(rows, carriedOperations(carried));
}

/** How many operations a workspace's journal holds (after a clock, when given), counted on indexes. */
export async function workspaceJournalCount(db: WorkbookDb, workspace: Workspace, after: Hlc | null = null): Promise<number> {
  const [rows, carried] = await Promise.all([operationsOf(db, workspace, after).count(), carriedOf(db, workspace, after).count()]);
  return rows + carried;
}

/** The newest operation of a workspace's journal (by clock), or undefined when it is empty. */
export async function newestInWorkspace(db: WorkbookDb, workspace: Workspace): Promise<Operation | undefined> {
  const [row, carried] = await Promise.all([operationsOf(db, workspace).last(), carriedOf(db, workspace).last()]);
  return newer(row, carried === undefined ? undefined : (carriedOperation(carried) ?? undefined));
}

/** The `limit` newest operations of a workspace, newest first. */
export async function latestInWorkspace(db: WorkbookDb, workspace: Workspace, limit: number): Promise<Operation[]> {
  const [rows, carried] = await Promise.all([operationsOf(db, workspace).reverse().limit(limit).toArray(), carriedOf(db, workspace).reverse().limit(limit).toArray()]);
  return mergeInOrder([...rows].reverse(), carriedOperations(carried).reverse())
    .reverse()
    .slice(0, limit);
}

/** Operations per table in a workspace (the carried ones counted on their index, without being read). */
export async function workspaceCountsByTable(db: WorkbookDb, workspace: Workspace, tables: readonly JournaledTable[]): Promise<Record<JournaledTable, number>> {
  const byTable = Object.fromEntries(tables.map((t) => [t, 0])) as Record<JournaledTable, number>;
  const [, carried] = await Promise.all([
    operationsOf(db, workspace).each((op) => {
      byTable[op.table] = (byTable[op.table] ?? 0) + 1;
    }),
    carriedOf(db, workspace).count(),
  ]);
  byTable[CARRYING_TABLE] = (byTable[CARRYING_TABLE] ?? 0) + carried;
  return byTable;
}

/**
 * The first operation of `origin` in a workspace at or after clock `from` (or, with `before`, the
 * last one before it): a gap check reads the journal from where a bundle says it starts. The
 * operations table is read first; the carried creations only up to what it found, since an origin
 * with no log entries near (the built-in content has none) would have every entry read.
 */
export async function originOperationNear(db: WorkbookDb, workspace: Workspace, origin: string, from: Hlc, before: boolean): Promise<Operation | undefined> {
  const ofOrigin = (op: { origin: string }) => op.origin === origin;
  const carried = (row: unknown) => (row === undefined ? undefined : (carriedOperation(row as AnyRecord) ?? undefined));
  if (!before) {
    const row = await db.operations.where('[workspace+hlc]').between([workspace, from], [workspace, Dexie.maxKey], true, true).filter(ofOrigin).first();
    const upTo = row === undefined ? Dexie.maxKey : row.hlc;
    const entry = carried(await db.logEntries.where(CARRIED_INDEX).between([workspace, from], [workspace, upTo], true, true).filter(ofOrigin).first());
    if (row === undefined) return entry;
    if (entry === undefined) return row;
    return compareOperations(row, entry) <= 0 ? row : entry;
  }
  const row = await db.operations.where('[workspace+hlc]').between([workspace, Dexie.minKey], [workspace, from], true, false).reverse().filter(ofOrigin).first();
  const downTo = row === undefined ? Dexie.minKey : row.hlc;
  const entry = carried(await db.logEntries.where(CARRIED_INDEX).between([workspace, downTo], [workspace, from], true, false).reverse().filter(ofOrigin).first());
  return newer(row, entry);
}

function newer(a: Operation | undefined, b: Operation | undefined): Operation | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareOperations(a, b) >= 0 ? a : b;
}

/**
 * The newest operation of the whole journal, every workspace and the installation-local tables,
 * that `accept` takes (newest first: a handful are looked at when it refuses a few).
 */
export async function newestOperation(db: WorkbookDb, accept: (op: Operation) => boolean): Promise<Operation | undefined> {
  let newest = await db.operations.orderBy('hlc').reverse().filter(accept).first();
  for (const workspace of WORKSPACES) {
    const row = await carriedOf(db, workspace)
      .reverse()
      .filter((r) => {
        const op = carriedOperation(r);
        return op !== null && accept(op);
      })
      .first();
    const op = row === undefined ? undefined : (carriedOperation(row) ?? undefined);
    newest = newer(newest, op);
  }
  return newest;
}

/** Every operation the journal holds (for the audit; tests). */
export async function allOperations(db: WorkbookDb): Promise<Operation[]> {
  const [rows, carried] = await Promise.all([db.operations.toArray(), db.logEntries.orderBy(CARRIED_INDEX).toArray()]);
  return [...rows, ...carriedOperations(carried)];
}

/** How many operations the journal holds, counted on indexes. */
export async function operationCount(db: WorkbookDb): Promise<number> {
  const [rows, carried] = await Promise.all([db.operations.count(), db.logEntries.orderBy(CARRIED_INDEX).count()]);
  return rows + carried;
}

/**
 * The carried creations of some log entries, by record id (entries that carry none are left out):
 * read with their rows, one `bulkGet`.
 */
export async function carriedCreations(db: WorkbookDb, recordIds: readonly string[]): Promise<Map<string, Operation>> {
  const out = new Map<string, Operation>();
  // Not read at all when there is nothing to ask: the caller's transaction may not include the table.
  if (recordIds.length === 0) return out;
  const rows = await db.logEntries.bulkGet([...recordIds]);
  for (const row of rows) {
    const op = row === undefined ? null : carriedOperation(row);
    if (op) out.set(op.recordId, op);
  }
  return out;
}
