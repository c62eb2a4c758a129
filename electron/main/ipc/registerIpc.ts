/**
 * The only place IPC channels are bound to services. Every channel of the shared contract
 * must appear here; `satisfies` makes a missing one a compile error.
 */
import { app, type BrowserWindow } from 'electron';
import type { InvokeChannel } from '../../../shared/ipc/channels';
import { ok } from '../../../shared/ipc/result';
import type { UiLanguage } from '../menu';
import { describeApp } from '../services/appInfo';
import { openFile, saveFile } from '../services/fileDialogs';
import { handle } from './handle';
import type { IpcImplementation } from './ipcCall';

export interface IpcServices {
  readonly language: UiLanguage;
  readonly getWindow: () => BrowserWindow | null;
}

export function registerIpc({ language, getWindow }: IpcServices): void {
  const implementations = {
    'app:getInfo': () => ok(describeApp(app.getVersion(), process)),
    'app:setLanguage': (next) => {
      language.set(next);
      return ok(null);
    },
    'file:open': (request) => openFile(request, language.current(), getWindow()),
    'file:save': (request) => saveFile(request, language.current(), getWindow()),
  } satisfies { [K in InvokeChannel]: IpcImplementation<K> };

  handle('app:getInfo', implementations['app:getInfo']);
  handle('app:setLanguage', implementations['app:setLanguage']);
  handle('file:open', implementations['file:open']);
  handle('file:save', implementations['file:save']);
}
