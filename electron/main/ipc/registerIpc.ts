/**
 * The only place IPC channels are bound to services. Every channel of the shared contract
 * must appear here; `satisfies` makes a missing one a compile error.
 */
import { app, dialog, net, safeStorage, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { InvokeChannel } from '../../../shared/ipc/channels';
import type { PrintToPdfRequest } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import { log } from '../log';
import type { UiLanguage } from '../menu';
import { describeApp } from '../services/appInfo';
import { writeFileAtomically } from '../services/atomicWrite';
import { openFile, openFileForReading, saveFile } from '../services/fileDialogs';
import { printToPdf } from '../services/printToPdf';
import { FileReadHandles } from '../services/fileReadHandles';
import type { KeyVault } from '../services/keyVault';
import { handle } from './handle';
import type { IpcImplementation } from './ipcCall';
import { keyChannelImplementations } from './keyChannels';
import { syncChannelImplementations } from './syncChannels';
import { sendEvent } from './sendEvent';
import { ApprovedFolders } from '../services/bundleFolder';
import { watchBundleFolder } from '../services/folderWatcher';
import { listRemovableDrives } from '../services/removableDrives';
import { createSafeStorageProtector } from '../services/safeStorageProtector';
import { createWebDavCredentialStore } from '../services/webdavCredentials';
import { translate } from '../../../shared/i18n/translate';

export interface IpcServices {
  readonly language: UiLanguage;
  readonly getWindow: () => BrowserWindow | null;
  /** The installation identity, held by main only (safeStorage); the renderer asks it to sign/unwrap. */
  readonly keyVault: KeyVault;
}

export function registerIpc({ language, getWindow, keyVault }: IpcServices): void {
  const keys = keyChannelImplementations(keyVault);
  const readHandles = new FileReadHandles();
  const sync = syncChannelImplementations({
    credentials: createWebDavCredentialStore({ directory: app.getPath('userData'), protector: createSafeStorageProtector(safeStorage, process.platform) }),
    folders: new ApprovedFolders(app.getPath('userData')),
    // Chromium's network stack: the system's proxy settings and certificate store apply to the hub.
    fetch: (url, init) => net.fetch(url, init as RequestInit),
    chooseFolder: async (defaultPath) => {
      const window = getWindow();
      const options = { title: translate(language.current(), 'sync.chooseFolderTitle'), properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>, ...(defaultPath ? { defaultPath } : {}) };
      const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return choice.canceled ? null : (choice.filePaths[0] ?? null);
    },
    removableDrives: () => listRemovableDrives(),
    watch: (path, onBundles) => watchBundleFolder(path, onBundles, { onError: (e) => log.warn(`watching ${path}`, e) }),
    notify: (event) => {
      const window = getWindow();
      if (window) sendEvent(window.webContents, 'sync:folderChanged', event);
    },
  });
  const implementations = {
    'app:getInfo': () => ok(describeApp(app.getVersion(), process)),
    'app:setLanguage': (next) => {
      language.set(next);
      return ok(null);
    },
    'file:open': (request) => openFile(request, language.current(), getWindow()),
    'file:save': (request) => saveFile(request, language.current(), getWindow()),
    'file:openForReading': (request) => openFileForReading(request, language.current(), getWindow(), readHandles),
    'file:readChunk': (request) => readHandles.read(request.handle, request.offset, request.length),
    'keys:status': keys['keys:status'],
    'keys:create': keys['keys:create'],
    'keys:restore': keys['keys:restore'],
    'keys:sign': keys['keys:sign'],
    'keys:unwrapFileKey': keys['keys:unwrapFileKey'],
    'report:printToPdf': (request) => printReport(request, language, getWindow()),
    ...sync,
  } satisfies { [K in InvokeChannel]: IpcImplementation<K> };

  handle('app:getInfo', implementations['app:getInfo']);
  handle('app:setLanguage', implementations['app:setLanguage']);
  handle('file:open', implementations['file:open']);
  handle('file:save', implementations['file:save']);
  handle('file:openForReading', implementations['file:openForReading']);
  handle('file:readChunk', implementations['file:readChunk']);
  handle('keys:status', implementations['keys:status']);
  handle('keys:create', implementations['keys:create']);
  handle('keys:restore', implementations['keys:restore']);
  handle('keys:sign', implementations['keys:sign']);
  handle('keys:unwrapFileKey', implementations['keys:unwrapFileKey']);
  handle('report:printToPdf', implementations['report:printToPdf']);
  handle('sync:list', implementations['sync:list']);
  handle('sync:read', implementations['sync:read']);
  handle('sync:put', implementations['sync:put']);
  handle('sync:setCredentials', implementations['sync:setCredentials']);
  handle('sync:forgetCredentials', implementations['sync:forgetCredentials']);
  handle('sync:credentialStorage', implementations['sync:credentialStorage']);
  handle('sync:chooseFolder', implementations['sync:chooseFolder']);
  handle('sync:removableDrives', implementations['sync:removableDrives']);
  handle('sync:watchFolders', implementations['sync:watchFolders']);
}

/** Electron's side of `report:printToPdf`: the main window, its save dialog, an atomic write. */
function printReport(request: PrintToPdfRequest, language: UiLanguage, window: BrowserWindow | null) {
  if (!window) return err('internal', 'no window to print');
  return printToPdf(
    request,
    language.current(),
    {
      chooseTarget: async ({ title, suggestedName, filters }) => {
        let folder: string;
        try {
          folder = app.getPath('documents');
        } catch {
          folder = app.getPath('home');
        }
        const choice = await dialog.showSaveDialog(window, { title, defaultPath: join(folder, suggestedName), filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
        return choice.canceled || !choice.filePath ? null : choice.filePath;
      },
      render: (options) => window.webContents.printToPDF(options),
      write: (path, bytes) => writeFileAtomically(path, bytes),
    },
    log,
  );
}
