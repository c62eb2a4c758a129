/**
 * The full workbook backup file: every table of the database (replicated records, the change
 * journal, and the installation-local tables: profile, keyring, exchange log, outbox and sync
 * destinations in `meta`, conflicts, quarantine, …), as one JSON document, gzipped, encrypted
 * with age in passphrase (scrypt) mode. `age -d` opens it with the passphrase; `gunzip` then
 * shows the JSON.
 *
 * Not in it: the installation's private keys. In the web build they are non-extractable
 * WebCrypto keys (no code can read them), on the desktop they are sealed by the OS; the identity
 * backup made when the identity was created (`CreatedIdentity.backup`) is their backup.
 *
 * Opening a file checks, in this order, before anything is written anywhere: age header →
 * passphrase → integrity (age authenticates every chunk; a cut file fails) → gzip → JSON →
 * format name and version → schema version → zod, row by row. Each failure is a `BackupProblem`
 * with a kind the screen turns into a sentence.
 */
import { Encrypter } from 'age-encryption';
import { gunzipSync, gzipSync } from 'fflate';
import { z } from 'zod';
import { AGE_DETECT_BYTES, AgeFailure, decryptWithPassphrase, detectAgeFile } from '../crypto/age';
import { fromUtf8, utf8 } from '../crypto/bytes';
import { OperationSchema } from '../journal/operation';
import { JOURNALED_TABLES, RECORD_SCHEMAS, type JournaledTable } from '../journal/tables';
import type { InstallationProfile } from '../model/installation';
import { CURRENT_SCHEMA_VERSION, OLDEST_RESTORABLE_SCHEMA_VERSION } from '../versioning/schemaVersion';
import { CARRYING_TABLE, CREATION_FIELD, CarriedCreationSchema } from '../journal/carriedCreation';
import { LogEntrySchema } from '../model/records';
import { decodeValue, encodeValue } from './values';

export const BACKUP_FORMAT_NAME = 'crisis-workbook-backup';
/** The layout of the document below; a newer one is refused with `newer-version`. */
export const BACKUP_FORMAT_VERSION = 1;
/** scrypt work factor (log2 N) of new backups, as for identity backups. */
export const BACKUP_SCRYPT_WORK_FACTOR = 18;

/**
 * The tables a backup of schema version 6 holds: all of them but `installationKeys` (private
 * keys, see above). A test compares this list with the database, so a new table cannot be
 * forgotten.
 */
export const BACKUP_TABLES = [
  ...JOURNALED_TABLES,
  'operations',
  'meta',
  'conflicts',
  'quarantine',
  'importStaging',
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export type BackupRows = { readonly [T in BackupTable]: readonly unknown[] };

/** Who made the backup, when: shown before a restore replaces anything. */
export interface BackupManifest {
  readonly createdAt: string;
  readonly appVersion: string;
  readonly schemaVersion: number;
  readonly installationId: string;
  readonly organisation: string;
  readonly person: string;
  readonly counts: { readonly [T in BackupTable]: number };
}

export interface WorkbookBackup {
  readonly manifest: BackupManifest;
  /** Rows as IndexedDB holds them (Blobs as `BlobContent`, see values.ts). */
  readonly tables: BackupRows;
}

export type BackupProblemKind =
  /** Not an age file at all. */
  | 'not-a-backup'
  | 'wrong-passphrase'
  /** The encrypted file is cut short or altered (age authenticates every chunk). */
  | 'damaged'
  /** Decrypts, but the content is not a workbook backup this app can read. */
  | 'invalid-content'
  /** Made by a newer version of the app (format or database schema). */
  | 'newer-version'
  /** Made by an older version whose database schema this version cannot restore directly. */
  | 'older-version';

export class BackupProblem extends Error {
  override readonly name = 'BackupProblem';
  constructor(
    readonly kind: BackupProblemKind,
    readonly detail = '',
  ) {
    super(detail ? `${kind}: ${detail}` : kind);
  }
}

const KEY_SHAPES: { readonly [T in Exclude<BackupTable, JournaledTable | 'operations'>]: z.ZodType } = {
  meta: z.looseObject({ key: z.string() }),
  conflicts: z.looseObject({ table: z.string(), recordId: z.string(), field: z.string() }),
  quarantine: z.looseObject({ bundleId: z.string() }),
  importStaging: z.looseObject({ importId: z.string(), seq: z.number() }),
};

/**
 * The journal keys some installation-local records by name, not ULID (the outage of a workspace
 * is the record `real` or `exercise`), so an operation's record id is any non-empty string here.
 */
const StoredOperationSchema = OperationSchema.extend({ recordId: z.string().min(1).max(200) });

function rowSchema(table: BackupTable): z.ZodType {
  if (table === 'operations') return StoredOperationSchema;
  // A log entry's row may carry its creation: checked too, since the journal reads it back.
  if (table === CARRYING_TABLE) return LogEntrySchema.extend({ [CREATION_FIELD]: CarriedCreationSchema.optional() });
  if ((JOURNALED_TABLES as readonly string[]).includes(table)) return RECORD_SCHEMAS[table as JournaledTable];
  return KEY_SHAPES[table as keyof typeof KEY_SHAPES];
}

const ManifestSchema = z.strictObject({
  createdAt: z.string().min(1),
  appVersion: z.string(),
  schemaVersion: z.number().int().positive(),
  installationId: z.string().min(1),
  organisation: z.string(),
  person: z.string(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});

const EnvelopeHeadSchema = z.looseObject({
  formatName: z.literal(BACKUP_FORMAT_NAME),
  formatVersion: z.number().int().positive(),
});

const EnvelopeSchema = z.strictObject({
  formatName: z.literal(BACKUP_FORMAT_NAME),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  manifest: ManifestSchema,
  tables: z.strictObject(Object.fromEntries(BACKUP_TABLES.map((t) => [t, z.array(z.unknown())])) as { [T in BackupTable]: z.ZodArray<z.ZodUnknown> }),
});

/** The manifest of a backup about to be made from these rows. */
export function backupManifest(tables: BackupRows, options: { createdAt: string; appVersion: string }): BackupManifest {
  const profile = tables.profile[0] as Partial<InstallationProfile> | undefined;
  return {
    createdAt: options.createdAt,
    appVersion: options.appVersion,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    installationId: profile?.id ?? '',
    organisation: profile?.organisation ?? '',
    person: profile?.person ?? '',
    counts: Object.fromEntries(BACKUP_TABLES.map((t) => [t, tables[t].length])) as BackupManifest['counts'],
  };
}

/** The encrypted backup file (binary age). */
export async function sealBackup(backup: WorkbookBackup, passphrase: string, scryptWorkFactor = BACKUP_SCRYPT_WORK_FACTOR): Promise<Uint8Array> {
  const document = {
    formatName: BACKUP_FORMAT_NAME,
    formatVersion: BACKUP_FORMAT_VERSION,
    manifest: backup.manifest,
    tables: Object.fromEntries(BACKUP_TABLES.map((t) => [t, backup.tables[t].map((row, i) => encodeValue(row, `${t}[${i}]`))])),
  };
  const encrypter = new Encrypter();
  encrypter.setScryptWorkFactor(scryptWorkFactor);
  encrypter.setPassphrase(passphrase);
  return encrypter.encrypt(gzipSync(utf8(JSON.stringify(document)), { level: 6, mtime: 0 }));
}

/**
 * Decrypt and check a backup file. Nothing is written; throws `BackupProblem`. The rows are
 * validated against the schemas of this app's database version, so a restore can only put in
 * what the journal itself would have written.
 */
export async function openBackup(file: Uint8Array, passphrase: string): Promise<WorkbookBackup> {
  if (detectAgeFile(file.subarray(0, AGE_DETECT_BYTES)) === null) throw new BackupProblem('not-a-backup');
  let plain: Uint8Array;
  try {
    plain = await decryptWithPassphrase(file, passphrase);
  } catch (e) {
    if (!(e instanceof AgeFailure)) throw new BackupProblem('damaged', String(e));
    if (e.kind === 'no-matching-identity') throw new BackupProblem('wrong-passphrase');
    if (e.kind === 'header-invalid') throw new BackupProblem('not-a-backup', e.detail);
    throw new BackupProblem('damaged', e.detail);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(gunzipSync(plain)));
  } catch (e) {
    throw new BackupProblem('invalid-content', e instanceof Error ? e.message : String(e));
  }
  const head = EnvelopeHeadSchema.safeParse(parsed);
  if (!head.success) throw new BackupProblem('invalid-content', 'not a workbook backup');
  if (head.data.formatVersion > BACKUP_FORMAT_VERSION) throw new BackupProblem('newer-version', `format version ${head.data.formatVersion}`);
  const envelope = EnvelopeSchema.safeParse(parsed);
  if (!envelope.success) throw new BackupProblem('invalid-content', firstIssue(envelope.error));
  const { manifest } = envelope.data;
  if (manifest.schemaVersion > CURRENT_SCHEMA_VERSION) throw new BackupProblem('newer-version', `schema version ${manifest.schemaVersion}`);
  if (manifest.schemaVersion < OLDEST_RESTORABLE_SCHEMA_VERSION) throw new BackupProblem('older-version', `schema version ${manifest.schemaVersion}`);

  const tables = {} as Record<BackupTable, unknown[]>;
  for (const table of BACKUP_TABLES) {
    const schema = rowSchema(table);
    tables[table] = envelope.data.tables[table].map((encoded, i) => {
      let row: unknown;
      try {
        row = decodeValue(encoded);
      } catch (e) {
        throw new BackupProblem('invalid-content', `${table}[${i}]: ${e instanceof Error ? e.message : String(e)}`);
      }
      const checked = schema.safeParse(row);
      if (!checked.success) throw new BackupProblem('invalid-content', `${table}[${i}]: ${firstIssue(checked.error)}`);
      // Keep the row as stored, not zod's output: the restore must be exact, defaults included.
      return row;
    });
    if (manifest.counts[table] !== tables[table].length) throw new BackupProblem('invalid-content', `${table}: ${tables[table].length} rows, the manifest says ${manifest.counts[table]}`);
  }
  if (tables.profile.length !== 1) throw new BackupProblem('invalid-content', `${tables.profile.length} installation profiles`);
  const profile = tables.profile[0] as InstallationProfile;
  if (profile.id !== manifest.installationId) throw new BackupProblem('invalid-content', 'the manifest names another installation');
  return { manifest: { ...manifest, counts: manifest.counts as BackupManifest['counts'] }, tables };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
}
