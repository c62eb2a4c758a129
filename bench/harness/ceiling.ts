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

export interface CeilingRecords {
  readonly incidents: readonly Record<string, unknown>[];
  readonly logEntries: readonly Record<string, unknown>[];
}

/** Parse the records file (`table TAB canonical JSON` per line). */
export function parseRecords(text: string): CeilingRecords {
  const incidents: Record<string, unknown>[] = [];
  const logEntries: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const table = line.slice(0, tab);
    const record = JSON.parse(line.slice(tab + 1)) as Record<string, unknown>;
    if (table === 'incidents') incidents.push(record);
    else if (table === 'logEntries') logEntries.push(record);
    else throw new Error(`records file: unknown table ${table}`);
  }
  return { incidents, logEntries };
}

/** A database the app created (and closed), opened as a plain Dexie with the schema it has. */
export async function openPlainDexie(databaseName: string): Promise<Dexie> {
  const db = new Dexie(databaseName);
  await db.open();
  return db;
}

/** C itself: the timed part. */
export async function bulkPutRecords(db: Dexie, records: CeilingRecords): Promise<void> {
  await db.transaction('rw', db.table('incidents'), db.table('logEntries'), async () => {
    await db.table('incidents').bulkPut(records.incidents);
    await db.table('logEntries').bulkPut(records.logEntries);
  });
}
