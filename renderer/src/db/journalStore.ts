/**
 * The one way to read the change journal: its operations live in two places (the `operations`
 * table, and log entries that carry their own creation: shared/journal/carriedCreation.ts), which
 * never hold the same operation and together are the journal. Readers here merge the two; the
 * carried creations are found in clock order through their clock lists (shared/journal/clockLists.ts).
 */
import Dexie, { type Transaction } from 'dexie';
import { CARRYING_TABLE, carriedOperation } from '../../../shared/journal/carriedCreation';
import { countAfter, entriesIn, mergeTwo, newestEntries, type CarriedClock, type ClockList } from '../../../shared/journal/clockLists';
import { clockListsOf } from './clockLists';
import type { Hlc } from '../../../shared/journal/hlc';
import { compareOperations, type Operation } from '../../../shared/journal/operation';
import type { JournaledTable } from '../../../shared/journal/tables';
import { WORKSPACES, type Workspace } from '../../../shared/model/workspace';
import type { WorkbookDb } from './WorkbookDb';

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

/** Lists read in a read-only transaction, kept for it: one view of the workbook reads them once. */
const listsRead = new WeakMap<Transaction, Map<Workspace, Promise<ClockList[]>>>();

/** The clock lists of a workspace's carried creations. */
function listsOf(db: WorkbookDb, workspace: Workspace): Promise<ClockList[]> {
  const transaction = Dexie.currentTransaction;
  if (!transaction || transaction.mode !== 'readonly') return clockListsOf(db.carriedClocks, workspace);
  let byWorkspace = listsRead.get(transaction);
  if (!byWorkspace) listsRead.set(transaction, (byWorkspace = new Map<Workspace, Promise<ClockList[]>>()));
  let lists = byWorkspace.get(workspace);
  if (!lists) byWorkspace.set(workspace, (lists = clockListsOf(db.carriedClocks, workspace)));
  return lists;
}

/** Entries read at a time where a search stops at the first that fits. */
const SCAN_CHUNK = 64;

/** The carried creations of the entries `ids`, in that order (read by key). */
async function carriedByIds(db: WorkbookDb, ids: readonly string[]): Promise<Operation[]> {
  if (ids.length === 0) return [];
  const rows = await db.logEntries.bulkGet([...ids]);
  return carriedOperations(rows.filter((row) => row !== undefined));
}

/** The first carried creation, in the order of `entries`, that `accept` takes (read a chunk at a time). */
async function firstCarried(db: WorkbookDb, entries: readonly CarriedClock[], accept: (op: Operation) => boolean): Promise<Operation | undefined> {
  for (let i = 0; i < entries.length; i += SCAN_CHUNK) {
    const found = (await carriedByIds(db, entries.slice(i, i + SCAN_CHUNK).map((e) => e.id))).find(accept);
    if (found) return found;
  }
  return undefined;
}

/** Two lists in journal order merged into one. */
function mergeInOrder(a: readonly Operation[], b: readonly Operation[]): Operation[] {
  return mergeTwo(a, b, compareOperations);
}

function carriedOperations(rows: readonly object[]): Operation[] {
  const out: Operation[] = [];
  for (const row of rows) {
    const op = carriedOperation(row as AnyRecord);
    if (op) out.push(op);
  }
  return out;
}

/**
 * Every operation of a workspace in clock order (then by operation id), optionally only those
 * after a clock. Installation-local operations have no workspace and are not among them.
 */
export async function workspaceJournal(db: WorkbookDb, workspace: Workspace, after: Hlc | null = null): Promise<Operation[]> {
  const [rows, lists] = await Promise.all([operationsOf(db, workspace, after).toArray(), listsOf(db, workspace)]);
  const wanted = countAfter(lists, after);
  if (wanted === 0) return rows;
  // A few entries are read by key; most of them, all at once over an index every entry has (one
  // request, instead of one per entry) and sorted here.
  if (wanted * 4 < countAfter(lists, null)) {
    const ids = entriesIn(lists, after === null ? {} : { low: after, lowIncluded: false }).map((e) => e.id);
    return mergeInOrder(rows, await carriedByIds(db, ids));
  }
  const entries = (await db.logEntries.where('[workspace+createdAt]').between([workspace, Dexie.minKey], [workspace, Dexie.maxKey]).toArray()) as unknown as AnyRecord[];
  const carried = carriedOperations(entries).filter((op) => after === null || op.hlc > after);
  return mergeInOrder(rows, carried.sort(compareOperations));
}

/** How many operations a workspace's journal holds (after a clock, when given), counted without reading one. */
export async function workspaceJournalCount(db: WorkbookDb, workspace: Workspace, after: Hlc | null = null): Promise<number> {
  const [rows, lists] = await Promise.all([operationsOf(db, workspace, after).count(), listsOf(db, workspace)]);
  return rows + countAfter(lists, after);
}

/** The newest operation of a workspace's journal (by clock), or undefined when it is empty. */
export async function newestInWorkspace(db: WorkbookDb, workspace: Workspace): Promise<Operation | undefined> {
  const [row, lists] = await Promise.all([operationsOf(db, workspace).last(), listsOf(db, workspace)]);
  const [carried] = await carriedByIds(
    db,
    newestEntries(lists, 1).map((e) => e.id),
  );
  return newer(row, carried);
}

/** The `limit` newest operations of a workspace, newest first. */
export async function latestInWorkspace(db: WorkbookDb, workspace: Workspace, limit: number): Promise<Operation[]> {
  const [rows, lists] = await Promise.all([operationsOf(db, workspace).reverse().limit(limit).toArray(), listsOf(db, workspace)]);
  const carried = await carriedByIds(
    db,
    newestEntries(lists, limit).map((e) => e.id),
  );
  return mergeInOrder([...rows].reverse(), carried.reverse())
    .reverse()
    .slice(0, limit);
}

/** Operations per table in a workspace (the carried ones counted on their lists, without being read). */
export async function workspaceCountsByTable(db: WorkbookDb, workspace: Workspace, tables: readonly JournaledTable[]): Promise<Record<JournaledTable, number>> {
  const byTable = Object.fromEntries(tables.map((t) => [t, 0])) as Record<JournaledTable, number>;
  const [, lists] = await Promise.all([
    operationsOf(db, workspace).each((op) => {
      byTable[op.table] = (byTable[op.table] ?? 0) + 1;
    }),
    listsOf(db, workspace),
  ]);
  byTable[CARRYING_TABLE] = (byTable[CARRYING_TABLE] ?? 0) + countAfter(lists, null);
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
  const lists = await listsOf(db, workspace);
  if (!before) {
    const row = await db.operations.where('[workspace+hlc]').between([workspace, from], [workspace, Dexie.maxKey], true, true).filter(ofOrigin).first();
    const candidates = entriesIn(lists, { low: from, lowIncluded: true, ...(row === undefined ? {} : { high: row.hlc, highIncluded: true }) });
    const entry = await firstCarried(db, candidates, ofOrigin);
    if (row === undefined) return entry;
    if (entry === undefined) return row;
    return compareOperations(row, entry) <= 0 ? row : entry;
  }
  const row = await db.operations.where('[workspace+hlc]').between([workspace, Dexie.minKey], [workspace, from], true, false).reverse().filter(ofOrigin).first();
  const candidates = entriesIn(lists, { ...(row === undefined ? {} : { low: row.hlc, lowIncluded: true }), high: from, highIncluded: false }).reverse();
  return newer(row, await firstCarried(db, candidates, ofOrigin));
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
    const lists = await listsOf(db, workspace);
    // The newest few first; all of them only when those are all refused.
    let op = await firstCarried(db, newestEntries(lists, SCAN_CHUNK), accept);
    if (op === undefined && countAfter(lists, null) > SCAN_CHUNK) op = await firstCarried(db, entriesIn(lists).reverse().slice(SCAN_CHUNK), accept);
    newest = newer(newest, op);
  }
  return newest;
}

/** Every operation the journal holds (for the audit; tests): the carried ones in journal order. */
export async function allOperations(db: WorkbookDb): Promise<Operation[]> {
  const [rows, entries] = await Promise.all([db.operations.toArray(), db.logEntries.toArray()]);
  return [...rows, ...carriedOperations(entries).sort(compareOperations)];
}

/** How many operations the journal holds, counted without reading one. */
export async function operationCount(db: WorkbookDb): Promise<number> {
  const [rows, lists] = await Promise.all([db.operations.count(), db.carriedClocks.toArray()]);
  return rows + countAfter(lists, null);
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
