/**
 * Journal audit: rebuilds every record from its operations and compares the result with what is
 * stored. Any difference means data was written around the journal (e.g. by a tool that opened the
 * IndexedDB database directly) or the journal was altered; the Exchange screen shows the findings.
 */
import { replayOperations, type Operation } from '../../../shared/journal/operation';
import { sameData } from '../../../shared/journal/canonical';
import { JOURNALED_TABLES, RECORD_SCHEMAS, type JournaledTable } from '../../../shared/journal/tables';
import { CARRYING_TABLE, CREATION_FIELD, withoutCreation } from '../../../shared/journal/carriedCreation';
import { listedClocks } from '../../../shared/journal/clockLists';
import { allOperations } from './journalStore';
import type { WorkbookDb } from './WorkbookDb';

export type AuditFinding =
  | { readonly kind: 'record-without-operations'; readonly table: JournaledTable; readonly recordId: string }
  | { readonly kind: 'operations-without-record'; readonly table: JournaledTable; readonly recordId: string }
  | { readonly kind: 'field-mismatch'; readonly table: JournaledTable; readonly recordId: string; readonly field: string }
  /** A log entry carries its creation but the clock lists do not say so (or say otherwise), or the reverse. */
  | { readonly kind: 'clock-list-mismatch'; readonly table: JournaledTable; readonly recordId: string };

export interface AuditReport {
  readonly recordsChecked: number;
  readonly operationsChecked: number;
  readonly findings: readonly AuditFinding[];
}

export async function auditJournal(db: WorkbookDb): Promise<AuditReport> {
  return db.transaction('r', [...JOURNALED_TABLES.map((t) => db.table(t)), db.operations, db.carriedClocks], async () => {
    const findings: AuditFinding[] = [];
    let recordsChecked = 0;
    const operations = await allOperations(db);
    const byTable = new Map<JournaledTable, Operation[]>();
    // Push in place: copying the list per operation made the audit quadratic in the journal's size.
    for (const op of operations) {
      const list = byTable.get(op.table);
      if (list) list.push(op);
      else byTable.set(op.table, [op]);
    }

    for (const table of JOURNALED_TABLES) {
      const replayed = replayOperations(byTable.get(table) ?? []);
      // A log entry's row may carry its creation beside the record (read as an operation above).
      const rows = (await db.table(table).toArray()) as Array<Record<string, unknown>>;
      if (table === CARRYING_TABLE) findings.push(...(await clockListFindings(db, rows)));
      const records = rows.map(withoutCreation);
      recordsChecked += records.length;
      for (const record of records) {
        const recordId = String(record['id']);
        const raw = replayed.get(recordId);
        // Compare in the current shape: fields added later read as their defaults (see records.ts).
        const parsed = raw ? RECORD_SCHEMAS[table].safeParse(raw) : null;
        const expected = parsed?.success ? (parsed.data as Record<string, unknown>) : raw;
        if (!expected) {
          findings.push({ kind: 'record-without-operations', table, recordId });
          continue;
        }
        replayed.delete(recordId);
        const fields = new Set([...Object.keys(expected), ...Object.keys(record)]);
        for (const field of fields) {
          if (!sameData(expected[field], record[field])) findings.push({ kind: 'field-mismatch', table, recordId, field });
        }
      }
      for (const recordId of replayed.keys()) findings.push({ kind: 'operations-without-record', table, recordId });
    }
    return { recordsChecked, operationsChecked: operations.length, findings };
  });
}

/**
 * The clock lists must hold exactly the carried creations (shared/journal/clockLists.ts): every
 * entry that carries one, under its workspace and clock, and nothing else.
 */
async function clockListFindings(db: WorkbookDb, rows: readonly Record<string, unknown>[]): Promise<AuditFinding[]> {
  const { listed, malformed } = listedClocks(await db.carriedClocks.toArray());
  const wrong = new Set(malformed);
  for (const row of rows) {
    const id = String(row['id']);
    const creation = row[CREATION_FIELD] as { hlc?: unknown } | undefined;
    const entry = listed.get(id);
    listed.delete(id);
    if (creation === undefined) {
      if (entry !== undefined) wrong.add(id);
    } else if (entry === undefined || entry.hlc !== creation.hlc || entry.workspace !== row['workspace']) wrong.add(id);
  }
  for (const id of listed.keys()) wrong.add(id);
  return [...wrong].sort().map((recordId) => ({ kind: 'clock-list-mismatch', table: CARRYING_TABLE, recordId }));
}
