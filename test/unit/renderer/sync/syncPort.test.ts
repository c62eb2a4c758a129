import { describe, expect, it } from 'vitest';
import { ok, err } from '../../../../shared/ipc/result';
import type { Destination } from '../../../../shared/sync/destination';
import { WebDavBundleStore } from '../../../../shared/sync/webdavStore';
import { BridgeBundleStore, createBrowserSyncPort, sameOrigin } from '../../../../renderer/src/sync/syncPort';

const base = { workspace: 'real' as const, peers: [], encrypt: true, createdAt: '2026-01-01T00:00:00.000Z' };
const location = { sender: '01HV0000000000000000000000', recipient: '01HV0000000000000000000001', sequence: 1, bundleId: '01HVXXXXXXXXXXXXXXXXXXXXXX' };

describe('sync ports', () => {
  it('in a browser, reaches only a hub on its own origin, and asks for its password each session', async () => {
    const port = createBrowserSyncPort('https://workbook.example', () => Promise.reject(new Error('no network in this test')));
    const own: Destination = { ...base, id: '01HV0000000000000000000001', label: 'Own', kind: 'webdav', url: 'https://workbook.example/hub/', username: 'ncsc' };
    const other: Destination = { ...own, id: '01HV0000000000000000000002', url: 'https://hub.elsewhere.example/' };
    const folder: Destination = { ...base, id: '01HV0000000000000000000003', label: 'Stick', kind: 'folder', path: '/media/x' };
    expect(port.store(other)).toEqual({ unavailable: 'other-origin' });
    expect(port.store(folder)).toEqual({ unavailable: 'desktop-only' });
    expect(port.store(own)).toEqual({ unavailable: 'needs-password' });
    await port.setCredentials(own.id, { username: 'ncsc', password: 'pw' });
    expect(port.store(own)).toBeInstanceOf(WebDavBundleStore);
    await port.forgetCredentials(own.id);
    expect(port.store(own)).toEqual({ unavailable: 'needs-password' });
    expect(port.kinds).toEqual(['webdav']);
    expect(sameOrigin('not a url', 'https://x')).toBe(false);
  });

  it('turns main’s answers into values or failures with their kind', async () => {
    const store = new BridgeBundleStore(
      {
        syncList: () => Promise.resolve(ok({ ok: true as const, value: [location] })),
        syncRead: () => Promise.resolve(ok({ ok: false as const, kind: 'unreachable' as const, detail: 'stick gone' })),
        syncPut: () => Promise.resolve(err('ipc-bad-arguments', 'bytes')),
      },
      { kind: 'folder', path: '/media/x' },
    );
    expect(await store.listFor(location.recipient)).toEqual([location]);
    await expect(store.read(location, 10)).rejects.toMatchObject({ kind: 'unreachable', message: 'stick gone' });
    await expect(store.put(location, new Uint8Array(1))).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
