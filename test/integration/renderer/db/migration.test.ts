/**
 * Database upgrades: a database written by the previous schema version opens in the current one
 * with every record intact and upcast, and a database from a newer app is refused untouched.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { ChangeJournal } from '../../../../renderer/src/db/journal';
import { SCHEMA_V1, SCHEMA_V5, SCHEMA_V7, SCHEMA_V8 } from '../../../../renderer/src/db/schema';
import { carryingRow } from '../../../../shared/journal/carriedCreation';
import { CLOCK_LIST_SIZE, countAfter, entriesIn } from '../../../../shared/journal/clockLists';
import { compareOperations, type Operation } from '../../../../shared/journal/operation';
import { SEALED_PROPERTY } from '../../../../shared/crypto/sealing';
import { workspaceJournal, workspaceJournalCount } from '../../../../renderer/src/db/journalStore';
import { countIncidentEntries, verifyIncidentChains } from '../../../../renderer/src/db/logbook';
import { incidentEntries } from '../../../../renderer/src/db/queries';
import { ProcedureSchema } from '../../../../shared/model/records';
import { openWorkbookDb, WorkbookDb } from '../../../../renderer/src/db/WorkbookDb';
import { EXERCISE_SCENARIO, exerciseScenarioOperations } from '../../../../shared/seed/exerciseScenario';
import { CURRENT_SCHEMA_VERSION } from '../../../../shared/versioning/schemaVersion';
import { freshDbName } from '../../../helpers/workbookDb';
import { allOperations } from '../../../../renderer/src/db/journalStore';

/** Schema 1 records had no tombstone flag. */
function withoutTombstone<T extends { deleted?: boolean }>(record: T): Omit<T, 'deleted'> {
  const copy = { ...record };
  delete copy.deleted;
  return copy;
}

async function createVersion1Database(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  // A version 1 database holds only the four tables of version 1 (the scenario has more since).
  const operations = exerciseScenarioOperations()
    .filter((op) => ['incidents', 'logEntries', 'contacts', 'procedures'].includes(op.table))
    .map((op) => ({ ...op, fields: withoutTombstone(op.fields) }));
  await v1.table('operations').bulkAdd(operations);
  await v1.table('incidents').bulkAdd(EXERCISE_SCENARIO.incidents.map(withoutTombstone));
  await v1.table('logEntries').bulkAdd(EXERCISE_SCENARIO.logEntries.map(withoutTombstone));
  await v1.table('contacts').bulkAdd(EXERCISE_SCENARIO.contacts.map(withoutTombstone));
  await v1.table('procedures').bulkAdd(EXERCISE_SCENARIO.procedures.map(withoutTombstone));
  v1.close();
  return operations.length;
}

describe('schema migrations', () => {
  it('upgrades a version 1 database without losing a record', async () => {
    const name = freshDbName('migration');
    const operationCount = await createVersion1Database(name);

    const db = await openWorkbookDb(new WorkbookDb(name));
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.incidents.count()).toBe(EXERCISE_SCENARIO.incidents.length);
    expect(await db.logEntries.count()).toBe(EXERCISE_SCENARIO.logEntries.length);
    expect(await db.contacts.count()).toBe(EXERCISE_SCENARIO.contacts.length);
    expect(await db.procedures.count()).toBe(EXERCISE_SCENARIO.procedures.length);
    expect(await db.operations.count()).toBe(operationCount);

    // Every record is upcast to the current shape and equals what schema 2 would have written.
    expect(await db.contacts.orderBy('id').toArray()).toEqual([...EXERCISE_SCENARIO.contacts].sort((a, b) => a.id.localeCompare(b.id)));
    // The index added in version 2 answers queries.
    const recent = await db.logEntries.where('[workspace+createdAt]').between(['exercise', Dexie.minKey], ['exercise', Dexie.maxKey]).count();
    expect(recent).toBe(EXERCISE_SCENARIO.logEntries.length);
    // The journal still agrees with the data after the upgrade.
    expect((await auditJournal(db)).findings).toEqual([]);

    // And the upgraded database takes journaled writes.
    const journal = await ChangeJournal.open(db, '01JEXAMP1E0000000000000001');
    await journal.remove('contacts', EXERCISE_SCENARIO.contacts[0]!.id);
    expect((await db.contacts.get(EXERCISE_SCENARIO.contacts[0]!.id))?.deleted).toBe(true);
    db.close();
  });

  it('upgrades a version 7 database to 8: the log entries lose their single indexes and are found by incident as before', async () => {
    const name = freshDbName('migration-v7');
    const v7 = new Dexie(name);
    v7.version(7).stores(SCHEMA_V7);
    await v7.open();
    expect(v7.table('logEntries').schema.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['workspace', 'incidentId']));
    await v7.table('incidents').bulkAdd(EXERCISE_SCENARIO.incidents);
    await v7.table('logEntries').bulkAdd(EXERCISE_SCENARIO.logEntries);
    v7.close();

    const db = await openWorkbookDb(new WorkbookDb(name));
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const indexes = db.logEntries.schema.indexes.map((i) => i.name);
    expect(indexes).not.toContain('workspace');
    expect(indexes).not.toContain('incidentId');
    expect(indexes).toEqual(expect.arrayContaining(['[incidentId+occurredAt]', '[workspace+createdAt]']));
    // Each incident's entries are found through the compound index, in the order they occurred.
    let found = 0;
    for (const incident of EXERCISE_SCENARIO.incidents) {
      const expected = EXERCISE_SCENARIO.logEntries.filter((e) => e.incidentId === incident.id);
      const entries = await incidentEntries(db, incident.id).toArray();
      expect(entries.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
      expect(entries.map((e) => e.occurredAt)).toEqual(expected.map((e) => e.occurredAt).sort());
      expect(await countIncidentEntries(db, incident.id)).toBe(expected.length);
      const verdict = await verifyIncidentChains(db, incident.id, 'nobody-here');
      expect(verdict.unchained + verdict.chains.reduce((n, c) => n + c.length, 0)).toBe(expected.length);
      expect(verdict.intact).toBe(true);
      found += entries.length;
    }
    expect(found).toBe(EXERCISE_SCENARIO.logEntries.length);
    db.close();
  });

  it('refuses a database created by a newer version of the app and leaves it untouched', async () => {
    const name = freshDbName('newer');
    const future = new Dexie(name);
    future.version(CURRENT_SCHEMA_VERSION + 5).stores({ ...SCHEMA_V1, futureTable: 'id' });
    await future.open();
    await future.table('futureTable').add({ id: 'kept' });
    future.close();

    const db = new WorkbookDb(name);
    await expect(openWorkbookDb(db)).rejects.toMatchObject({ code: 'db-from-newer-app' });
    expect(db.isOpen()).toBe(false);

    const again = new Dexie(name);
    again.version(CURRENT_SCHEMA_VERSION + 5).stores({ ...SCHEMA_V1, futureTable: 'id' });
    await again.open();
    expect(await again.table('futureTable').count()).toBe(1);
    again.close();
  });

  it('upgrades schema 5 procedures (steps with level and actor) to swimlane models, in the data and in the journal', async () => {
    const name = freshDbName('v5-procedures');
    const [current] = EXERCISE_SCENARIO.procedures;
    const legacy: Record<string, unknown> = {
      ...Object.fromEntries(Object.entries(current!).filter(([key]) => !['key', 'pack', 'version', 'copiedFrom', 'lanes', 'steps', 'flows'].includes(key))),
      steps: [
        { id: 'report', level: 'technical', actor: 'National CSIRT', text: { en: 'Receive the report. Then act.', nl: 'Ontvang de melding. Handel dan.' }, citations: ['pt. 49'] },
        { id: 'notify', level: 'technical', actor: 'National CSIRT', text: { en: 'Notify the CSIRTs network.', nl: 'Meld bij het CSIRT-netwerk.' }, citations: ['pt. 55(a)(iii)'] },
        { id: 'Decide IPCR', level: 'political', actor: 'Council (Presidency)', text: { en: 'Decide on IPCR.', nl: 'Besluit over IPCR.' }, citations: [] },
      ],
    };
    const v5 = new Dexie(name);
    v5.version(5).stores(SCHEMA_V5);
    await v5.open();
    await v5.table('procedures').add(legacy);
    await v5.table('operations').add({
      opId: legacy['id'], hlc: legacy['hlc'], origin: 'builtin', workspace: 'exercise', table: 'procedures',
      recordId: legacy['id'], kind: 'create', fields: legacy,
    });
    v5.close();

    const db = await openWorkbookDb(new WorkbookDb(name));
    const upgraded = ProcedureSchema.parse(await db.procedures.get(current!.id));
    expect(upgraded.lanes.map((l) => [l.level, l.label?.en])).toEqual([
      ['technical', 'National CSIRT'],
      ['political', 'Council (Presidency)'],
    ]);
    expect(upgraded.steps.map((s) => [s.id, s.lane, s.kind, s.title.en])).toEqual([
      ['report', 'lane-1', 'task', 'Receive the report.'],
      ['notify', 'lane-1', 'task', 'Notify the CSIRTs network.'],
      ['decide-ipcr', 'lane-2', 'task', 'Decide on IPCR.'],
    ]);
    expect(upgraded.flows.map((f) => `${f.from}->${f.to}`)).toEqual(['report->notify', 'notify->decide-ipcr']);
    expect(upgraded.version).toBe(1);
    // The journal's creation was upcast the same way, so a replay agrees with the data.
    const [op] = await allOperations(db);
    expect(ProcedureSchema.parse(op!.fields)).toEqual(upgraded);
    expect((await auditJournal(db)).findings).toEqual([]);
    db.close();
  });

  /**
   * A version 8 database as the journal of version 8 left it: the scenario's log entries carry
   * their creations (every third in the old form: an operations row), the rest of the journal is in
   * the operations table.
   */
  async function createVersion8Database(name: string, transform: (row: Record<string, unknown>) => Record<string, unknown> = (row) => row) {
    const operations = exerciseScenarioOperations() as Operation[];
    const rows = new Map<string, Record<string, unknown>>();
    const journalRows: Operation[] = [];
    const carried: Operation[] = [];
    let n = 0;
    for (const op of operations) {
      const record = op.table === 'logEntries' ? (EXERCISE_SCENARIO.logEntries.find((e) => e.id === op.recordId) as unknown as Record<string, unknown>) : undefined;
      const carrying = record === undefined || n++ % 3 === 0 ? null : carryingRow(op, record);
      if (carrying) {
        rows.set(op.recordId, carrying);
        carried.push(op);
      } else journalRows.push(op);
    }
    const v8 = new Dexie(name);
    v8.version(8).stores(SCHEMA_V8);
    await v8.open();
    for (const [table, records] of Object.entries(EXERCISE_SCENARIO)) if (table !== 'logEntries') await v8.table(table).bulkAdd(records as unknown[]);
    await v8.table('logEntries').bulkAdd(EXERCISE_SCENARIO.logEntries.map((e) => transform(rows.get(e.id) ?? (e as unknown as Record<string, unknown>))));
    await v8.table('operations').bulkAdd(journalRows);
    v8.close();
    return { operations, carried };
  }

  it('upgrades a version 8 database to 10: the clock lists are built from the index they replace, which is dropped', async () => {
    const name = freshDbName('migration-v8');
    const { operations, carried } = await createVersion8Database(name);
    expect(carried.length).toBeGreaterThan(3);
    expect(carried.length).toBeLessThan(EXERCISE_SCENARIO.logEntries.length);

    const db = await openWorkbookDb(new WorkbookDb(name));
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.logEntries.schema.indexes.map((i) => i.name)).not.toContain('[workspace+creation.hlc]');
    const lists = await db.carriedClocks.toArray();
    expect(countAfter(lists, null)).toBe(carried.length);
    expect(entriesIn(lists).map((e) => e.id)).toEqual([...carried].sort(compareOperations).map((op) => op.opId));
    // The journal reads as before: every operation of the workspace in clock order.
    const expected = operations.filter((op) => op.workspace === 'exercise').sort(compareOperations);
    expect((await workspaceJournal(db, 'exercise')).map((op) => op.opId)).toEqual(expected.map((op) => op.opId));
    expect(await workspaceJournalCount(db, 'exercise', expected[9]!.hlc)).toBe(expected.filter((op) => op.hlc > expected[9]!.hlc).length);
    expect((await auditJournal(db)).findings).toEqual([]);

    // New entries go into the lists, in the same transaction as the entry.
    const journal = await ChangeJournal.open(db, '01JEXAMP1E0000000000000001');
    const incident = EXERCISE_SCENARIO.incidents[0]!;
    const { id: _id, hlc: _hlc, origin: _origin, createdAt: _c, updatedAt: _u, deleted: _d, workspace: _w, ...input } = EXERCISE_SCENARIO.logEntries.find((e) => e.incidentId === incident.id)!;
    const added = await journal.create('logEntries', { ...input, text: 'Added after the upgrade.' }, { workspace: 'exercise' });
    expect(countAfter(await db.carriedClocks.toArray(), null)).toBe(carried.length + 1);
    expect((await workspaceJournal(db, 'exercise')).at(-1)?.opId).toBe(added.id);
    expect((await auditJournal(db)).findings).toEqual([]);
    db.close();
  });

  it('upgrades a version 8 database with content encryption on without its passphrase: only index keys are read', async () => {
    const name = freshDbName('migration-v8-sealed');
    // Sealed rows keep their indexed fields in clear and the rest in an opaque blob (sealing.ts):
    // blobs that open with no key, so that reading any row's content would fail.
    const sealed = (row: Record<string, unknown>) => ({
      id: row['id'],
      workspace: row['workspace'],
      incidentId: row['incidentId'],
      occurredAt: row['occurredAt'],
      createdAt: row['createdAt'],
      ...(row['creation'] === undefined ? {} : { creation: row['creation'] }),
      [SEALED_PROPERTY]: new Uint8Array([1, 2, 3]),
    });
    const { carried } = await createVersion8Database(name, sealed);
    const db = await openWorkbookDb(new WorkbookDb(name));
    const lists = await db.carriedClocks.toArray();
    expect(entriesIn(lists).map((e) => e.id)).toEqual([...carried].sort(compareOperations).map((op) => op.opId));
    expect(lists.every((l) => l.ids.length <= CLOCK_LIST_SIZE)).toBe(true);
    db.close();
  });
});
