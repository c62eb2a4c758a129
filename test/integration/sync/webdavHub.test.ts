/**
 * Replicas converging through a real Apache httpd + mod_dav hub on 127.0.0.1, started and stopped
 * by this test, including the hub dying mid-sync and coming back.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FetchLike } from '../../../shared/sync/webdav';
import { WebDavClient } from '../../../shared/sync/webdav';
import { WebDavBundleStore } from '../../../shared/sync/webdavStore';
import { getStatus, listPending } from '../../../renderer/src/db/outbox';
import { syncDestination } from '../../../renderer/src/sync/syncEngine';
import { SyncScheduler } from '../../../renderer/src/sync/syncScheduler';
import { getDestination, listDestinations } from '../../../renderer/src/db/outbox';
import type { Destination } from '../../../shared/sync/destination';
import { contactInput, incidentInput } from '../../helpers/workbookDb';
import { apacheMissing, createApacheHub, type ApacheHub } from './apacheHub';
import { addDestination, makeReplica, operationIds, pairAll, type Replica } from './replicas';
import { recordLatency } from './latency';
import { allOperations } from '../../../renderer/src/db/journalStore';

const missing = apacheMissing();
if (missing && process.env.CI) throw new Error(`CI must run the WebDAV hub tests: ${missing}`);

const nodeFetch: FetchLike = (url, init) => fetch(url, init as RequestInit);

let hub: ApacheHub;

beforeAll(async () => {
  if (missing) return;
  hub = await createApacheHub();
  await hub.start();
}, 30_000);

afterAll(async () => {
  if (hub) await hub.dispose();
});

function storeFor(fetchImpl: FetchLike = nodeFetch, credentials = { username: hub.username, password: hub.password }) {
  return new WebDavBundleStore(new WebDavClient({ baseUrl: hub.url, fetch: fetchImpl, credentials, timeoutMs: 5_000 }));
}

async function threeReplicas(): Promise<{ replicas: Replica[]; destinations: Destination[] }> {
  const replicas = [await makeReplica('NCSC-NL'), await makeReplica('CCB-BE'), await makeReplica('BSI-DE')];
  await pairAll(replicas);
  const destinations: Destination[] = [];
  for (const r of replicas) destinations.push(await addDestination(r, replicas.filter((o) => o !== r), { kind: 'webdav', url: hub.url, username: hub.username }));
  return { replicas, destinations };
}

async function expectConverged(replicas: readonly Replica[]): Promise<string[]> {
  const first = await operationIds(replicas[0]!);
  for (const r of replicas.slice(1)) expect(await operationIds(r)).toEqual(first);
  return first;
}

/** Nothing imported twice: each bundle id is logged as received at most once per replica. */
async function expectNoDuplicates(replicas: readonly Replica[]): Promise<void> {
  for (const r of replicas) {
    const received = (await r.db.exchangeLog.toArray()).filter((e) => e.event === 'received').map((e) => e.bundleId);
    expect(new Set(received).size).toBe(received.length);
    const ops = await allOperations(r.db);
    expect(new Set(ops.map((o) => o.opId)).size).toBe(ops.length);
  }
  const files = (await hub.files()).filter((f) => f.endsWith('.cwb'));
  const ids = files.map((f) => /-([0-9A-Z]{26})\.cwb$/.exec(f)?.[1]);
  expect(new Set(ids).size).toBe(ids.length);
}

describe.skipIf(missing !== null)('WebDAV hub (Apache httpd + mod_dav on 127.0.0.1)', () => {
  it('three replicas converge through the hub, each bundle encrypted to its peer', async () => {
    const { replicas, destinations } = await threeReplicas();
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    await a.journal.create('incidents', incidentInput({ title: 'From NL' }), { workspace: 'real' });
    await b.journal.create('contacts', contactInput({ name: 'From BE' }), { workspace: 'real' });
    await c.journal.create('incidents', incidentInput({ title: 'From DE', tlp: 'GREEN' }), { workspace: 'real' });
    const store = storeFor();
    // Two rounds: in the first, a replica passes on what it has; in the second, what it got.
    for (let round = 0; round < 2; round++) {
      for (const [i, r] of replicas.entries()) {
        const result = await syncDestination(r.ctx, destinations[i]!, store);
        expect(result.ok).toBe(true);
      }
    }
    const ops = await expectConverged(replicas);
    expect(ops.length).toBeGreaterThanOrEqual(3);
    expect((await a.db.contacts.toArray()).map((x) => x.name)).toContain('From BE');
    expect((await b.db.incidents.toArray()).map((x) => x.title).sort()).toEqual(['From DE', 'From NL']);
    await expectNoDuplicates(replicas);
    // The hub holds only encrypted bundles under <sender>/<recipient>/, no temporary names.
    const files = await hub.files();
    expect(files.some((f) => f.includes('.partial'))).toBe(false);
    for (const f of files) expect(f).toMatch(/^[0-9A-Z]{26}\/[0-9A-Z]{26}\/\d{8}-[0-9A-Z]{26}\.cwb$/);
    const log = await c.db.exchangeLog.toArray();
    expect(log.filter((e) => e.event === 'sent').length).toBeGreaterThanOrEqual(2);
    expect(log.filter((e) => e.event === 'received').length).toBeGreaterThanOrEqual(2);
    // It settles: once every peer has been sent what it holds, runs make, send and receive nothing.
    // (A peer may first be sent back changes it passed on itself: harmless, merged as "nothing new".)
    let quietRounds = 0;
    for (let round = 0; round < 4 && quietRounds === 0; round++) {
      const results = [];
      for (const [i, r] of replicas.entries()) results.push(await syncDestination(r.ctx, destinations[i]!, store));
      if (results.every((x) => x.ok && x.summary.made === 0 && x.summary.sent === 0 && x.summary.newOperations === 0)) quietRounds += 1;
      else for (const x of results) expect(x.summary.newOperations).toBe(0);
    }
    expect(quietRounds).toBe(1);
  }, 60_000);

  it('survives the hub being killed mid-sync and restarted: nothing lost, nothing duplicated', async () => {
    const { replicas, destinations } = await threeReplicas();
    const [a, b] = replicas as [Replica, Replica, Replica];
    for (let i = 0; i < 5; i++) await a.journal.create('incidents', incidentInput({ title: `NL ${i}` }), { workspace: 'real' });
    for (let i = 0; i < 5; i++) await b.journal.create('contacts', contactInput({ name: `BE ${i}` }), { workspace: 'real' });

    // Kill the server right after A's first bundle reached its temporary name, before the MOVE.
    let killed = false;
    const killing: FetchLike = async (url, init) => {
      if (!killed && init.method === 'MOVE') {
        killed = true;
        await hub.stop('kill');
      }
      return nodeFetch(url, init);
    };
    const cut = await syncDestination(a.ctx, destinations[0]!, storeFor(killing));
    expect(cut).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(killed).toBe(true);
    const status = await getStatus(a.db, destinations[0]!.id);
    expect(status.failures).toBe(1);
    expect(status.notBefore).toBeGreaterThan(Date.now());
    // The bundles were made and wait in the outbox; the temporary file lies on the hub, unseen by readers.
    expect((await listPending(a.db, destinations[0]!.id)).length).toBe(2);
    expect((await hub.files()).some((f) => f.endsWith('.partial'))).toBe(true);

    // Still down: B's run fails too, and nothing is lost.
    expect(await syncDestination(b.ctx, destinations[1]!, storeFor())).toMatchObject({ ok: false, kind: 'unreachable' });

    await hub.start();
    // Kill it again in the middle of B downloading (the first GET), then bring it back.
    let killedOnGet = false;
    const killingGet: FetchLike = async (url, init) => {
      if (!killedOnGet && init.method === 'GET') {
        killedOnGet = true;
        await hub.stop('kill');
      }
      return nodeFetch(url, init);
    };
    expect((await syncDestination(a.ctx, destinations[0]!, storeFor())).ok).toBe(true);
    expect(await syncDestination(b.ctx, destinations[1]!, storeFor(killingGet))).toMatchObject({ ok: false, kind: 'unreachable' });
    await hub.start();

    const store = storeFor();
    for (let round = 0; round < 2; round++) {
      for (const [i, r] of replicas.entries()) expect((await syncDestination(r.ctx, destinations[i]!, store)).ok).toBe(true);
    }
    const ops = await expectConverged(replicas);
    expect(ops.length).toBe(10);
    expect((await b.db.incidents.count())).toBe(5);
    expect((await a.db.contacts.count())).toBe(5);
    await expectNoDuplicates(replicas);
    expect((await hub.files()).some((f) => f.endsWith('.partial'))).toBe(false);
    expect(await getStatus(a.db, destinations[0]!.id)).toMatchObject({ failures: 0, lastFailure: null });
  }, 90_000);

  it('does not upload a bundle twice when the answer to its MOVE was lost', async () => {
    const { replicas, destinations } = await threeReplicas();
    const [a] = replicas as [Replica, Replica, Replica];
    await a.journal.create('incidents', incidentInput(), { workspace: 'real' });
    let lost = false;
    const losing: FetchLike = async (url, init) => {
      const response = await nodeFetch(url, init);
      if (!lost && init.method === 'MOVE') {
        lost = true;
        throw new TypeError('fetch failed (answer lost)');
      }
      return response;
    };
    expect(await syncDestination(a.ctx, destinations[0]!, storeFor(losing))).toMatchObject({ ok: false, kind: 'unreachable' });
    const puts: string[] = [];
    const counting: FetchLike = (url, init) => {
      if (init.method === 'PUT') puts.push(url);
      return nodeFetch(url, init);
    };
    expect((await syncDestination(a.ctx, destinations[0]!, storeFor(counting))).ok).toBe(true);
    // The bundle whose MOVE completed is not sent again; only the other peer's bundle is uploaded.
    expect(puts).toHaveLength(1);
    expect(await listPending(a.db, destinations[0]!.id)).toEqual([]);
  }, 60_000);

  it('never imports a temporary file, and quarantines a stranger’s bundle', async () => {
    const { replicas, destinations } = await threeReplicas();
    const [, b] = replicas as [Replica, Replica, Replica];
    const stranger = await makeReplica('Unknown CSIRT');
    await (await import('../../../renderer/src/db/keyring')).addPeerCard(stranger.db, stranger.journal, (await import('../../../shared/crypto/identity')).identityCardText(b.card)).then(async ({ entry }) => {
      await (await import('../../../renderer/src/db/keyring')).markPeerVerified(stranger.journal, entry.id, 'x', 'telephone');
    });
    await stranger.journal.create('incidents', incidentInput({ title: 'Unsolicited', tlp: 'CLEAR' }), { workspace: 'real' });
    const strangerDestination = await addDestination(stranger, [b], { kind: 'webdav', url: hub.url, username: hub.username });
    expect((await syncDestination(stranger.ctx, { ...strangerDestination, encrypt: false }, storeFor())).ok).toBe(true);
    // A half-written file as an interrupted writer would leave it.
    const inbox = join(hub.shareDir, a0(replicas).installationId, b.installationId);
    await mkdir(inbox, { recursive: true });
    await writeFile(join(inbox, '.00000099-01HZZZZZZZZZZZZZZZZZZZZZZZ.cwb.partial'), new Uint8Array([0x50, 0x4b, 3, 4]));
    const result = await syncDestination(b.ctx, destinations[1]!, storeFor());
    expect(result).toMatchObject({ ok: true, summary: { received: 0, quarantined: 1, refused: 0 } });
    expect(await b.db.quarantine.count()).toBe(1);
    expect((await b.db.incidents.toArray()).map((i) => i.title)).not.toContain('Unsolicited');
    // Handled once: not quarantined again on the next run.
    expect(await syncDestination(b.ctx, destinations[1]!, storeFor())).toMatchObject({ ok: true, summary: { quarantined: 0 } });
  }, 60_000);

  it('reports wrong credentials as such and writes nothing', async () => {
    const { replicas, destinations } = await threeReplicas();
    const [a] = replicas as [Replica, Replica, Replica];
    await a.journal.create('incidents', incidentInput(), { workspace: 'real' });
    const before = await hub.files();
    const result = await syncDestination(a.ctx, destinations[0]!, storeFor(nodeFetch, { username: hub.username, password: 'wrong' }));
    expect(result).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(await hub.files()).toEqual(before);
  }, 30_000);

  it('catches up by itself: the scheduler carries a change from A to B (latency measured)', async () => {
    const replicas = [await makeReplica('NCSC-NL', { pollMs: 300 }), await makeReplica('CCB-BE', { pollMs: 300 })];
    await pairAll(replicas);
    const [a, b] = replicas as [Replica, Replica];
    await addDestination(a, [b], { kind: 'webdav', url: hub.url, username: hub.username });
    await addDestination(b, [a], { kind: 'webdav', url: hub.url, username: hub.username });
    const store = storeFor();
    const schedulers = replicas.map(
      (r) =>
        new SyncScheduler({
          destinations: () => listDestinations(r.db),
          status: (id) => getStatus(r.db, id),
          run: async (d) => {
            const current = await getDestination(r.db, d.id);
            if (current) await syncDestination(r.ctx, current, store);
          },
          tickMs: 100,
          debounceMs: 50,
        }),
    );
    for (const s of schedulers) s.start();
    try {
      // Let both settle (first runs with nothing to send).
      await new Promise((r) => setTimeout(r, 500));
      const started = performance.now();
      const incident = await a.journal.create('incidents', incidentInput({ title: 'Scheduled' }), { workspace: 'real' });
      schedulers[0]!.changesMade();
      while (!(await b.db.incidents.get(incident.id))) {
        if (performance.now() - started > 20_000) throw new Error('B did not receive the change within 20 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      const ms = performance.now() - started;
      recordLatency('webdav-hub (scheduler, poll 300 ms, debounce 50 ms)', ms);
      expect(ms).toBeLessThan(20_000);
    } finally {
      for (const s of schedulers) s.stop();
      for (const s of schedulers) await s.idle();
    }
  }, 60_000);
});

function a0(replicas: readonly Replica[]): Replica {
  return replicas[0]!;
}
