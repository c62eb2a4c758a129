/**
 * Full backup and restore (renderer/src/db/backup.ts, shared/backup/format.ts): a workbook with
 * every kind of row is backed up and restored into an empty database, and every table compares
 * row for row; a damaged, cut, foreign or wrongly unlocked file is refused before anything is
 * written; a restore replaces everything in one step.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CLOCK_LIST_TABLE, entriesIn } from '../../../shared/journal/clockLists';
import { WORKSPACES } from '../../../shared/model/workspace';
import { BACKUP_TABLES, BackupProblem, openBackup, sealBackup, type BackupTable } from '../../../shared/backup/format';
import { encryptWithPassphrase } from '../../../shared/crypto/age';
import { utf8 } from '../../../shared/crypto/bytes';
import { generateIdentity, identityCardText } from '../../../shared/crypto/identity';
import { newRecordId } from '../../../shared/model/ids';
import { createBackupFile, previewRestore, restoreWorkbook, snapshotWorkbook } from '../../../renderer/src/db/backup';
import { createInstallationIdentity } from '../../../renderer/src/db/identity';
import { setUpInstallation } from '../../../renderer/src/db/installation';
import { authorizeJournalTransaction } from '../../../renderer/src/db/journalGuard';
import { addPeerCard, markPeerVerified } from '../../../renderer/src/db/keyring';
import { startCallRound } from '../../../renderer/src/db/callRounds';
import { appendLogEntry } from '../../../renderer/src/db/logbook';
import { declareOutage } from '../../../renderer/src/db/outage';
import { saveDestination } from '../../../renderer/src/db/outbox';
import { openWorkbookDb, WorkbookDb } from '../../../renderer/src/db/WorkbookDb';
import { contactInput, freshDbName, incidentInput } from '../../helpers/workbookDb';

const PASSPHRASE = 'correct horse battery staple';
// Fast scrypt for tests; the app uses BACKUP_SCRYPT_WORK_FACTOR.
const FAST = { appVersion: '0.1.0-test', scryptWorkFactor: 10 };

async function emptyDb(label: string): Promise<WorkbookDb> {
  return openWorkbookDb(new WorkbookDb(freshDbName(label)));
}

/** A workbook with rows in every table a backup holds (and keys in the one it does not). */
async function filledWorkbook() {
  const db = await emptyDb('backup-source');
  const journal = await setUpInstallation(db, { organisation: 'NCSC Exercise', country: 'NL', person: 'Jo Jansen', role: 'cyber-crisis-authority', language: 'en' });
  const profile = (await db.profile.toArray())[0]!;
  await createInstallationIdentity(db, profile, PASSPHRASE, { scryptWorkFactor: 10 });
  const contact = await journal.create('contacts', contactInput(), { workspace: 'real' });
  await journal.update('contacts', contact.id, { name: 'Alex Example-Updated' });
  const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
  for (const text of ['First entry', 'Second entry']) {
    await appendLogEntry(db, journal, { incidentId: incident.id, kind: 'observation', text, occurredAt: '2026-03-10T08:00:00.000Z', author: 'J. Jansen', tlp: 'AMBER' }, 'real');
  }
  const tree = (await db.callTrees.toArray()).find((t) => t.nodes.length > 0)!;
  const treeIncident = await journal.create('incidents', incidentInput({ title: 'Call round incident' }), { workspace: tree.workspace });
  await startCallRound(db, journal, tree, treeIncident, { down: ['internet'], startedBy: 'Desk', text: 'Call round started' });
  const peer = await generateIdentity({ installationId: newRecordId(), organisation: 'Peer Authority', country: 'BE', person: 'Pat Peer', role: 'cyber-crisis-authority' });
  const { entry } = await addPeerCard(db, journal, identityCardText(peer.card));
  await markPeerVerified(journal, entry.id, 'Duty officer', 'telephone');
  await journal.create(
    'exchangeLog',
    { event: 'received', bundleId: 'b-1', fingerprint: 'ABCD', peer: 'Peer Authority', bundleWorkspace: 'real', operations: 3, code: null, fileName: 'x.cwb' } as never,
    { workspace: null },
  );
  await declareOutage(db, journal, 'real', { down: ['internet'], declaredBy: 'Duty officer', note: 'Fibre cut' });
  await saveDestination(db, { id: newRecordId(), label: 'Shared folder', workspace: 'real', peers: [peer.card.installationId], encrypt: true, createdAt: '2026-03-10T08:00:00.000Z', kind: 'folder', path: '/media/usb' });
  // Tables written only by the journal's merge or the import machinery: filled directly here.
  await db.transaction('rw', [db.conflicts], () => {
    authorizeJournalTransaction(Dexie.currentTransaction.idbtrans);
    return db.conflicts.add({ table: 'contacts', recordId: contact.id, field: 'name', workspace: 'real', contenders: [] } as never);
  });
  await db.quarantine.add({
    bundleId: 'q-1',
    receivedAt: '2026-03-10T09:00:00.000Z',
    fileName: 'from-peer.cwb',
    fingerprint: 'ABCD-EFGH',
    signerCard: peer.card,
    workspace: 'real',
    operations: 2,
    bytes: Uint8Array.from([1, 2, 3, 0, 255]),
  });
  await db.importStaging.add({ importId: 'i-1', seq: 0, operations: [] });
  return { db, journal, profile };
}

/** Every table's rows, sorted by primary key, for comparison. */
async function dump(db: WorkbookDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of BACKUP_TABLES) out[table] = await db.table(table).toArray();
  return out;
}

describe('workbook backup', () => {
  it('covers every table of the database but the private keys and the clock lists (a restore builds them from the entries)', async () => {
    const db = await emptyDb('tables');
    expect(db.tables.map((t) => t.name).filter((n) => n !== 'installationKeys' && n !== CLOCK_LIST_TABLE).sort()).toEqual([...BACKUP_TABLES].sort());
  });

  it('round-trips every table row for row into an empty workbook', async () => {
    const { db, profile } = await filledWorkbook();
    const before = await dump(db);
    for (const table of BACKUP_TABLES) expect(before[table]!.length, table).toBeGreaterThan(0);

    const { file, manifest } = await createBackupFile(db, PASSPHRASE, FAST);
    expect(manifest.installationId).toBe(profile.id);
    expect(manifest.counts.operations).toBe(before['operations']!.length);

    const target = await emptyDb('backup-target');
    const preview = await previewRestore(target, file, PASSPHRASE);
    expect(preview.keys).toBe('none');
    expect(preview.backup.manifest.organisation).toBe('NCSC Exercise');
    const report = await restoreWorkbook(target, preview.backup);

    expect(await dump(target)).toEqual(before);
    // toEqual ignores undefined properties: compare the exact key sets as well.
    const after = await dump(target);
    for (const table of BACKUP_TABLES) {
      expect(after[table]!.map((r) => Object.keys(r as object).sort()), table).toEqual(before[table]!.map((r) => Object.keys(r as object).sort()));
    }
    expect(report).toMatchObject({ journalFindings: 0, brokenChains: 0 });
    expect(report.incidentsChecked).toBeGreaterThan(0);
    // The clock lists, made anew from the entries, list what the source's list.
    const listed = async (d: typeof db) => {
      const lists = await d.carriedClocks.toArray();
      return WORKSPACES.map((w) => entriesIn(lists.filter((l) => l.workspace === w)));
    };
    expect((await listed(db)).flat().length).toBeGreaterThan(0);
    expect(await listed(target)).toEqual(await listed(db));
    // No keys came along: the identity backup restores them.
    expect(await target.installationKeys.count()).toBe(0);
  });

  it('keeps Blobs (quarantined files) byte for byte', async () => {
    const { db } = await filledWorkbook();
    await db.quarantine.update('q-1', { file: new Blob([Uint8Array.from([9, 8, 7])], { type: 'application/octet-stream' }) });
    const { file } = await createBackupFile(db, PASSPHRASE, FAST);
    const target = await emptyDb('blob-target');
    await restoreWorkbook(target, (await previewRestore(target, file, PASSPHRASE)).backup);
    const row = await target.quarantine.get('q-1');
    expect(row?.file).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await row!.file!.arrayBuffer())]).toEqual([9, 8, 7]);
  });

  it('replaces a workbook with content of its own, keeps its keys when it is the same installation', async () => {
    const { db, journal } = await filledWorkbook();
    const { file } = await createBackupFile(db, PASSPHRASE, FAST);
    const before = await dump(db);
    // Changes after the backup disappear with the restore.
    await journal.create('contacts', contactInput({ name: 'Made after the backup' }), { workspace: 'real' });
    expect(await db.contacts.count()).toBe(before['contacts']!.length + 1);
    const preview = await previewRestore(db, file, PASSPHRASE);
    expect(preview.keys).toBe('kept');
    await restoreWorkbook(db, preview.backup);
    expect(await dump(db)).toEqual(before);
    expect(await db.installationKeys.count()).toBe(1);
  });

  it('removes the keys of another installation', async () => {
    const { db } = await filledWorkbook();
    const { file } = await createBackupFile(db, PASSPHRASE, FAST);
    const { db: otherDb } = await filledWorkbook();
    const preview = await previewRestore(otherDb, file, PASSPHRASE);
    expect(preview.keys).toBe('removed');
    await restoreWorkbook(otherDb, preview.backup);
    expect(await otherDb.installationKeys.count()).toBe(0);
  });
});

describe('refused backups leave the database untouched', () => {
  async function expectProblem(file: Uint8Array, passphrase: string, kind: BackupProblem['kind']) {
    const { db } = await filledWorkbook();
    const before = await dump(db);
    const keys = await db.installationKeys.count();
    const failure = await previewRestore(db, file, passphrase).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(BackupProblem);
    expect((failure as BackupProblem).kind).toBe(kind);
    expect(await dump(db)).toEqual(before);
    expect(await db.installationKeys.count()).toBe(keys);
  }

  it('a wrong passphrase', async () => {
    const { db } = await filledWorkbook();
    const { file } = await createBackupFile(db, PASSPHRASE, FAST);
    await expectProblem(file, 'not the passphrase at all', 'wrong-passphrase');
  });

  it('a truncated file', async () => {
    const { db } = await filledWorkbook();
    const { file } = await createBackupFile(db, PASSPHRASE, FAST);
    await expectProblem(file.subarray(0, file.length - 40), PASSPHRASE, 'damaged');
  });

  it('a corrupted file', async () => {
    const { db } = await filledWorkbook();
    const { file } = await createBackupFile(db, PASSPHRASE, FAST);
    const bad = file.slice();
    bad[bad.length - 100] = (bad[bad.length - 100]! + 1) & 0xff;
    await expectProblem(bad, PASSPHRASE, 'damaged');
  });

  it('a file that is no backup at all', async () => {
    await expectProblem(utf8('just some text, not age'), PASSPHRASE, 'not-a-backup');
    const ageButNotBackup = utf8(await encryptWithPassphrase(utf8('{"hello":1}'), PASSPHRASE, 10));
    await expectProblem(ageButNotBackup, PASSPHRASE, 'invalid-content');
  });

  it('a backup of a newer schema or format version', async () => {
    const { db } = await filledWorkbook();
    const tables = await snapshotWorkbook(db);
    const { manifest } = await createBackupFile(db, PASSPHRASE, FAST);
    const newer = await sealBackup({ manifest: { ...manifest, schemaVersion: manifest.schemaVersion + 1 }, tables }, PASSPHRASE, 10);
    await expectProblem(newer, PASSPHRASE, 'newer-version');
  });

  it('a backup whose rows do not validate', async () => {
    const { db } = await filledWorkbook();
    const tables = await snapshotWorkbook(db);
    const { manifest } = await createBackupFile(db, PASSPHRASE, FAST);
    const broken = { ...tables, contacts: tables.contacts.map((c) => ({ ...(c as object), name: 42 })) };
    const file = await sealBackup({ manifest, tables: broken }, PASSPHRASE, 10);
    await expectProblem(file, PASSPHRASE, 'invalid-content');
    await expect(openBackup(file, PASSPHRASE)).rejects.toThrow(/contacts\[0\]/);
  });

  it('a restore that fails midway changes nothing (one transaction)', async () => {
    const { db } = await filledWorkbook();
    const { file } = await createBackupFile(db, PASSPHRASE, FAST);
    const backup = await openBackup(file, PASSPHRASE);
    const target = (await filledWorkbook()).db;
    const before = await dump(target);
    // Two operations with one key: the second bulkAdd fails after other tables were already cleared.
    const ops = backup.tables.operations;
    const duplicated = { ...backup, tables: { ...backup.tables, operations: [...ops, ops[0]] } as Record<BackupTable, unknown[]> };
    await expect(restoreWorkbook(target, duplicated)).rejects.toThrow();
    expect(await dump(target)).toEqual(before);
  });
});
