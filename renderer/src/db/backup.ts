/**
 * Full backup and restore of the workbook database (file format: shared/backup/format.ts).
 *
 * Backup reads every table but `installationKeys` in ONE read transaction, so the file is a
 * consistent snapshot (journal and records agree). Restore replaces every one of those tables in
 * ONE read-write transaction: all or nothing; a failure anywhere leaves the database as it was.
 * The file has been decrypted and validated completely before that transaction starts.
 *
 * The journal guard (journalGuard.ts) refuses writes around the change journal; a restore is
 * authorised explicitly because it replaces records and their whole journal together (the
 * journal audit and the logbook chains are verified right after, and the result is shown).
 *
 * Private keys: the `installationKeys` row is kept if it belongs to the installation being
 * restored, and removed otherwise (keys of another installation would sign for the wrong
 * profile). The identity backup file restores them (Exchange → Identity).
 */
import Dexie from 'dexie';
import { BlobContent } from '../../../shared/backup/values';
import {
  BACKUP_TABLES,
  backupManifest,
  openBackup,
  sealBackup,
  type BackupManifest,
  type BackupRows,
  type BackupTable,
  type WorkbookBackup,
} from '../../../shared/backup/format';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from '../../../shared/crypto/passphrasePolicy';
import { WorkbookError } from '../../../shared/errors/codes';
import { auditJournal } from './audit';
import { clockListsOfRows } from '../../../shared/journal/clockLists';
import { authorizeJournalTransaction } from './journalGuard';
import { verifyIncidentChains } from './logbook';
import type { WorkbookDb } from './WorkbookDb';

export { BackupProblem } from '../../../shared/backup/format';
export type { BackupManifest, WorkbookBackup };

/** A restore as the user confirms it: what the file holds and what happens to the keys. */
export interface RestorePreview {
  readonly backup: WorkbookBackup;
  /** The installation's private keys stay (same installation) or are removed (another one). */
  readonly keys: 'kept' | 'removed' | 'none';
}

export interface RestoreReport {
  readonly manifest: BackupManifest;
  /** Differences between records and their journal after the restore (0 for a sound backup). */
  readonly journalFindings: number;
  /** Incidents whose logbook chains did not verify after the restore. */
  readonly brokenChains: number;
  readonly incidentsChecked: number;
}

function backupTables(db: WorkbookDb): Dexie.Table[] {
  return BACKUP_TABLES.map((t) => db.table(t));
}

/** Every table's rows, as of one moment. */
export async function snapshotWorkbook(db: WorkbookDb): Promise<BackupRows> {
  const rows = await db.transaction('r', backupTables(db), async () => {
    const out = {} as Record<BackupTable, unknown[]>;
    for (const table of BACKUP_TABLES) out[table] = await db.table(table).toArray();
    // The wrapped content key belongs to this device's stored rows, never to a backup (sealing.ts).
    out.meta = out.meta.filter((row) => !isDeviceSealingEntry(row));
    return out;
  });
  // Blobs are read after the transaction: awaiting anything but Dexie inside would end it.
  for (const table of BACKUP_TABLES) rows[table] = await Promise.all(rows[table].map(blobsToContent));
  return rows;
}

/** The encrypted backup file of the whole workbook. */
export async function createBackupFile(
  db: WorkbookDb,
  passphrase: string,
  options: { appVersion: string; now?: Date; scryptWorkFactor?: number },
): Promise<{ file: Uint8Array; manifest: BackupManifest }> {
  checkPassphrase(passphrase);
  const tables = await snapshotWorkbook(db);
  const manifest = backupManifest(tables, { createdAt: (options.now ?? new Date()).toISOString(), appVersion: options.appVersion });
  const file = await sealBackup({ manifest, tables }, passphrase, options.scryptWorkFactor);
  return { file, manifest };
}

/** `backup-<organisation>-<date>.cwbackup`, safe as a file name. */
export function backupFileName(manifest: Pick<BackupManifest, 'organisation' | 'createdAt'>): string {
  const slug = manifest.organisation.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'workbook';
  return `backup-${slug}-${manifest.createdAt.slice(0, 10)}.cwbackup`;
}

/** Decrypt and validate a backup file and say what a restore would do. Writes nothing. */
export async function previewRestore(db: WorkbookDb, file: Uint8Array, passphrase: string): Promise<RestorePreview> {
  const backup = await openBackup(file, passphrase);
  const keys = await db.installationKeys.get('installation');
  return { backup, keys: !keys ? 'none' : keys.card.installationId === backup.manifest.installationId ? 'kept' : 'removed' };
}

/**
 * Replace the whole workbook with the backup, in one transaction, then verify the journal and
 * the logbook chains of the result. The caller reloads the app afterwards: every open journal,
 * clock and cache describes the database as it was.
 */
export async function restoreWorkbook(db: WorkbookDb, backup: WorkbookBackup): Promise<RestoreReport> {
  // Blobs are made before the transaction (see snapshotWorkbook).
  const rows = {} as Record<BackupTable, unknown[]>;
  for (const table of BACKUP_TABLES) rows[table] = backup.tables[table].map(contentToBlobs);
  rows.meta = rows.meta.filter((row) => !isDeviceSealingEntry(row));
  const installationId = backup.manifest.installationId;

  await db.transaction('rw', [...backupTables(db), db.carriedClocks, db.installationKeys], async () => {
    const tx = Dexie.currentTransaction;
    if (!tx) throw new WorkbookError('internal', 'restore outside a transaction');
    // Records and their whole journal are replaced together: see the module comment.
    authorizeJournalTransaction(tx.idbtrans);
    // With content encryption on, the restored rows are sealed with this device's key, which is
    // wrapped under this device's lock passphrase: both stay (docs/protection-at-rest.md).
    const sealing = await db.meta.get(CONTENT_SEALING_KEY);
    const lock = sealing ? await db.meta.get(APP_LOCK_KEY) : undefined;
    for (const table of BACKUP_TABLES) {
      await db.table(table).clear();
      await db.table(table).bulkAdd(rows[table]);
    }
    // The clock lists are not in a backup (any version's): made from the entries restored.
    await db.carriedClocks.clear();
    await db.carriedClocks.bulkAdd(clockListsOfRows(rows.logEntries as Record<string, unknown>[]));
    if (sealing) await db.meta.bulkPut(lock ? [sealing, lock] : [sealing]);
    const keys = await db.installationKeys.get('installation');
    if (keys && keys.card.installationId !== installationId) await db.installationKeys.delete('installation');
  });

  const audit = await auditJournal(db);
  const incidents = await db.incidents.toCollection().primaryKeys();
  let brokenChains = 0;
  for (const incidentId of incidents) {
    const report = await verifyIncidentChains(db, incidentId, installationId);
    if (!report.intact) brokenChains += 1;
  }
  return { manifest: backup.manifest, journalFindings: audit.findings.length, brokenChains, incidentsChecked: incidents.length };
}

const CONTENT_SEALING_KEY = 'contentSealing';
const APP_LOCK_KEY = 'appLock';

function isDeviceSealingEntry(row: unknown): boolean {
  return typeof row === 'object' && row !== null && (row as { key?: unknown }).key === CONTENT_SEALING_KEY;
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new WorkbookError('identity-passphrase-too-short');
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) throw new WorkbookError('identity-passphrase-too-short', 'too long');
}

/** Only arrays and plain objects are walked: anything else is left for the encoder to judge. */
function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

async function blobsToContent(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return new BlobContent(value.type, new Uint8Array(await value.arrayBuffer()));
  if (value === null || typeof value !== 'object' || !isPlain(value)) return value;
  if (Array.isArray(value)) return Promise.all(value.map(blobsToContent));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = await blobsToContent(item);
  return out;
}

function contentToBlobs(value: unknown): unknown {
  if (value instanceof BlobContent) return new Blob([value.bytes.slice()], { type: value.type });
  if (value === null || typeof value !== 'object' || !isPlain(value)) return value;
  if (Array.isArray(value)) return value.map(contentToBlobs);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = contentToBlobs(item);
  return out;
}
