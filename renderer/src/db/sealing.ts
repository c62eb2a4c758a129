/**
 * Content encryption at rest: a DBCore middleware that seals rows as they are written and opens
 * them as they are read (the sealing itself is pure, shared/crypto/sealing.ts). It does nothing
 * until a data key is loaded (`loadDataKey`, after the app lock passphrase unwrapped it, see
 * appLock.ts): with content encryption off, every request passes straight through.
 *
 * - Which properties stay in clear is read from the table schema Dexie hands the middleware:
 *   the primary key and every index's key path, compound ones included. Nothing else.
 * - Rows stored in clear (before encryption was turned on, or halfway through turning it on or
 *   off) read as they are; a marker property tells sealed rows apart.
 * - A sealed row read without a key loaded is an error, never a row with its content missing: a
 *   caller that wrote such a row back would destroy it.
 * - The level puts it right above IndexedDB, below Dexie's own middlewares (hooks, virtual
 *   indexes, live-query cache, observation) and the journal guard: all of them see rows in clear.
 *
 * Workers (search index, logbook chain verifier) open the database by name with a middleware of
 * their own and no key: they ask the page for it over a BroadcastChannel when they open it, and
 * the page announces every change of key (see `shareDataKeyWithWorkers`).
 */
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreTable, DBCoreTableSchema, Dexie, Middleware } from 'dexie';
import { openBytes, openRow, sealBytes, sealRow, SEALED_PROPERTY } from '../../../shared/crypto/sealing';
import { CLOCK_LIST_TABLE } from '../../../shared/journal/clockLists';

/**
 * Tables never sealed. `installationKeys`: the public card, and CryptoKeys that cannot be
 * serialised. `carriedClocks`: entry ids and clocks only, which the index it replaced kept in
 * clear too; the upgrade that builds it runs before the passphrase is known.
 */
export const UNSEALED_TABLES: ReadonlySet<string> = new Set(['installationKeys', CLOCK_LIST_TABLE]);

/**
 * `meta` rows read before the passphrase is known: the lock's verifier and its count of wrong
 * attempts, and the wrapped data key with the state of sealing (appLock.ts).
 */
export const UNSEALED_META_KEYS: ReadonlySet<string> = new Set(['appLock', 'appLockAttempts', 'contentSealing']);
/** The `meta` entry with the wrapped data key (written by appLock.ts). */
const SEALING_META_KEY = 'contentSealing';

/** A sealed row was read while no key is loaded (the workbook is locked, or this is a worker without it). */
export class WorkbookSealedError extends Error {
  override readonly name = 'WorkbookSealedError';
}

interface SealingState {
  key: Uint8Array | null;
  /** Seal what is written (off while encryption is being turned off: rows are then written in clear). */
  sealWrites: boolean;
}

const states = new WeakMap<Dexie, SealingState>();
/** Names of the databases whose content is encrypted in this context (a key is loaded). */
const sealedNames = new Set<string>();
/** This context's databases by name: a page answers workers' requests for them, a worker takes keys for them. */
const byName = new Map<string, Set<Dexie>>();

function stateOf(db: Dexie): SealingState {
  let state = states.get(db);
  if (!state) {
    state = { key: null, sealWrites: false };
    states.set(db, state);
  }
  return state;
}

const random = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

/** The key paths a table keeps in clear, from its schema (the primary key and every index). */
export function clearKeyPaths(schema: DBCoreTableSchema): string[] {
  const paths = new Set<string>();
  for (const index of [schema.primaryKey, ...schema.indexes]) {
    const keyPath = index.keyPath;
    if (keyPath === null) continue;
    for (const path of typeof keyPath === 'string' ? [keyPath] : keyPath) paths.add(path);
  }
  return [...paths];
}

function isRow(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sealingTable(table: DBCoreTable, state: SealingState, dbName: string): DBCoreTable {
  const schema = table.schema;
  const name = schema.name;
  const extractKey = schema.primaryKey.extractKey;
  // Only inbound, given primary keys can be bound to the blob (no table here has any other kind).
  if (UNSEALED_TABLES.has(name) || !extractKey || schema.primaryKey.autoIncrement) return table;
  const clearPaths = clearKeyPaths(schema);
  const sealable = (key: unknown) => key !== undefined && !(name === 'meta' && typeof key === 'string' && UNSEALED_META_KEYS.has(key));

  const open = (value: unknown): unknown => {
    if (!isRow(value) || !(SEALED_PROPERTY in value)) return value;
    if (!state.key) {
      // A worker whose key has not come (yet): ask again, for the next read.
      if (inWorker) requestKeyFor(dbName);
      throw new WorkbookSealedError(`a sealed row of "${name}" was read while the workbook is locked`);
    }
    return openRow(state.key, name, extractKey(value), value);
  };
  const seal = (value: unknown): unknown => {
    if (!state.key || !isRow(value)) return value;
    const key: unknown = extractKey(value);
    return sealable(key) ? sealRow(state.key, name, key, value, clearPaths, random) : value;
  };

  return {
    ...table,
    mutate(req: DBCoreMutateRequest) {
      if (!state.key || !state.sealWrites || (req.type !== 'add' && req.type !== 'put')) return table.mutate(req);
      let values: unknown[];
      try {
        values = req.values.map(seal);
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      return table.mutate({ ...req, values });
    },
    get(req) {
      return table.get(req).then(open);
    },
    getMany(req) {
      return table.getMany(req).then((values) => values.map(open));
    },
    query(req) {
      if (!req.values) return table.query(req);
      return table.query(req).then((res) => ({ ...res, result: res.result.map(open) }));
    },
    openCursor(req) {
      if (!req.values) return table.openCursor(req);
      return table.openCursor(req).then((cursor) => cursor && openingCursor(cursor, open));
    },
  };
}

/**
 * A cursor whose `value` is opened. The IndexedDB cursor's own getters must be called on the
 * cursor itself (on a derived object they throw "Illegal invocation"), hence the explicit
 * `key`/`primaryKey`/`value`, as Dexie's virtual-index and observability middlewares do;
 * `continue`, `start`, `stop` … are the cursor's own bound functions and are inherited.
 */
function openingCursor(cursor: DBCoreCursor, open: (value: unknown) => unknown): DBCoreCursor {
  let raw: unknown = undefined;
  let opened: unknown = undefined;
  let cached = false;
  return Object.create(cursor, {
    key: { get: (): unknown => cursor.key },
    primaryKey: { get: (): unknown => cursor.primaryKey },
    value: {
      get: () => {
        const current: unknown = cursor.value;
        if (!cached || current !== raw) {
          opened = open(current);
          raw = current;
          cached = true;
        }
        return opened;
      },
    },
  }) as DBCoreCursor;
}

/** The middleware of one database (its key is its own: tests open several side by side). */
export function contentSealingMiddleware(db: Dexie): Middleware<DBCore> {
  const state = stateOf(db);
  return {
    stack: 'dbcore',
    name: 'contentSealing',
    // Below Dexie's own middlewares (cacheExistingValues is at -1): see the module comment.
    level: -2,
    create(down) {
      return {
        ...down,
        table(tableName) {
          return sealingTable(down.table(tableName), state, db.name);
        },
      };
    },
  };
}

/** Load the data key: rows are opened on read, and sealed on write when `sealWrites`. */
export function loadDataKey(db: Dexie, key: Uint8Array, options: { sealWrites: boolean }): void {
  const state = stateOf(db);
  state.key = key.slice();
  state.sealWrites = options.sealWrites;
  sealedNames.add(db.name);
  announce(db.name, state.key, state.sealWrites);
}

/** Forget the data key (content encryption turned off completely). */
export function unloadDataKey(db: Dexie): void {
  const state = stateOf(db);
  state.key?.fill(0);
  state.key = null;
  state.sealWrites = false;
  sealedNames.delete(db.name);
  announce(db.name, null, false);
}

/**
 * Whether the content of the database of this name is encrypted here (its key is loaded): then
 * nothing derived from it, such as the persisted search index, may be stored in clear.
 */
export function isContentSealed(databaseName: string): boolean {
  return sealedNames.has(databaseName);
}

export function isDataKeyLoaded(db: Dexie): boolean {
  return stateOf(db).key !== null;
}

/** Whether what is written now is sealed (a key is loaded and encryption is not being turned off). */
export function isSealingWrites(db: Dexie): boolean {
  const state = stateOf(db);
  return state.key !== null && state.sealWrites;
}

/**
 * Bytes sealed with the data key for storing (the web build's secret identity, db/identity.ts),
 * or null when content encryption is off or being turned off: the caller then stores them otherwise.
 */
export function sealWithDataKey(db: Dexie, context: string, bytes: Uint8Array): Uint8Array | null {
  const state = stateOf(db);
  return state.key && state.sealWrites ? sealBytes(state.key, context, bytes, random) : null;
}

/** Bytes `sealWithDataKey` sealed; throws `WorkbookSealedError` while no key is loaded. */
export function openWithDataKey(db: Dexie, context: string, blob: Uint8Array): Uint8Array {
  const key = stateOf(db).key;
  if (!key) throw new WorkbookSealedError('sealed bytes were read while the workbook is locked');
  return openBytes(key, context, blob);
}

/** The loaded key (to rewrap it under a new passphrase); null when none is loaded. */
export function loadedDataKey(db: Dexie): Uint8Array | null {
  return stateOf(db).key?.slice() ?? null;
}

// ---- Workers ----

const CHANNEL = 'crisis-workbook-sealing';
type SealingMessage =
  | { readonly type: 'request'; readonly databaseName: string }
  | { readonly type: 'key'; readonly databaseName: string; readonly key: Uint8Array | null; readonly sealWrites: boolean };

// The worker's global scope class exists only in workers (the DOM and WebWorker libs exclude each other).
const workerScope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
const inWorker = workerScope !== undefined && globalThis instanceof workerScope;
/** Pages and workers of a browser; not Node (tests), where nothing would answer. */
const channelSupported = typeof BroadcastChannel !== 'undefined' && (inWorker || typeof window !== 'undefined');

let channel: BroadcastChannel | null = null;
/** Workers waiting for the page's answer, by database. */
const waiting = new Map<Dexie, () => void>();

function openChannel(): BroadcastChannel | null {
  if (channel || !channelSupported) return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<SealingMessage>) => {
    const message = event.data;
    const dbs = byName.get(message.databaseName) ?? new Set<Dexie>();
    if (message.type === 'request' && !inWorker) {
      // A page answers for the database it holds a key for.
      for (const db of dbs) {
        const state = stateOf(db);
        if (state.key) channel?.postMessage({ type: 'key', databaseName: message.databaseName, key: state.key, sealWrites: state.sealWrites } satisfies SealingMessage);
      }
    } else if (message.type === 'key' && inWorker) {
      // Only workers take a key from the channel: a page (a tab) gets its own at its lock screen.
      for (const db of dbs) {
        const state = stateOf(db);
        state.key = message.key ? message.key.slice() : null;
        state.sealWrites = message.sealWrites;
        if (message.key) sealedNames.add(message.databaseName);
        else sealedNames.delete(message.databaseName);
        waiting.get(db)?.();
      }
    }
  };
  return channel;
}

function announce(databaseName: string, key: Uint8Array | null, sealWrites: boolean): void {
  if (inWorker || !byName.has(databaseName)) return;
  openChannel()?.postMessage({ type: 'key', databaseName, key, sealWrites } satisfies SealingMessage);
}

/** How long a worker waits for the page's key when it opens the database (the page may be busy). */
const WORKER_KEY_WAIT_MS = 10_000;

let lastRequest = 0;
/** Ask the page for a database's key (at most once a second). */
function requestKeyFor(databaseName: string): void {
  const now = Date.now();
  if (now - lastRequest < 1_000) return;
  lastRequest = now;
  openChannel()?.postMessage({ type: 'request', databaseName } satisfies SealingMessage);
}

/**
 * Register a database for the key exchange between the page and its workers. In a worker, ask
 * for the key when the database opens (only if content encryption is set up) and wait a moment
 * for the page's answer; without an answer, sealed rows cannot be read there and the worker's
 * reads fail (the chain verifier then runs on the page, which holds the key).
 */
export function shareDataKeyWithWorkers(db: Dexie): void {
  if (!channelSupported) return;
  let set = byName.get(db.name);
  if (!set) {
    set = new Set();
    byName.set(db.name, set);
  }
  set.add(db);
  openChannel();
  if (!inWorker) return;
  // The database given to the ready callback is the one usable before the open completes.
  db.on('ready', async (vip: Dexie) => {
    if (isDataKeyLoaded(db) || (await vip.table('meta').get(SEALING_META_KEY)) === undefined) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(db);
        resolve();
      };
      const timer = setTimeout(done, WORKER_KEY_WAIT_MS);
      waiting.set(db, done);
      openChannel()?.postMessage({ type: 'request', databaseName: db.name } satisfies SealingMessage);
    });
  });
}
