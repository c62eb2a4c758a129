/**
 * The app's start when the browser engine found its store damaged (renderer/src/db/WorkbookDb.ts
 * `openWorkbookDbAtStart`). Chromium's behaviour is replayed over fake-indexeddb as it was seen
 * in Chromium 156 after a SIGKILL (test/e2e/crashRecovery.spec.ts): the first open fails with
 * `UnknownError` and the engine deletes the store; the next open that creates a database there
 * carries `dataLoss: 'total'` and a message, once.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { setUpInstallation } from '../../../../renderer/src/db/installation';
import { openWorkbookDb, openWorkbookDbAtStart, WorkbookDb } from '../../../../renderer/src/db/WorkbookDb';
import { WorkbookError } from '../../../../shared/errors/codes';
import { freshDbName } from '../../../helpers/workbookDb';

const realFactory = Dexie.dependencies.indexedDB;
afterEach(() => {
  Dexie.dependencies.indexedDB = realFactory;
});

const CHROMIUM_LOSS = 'IndexedDB (database was corrupt): Internal error opening backing store for indexedDB.open.';

interface EngineBehaviour {
  /** Opens that fail before one succeeds. */
  failures: number;
  /** Whether the first failure deletes the store (Chromium's handling of corruption). */
  clears: boolean;
  /** Whether the engine reports the loss on the upgrade event, as Chromium does. */
  reportsLoss: boolean;
}

/**
 * A factory over fake-indexeddb that behaves like Chromium with a damaged store. The failure is
 * raised where Chromium raises it first for this app: `indexedDB.databases()`, which
 * `openWorkbookDb` asks before opening.
 */
function damagedEngine(behaviour: EngineBehaviour): { factory: IDBFactory; opens: () => number } {
  let failuresLeft = behaviour.failures;
  let lossToReport = false;
  let opens = 0;
  const factory = new Proxy(realFactory, {
    get(target, property) {
      if (property === 'databases') {
        return async () => {
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            if (behaviour.clears && !lossToReport) {
              for (const info of await target.databases()) {
                await new Promise<void>((done) => {
                  const request = target.deleteDatabase(info.name!);
                  request.onsuccess = () => done();
                  request.onerror = () => done();
                });
              }
              lossToReport = behaviour.reportsLoss;
            }
            throw new DOMException('Internal error opening backing store for indexedDB.databases().', 'UnknownError');
          }
          return target.databases();
        };
      }
      if (property === 'open') {
        return (name: string, version?: number) => {
          opens += 1;
          const request = version === undefined ? target.open(name) : target.open(name, version);
          if (!lossToReport) return request;
          lossToReport = false;
          // The engine's word goes to this open's upgrade event only.
          let handler: ((event: IDBVersionChangeEvent) => void) | null = null;
          const withLoss = (event: IDBVersionChangeEvent) => handler?.(Object.assign(event, { dataLoss: 'total', dataLossMessage: CHROMIUM_LOSS }));
          Object.defineProperty(request, 'onupgradeneeded', {
            configurable: true,
            get: () => (handler ? withLoss : null),
            set: (h: ((event: IDBVersionChangeEvent) => void) | null) => {
              handler = h;
            },
          });
          return request;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { factory, opens: () => opens };
}

/** A set-up installation in database `name`, closed again. */
async function installationIn(name: string): Promise<string> {
  const db = await openWorkbookDb(new WorkbookDb(name, { autoOpen: false }));
  const journal = await setUpInstallation(db, { organisation: 'NCSC Exercise', country: 'NL', person: 'Jo Jansen', role: 'cyber-crisis-authority', language: 'en' });
  db.close();
  return journal.installationId;
}

async function startWith(name: string, behaviour: EngineBehaviour | null) {
  if (behaviour) Dexie.dependencies.indexedDB = damagedEngine(behaviour).factory;
  const db = new WorkbookDb(name, { autoOpen: false });
  const reset = await openWorkbookDbAtStart(db);
  return { db, reset };
}

describe('the app start over a store the engine found damaged', () => {
  it('opens an intact store as it is and reports nothing', async () => {
    const name = freshDbName('start');
    const installationId = await installationIn(name);
    const { db, reset } = await startWith(name, null);
    expect(reset).toBeNull();
    expect((await db.profile.toArray()).map((p) => p.id)).toEqual([installationId]);
    db.close();
  });

  it('a first start on a new computer is not mistaken for a loss, and the probe leaves no database behind', async () => {
    const name = freshDbName('first');
    const { db, reset } = await startWith(name, null);
    expect(reset).toBeNull();
    expect(await db.profile.count()).toBe(0);
    expect(db.verno).toBeGreaterThan(1);
    db.close();
  });

  it('when the engine cleared the store, the database opens empty and the engine’s words are reported', async () => {
    const name = freshDbName('cleared');
    await installationIn(name);
    const { db, reset } = await startWith(name, { failures: 1, clears: true, reportsLoss: true });
    expect(reset).toEqual({ detail: CHROMIUM_LOSS });
    expect(db.isOpen()).toBe(true);
    expect(await db.profile.count()).toBe(0);
    // A workbook that goes on to set up again works as on a first start.
    await setUpInstallation(db, { organisation: 'NCSC Exercise', country: 'NL', person: 'Jo Jansen', role: 'cyber-crisis-authority', language: 'en' });
    expect(await db.profile.count()).toBe(1);
    db.close();
  });

  it('an engine that clears without saying so: an empty database right after a failed open is reported as the loss', async () => {
    const name = freshDbName('silent');
    await installationIn(name);
    const { db, reset } = await startWith(name, { failures: 1, clears: true, reportsLoss: false });
    expect(reset?.detail).toContain('Internal error opening backing store');
    expect(await db.profile.count()).toBe(0);
    db.close();
  });

  it('a failure that passes (the store was not cleared) opens the data as it was and reports nothing', async () => {
    const name = freshDbName('transient');
    const installationId = await installationIn(name);
    const { db, reset } = await startWith(name, { failures: 2, clears: false, reportsLoss: false });
    expect(reset).toBeNull();
    expect((await db.profile.toArray()).map((p) => p.id)).toEqual([installationId]);
    db.close();
  });

  it('a store that never opens is a startup problem after three tries, not an empty workbook', async () => {
    const name = freshDbName('broken');
    await installationIn(name);
    const engine = damagedEngine({ failures: 99, clears: false, reportsLoss: false });
    Dexie.dependencies.indexedDB = engine.factory;
    const db = new WorkbookDb(name, { autoOpen: false });
    await expect(openWorkbookDbAtStart(db)).rejects.toMatchObject({ name: 'UnknownError' });
    expect(db.isOpen()).toBe(false);
    // One probe per try; the probes found the database and created nothing.
    expect(engine.opens()).toBe(3);
  });

  it('other refusals are not retried: a database from a newer app stays untouched', async () => {
    const name = freshDbName('newer');
    const newer = new Dexie(name);
    newer.version(99).stores({ profile: 'id' });
    await newer.open();
    newer.close();
    const { factory, opens } = damagedEngine({ failures: 0, clears: false, reportsLoss: false });
    Dexie.dependencies.indexedDB = factory;
    const error = await openWorkbookDbAtStart(new WorkbookDb(name, { autoOpen: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).code).toBe('db-from-newer-app');
    expect(opens()).toBe(1);
  });
});
