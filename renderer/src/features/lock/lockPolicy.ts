/**
 * The app lock's rules, pure so they can be tested without a browser: the idle times offered,
 * whether the idle time has run out, and how long to wait after wrong passphrases.
 */

/** Minutes without use before the workbook locks; 0 = never (only by hand, at start, on OS lock). */
export const IDLE_CHOICES = [0, 1, 5, 15, 30] as const;
export type IdleMinutes = (typeof IDLE_CHOICES)[number];
export const DEFAULT_IDLE_MINUTES: IdleMinutes = 15;

/** Wrong passphrases allowed before each further attempt has to wait. */
export const FREE_ATTEMPTS = 3;
/** The longest wait between attempts. */
export const MAX_DELAY_SECONDS = 300;

/** Whether the workbook has been idle long enough to lock. */
export function idleExpired(lastActivity: number, now: number, minutes: IdleMinutes): boolean {
  return minutes > 0 && now - lastActivity >= minutes * 60_000;
}

/**
 * Seconds to wait after `failures` wrong passphrases in a row: none for the first three, then
 * 2, 4, 8 … seconds, at most five minutes.
 */
export function unlockDelaySeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_ATTEMPTS + 1));
}

/** Seconds still to wait before the next attempt (0 = may try now). */
export function secondsUntilNextAttempt(failures: number, lastFailureAt: number | null, now: number): number {
  if (lastFailureAt === null) return 0;
  const waitUntil = lastFailureAt + unlockDelaySeconds(failures) * 1000;
  return Math.max(0, Math.ceil((waitUntil - now) / 1000));
}

/** Ctrl+L (⌘L on macOS): lock now. Alt and Shift combinations are left to others. */
export function isLockShortcut(event: { readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly altKey: boolean; readonly shiftKey: boolean }): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l';
}
