/**
 * PURE (no Electron import): builds the `window.workbook` bridge from an ipcRenderer-like
 * port, so tests can drive it with a fake. Named functions only — the page never gets
 * `ipcRenderer`, a generic `send(channel, …)`, or Electron's event objects (checklist #20).
 * Incoming events are validated against the shared contract before a page callback runs.
 *
 * Imports only shared/ipc/channels and shared/ipc/contract: this file is bundled into the
 * sandboxed preload, where `require` reaches nothing but `electron`.
 */
import type { EventChannel, InvokeChannel } from '../../shared/ipc/channels';
import { IPC_EVENT_SCHEMAS, type IpcResult, type WorkbookBridge } from '../../shared/ipc/contract';

type EventListener = (event: unknown, payload: unknown) => void;

/** The part of `ipcRenderer` the bridge uses; Electron's `ipcRenderer` satisfies it. */
export interface IpcRendererPort {
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown>;
  on(channel: EventChannel, listener: EventListener): unknown;
  removeListener(channel: EventChannel, listener: EventListener): unknown;
}

export function createWorkbookBridge(ipc: IpcRendererPort): WorkbookBridge {
  // Main answers every channel with the contract's Result type (see electron/main/ipc).
  const invoke = <K extends InvokeChannel>(channel: K, ...args: unknown[]): Promise<IpcResult<K>> =>
    ipc.invoke(channel, ...args) as Promise<IpcResult<K>>;

  return {
    getAppInfo: () => invoke('app:getInfo'),
    setLanguage: (language) => invoke('app:setLanguage', language),
    openFile: (request) => invoke('file:open', request),
    saveFile: (request) => invoke('file:save', request),
    openFileForReading: (request) => invoke('file:openForReading', request),
    readFileChunk: (request) => invoke('file:readChunk', request),
    // Installation keys: main holds them; these only ask for a status, a signature or a file key.
    getKeyStatus: () => invoke('keys:status'),
    createKeys: (request) => invoke('keys:create', request),
    restoreKeys: (request) => invoke('keys:restore', request),
    signWithKeys: (request) => invoke('keys:sign', request),
    unwrapFileKey: (request) => invoke('keys:unwrapFileKey', request),
    // Reports: main prints this window to PDF and saves it where the user chooses.
    printToPdf: (request) => invoke('report:printToPdf', request),
    // Sync: main reads and writes bundle stores (hub passwords stay in main), and watches chosen folders.
    syncList: (request) => invoke('sync:list', request),
    syncRead: (request) => invoke('sync:read', request),
    syncPut: (request) => invoke('sync:put', request),
    syncSetCredentials: (request) => invoke('sync:setCredentials', request),
    syncForgetCredentials: (request) => invoke('sync:forgetCredentials', request),
    syncCredentialStorage: () => invoke('sync:credentialStorage'),
    syncChooseFolder: () => invoke('sync:chooseFolder'),
    syncRemovableDrives: () => invoke('sync:removableDrives'),
    syncWatchFolders: (request) => invoke('sync:watchFolders', request),
    onSyncFolderChanged: (listener) => {
      const relay: EventListener = (_event, payload) => {
        const parsed = IPC_EVENT_SCHEMAS['sync:folderChanged'].safeParse(payload);
        if (parsed.success) listener(parsed.data);
      };
      ipc.on('sync:folderChanged', relay);
      return () => {
        ipc.removeListener('sync:folderChanged', relay);
      };
    },
    onMenuCommand: (listener) => {
      const relay: EventListener = (_event, payload) => {
        const parsed = IPC_EVENT_SCHEMAS['menu:command'].safeParse(payload);
        if (parsed.success) listener(parsed.data);
      };
      ipc.on('menu:command', relay);
      return () => {
        ipc.removeListener('menu:command', relay);
      };
    },
  } satisfies WorkbookBridge;
}
