/**
 * The ceiling C of issue 8: the same records written with one plain Dexie `bulkPut` per table, in
 * one transaction, into the app's own schema (the same object stores and indexes, from
 * renderer/src/db/schema.ts). No verification, no journal, no merge: what the storage itself
 * costs, which the import should come close to.
 *
 * The app's `WorkbookDb` refuses writes around the journal (journalGuard), so C writes through a
 * second, plain `Dexie` opened on the database the app created, in Dexie's dynamic mode (no
 * version declared: it takes the stores and indexes the database has), so the schema is the
 * app's current one whatever version that is.
 */
import Dexie from 'dexie';
import { CARRYING_TABLE, carryingRow, isCarryingTable } from '../../shared/journal/carriedCreation';
import { CLOCK_LIST_TABLE, clockListsOfRows } from '../../shared/journal/clockLists';
import type { Operation } from '../../shared/journal/operation';

/** The records by table, in the order of the records file. */
export type CeilingRecords = ReadonlyMap<string, Record<string, unknown>[]>;

/** Tables the dataset has records in (bench/node/dataset.ts `datasetRecords`). */
const DATASET_TABLES: ReadonlySet<string> = new Set(['contacts', 'procedures', 'procedureVersions', 'incidents', 'logEntries']);

/** Parse the records file (`table TAB canonical JSON` per line). */
export function parseRecords(text: string): CeilingRecords {
  const tables = new Map<string, Record<string, unknown>[]>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const table = line.slice(0, tab);
    if (!DATASET_TABLES.has(table)) throw new Error(`records file: unknown table ${table}`);
    const rows = tables.get(table) ?? [];
    rows.push(JSON.parse(line.slice(tab + 1)) as Record<string, unknown>);
    tables.set(table, rows);
  }
  return tables;
}

/** A database the app created (and closed), opened as a plain Dexie with the schema it has. */
export async function openPlainDexie(databaseName: string): Promise<Dexie> {
  const db = new Dexie(databaseName);
  await db.open();
  return db;
}

/**
 * The records and their operations as the change journal stores them: a log entry's creation
 * carried by the entry's row (shared/journal/carriedCreation.ts, the same rule as the journal's),
 * every other operation a row of the operations table.
 */
export function asJournaled(records: CeilingRecords, operations: readonly Record<string, unknown>[]): { records: CeilingRecords; operations: Record<string, unknown>[] } {
  const out = new Map<string, Record<string, unknown>[]>();
  const rows: Operation[] = [];
  const carriers = new Map<string, Map<string, Record<string, unknown>>>();
  for (const [table, list] of records) {
    if (isCarryingTable(table as Operation['table'])) carriers.set(table, new Map(list.map((r) => [String(r['id']), r])));
    else out.set(table, list);
  }
  for (const raw of operations) {
    const op = raw as unknown as Operation;
    const byId = carriers.get(op.table);
    const record = byId?.get(op.recordId);
    const carrying = record === undefined ? null : carryingRow(op, record);
    if (byId && carrying) byId.set(op.recordId, carrying);
    else rows.push(op);
  }
  for (const [table, byId] of carriers) out.set(table, [...byId.values()]);
  return { records: out, operations: rows };
}

/**
 * The timed part of C, and of C+J when `operations` are given: the records and, in the same
 * transaction, their journal operations as the journal stores them (`asJournaled`: every write
 * is an operation, renderer/src/db/journal.ts), plain Dexie, nothing else. The import can
 * come close to C+J but not below it; what separates C+J from C is what the journal rows alone
 * cost the storage.
 */
export async function bulkPutRecords(db: Dexie, records: CeilingRecords, operations?: readonly Record<string, unknown>[]): Promise<void> {
  const tables = [...records.keys(), ...(operations ? ['operations', CLOCK_LIST_TABLE] : [])].map((name) => db.table(name));
  await db.transaction('rw', tables, async () => {
    for (const [name, rows] of records) await db.table(name).bulkPut(rows);
    if (operations) {
      await db.table('operations').bulkAdd(operations);
      // The clock lists of the carried creations (shared/journal/clockLists.ts), as the journal keeps them.
      await db.table(CLOCK_LIST_TABLE).bulkAdd(clockListsOfRows(records.get(CARRYING_TABLE) ?? []));
    }
  });
}

/** Parse the operations file (one operation as JSON per line). */
export function parseOperations(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
