/**
 * Content encryption at rest (db/sealing.ts, db/appLock.ts): with it on, no table's stored rows
 * hold the content in clear — read with the raw IndexedDB API, below the middleware — while every
 * query of the app returns what it returned before; turning it on is resumable, turning it off
 * returns every row to clear.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSealedRow, SEALED_PROPERTY } from '../../../../shared/crypto/sealing';
import { newRecordId } from '../../../../shared/model/ids';
import { CLOCK_LIST_TABLE, entriesIn, type ClockList } from '../../../../shared/journal/clockLists';
import { WORKSPACES } from '../../../../shared/model/workspace';
import {
  ContentEncryptionOnError,
  continueContentSealing,
  disableAppLock,
  disableContentSealing,
  enableAppLock,
  enableContentSealing,
  getAppLock,
  getContentSealing,
  tryUnlock,
} from '../../../../renderer/src/db/appLock';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { createBackupFile, previewRestore, restoreWorkbook, snapshotWorkbook } from '../../../../renderer/src/db/backup';
import { setUpInstallation } from '../../../../renderer/src/db/installation';
import { authorizeJournalTransaction } from '../../../../renderer/src/db/journalGuard';
import { appendLogEntry, verifyIncidentChains } from '../../../../renderer/src/db/logbook';
import { getProfile, journalSummary, listContacts, listIncidents, listLogEntries, recentLogEntries, workspaceOperations } from '../../../../renderer/src/db/queries';
import { isDataKeyLoaded, UNSEALED_TABLES, WorkbookSealedError } from '../../../../renderer/src/db/sealing';
import { openWorkbookDb, WorkbookDb } from '../../../../renderer/src/db/WorkbookDb';
import { contactInput, freshDbName, incidentInput } from '../../../helpers/workbookDb';

const PASSPHRASE = 'correct horse battery staple';
const FAST = { logN: 10 };
/** A text that must never be found in clear on disk once content encryption is on. */
const MARKER = 'ZEBRA-7731-marker';

type Row = Record<string, unknown>;

/** Every table's rows as IndexedDB holds them: the raw API, below Dexie and its middlewares. */
async function rawRows(db: WorkbookDb): Promise<Map<string, Row[]>> {
  const idb = db.backendDB();
  const names = [...idb.objectStoreNames];
  const tx = idb.transaction(names, 'readonly');
  const out = new Map<string, Row[]>();
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = tx.objectStore(name).getAll();
          request.onsuccess = () => {
            out.set(name, request.result as Row[]);
            resolve();
          };
          request.onerror = () => reject(request.error ?? new Error('raw read failed'));
        }),
    ),
  );
  return out;
}

/** Whatever text a stored value carries, bytes decoded as UTF-8 too. */
function allText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
}

const UNSEALED_META = new Set(['appLock', 'appLockAttempts', 'contentSealing']);

async function expectSealedOnDisk(db: WorkbookDb): Promise<number> {
  let sealed = 0;
  for (const [table, rows] of await rawRows(db)) {
    if (UNSEALED_TABLES.has(table)) continue;
    for (const row of rows) {
      if (table === 'meta' && UNSEALED_META.has(row['key'] as string)) continue;
      expect(isSealedRow(row), `${table} row ${allText(row).slice(0, 80)}`).toBe(true);
      expect(allText(row)).not.toContain(MARKER);
      sealed += 1;
    }
  }
  return sealed;
}

async function expectClearOnDisk(db: WorkbookDb): Promise<void> {
  for (const [table, rows] of await rawRows(db)) for (const row of rows) expect(SEALED_PROPERTY in row, table).toBe(false);
}

/** A filled installation: the exercise scenario, plus records and log entries carrying the marker. */
async function filledWorkbook(options: { synthetic?: boolean } = {}) {
  const name = freshDbName('sealing');
  const db = await openWorkbookDb(new WorkbookDb(name));
  const journal = await setUpInstallation(db, { organisation: `Org ${MARKER}`, country: 'NL', person: 'Jo Jansen', role: 'cyber-crisis-authority', language: 'en' });
  const incident = await journal.create('incidents', incidentInput({ summary: `Summary ${MARKER}` }), { workspace: 'real' });
  await journal.create('contacts', contactInput({ organisation: `Organisation ${MARKER}` }), { workspace: 'real' });
  for (let i = 0; i < 12; i++) {
    await appendLogEntry(db, journal, { incidentId: incident.id, kind: 'observation', text: `Entry ${i} ${MARKER}`, occurredAt: `2026-03-10T08:${String(i).padStart(2, '0')}:00.000Z`, author: 'J. Jansen', tlp: 'AMBER' }, 'real');
  }
  await db.meta.put({ key: 'note', value: `meta ${MARKER}` });
  if (options.synthetic !== false) await fillEmptyTables(db);
  return { db, name, journal, incident, installationId: journal.installationId };
}

/** A synthetic row in every table the scenario left empty, built from the table's own schema. */
async function fillEmptyTables(db: WorkbookDb): Promise<void> {
  for (const table of db.tables) {
    if (table.name === 'installationKeys' || (await table.count()) > 0) continue;
    const row: Row = { note: `note ${MARKER}` };
    const paths = [table.schema.primKey, ...table.schema.indexes].flatMap((i) => (typeof i.keyPath === 'string' ? [i.keyPath] : (i.keyPath ?? [])));
    for (const path of paths) Dexie.setByKeyPath(row, path, path === 'seq' ? 1 : `${path}-value`);
    await db.transaction('rw', table, async () => {
      authorizeJournalTransaction(Dexie.currentTransaction.idbtrans);
      await table.put(row);
    });
  }
}

/** What the app's screens read, as one comparable value. */
async function appView(db: WorkbookDb, incidentId: string, installationId: string) {
  const chains = await verifyIncidentChains(db, incidentId, installationId);
  const audit = await auditJournal(db);
  return {
    profile: await getProfile(db),
    contacts: await listContacts(db, 'real'),
    exerciseContacts: await listContacts(db, 'exercise'),
    incidents: await listIncidents(db, 'real'),
    timeline: await listLogEntries(db, incidentId),
    recent: await recentLogEntries(db, 'real', 5),
    operations: await workspaceOperations(db, 'real'),
    summary: await journalSummary(db, 'real', 5),
    chains: { intact: chains.intact, findings: chains.findings },
    audit: audit.findings,
    byIndex: await db.logEntries.where('[incidentId+occurredAt]').between([incidentId, '2026-03-10T08:03'], [incidentId, '2026-03-10T08:07']).toArray(),
    byCursor: await db.contacts.where('workspace').equals('exercise').filter(() => true).toArray(),
    // Every row of every table, but the lock's own entries (they change as the lock is set up);
    // the clock lists by what they list (a restore builds them anew, in other rows).
    tables: Object.fromEntries(
      await Promise.all(
        db.tables.map(async (t): Promise<readonly [string, unknown]> => {
          const rows = (await t.toArray()) as Row[];
          if (t.name === CLOCK_LIST_TABLE) return [t.name, listedPerWorkspace(rows as unknown as ClockList[])];
          return [t.name, rows.filter((r: Row) => t.name !== 'meta' || !UNSEALED_META.has(r['key'] as string))];
        }),
      ),
    ),
  };
}

function listedPerWorkspace(lists: readonly ClockList[]) {
  return Object.fromEntries(WORKSPACES.map((workspace) => [workspace, entriesIn(lists.filter((l) => l.workspace === workspace))]));
}

async function reopen(name: string): Promise<WorkbookDb> {
  return openWorkbookDb(new WorkbookDb(name));
}

describe('content encryption at rest', () => {
  it('seals every table, and every query reads the same as before; survives a restart', async () => {
    const { db, name, incident, installationId } = await filledWorkbook();
    const before = await appView(db, incident.id, installationId);
    expect(before.chains.intact).toBe(true);
    // The synthetic rows of fillEmptyTables have no operations: the audit reports them, the same before and after.
    expect(before.audit.length).toBeGreaterThan(0);
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    const progress: number[] = [];
    expect(await enableContentSealing(db, PASSPHRASE, { ...FAST, batchSize: 7, onProgress: (p) => progress.push(p.done) })).toBe(true);
    expect((await getContentSealing(db))?.phase).toBe('on');
    expect(progress.at(-1)).toBeGreaterThan(50);
    expect(await expectSealedOnDisk(db)).toBeGreaterThan(50);
    expect(await appView(db, incident.id, installationId)).toEqual(before);

    // Restart: locked, the lock screen's entries readable, the content not.
    db.close();
    const again = await reopen(name);
    expect(isDataKeyLoaded(again)).toBe(false);
    expect(await getAppLock(again)).not.toBeNull();
    await expect(getProfile(again)).rejects.toBeInstanceOf(WorkbookSealedError);
    expect((await tryUnlock(again, 'not the passphrase at all')).ok).toBe(false);
    expect(isDataKeyLoaded(again)).toBe(false);
    expect((await tryUnlock(again, PASSPHRASE)).ok).toBe(true);
    expect(isDataKeyLoaded(again)).toBe(true);
    expect(await appView(again, incident.id, installationId)).toEqual(before);
    again.close();
  });

  it('seals what is written afterwards, and a blob moved to another row does not open', async () => {
    const { db, journal, incident } = await filledWorkbook();
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);
    const entry = await appendLogEntry(db, journal, { incidentId: incident.id, kind: 'decision', text: `Later ${MARKER}`, occurredAt: '2026-03-10T09:00:00.000Z', author: 'J. Jansen', tlp: 'AMBER' }, 'real');
    await journal.update('contacts', (await listContacts(db, 'real'))[0]!.id, { organisation: `Changed ${MARKER}` });
    await expectSealedOnDisk(db);
    expect((await db.logEntries.get(entry.id))?.text).toBe(`Later ${MARKER}`);

    // Copy another entry's sealed blob into this row, below Dexie: it no longer opens.
    const raw = (await rawRows(db)).get('logEntries')!;
    const other = raw.find((r) => r['id'] !== entry.id)!;
    const mine = raw.find((r) => r['id'] === entry.id)!;
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction(['logEntries'], 'readwrite');
      tx.objectStore('logEntries').put({ ...mine, [SEALED_PROPERTY]: other[SEALED_PROPERTY] });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('raw write failed'));
    });
    await expect(db.logEntries.get(entry.id)).rejects.toThrow(/does not open/);
  });

  it('is resumable: interrupted half way, the rows read fine, and the next start finishes', async () => {
    const { db, name, incident, installationId } = await filledWorkbook();
    const before = await appView(db, incident.id, installationId);
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, { ...FAST, batchSize: 5, maxBatches: 6 });
    const halfway = await getContentSealing(db);
    expect(halfway?.phase).toBe('sealing');
    expect(halfway?.progress).not.toBeNull();
    const rows = [...(await rawRows(db)).values()].flat();
    expect(rows.some(isSealedRow)).toBe(true);
    expect(rows.filter((r) => !UNSEALED_META.has(r['key'] as string)).some((r) => !isSealedRow(r))).toBe(true);
    expect(await appView(db, incident.id, installationId)).toEqual(before);

    // "Crash": a new connection, unlocked, continues where the last batch stopped.
    db.close();
    const again = await reopen(name);
    expect((await tryUnlock(again, PASSPHRASE)).ok).toBe(true);
    await continueContentSealing(again, { batchSize: 5 });
    expect((await getContentSealing(again))?.phase).toBe('on');
    await expectSealedOnDisk(again);
    expect(await appView(again, incident.id, installationId)).toEqual(before);
    again.close();
  });

  it('turns off: every row in clear again, then the lock may go off', async () => {
    const { db, name, incident, installationId } = await filledWorkbook();
    const before = await appView(db, incident.id, installationId);
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);
    await expect(disableAppLock(db, PASSPHRASE)).rejects.toBeInstanceOf(ContentEncryptionOnError);
    expect(await getAppLock(db)).not.toBeNull();
    expect(await disableContentSealing(db, 'not the passphrase at all')).toBe(false);
    expect(await disableContentSealing(db, PASSPHRASE, { batchSize: 9 })).toBe(true);
    expect(await getContentSealing(db)).toBeNull();
    expect(isDataKeyLoaded(db)).toBe(false);
    await expectClearOnDisk(db);
    expect(await appView(db, incident.id, installationId)).toEqual(before);
    expect(await disableAppLock(db, PASSPHRASE)).toBe(true);
    db.close();
    const again = await reopen(name);
    expect(await appView(again, incident.id, installationId)).toEqual(before);
    again.close();
  });

  it('turning off half way is resumable too', async () => {
    const { db, name, incident, installationId } = await filledWorkbook();
    const before = await appView(db, incident.id, installationId);
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);
    await disableContentSealing(db, PASSPHRASE, { batchSize: 4, maxBatches: 5 });
    expect((await getContentSealing(db))?.phase).toBe('opening');
    db.close();
    const again = await reopen(name);
    expect((await tryUnlock(again, PASSPHRASE)).ok).toBe(true);
    await continueContentSealing(again);
    expect(await getContentSealing(again)).toBeNull();
    await expectClearOnDisk(again);
    expect(await appView(again, incident.id, installationId)).toEqual(before);
    again.close();
  });

  it('a new passphrase rewraps the key: the old one no longer opens, the data is the same', async () => {
    const { db, name, incident, installationId } = await filledWorkbook();
    const before = await appView(db, incident.id, installationId);
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);
    const sealedBefore = (await rawRows(db)).get('logEntries')!.map((r) => r[SEALED_PROPERTY]);
    await enableAppLock(db, 'a different passphrase, long enough', 5, FAST);
    // No row was rewritten.
    expect((await rawRows(db)).get('logEntries')!.map((r) => r[SEALED_PROPERTY])).toEqual(sealedBefore);
    db.close();
    const again = await reopen(name);
    expect((await tryUnlock(again, PASSPHRASE)).ok).toBe(false);
    expect((await tryUnlock(again, 'a different passphrase, long enough')).ok).toBe(true);
    expect(await appView(again, incident.id, installationId)).toEqual(before);
    again.close();
  });

  it('a backup holds the content in clear but never the wrapped key; a restore keeps this device\'s lock and key', async () => {
    // No synthetic rows: a backup validates every row against the app's schemas.
    const { db, incident, installationId } = await filledWorkbook({ synthetic: false });
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);
    const before = await appView(db, incident.id, installationId);
    const snapshot = await snapshotWorkbook(db);
    expect(allText(snapshot)).toContain(MARKER);
    expect(snapshot.meta.some((row) => (row as Row)['key'] === 'contentSealing')).toBe(false);
    // A backup whose lock has another passphrase: this device's lock and key stay, the rows are sealed with the key.
    const other = await filledWorkbook({ synthetic: false });
    await enableAppLock(other.db, 'the other device passphrase', 15, FAST);
    const { file } = await createBackupFile(db, 'backup passphrase 123', { appVersion: 'test', scryptWorkFactor: 10 });
    const preview = await previewRestore(other.db, file, 'backup passphrase 123');
    expect(preview.backup.manifest.installationId).toBe(installationId);
    await enableContentSealing(other.db, 'the other device passphrase', FAST);
    await restoreWorkbook(other.db, preview.backup);
    await expectSealedOnDisk(other.db);
    other.db.close();
    const restarted = await reopen(other.name);
    expect((await tryUnlock(restarted, PASSPHRASE)).ok).toBe(false);
    expect((await tryUnlock(restarted, 'the other device passphrase')).ok).toBe(true);
    expect(await appView(restarted, incident.id, installationId)).toEqual(before);
    restarted.close();
    db.close();
  });

  it('with the lock\'s entry deleted below the app, the content still opens only with the passphrase', async () => {
    const { db, name, incident, installationId } = await filledWorkbook();
    const before = await appView(db, incident.id, installationId);
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction(['meta'], 'readwrite');
      tx.objectStore('meta').delete('appLock');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('raw delete failed'));
    });
    db.close();
    const again = await reopen(name);
    expect(await getAppLock(again)).toBeNull();
    await expect(getProfile(again)).rejects.toBeInstanceOf(WorkbookSealedError);
    expect((await tryUnlock(again, 'not the passphrase at all')).ok).toBe(false);
    expect(isDataKeyLoaded(again)).toBe(false);
    expect((await tryUnlock(again, PASSPHRASE)).ok).toBe(true);
    expect(await appView(again, incident.id, installationId)).toEqual(before);
    again.close();
  });

  it('needs the app lock', async () => {
    const { db } = await filledWorkbook();
    await expect(enableContentSealing(db, PASSPHRASE, FAST)).rejects.toThrow(/app lock/);
    expect(await getContentSealing(db)).toBeNull();
  });
});

describe('write → read through the middleware', () => {
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.uint8Array({ maxLength: 40 }),
      fc.date({ noInvalidDate: true }),
    ),
    node: fc.oneof({ maxDepth: 3, depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), tie('node'), { maxKeys: 4 })),
  })).node;

  it('is the identity for any record', async () => {
    const db = await openWorkbookDb(new WorkbookDb(freshDbName('sealing-property')));
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 10 }).filter((k) => k !== 'id' && k !== SEALED_PROPERTY), value, { maxKeys: 6 }), async (fields) => {
        const record = { ...fields, id: newRecordId(), workspace: 'real', hlc: 'h' };
        await db.transaction('rw', db.outage, async () => {
          authorizeJournalTransaction(Dexie.currentTransaction.idbtrans);
          await db.table('outage').put(record);
        });
        const stored = (await rawRows(db)).get('outage')!.find((r) => r['id'] === record.id)!;
        expect(isSealedRow(stored)).toBe(true);
        expect(await db.table('outage').get(record.id)).toEqual(record);
      }),
      { numRuns: 60 },
    );
    db.close();
  });
});
