/**
 * Electron glue: binds one invoke channel to its implementation behind the checks of
 * `runIpcCall` (VS Code `validateEvent`, Signal `wrapResult`). The only place `ipcMain.handle`
 * is called.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { InvokeChannel } from '../../../shared/ipc/channels';
import { log } from '../log';
import type { IpcSender } from '../security/urlPolicy';
import { runIpcCall, type IpcImplementation } from './ipcCall';

/** The sending frame as the trust check sees it; `null` once it navigated or was destroyed. */
function senderOf(event: IpcMainInvokeEvent): IpcSender | null {
  const frame = event.senderFrame;
  return frame === null ? null : { url: frame.url, isTopFrame: frame.parent === null };
}

export function handle<K extends InvokeChannel>(channel: K, implementation: IpcImplementation<K>): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) =>
    runIpcCall(channel, senderOf(event), args, implementation, log),
  );
}
