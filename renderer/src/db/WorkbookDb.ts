/**
 * The workbook's one Dexie database. Tables hold the records of the three bodies of knowledge,
 * the change journal (`operations`), this installation's profile and a small key-value `meta`
 * table for bookkeeping (e.g. which version of the built-in scenario was applied).
 *
 * Only `renderer/src/db/**` may import this module (lint rule); everything else reads through
 * live queries of the repositories and writes through the journal.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Operation } from '../../../shared/journal/operation';
import type { InstallationProfile } from '../../../shared/model/installation';
import type { KeyringEntry } from '../../../shared/model/keyring';
import type { ExchangeLogEntry } from '../../../shared/model/exchangeLog';
import type { IdentityCard } from '../../../shared/crypto/identity';
import type { CallRound, CallTree, Contact, Incident, LogEntry, Procedure, ProcedureRun, ProcedureVersion } from '../../../shared/model/records';
import type { OutageState } from '../../../shared/model/outage';
import { WorkbookError } from '../../../shared/errors/codes';
import { CURRENT_SCHEMA_VERSION } from '../../../shared/versioning/schemaVersion';
import { upcastRecordV1ToV2 } from '../../../shared/versioning/upcasters/v1ToV2';
import { upcastProcedureV5ToV6 } from '../../../shared/versioning/upcasters/v5ToV6';
import { journalGuard } from './journalGuard';
import { contentSealingMiddleware, shareDataKeyWithWorkers } from './sealing';
import { DATABASE_NAME, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8, SCHEMA_V9, SCHEMA_V10 } from './schema';
import { buildClockListsFromIndex } from './clockLists';
import type { ClockList } from '../../../shared/journal/clockLists';
import type { FieldConflict } from '../../../shared/merge/mergeRecord';
import type { Workspace } from '../../../shared/model/workspace';

/** An open merge conflict on one field of one record, as `mergeRecord` reports it. */
export interface ConflictRow extends FieldConflict {
  /** The record's workspace (null for installation-local tables), to list conflicts per workspace. */
  readonly workspace: Workspace | null;
}

/**
 * This installation's own keys: always the public card (live queries show it), and `storage`
 * says where the private keys are (see renderer/src/identity/keyStore.ts).
 *
 * - `webcrypto` (the web build, and the desktop app without trustworthy OS secure storage): the
 *   private keys are non-extractable WebCrypto keys in this row; IndexedDB keeps them, but no
 *   code, this app's included, can read their bytes. Rows written before `storage` existed have
 *   no such field and are this kind (an optional, non-indexed field: no Dexie version needed).
 * - `os-secure-storage` (the desktop app): the private keys are in the main process, sealed with
 *   Electron's `safeStorage`; this row holds the card only.
 */
export type InstallationKeysRow = WebCryptoKeysRow | OsProtectedKeysRow;

interface InstallationKeysRowBase {
  id: 'installation';
  card: IdentityCard;
  createdAt: string;
}

export interface WebCryptoKeysRow extends InstallationKeysRowBase {
  /** Missing on rows written before the desktop key vault: the same as 'webcrypto'. */
  storage?: 'webcrypto';
  /** Ed25519 private key, usage `sign`. */
  signingKey: CryptoKey;
  /** The minisign key id and public key the card names. */
  keyId: Uint8Array;
  signingPublicKey: Uint8Array;
  /** X25519 private key, usage `deriveBits` (age decryption). */
  ageKey: CryptoKey;
}

export interface OsProtectedKeysRow extends InstallationKeysRowBase {
  storage: 'os-secure-storage';
}

/**
 * A bundle whose signer is not (yet) a verified peer: kept as received, shown with its signer's
 * card, until someone verifies the signer and imports it, or discards it. Nothing in it is trusted.
 */
export interface QuarantinedBundle {
  bundleId: string;
  receivedAt: string;
  fileName: string;
  /** Courier fingerprint of the header, and the signer's card as the bundle carries it. */
  fingerprint: string;
  signerCard: IdentityCard;
  workspace: Workspace;
  operations: number;
  /** The file as received (a Blob: the browser may keep a large one on disk). */
  file?: Blob;
  /** How entries written before schema version 4 kept the file. */
  bytes?: Uint8Array;
}

/** One batch of a verified bundle's operations, waiting to be applied (see SCHEMA_V4). */
export interface ImportStagingBatch {
  importId: string;
  seq: number;
  operations: Operation[];
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

const RECORD_TABLES_V1 = ['procedures', 'contacts', 'incidents', 'logEntries'] as const;

export class WorkbookDb extends Dexie {
  procedures!: EntityTable<Procedure, 'id'>;
  contacts!: EntityTable<Contact, 'id'>;
  incidents!: EntityTable<Incident, 'id'>;
  logEntries!: EntityTable<LogEntry, 'id'>;
  operations!: EntityTable<Operation, 'opId'>;
  profile!: EntityTable<InstallationProfile, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  keyring!: EntityTable<KeyringEntry, 'id'>;
  // Insert type = the row union itself: Dexie's default (an `Omit` of it) is not distributive and
  // would keep only the fields both kinds share. The id is always given ('installation').
  installationKeys!: EntityTable<InstallationKeysRow, 'id', InstallationKeysRow>;
  conflicts!: Dexie.Table<ConflictRow, [string, string, string]>;
  quarantine!: EntityTable<QuarantinedBundle, 'bundleId'>;
  exchangeLog!: EntityTable<ExchangeLogEntry, 'id'>;
  importStaging!: Dexie.Table<ImportStagingBatch, [string, number]>;
  procedureVersions!: EntityTable<ProcedureVersion, 'id'>;
  procedureRuns!: EntityTable<ProcedureRun, 'id'>;
  callTrees!: EntityTable<CallTree, 'id'>;
  callRounds!: EntityTable<CallRound, 'id'>;
  outage!: EntityTable<OutageState, 'id'>;
  /** The clock lists of carried creations (shared/journal/clockLists.ts); written by the journal only. */
  carriedClocks!: Dexie.Table<ClockList, number>;

  /** @param name injectable so that tests can open several "installations" side by side. */
  constructor(name: string = DATABASE_NAME, options: ConstructorParameters<typeof Dexie>[1] = {}) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        for (const table of RECORD_TABLES_V1) {
          await tx
            .table(table)
            .toCollection()
            .modify((record: Record<string, unknown>) => {
              Object.assign(record, upcastRecordV1ToV2(record));
            });
        }
        // The journal's creations carry whole records: upcast them too, so a replay of the
        // journal still agrees with the data.
        await tx
          .table('operations')
          .toCollection()
          .modify((op: Operation) => {
            if (op.kind === 'create' && op.table !== 'profile') op.fields = upcastRecordV1ToV2(op.fields);
          });
      });
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5);
    this.version(6)
      .stores(SCHEMA_V6)
      .upgrade(async (tx) => {
        await tx
          .table('procedures')
          .toCollection()
          .modify((record: Record<string, unknown>) => {
            Object.assign(record, upcastProcedureV5ToV6(record));
          });
        await tx
          .table('operations')
          .toCollection()
          .modify((op: Operation) => {
            if (op.kind === 'create' && op.table === 'procedures') op.fields = upcastProcedureV5ToV6(op.fields);
          });
      });
    // Entries written before keep their creation in the operations table (both forms are read).
    this.version(7).stores(SCHEMA_V7);
    this.version(8).stores(SCHEMA_V8);
    this.version(9).stores(SCHEMA_V9).upgrade(buildClockListsFromIndex);
    this.version(10).stores(SCHEMA_V10);
    this.use(journalGuard);
    // Content encryption at rest (opt-in): passes everything through until a data key is loaded.
    this.use(contentSealingMiddleware(this));
    shareDataKeyWithWorkers(this);
  }
}

/**
 * Open the database, refusing one last written by a newer version of the app. (Dexie 4 would open
 * it at its newer version; this app would then write records in an older shape into it.)
 */
export async function openWorkbookDb(db: WorkbookDb): Promise<WorkbookDb> {
  // Look before opening: Dexie 4 would open a newer database and add what it lacks, changing it.
  const factory = Dexie.dependencies.indexedDB;
  const existing = (await factory.databases()).find((d) => d.name === db.name);
  // Dexie stores version n as IndexedDB version 10·n.
  if (existing?.version !== undefined && existing.version / 10 > CURRENT_SCHEMA_VERSION) {
    throw new WorkbookError('db-from-newer-app', `database version ${existing.version / 10}, this app knows ${CURRENT_SCHEMA_VERSION}`);
  }
  await db.open();
  if (db.verno > CURRENT_SCHEMA_VERSION) {
    const found = db.verno;
    db.close();
    throw new WorkbookError('db-from-newer-app', `database version ${found}, this app knows ${CURRENT_SCHEMA_VERSION}`);
  }
  return db;
}

/**
 * The browser engine found this computer's workbook store damaged and cleared it: what it said.
 * Chromium (and so Electron) checks its IndexedDB store when it opens it. If a crash or power cut
 * left the store damaged, that first open fails with `UnknownError` ("Internal error opening
 * backing store") and Chromium deletes the whole store; the next open starts from an empty one.
 */
export interface StoreReset {
  /** Chromium's own words on the loss (its `dataLossMessage`), else the failed open's message. */
  readonly detail: string;
}

/** Chromium's non-standard fields on the upgrade event of the first open after a reset. */
interface DataLossEvent extends IDBVersionChangeEvent {
  readonly dataLoss?: 'none' | 'total';
  readonly dataLossMessage?: string;
}

function isBackingStoreFailure(error: unknown): boolean {
  // Dexie wraps the browser's DOMException as `inner` of its OpenFailedError.
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = (e as Error & { inner?: unknown }).inner, depth++) {
    if (e.name === 'UnknownError') return true;
  }
  return false;
}

/**
 * What the next open of `name` learns about data loss, without creating anything: an existing
 * database opens without an upgrade (no loss to report); a missing one is about to be created, and
 * the upgrade that would create it is aborted once its event has been read.
 */
function probeDataLoss(name: string): Promise<{ readonly lost: boolean; readonly message: string }> {
  return new Promise((resolve) => {
    let report = { lost: false, message: '' };
    const request = Dexie.dependencies.indexedDB.open(name);
    request.onupgradeneeded = (event) => {
      const loss = event as DataLossEvent;
      report = { lost: loss.dataLoss === 'total', message: loss.dataLossMessage ?? '' };
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      request.result.close();
      resolve(report);
    };
    // The aborted upgrade ends here (AbortError), as does a store that still cannot be opened:
    // the real open that follows reports that one.
    request.onerror = (event) => {
      event.preventDefault();
      resolve(report);
    };
  });
}

/** How often a start tries again after the engine failed to open its store, and how long it waits. */
const START_ATTEMPTS = 3;
const START_RETRY_DELAY_MS = 300;

/**
 * `openWorkbookDb`, for the app's start: when the browser engine turns out to have cleared a
 * damaged store (at this start or at an earlier one that could not open), the database opens,
 * empty, and the loss is reported, so that the officer is told before anything else happens
 * instead of being shown a first start as if nothing had been there.
 */
export async function openWorkbookDbAtStart(db: WorkbookDb): Promise<StoreReset | null> {
  let failure: Error | null = null;
  let engineReport: string | null = null;
  for (let attempt = 1; ; attempt++) {
    // Chromium tells of a cleared store once, to the first open that creates a database there;
    // Dexie would take that open and drop the news, so the probe goes first.
    const probe = await probeDataLoss(db.name);
    if (probe.lost) engineReport = probe.message || 'dataLoss: total';
    try {
      await openWorkbookDb(db);
    } catch (error) {
      if (!(error instanceof Error) || !isBackingStoreFailure(error) || attempt >= START_ATTEMPTS) throw error;
      failure = error;
      // The engine is clearing the damaged store; the next open gets an empty one.
      await new Promise((resolve) => setTimeout(resolve, START_RETRY_DELAY_MS));
      continue;
    }
    if (engineReport !== null) return { detail: engineReport };
    // Without the engine's word (another engine), an empty database right after a failed open is the same loss.
    if (failure !== null && (await db.profile.count()) === 0) return { detail: failure.message };
    return null;
  }
}
