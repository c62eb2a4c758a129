import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runIpcCall } from '../../../../../electron/main/ipc/ipcCall';
import { syncChannelImplementations, type SyncServices } from '../../../../../electron/main/ipc/syncChannels';
import { ApprovedFolders } from '../../../../../electron/main/services/bundleFolder';
import { createWebDavCredentialStore } from '../../../../../electron/main/services/webdavCredentials';
import type { FetchLike } from '../../../../../shared/sync/webdav';
import { FakeSecretProtector } from '../../../../helpers/fakeSecretProtector';

const APP = { url: 'app://workbook/index.html', isTopFrame: true };
const logger = { warn: vi.fn(), error: vi.fn() };
const HUB = '01HV0000000000000000000009';
const location = { sender: '01HV0000000000000000000000', recipient: '01HV0000000000000000000001', sequence: 1, bundleId: '01HVXXXXXXXXXXXXXXXXXXXXXX' };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-syncipc-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function services(overrides: Partial<SyncServices> = {}): SyncServices {
  return {
    credentials: createWebDavCredentialStore({ directory: join(dir, 'userData'), protector: new FakeSecretProtector() }),
    folders: new ApprovedFolders(dir),
    fetch: () => Promise.reject(new TypeError('fetch failed')),
    chooseFolder: () => Promise.resolve(join(dir, 'stick')),
    removableDrives: () => Promise.resolve(['/media/jo/STICK']),
    watch: () => ({ close: () => undefined }),
    notify: () => undefined,
    ...overrides,
  };
}

describe('sync channels in main', () => {
  it('refuses a folder the user did not choose, and serves one chosen in the dialog', async () => {
    const sync = syncChannelImplementations(services());
    const target = { kind: 'folder', path: join(dir, 'stick') } as const;
    expect(await runIpcCall('sync:list', APP, [{ target, recipient: location.recipient }], sync['sync:list'], logger)).toMatchObject({ ok: true, value: { ok: false, kind: 'unavailable' } });
    const chosen = await runIpcCall('sync:chooseFolder', APP, [], sync['sync:chooseFolder'], logger);
    expect(chosen).toEqual({ ok: true, value: { path: join(dir, 'stick') } });
    await (await import('node:fs/promises')).mkdir(join(dir, 'stick'));
    expect(await runIpcCall('sync:put', APP, [{ target, location, bytes: new Uint8Array([1]) }], sync['sync:put'], logger)).toEqual({ ok: true, value: { ok: true, value: 'written' } });
    expect(await runIpcCall('sync:list', APP, [{ target, recipient: location.recipient }], sync['sync:list'], logger)).toEqual({ ok: true, value: { ok: true, value: [location] } });
  });

  it('rejects paths and names that do not parse, before any service runs', async () => {
    const sync = syncChannelImplementations(services());
    for (const bad of [{ target: { kind: 'folder', path: 'relative/path' }, recipient: location.recipient }, { target: { kind: 'folder', path: '/x' }, recipient: '../etc' }, { target: { kind: 'webdav', destinationId: HUB, url: 'http://user:pw@hub/' }, recipient: location.recipient }]) {
      expect(await runIpcCall('sync:list', APP, [bad], sync['sync:list'], logger)).toMatchObject({ ok: false, error: { code: 'ipc-bad-arguments' } });
    }
  });

  it('uses the kept password for the hub and reports an unreachable hub as such', async () => {
    const calls: Array<Record<string, string>> = [];
    const fetch: FetchLike = (_url, init) => {
      calls.push(init.headers);
      return Promise.reject(new TypeError('fetch failed'));
    };
    const sync = syncChannelImplementations(services({ fetch }));
    const kept = await runIpcCall('sync:setCredentials', APP, [{ destinationId: HUB, username: 'ncsc', password: 'pw' }], sync['sync:setCredentials'], logger);
    expect(kept, JSON.stringify(kept)).toEqual({ ok: true, value: null });
    const answer = await runIpcCall('sync:list', APP, [{ target: { kind: 'webdav', destinationId: HUB, url: 'http://127.0.0.1:9/hub/' }, recipient: location.recipient }], sync['sync:list'], logger);
    expect(answer).toMatchObject({ ok: true, value: { ok: false, kind: 'unreachable' } });
    expect(calls[0]?.['Authorization']).toBe(`Basic ${Buffer.from('ncsc:pw').toString('base64')}`);
  });

  it('watches only chosen folders and tells the renderer which destination changed', async () => {
    const watched: string[] = [];
    const notify = vi.fn();
    let fire: () => void = () => undefined;
    const sync = syncChannelImplementations(
      services({
        notify,
        watch: (path, onBundles) => {
          watched.push(path);
          fire = onBundles;
          return { close: () => undefined };
        },
      }),
    );
    await runIpcCall('sync:chooseFolder', APP, [], sync['sync:chooseFolder'], logger);
    await runIpcCall('sync:watchFolders', APP, [{ folders: [{ destinationId: HUB, path: join(dir, 'stick') }, { destinationId: location.sender, path: '/etc' }] }], sync['sync:watchFolders'], logger);
    expect(watched).toEqual([join(dir, 'stick')]);
    fire();
    expect(notify).toHaveBeenCalledWith({ destinationId: HUB });
  });
});
