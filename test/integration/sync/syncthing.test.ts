/**
 * Two replicas whose watched folders are kept in sync by two real Syncthing instances on
 * loopback: a change made on one appears on the other, imported automatically when the bundle
 * arrives (folder watcher → scheduler → engine), with the time from change to arrival measured.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBundleStore } from '../../../electron/main/services/bundleFolder';
import { watchBundleFolder, type FolderWatch } from '../../../electron/main/services/folderWatcher';
import { getDestination, getStatus, listDestinations } from '../../../renderer/src/db/outbox';
import { syncDestination } from '../../../renderer/src/sync/syncEngine';
import { SyncScheduler } from '../../../renderer/src/sync/syncScheduler';
import { contactInput, incidentInput } from '../../helpers/workbookDb';
import { recordLatency } from './latency';
import { addDestination, makeReplica, operationIds, pairAll, type Replica } from './replicas';
import { createSyncthingPair, syncthingMissing, type SyncthingPair } from './syncthingPair';

const missing = syncthingMissing();
if (missing && process.env.CI) throw new Error(`CI must run the Syncthing test: ${missing}`);

let pair: SyncthingPair;

beforeAll(async () => {
  if (missing) return;
  pair = await createSyncthingPair();
  await pair.start();
}, 120_000);

afterAll(async () => {
  if (pair) await pair.dispose();
}, 30_000);

describe.skipIf(missing !== null)('watched folders kept in sync by Syncthing (two instances on 127.0.0.1)', () => {
  it('a change on replica A appears on replica B by itself', async () => {
    const replicas = [await makeReplica('NCSC-NL', { pollMs: 30_000 }), await makeReplica('CCB-BE', { pollMs: 30_000 })];
    await pairAll(replicas);
    const [a, b] = replicas as [Replica, Replica];
    const folders = pair.folders;
    await addDestination(a, [b], { kind: 'watched-folder', path: folders[0] });
    await addDestination(b, [a], { kind: 'watched-folder', path: folders[1] });
    const watches: FolderWatch[] = [];
    const schedulers = replicas.map((r, i) => {
      const store = new FolderBundleStore(folders[i]!);
      const scheduler = new SyncScheduler({
        destinations: () => listDestinations(r.db),
        status: (id) => getStatus(r.db, id),
        run: async (d) => {
          const current = await getDestination(r.db, d.id);
          if (current) await syncDestination(r.ctx, current, store);
        },
        tickMs: 200,
        debounceMs: 50,
      });
      // What the desktop app does: main watches the folder, the renderer's scheduler runs at once.
      watches.push(watchBundleFolder(folders[i]!, () => scheduler.reachable(), { debounceMs: 100 }));
      return scheduler;
    });
    for (const s of schedulers) s.start();
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      const latencies: number[] = [];
      for (const [from, to] of [[a, b], [b, a], [a, b]] as const) {
        const started = performance.now();
        const record = from === a ? await from.journal.create('incidents', incidentInput({ title: `Via Syncthing ${latencies.length}` }), { workspace: 'real' }) : await from.journal.create('contacts', contactInput({ name: 'Via Syncthing' }), { workspace: 'real' });
        schedulers[from === a ? 0 : 1]!.changesMade();
        const table = from === a ? to.db.incidents : to.db.contacts;
        while (!(await table.get(record.id))) {
          if (performance.now() - started > 60_000) throw new Error('the change did not arrive within 60 s');
          await new Promise((r) => setTimeout(r, 25));
        }
        latencies.push(performance.now() - started);
      }
      for (const [i, ms] of latencies.entries()) recordLatency(`syncthing watched folder (change ${i + 1}, ${i === 1 ? 'B→A' : 'A→B'})`, ms);
      expect(Math.max(...latencies)).toBeLessThan(60_000);
      // Converged, and every bundle imported once.
      for (let i = 0; i < 50 && JSON.stringify(await operationIds(a)) !== JSON.stringify(await operationIds(b)); i++) await new Promise((r) => setTimeout(r, 200));
      expect(await operationIds(b)).toEqual(await operationIds(a));
      for (const r of replicas) {
        const received = (await r.db.exchangeLog.toArray()).filter((e) => e.event === 'received').map((e) => e.bundleId);
        expect(new Set(received).size).toBe(received.length);
      }
    } finally {
      for (const s of schedulers) s.stop();
      for (const s of schedulers) await s.idle();
      for (const w of watches) w.close();
    }
  }, 180_000);
});
