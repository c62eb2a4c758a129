/**
 * App lock: when the OS locks the screen or goes to sleep, tell the renderer to lock the
 * workbook (`menu:command` 'app:lock', through the typed contract). The renderer ignores it while
 * the app lock is off. Plain module with ports (like services/printToPdf.ts): `powerMonitor` and
 * the window come in from index.ts, so Vitest can test it without Electron.
 */
import type { MenuCommand } from '../../shared/ipc/contract';

/** The power events that lock the workbook (Electron `powerMonitor` event names). */
export const LOCKING_POWER_EVENTS = ['lock-screen', 'suspend'] as const;

export interface PowerEventSource {
  on(event: (typeof LOCKING_POWER_EVENTS)[number], listener: () => void): unknown;
  removeListener(event: (typeof LOCKING_POWER_EVENTS)[number], listener: () => void): unknown;
}

/** Start forwarding; returns the function that stops it. */
export function lockOnSuspend(power: PowerEventSource, send: (command: MenuCommand) => void): () => void {
  const onLockingEvent = (): void => send('app:lock');
  for (const event of LOCKING_POWER_EVENTS) power.on(event, onLockingEvent);
  return () => {
    for (const event of LOCKING_POWER_EVENTS) power.removeListener(event, onLockingEvent);
  };
}
