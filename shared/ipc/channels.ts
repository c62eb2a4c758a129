/**
 * Names of the IPC channels between the renderer and the main process. Kept apart from the
 * argument schemas so that the sandboxed preload, which bundles this file, stays tiny.
 */
export const INVOKE_CHANNELS = [
  'app:getInfo',
  'app:setLanguage',
  'file:open',
  'file:save',
  'file:openForReading',
  'file:readChunk',
  'keys:status',
  'keys:create',
  'keys:restore',
  'keys:sign',
  'keys:unwrapFileKey',
  'report:printToPdf',
  'sync:list',
  'sync:read',
  'sync:put',
  'sync:setCredentials',
  'sync:forgetCredentials',
  'sync:credentialStorage',
  'sync:chooseFolder',
  'sync:removableDrives',
  'sync:watchFolders',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Events the main process sends to the renderer. */
export const EVENT_CHANNELS = ['menu:command', 'sync:folderChanged'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return (INVOKE_CHANNELS as readonly string[]).includes(name);
}
