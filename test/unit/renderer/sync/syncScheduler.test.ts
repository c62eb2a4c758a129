import { describe, expect, it } from 'vitest';
import { INITIAL_STATUS, type Destination, type DestinationStatus } from '../../../../shared/sync/destination';
import { SyncScheduler } from '../../../../renderer/src/sync/syncScheduler';

const base = { workspace: 'real' as const, peers: [], encrypt: true, createdAt: '2026-01-01T00:00:00.000Z' };
const hub: Destination = { ...base, id: '01HV0000000000000000000001', label: 'Hub', kind: 'webdav', url: 'https://hub.example/', username: null };
const stick: Destination = { ...base, id: '01HV0000000000000000000002', label: 'Stick', kind: 'folder', path: '/media/jo/STICK' };
const watched: Destination = { ...base, id: '01HV0000000000000000000003', label: 'Share', kind: 'watched-folder', path: '/srv/share' };

function setup(statuses: Record<string, DestinationStatus>, now = 1_000_000) {
  const runs: string[] = [];
  const scheduler = new SyncScheduler({
    destinations: () => Promise.resolve([hub, stick, watched]),
    status: (id) => Promise.resolve(statuses[id] ?? INITIAL_STATUS),
    run: (d) => {
      runs.push(d.label);
      return Promise.resolve();
    },
    now: () => now,
    tickMs: 60_000,
    debounceMs: 1,
  });
  return { scheduler, runs };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sync scheduler', () => {
  it('runs due automatic destinations, never a hand-carried folder', async () => {
    const { scheduler, runs } = setup({});
    scheduler.start();
    await wait(20);
    await scheduler.idle();
    scheduler.stop();
    expect(runs.sort()).toEqual(['Hub', 'Share']);
  });

  it('waits out a backoff on local changes, but not when the network comes back', async () => {
    const backingOff = { ...INITIAL_STATUS, failures: 3, notBefore: 2_000_000 };
    const { scheduler, runs } = setup({ [hub.id]: backingOff, [watched.id]: { ...INITIAL_STATUS, notBefore: 2_000_000 } });
    scheduler.start();
    await wait(20);
    await scheduler.idle();
    expect(runs).toEqual([]);
    scheduler.changesMade();
    await wait(20);
    await scheduler.idle();
    // The share is reachable (no failures) and runs on a change; the hub in backoff does not.
    expect(runs).toEqual(['Share']);
    scheduler.reachable();
    await wait(20);
    await scheduler.idle();
    expect(runs.sort()).toEqual(['Hub', 'Share', 'Share']);
    scheduler.reachable(hub.id);
    await wait(20);
    await scheduler.idle();
    scheduler.stop();
    expect(runs.filter((r) => r === 'Hub')).toHaveLength(2);
  });

  it('keeps going when a run throws', async () => {
    const errors: unknown[] = [];
    const scheduler = new SyncScheduler({
      destinations: () => Promise.resolve([hub]),
      status: () => Promise.resolve(INITIAL_STATUS),
      run: () => Promise.reject(new Error('boom')),
      onError: (e) => errors.push(e),
      tickMs: 5,
    });
    scheduler.start();
    await wait(40);
    scheduler.stop();
    await scheduler.idle();
    expect(errors.length).toBeGreaterThan(1);
  });
});
