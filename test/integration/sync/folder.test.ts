/**
 * A folder carried by hand (a USB stick): replica A writes its outbox there, replica B reads it,
 * each with one "sync now"; a stick pulled out mid-write leaves at most a temporary file that is
 * never imported, and the next "sync now" completes the delivery without a duplicate.
 */
import 'fake-indexeddb/auto';
import { promises as fsPromises } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderBundleStore } from '../../../electron/main/services/bundleFolder';
import { listPending } from '../../../renderer/src/db/outbox';
import { syncDestination } from '../../../renderer/src/sync/syncEngine';
import { incidentInput } from '../../helpers/workbookDb';
import { recordLatency } from './latency';
import { addDestination, makeReplica, operationIds, pairAll, type Replica } from './replicas';

let stick: string;
beforeEach(async () => {
  stick = await mkdtemp(join(tmpdir(), 'cw-stick-'));
});
afterEach(async () => {
  await rm(stick, { recursive: true, force: true });
});

async function walk(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);
}

/** File-system calls as on a stick pulled out while a bundle's temporary file is half written. */
function pulledMidWrite(): { fs: typeof fsPromises; pulled: () => boolean } {
  let pulled = false;
  const eio = () => Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
  const fs = {
    ...fsPromises,
    open: async (...args: Parameters<typeof fsPromises.open>) => {
      const handle = await fsPromises.open(...args);
      if (pulled || !String(args[0]).endsWith('.partial')) return handle;
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'writeFile') {
            return async (bytes: Uint8Array) => {
              await target.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
              await target.sync();
              pulled = true;
              throw eio();
            };
          }
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
    unlink: (...args: Parameters<typeof fsPromises.unlink>) => (pulled ? Promise.reject(eio()) : fsPromises.unlink(...args)),
  };
  return { fs, pulled: () => pulled };
}

describe('a folder on a USB stick', () => {
  it('carries changes from A to B with one "sync now" on each side', async () => {
    const replicas = [await makeReplica('NCSC-NL'), await makeReplica('CCB-BE')];
    await pairAll(replicas);
    const [a, b] = replicas as [Replica, Replica];
    const da = await addDestination(a, [b], { kind: 'folder', path: stick });
    const db = await addDestination(b, [a], { kind: 'folder', path: stick });
    const started = performance.now();
    const incident = await a.journal.create('incidents', incidentInput({ title: 'On the stick' }), { workspace: 'real' });
    const written = await syncDestination(a.ctx, da, new FolderBundleStore(stick));
    expect(written).toMatchObject({ ok: true, summary: { made: 1, sent: 1, received: 0 } });
    const read = await syncDestination(b.ctx, db, new FolderBundleStore(stick));
    expect(read).toMatchObject({ ok: true, summary: { received: 1, refused: 0, quarantined: 0 } });
    expect(await b.db.incidents.get(incident.id)).toMatchObject({ title: 'On the stick' });
    recordLatency('folder / USB stick (A "sync now" then B "sync now", same machine)', performance.now() - started);
    // The exchange log names where the bundle was left and found.
    const sent = (await a.db.exchangeLog.toArray()).find((e) => e.event === 'sent');
    expect(sent?.fileName).toMatch(/^Shared folder: [0-9A-Z]{26}\/[0-9A-Z]{26}\/\d{8}-[0-9A-Z]{26}\.cwb$/);
  });

  it('never imports half a bundle from a stick pulled out mid-write, and completes it next time without a duplicate', async () => {
    const replicas = [await makeReplica('NCSC-NL'), await makeReplica('CCB-BE')];
    await pairAll(replicas);
    const [a, b] = replicas as [Replica, Replica];
    const da = await addDestination(a, [b], { kind: 'folder', path: stick });
    const db = await addDestination(b, [a], { kind: 'folder', path: stick });
    for (let i = 0; i < 20; i++) await a.journal.create('incidents', incidentInput({ title: `Incident ${i}` }), { workspace: 'real' });

    const stickPulled = pulledMidWrite();
    const cut = await syncDestination(a.ctx, da, new FolderBundleStore(stick, stickPulled.fs));
    expect(stickPulled.pulled()).toBe(true);
    expect(cut).toMatchObject({ ok: false, kind: 'unreachable' });
    expect((await walk(stick)).some((n) => n.endsWith('.partial'))).toBe(true);
    expect(await listPending(a.db, da.id)).toHaveLength(1);

    // B finds nothing to import: the temporary file is not a bundle.
    expect(await syncDestination(b.ctx, db, new FolderBundleStore(stick))).toMatchObject({ ok: true, summary: { received: 0, refused: 0 } });
    expect(await b.db.incidents.count()).toBe(0);

    // Plugged in again: the same bundle is delivered, the leftover is cleared.
    expect(await syncDestination(a.ctx, da, new FolderBundleStore(stick))).toMatchObject({ ok: true, summary: { made: 0, sent: 1 } });
    expect((await walk(stick)).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect((await walk(stick)).filter((n) => n.endsWith('.cwb'))).toHaveLength(1);
    expect(await syncDestination(b.ctx, db, new FolderBundleStore(stick))).toMatchObject({ ok: true, summary: { received: 1 } });
    expect(await b.db.incidents.count()).toBe(20);
    expect(await operationIds(b)).toEqual(await operationIds(a));
  });
});
