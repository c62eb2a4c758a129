/**
 * The only place IPC channels are bound to services. Every channel of the shared contract
 * must appear here; `satisfies` makes a missing one a compile error.
 */
import { app, type BrowserWindow } from 'electron';
import type { InvokeChannel } from '../../../shared/ipc/channels';
import { ok } from '../../../shared/ipc/result';
import type { UiLanguage } from '../menu';
import { describeApp } from '../services/appInfo';
import { openFile, openFileForReading, saveFile } from '../services/fileDialogs';
import { FileReadHandles } from '../services/fileReadHandles';
import type { KeyVault } from '../services/keyVault';
import { handle } from './handle';
import type { IpcImplementation } from './ipcCall';
import { keyChannelImplementations } from './keyChannels';

export interface IpcServices {
  readonly language: UiLanguage;
  readonly getWindow: () => BrowserWindow | null;
  /** The installation identity, held by main only (safeStorage); the renderer asks it to sign/unwrap. */
  readonly keyVault: KeyVault;
}

export function registerIpc({ language, getWindow, keyVault }: IpcServices): void {
  const keys = keyChannelImplementations(keyVault);
  const readHandles = new FileReadHandles();
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
}
