/**
 * Typed main → renderer events: the payload type comes from `IpcEvents` in the shared
 * contract, so main cannot send a shape the preload would reject.
 */
import type { WebContents } from 'electron';
import type { EventChannel } from '../../../shared/ipc/channels';
import type { IpcEvents } from '../../../shared/ipc/contract';

export function sendEvent<K extends EventChannel>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  channel: K,
  payload: IpcEvents[K],
): void {
  if (!contents.isDestroyed()) contents.send(channel, payload);
}
