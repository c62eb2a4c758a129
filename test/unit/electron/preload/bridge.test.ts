import { describe, expect, it, vi } from 'vitest';
import type { EventChannel, InvokeChannel } from '../../../../shared/ipc/channels';
import type { MenuCommand } from '../../../../shared/ipc/contract';
import { ok } from '../../../../shared/ipc/result';
import { createWorkbookBridge, type IpcRendererPort } from '../../../../electron/preload/bridge';

type Listener = (event: unknown, payload: unknown) => void;

/** A stand-in for ipcRenderer that records invokes and lets the test emit events from "main". */
class FakeIpcRenderer implements IpcRendererPort {
  readonly invoke = vi.fn((_channel: InvokeChannel, ..._args: unknown[]): Promise<unknown> => Promise.resolve(ok('answer')));
  private readonly listeners = new Map<EventChannel, Set<Listener>>();

  on(channel: EventChannel, listener: Listener): this {
    const set = this.listeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }

  removeListener(channel: EventChannel, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  listenerCount(channel: EventChannel): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  /** What main's webContents.send would deliver: an IpcRendererEvent plus the payload. */
  emit(channel: EventChannel, payload: unknown): void {
    const event = { sender: { secret: 'ipcRenderer internals' }, senderId: 0 };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, payload);
  }
}

describe('createWorkbookBridge', () => {
  it('exposes exactly the named functions of WorkbookBridge, nothing generic', () => {
    const bridge = createWorkbookBridge(new FakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual([
      'createKeys',
      'getAppInfo',
      'getKeyStatus',
      'onMenuCommand',
      'onSyncFolderChanged',
      'openFile',
      'openFileForReading',
      'printToPdf',
      'readFileChunk',
      'restoreKeys',
      'saveFile',
      'setLanguage',
      'signWithKeys',
      'syncChooseFolder',
      'syncCredentialStorage',
      'syncForgetCredentials',
      'syncList',
      'syncPut',
      'syncRead',
      'syncRemovableDrives',
      'syncSetCredentials',
      'syncWatchFolders',
      'unwrapFileKey',
    ]);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('maps each function to its channel and passes the arguments through', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createWorkbookBridge(ipc);
    const bytes = new Uint8Array([1, 2, 3]);

    await expect(bridge.getAppInfo()).resolves.toEqual(ok('answer'));
    await bridge.setLanguage('nl');
    await bridge.openFile({ kind: 'bundle' });
    await bridge.saveFile({ kind: 'journal', suggestedName: 'journal.ndjson', bytes });
    await bridge.openFileForReading({ kind: 'bundle' });
    await bridge.readFileChunk({ handle: 'ab'.repeat(16), offset: 0, length: 1024 });
    const profile = { installationId: '01J00000000000000000000000', organisation: 'NCSC', country: 'NL', person: 'Jo', role: 'liaison-officer' } as const;
    const stanza = { args: ['X25519', `${'B'.repeat(42)}A`] as ['X25519', string], body: new Uint8Array(32) };
    await bridge.getKeyStatus();
    await bridge.createKeys({ profile, passphrase: 'correct horse battery' });
    await bridge.restoreKeys({ backup: bytes, passphrase: 'p', installationId: profile.installationId });
    await bridge.signWithKeys({ message: bytes });
    await bridge.unwrapFileKey({ stanzas: [stanza] });
    await bridge.printToPdf({ suggestedName: 'EXERCISE-sitrep-2.pdf' });

    expect(ipc.invoke.mock.calls).toEqual([
      ['app:getInfo'],
      ['app:setLanguage', 'nl'],
      ['file:open', { kind: 'bundle' }],
      ['file:save', { kind: 'journal', suggestedName: 'journal.ndjson', bytes }],
      ['file:openForReading', { kind: 'bundle' }],
      ['file:readChunk', { handle: 'ab'.repeat(16), offset: 0, length: 1024 }],
      ['keys:status'],
      ['keys:create', { profile, passphrase: 'correct horse battery' }],
      ['keys:restore', { backup: bytes, passphrase: 'p', installationId: profile.installationId }],
      ['keys:sign', { message: bytes }],
      ['keys:unwrapFileKey', { stanzas: [stanza] }],
      ['report:printToPdf', { suggestedName: 'EXERCISE-sitrep-2.pdf' }],
    ]);
  });

  it('delivers menu commands without the Electron event', () => {
    const ipc = new FakeIpcRenderer();
    const listener = vi.fn<(command: MenuCommand) => void>();
    createWorkbookBridge(ipc).onMenuCommand(listener);
    ipc.emit('menu:command', 'navigate:contacts');
    expect(listener).toHaveBeenCalledExactlyOnceWith('navigate:contacts');
  });

  it.each([['shell:exec'], [42], [null], [{ command: 'navigate:contacts' }], ['NAVIGATE:CONTACTS']])(
    'drops an event payload that is not a menu command: %j',
    (payload) => {
      const ipc = new FakeIpcRenderer();
      const listener = vi.fn();
      createWorkbookBridge(ipc).onMenuCommand(listener);
      ipc.emit('menu:command', payload);
      expect(listener).not.toHaveBeenCalled();
    },
  );

  it('maps the sync functions to their channels', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createWorkbookBridge(ipc);
    const target = { kind: 'folder', path: '/media/jo/STICK' } as const;
    const location = { sender: '01HV0000000000000000000000', recipient: '01HV0000000000000000000001', sequence: 1, bundleId: '01HVXXXXXXXXXXXXXXXXXXXXXX' };
    const destinationId = '01HV0000000000000000000009';
    await bridge.syncList({ target, recipient: location.recipient });
    await bridge.syncRead({ target, location, maxBytes: 10 });
    await bridge.syncPut({ target, location, bytes: new Uint8Array(1) });
    await bridge.syncSetCredentials({ destinationId, username: 'u', password: 'p' });
    await bridge.syncForgetCredentials({ destinationId });
    await bridge.syncCredentialStorage();
    await bridge.syncChooseFolder();
    await bridge.syncRemovableDrives();
    await bridge.syncWatchFolders({ folders: [] });
    expect(ipc.invoke.mock.calls.map((c) => c[0])).toEqual([
      'sync:list', 'sync:read', 'sync:put', 'sync:setCredentials', 'sync:forgetCredentials', 'sync:credentialStorage', 'sync:chooseFolder', 'sync:removableDrives', 'sync:watchFolders',
    ]);
  });

  it('delivers "a watched folder received a bundle" only with a valid destination id', () => {
    const ipc = new FakeIpcRenderer();
    const listener = vi.fn();
    const unsubscribe = createWorkbookBridge(ipc).onSyncFolderChanged(listener);
    ipc.emit('sync:folderChanged', { destinationId: '../etc' });
    ipc.emit('sync:folderChanged', { destinationId: '01HV0000000000000000000009' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ destinationId: '01HV0000000000000000000009' });
    unsubscribe();
    expect(ipc.listenerCount('sync:folderChanged')).toBe(0);
  });

  it('unsubscribes exactly the listener it added', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createWorkbookBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = bridge.onMenuCommand(first);
    bridge.onMenuCommand(second);
    expect(ipc.listenerCount('menu:command')).toBe(2);

    unsubscribeFirst();
    expect(ipc.listenerCount('menu:command')).toBe(1);
    ipc.emit('menu:command', 'theme:toggle');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith('theme:toggle');
  });
});
