/**
 * The app lock's settings and its count of wrong passphrases, kept in the installation-local
 * `meta` table (never journaled, never exchanged; a full backup carries them).
 *
 * Only a verifier of the passphrase is stored (shared/crypto/passphraseVerifier.ts). The count
 * of wrong attempts is stored too, so that reloading the page does not reset the growing delay.
 *
 * Content encryption (opt-in, only with the lock on): a random data key seals the rows (the
 * middleware in sealing.ts); the key is stored only wrapped with a key derived from the lock
 * passphrase (shared/crypto/sealing.ts), next to the verifier, in the `contentSealing` entry,
 * which also says how far turning encryption on or off has got (it is resumable).
 */
import Dexie from 'dexie';
import { z } from 'zod';
import { DATA_KEY_BYTES, unwrapDataKey, wrapDataKey, WrappedDataKeySchema, type WrappedDataKey } from '../../../shared/crypto/sealing';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from '../../../shared/crypto/passphrasePolicy';
import { checkPassphrase, createPassphraseVerifier, PassphraseVerifierSchema, VERIFIER_SALT_BYTES, type PassphraseVerifier } from '../../../shared/crypto/passphraseVerifier';
import { WorkbookError } from '../../../shared/errors/codes';
import { IDLE_CHOICES, type IdleMinutes } from '../features/lock/lockPolicy';
import { unsealInstallationSecret } from './identity';
import { authorizeJournalTransaction } from './journalGuard';
import { isDataKeyLoaded, loadDataKey, loadedDataKey, UNSEALED_META_KEYS, UNSEALED_TABLES, unloadDataKey } from './sealing';
import type { WorkbookDb } from './WorkbookDb';

const SETTINGS_KEY = 'appLock';
const ATTEMPTS_KEY = 'appLockAttempts';
const SEALING_KEY = 'contentSealing';

const IdleMinutesSchema = z.union(IDLE_CHOICES.map((m) => z.literal(m)) as [z.ZodLiteral<IdleMinutes>, ...z.ZodLiteral<IdleMinutes>[]]);

const AppLockSettingsSchema = z.strictObject({
  verifier: PassphraseVerifierSchema,
  idleMinutes: IdleMinutesSchema,
  enabledAt: z.string(),
});
export type AppLockSettings = z.infer<typeof AppLockSettingsSchema>;

const AttemptsSchema = z.strictObject({ failures: z.number().int().min(0), lastFailureAt: z.number().nullable() });
export type UnlockAttempts = z.infer<typeof AttemptsSchema>;

/**
 * The lock's settings, or null when the lock is off (never undefined: live queries use that for
 * "loading"). A damaged entry counts as off: anyone able to damage it can delete it as well.
 */
export async function getAppLock(db: WorkbookDb): Promise<AppLockSettings | null> {
  const entry = await db.meta.get(SETTINGS_KEY);
  const parsed = AppLockSettingsSchema.safeParse(entry?.value);
  return parsed.success ? parsed.data : null;
}

/** Turn the lock on (or change its passphrase). Refuses a passphrase the policy refuses. */
export async function enableAppLock(db: WorkbookDb, passphrase: string, idleMinutes: IdleMinutes, options: { logN?: number } = {}): Promise<AppLockSettings> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH || passphrase.length > MAX_PASSPHRASE_LENGTH) throw new WorkbookError('identity-passphrase-too-short');
  const salt = crypto.getRandomValues(new Uint8Array(VERIFIER_SALT_BYTES));
  const verifier: PassphraseVerifier = await createPassphraseVerifier(passphrase, salt, options.logN);
  const settings: AppLockSettings = { verifier, idleMinutes, enabledAt: new Date().toISOString() };
  // A new passphrase with content encryption on: the data key is wrapped again (no row changes).
  const sealing = await getContentSealing(db);
  let rewrapped: WrappedDataKey | null = null;
  if (sealing) {
    const dataKey = loadedDataKey(db);
    if (!dataKey) throw new WorkbookError('internal', 'content encryption is on but its key is not loaded');
    rewrapped = await wrapDataKey(dataKey, passphrase, randomBytes, options.logN);
    dataKey.fill(0);
  }
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: SETTINGS_KEY, value: settings });
    await db.meta.delete(ATTEMPTS_KEY);
    if (sealing && rewrapped) {
      // Read again inside the transaction: a batch of sealing may have moved the progress meanwhile.
      const current = await getContentSealing(db);
      if (current) await db.meta.put({ key: SEALING_KEY, value: { ...current, wrappedKey: rewrapped } satisfies ContentSealing });
    }
  });
  return settings;
}

export async function setIdleMinutes(db: WorkbookDb, idleMinutes: IdleMinutes): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const settings = await getAppLock(db);
    if (!settings) throw new WorkbookError('internal', 'the app lock is off');
    await db.meta.put({ key: SETTINGS_KEY, value: { ...settings, idleMinutes } });
  });
}

/** Refusal to turn the lock off while content encryption is on (or being turned on or off). */
export class ContentEncryptionOnError extends Error {
  override readonly name = 'ContentEncryptionOnError';
  constructor() {
    super('turn content encryption off before the app lock');
  }
}

/**
 * Turn the lock off; needs the passphrase. Returns false (and changes nothing) when it is wrong.
 * Throws `ContentEncryptionOnError` while content encryption is on.
 */
export async function disableAppLock(db: WorkbookDb, passphrase: string): Promise<boolean> {
  const settings = await getAppLock(db);
  if (!settings) return true;
  if (!(await checkPassphrase(settings.verifier, passphrase))) return false;
  await db.transaction('rw', db.meta, async () => {
    // Never leave rows sealed with a key nobody could unwrap: content encryption goes off first.
    if (await getContentSealing(db)) throw new ContentEncryptionOnError();
    await db.meta.delete(SETTINGS_KEY);
    await db.meta.delete(ATTEMPTS_KEY);
  });
  return true;
}

export async function getUnlockAttempts(db: WorkbookDb): Promise<UnlockAttempts> {
  const parsed = AttemptsSchema.safeParse((await db.meta.get(ATTEMPTS_KEY))?.value);
  return parsed.success ? parsed.data : { failures: 0, lastFailureAt: null };
}

/**
 * Check a passphrase at the lock screen: right → the count of wrong attempts is cleared; wrong →
 * it grows (the screen then makes the next attempt wait, see lockPolicy.ts).
 */
export async function tryUnlock(db: WorkbookDb, passphrase: string, now = Date.now()): Promise<{ ok: boolean; attempts: UnlockAttempts }> {
  const settings = await getAppLock(db);
  if (!settings) {
    if (!(await getContentSealing(db))) return { ok: true, attempts: { failures: 0, lastFailureAt: null } };
    // The lock's entry is gone or damaged while the content is encrypted: the wrapped key itself
    // checks the passphrase (AES-GCM), and nothing opens without it.
    const opened = await loadContentKey(db, passphrase).then(
      () => isDataKeyLoaded(db),
      () => false,
    );
    const attempts: UnlockAttempts = opened ? { failures: 0, lastFailureAt: null } : { failures: (await getUnlockAttempts(db)).failures + 1, lastFailureAt: now };
    await db.meta.put({ key: ATTEMPTS_KEY, value: attempts });
    return { ok: opened, attempts };
  }
  const ok = await checkPassphrase(settings.verifier, passphrase);
  const attempts: UnlockAttempts = ok ? { failures: 0, lastFailureAt: null } : { failures: (await getUnlockAttempts(db)).failures + 1, lastFailureAt: now };
  // Content encryption: the right passphrase also unwraps the data key (its own scrypt).
  if (ok) await loadContentKey(db, passphrase);
  await db.meta.put({ key: ATTEMPTS_KEY, value: attempts });
  return { ok, attempts };
}

// ---- Content encryption ----

const ProgressSchema = z.strictObject({
  /** The table being rewritten, and the primary key of the last row done in it (null: none yet). */
  table: z.string(),
  after: z.unknown(),
});

const ContentSealingSchema = z.strictObject({
  wrappedKey: WrappedDataKeySchema,
  /** `sealing`: being turned on; `on`: every row sealed; `opening`: being turned off. */
  phase: z.enum(['sealing', 'on', 'opening']),
  /** Where rewriting the rows has got (null: from the start, or done). */
  progress: ProgressSchema.nullable(),
  since: z.string(),
});
export type ContentSealing = z.infer<typeof ContentSealingSchema>;

export interface SealingProgress {
  readonly phase: 'sealing' | 'opening';
  readonly done: number;
  readonly total: number;
}

export interface RewriteOptions {
  /** Rows per transaction. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: SealingProgress) => void;
  /** Stop after this many batches (tests: an interruption half way). */
  readonly maxBatches?: number;
}

const DEFAULT_BATCH_SIZE = 200;

const randomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

/**
 * Whether content encryption is set up (on, or being turned on or off), with its wrapped key;
 * null when off. Readable before unlock: it is never sealed (sealing.ts, UNSEALED_META_KEYS).
 */
export async function getContentSealing(db: WorkbookDb): Promise<ContentSealing | null> {
  const parsed = ContentSealingSchema.safeParse((await db.meta.get(SEALING_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

/** Unwrap and load the data key, if content encryption is set up and it is not loaded yet. */
async function loadContentKey(db: WorkbookDb, passphrase: string): Promise<void> {
  if (isDataKeyLoaded(db)) return;
  const sealing = await getContentSealing(db);
  if (!sealing) return;
  const key = await unwrapDataKey(sealing.wrappedKey, passphrase);
  // The verifier accepted the passphrase: a key that does not unwrap is a damaged entry.
  if (!key) throw new WorkbookError('internal', 'the content encryption key does not open with the app lock passphrase');
  loadDataKey(db, key, { sealWrites: sealing.phase !== 'opening' });
  key.fill(0);
}

/**
 * Turn content encryption on: a new data key, wrapped with the lock passphrase, then every row is
 * sealed, batch by batch (resumable: `continueContentSealing`). Needs the lock on and its passphrase.
 */
export async function enableContentSealing(db: WorkbookDb, passphrase: string, options: RewriteOptions & { logN?: number } = {}): Promise<boolean> {
  const settings = await getAppLock(db);
  if (!settings) throw new WorkbookError('internal', 'content encryption needs the app lock');
  if (!(await checkPassphrase(settings.verifier, passphrase))) return false;
  const existing = await getContentSealing(db);
  if (existing) {
    // Being turned off (or on already): take the loaded key back to sealing.
    await loadContentKey(db, passphrase);
    const key = loadedDataKey(db);
    if (!key) throw new WorkbookError('internal', 'content encryption key not loaded');
    loadDataKey(db, key, { sealWrites: true });
    key.fill(0);
    if (existing.phase !== 'sealing') await writeSealing(db, { ...existing, phase: 'sealing', progress: null });
  } else {
    const key = randomBytes(DATA_KEY_BYTES);
    const wrappedKey = await wrapDataKey(key, passphrase, randomBytes, options.logN);
    // The wrapped key is stored before any row is sealed with it.
    await writeSealing(db, { wrappedKey, phase: 'sealing', progress: null, since: new Date().toISOString() });
    loadDataKey(db, key, { sealWrites: true });
    key.fill(0);
  }
  await continueContentSealing(db, options);
  return true;
}

/** Turn content encryption off: every row is written in clear again, then the key is forgotten. */
export async function disableContentSealing(db: WorkbookDb, passphrase: string, options: RewriteOptions = {}): Promise<boolean> {
  const settings = await getAppLock(db);
  const sealing = await getContentSealing(db);
  if (!sealing) return true;
  if (!settings || !(await checkPassphrase(settings.verifier, passphrase))) return false;
  await loadContentKey(db, passphrase);
  const key = loadedDataKey(db);
  if (!key) throw new WorkbookError('internal', 'content encryption key not loaded');
  loadDataKey(db, key, { sealWrites: false });
  key.fill(0);
  if (sealing.phase !== 'opening') await writeSealing(db, { ...sealing, phase: 'opening', progress: null });
  await continueContentSealing(db, options);
  return true;
}

function isUnsealedMetaKey(key: unknown): boolean {
  return typeof key === 'string' && UNSEALED_META_KEYS.has(key);
}

async function writeSealing(db: WorkbookDb, value: ContentSealing): Promise<void> {
  await db.meta.put({ key: SEALING_KEY, value });
}

const running = new WeakMap<WorkbookDb, Promise<void>>();

/**
 * Go on sealing (or opening) the rows where the last run stopped: after a crash, the next unlock
 * calls this. One run at a time per database; a second call waits for the first, then checks again.
 */
export async function continueContentSealing(db: WorkbookDb, options: RewriteOptions = {}): Promise<void> {
  const previous = running.get(db);
  const run = (previous ?? Promise.resolve()).catch(() => undefined).then(() => rewriteRows(db, options));
  running.set(db, run);
  try {
    await run;
  } finally {
    if (running.get(db) === run) running.delete(db);
  }
}

/** The tables whose rows are sealed, in a fixed order (the progress names one of them). */
function sealedTables(db: WorkbookDb): string[] {
  return db.tables
    .map((t) => t.name)
    .filter((name) => !UNSEALED_TABLES.has(name))
    .sort();
}

async function rewriteRows(db: WorkbookDb, options: RewriteOptions): Promise<void> {
  const start = await getContentSealing(db);
  if (!start || start.phase === 'on' || !isDataKeyLoaded(db)) return;
  const phase = start.phase;
  // The web build's secret identity, sealed with the data key, becomes stored keys again first:
  // the data key is forgotten at the end.
  if (phase === 'opening') await unsealInstallationSecret(db);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const tables = sealedTables(db);
  let total = 0;
  for (const name of tables) total += await db.table(name).count();
  let done = 0;
  let batches = 0;
  options.onProgress?.({ phase, done, total });
  let progress = start.progress ?? { table: tables[0] ?? '', after: null };
  while (tables.includes(progress.table)) {
    if (options.maxBatches !== undefined && batches >= options.maxBatches) return;
    const table = db.table(progress.table);
    const after = progress.after;
    const outcome = await db.transaction('rw', table, db.meta, async () => {
      const tx = Dexie.currentTransaction;
      if (!tx) throw new WorkbookError('internal', 'sealing outside a transaction');
      // Rewriting rows changes no content: the journal guard is told so, as for a restore.
      authorizeJournalTransaction(tx.idbtrans);
      const current = await getContentSealing(db);
      // Turned the other way meanwhile (another run will handle it), or turned off: stop here.
      if (current?.phase !== phase) return 'stop' as const;
      const range = after === null ? table.toCollection() : table.where(':id').above(after);
      const keys = await range.limit(batchSize).primaryKeys();
      const rows = (await table.bulkGet(keys)).filter((row, i) => row !== undefined && !(table.name === 'meta' && isUnsealedMetaKey(keys[i])));
      await table.bulkPut(rows);
      const next =
        keys.length < batchSize
          ? { table: tables[tables.indexOf(table.name) + 1] ?? '', after: null }
          : { table: table.name, after: keys[keys.length - 1] as unknown };
      const finished = !tables.includes(next.table);
      if (finished && phase === 'opening') await db.meta.delete(SEALING_KEY);
      else await writeSealing(db, { ...current, phase: finished ? 'on' : phase, progress: finished ? null : next });
      return { rows: keys.length, next, finished };
    });
    if (outcome === 'stop') return;
    batches += 1;
    done += outcome.rows;
    options.onProgress?.({ phase, done: Math.min(done, total), total });
    progress = outcome.next;
    if (outcome.finished && phase === 'opening') unloadDataKey(db);
  }
}
