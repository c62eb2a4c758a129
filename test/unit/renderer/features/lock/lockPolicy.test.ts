/** The app lock's rules: idle expiry, the growing wait after wrong passphrases, the shortcut. */
import { describe, expect, it } from 'vitest';
import { idleExpired, isLockShortcut, secondsUntilNextAttempt, unlockDelaySeconds } from '../../../../../renderer/src/features/lock/lockPolicy';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('lock policy', () => {
  it('expires after the idle minutes, never when the idle lock is off', () => {
    expect(idleExpired(0, 59_999, 1)).toBe(false);
    expect(idleExpired(0, 60_000, 1)).toBe(true);
    expect(idleExpired(0, 14 * 60_000, 15)).toBe(false);
    expect(idleExpired(0, 10 * 24 * 3_600_000, 0)).toBe(false);
  });

  it('lets three wrong passphrases pass, then doubles the wait up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(unlockDelaySeconds)).toEqual([0, 0, 0, 2, 4, 8, 16]);
    expect(unlockDelaySeconds(40)).toBe(300);
  });

  it('counts the wait from the last wrong attempt', () => {
    expect(secondsUntilNextAttempt(0, null, 1_000)).toBe(0);
    expect(secondsUntilNextAttempt(4, 10_000, 10_000)).toBe(4);
    expect(secondsUntilNextAttempt(4, 10_000, 12_500)).toBe(2);
    expect(secondsUntilNextAttempt(4, 10_000, 14_000)).toBe(0);
  });

  it('locks on Ctrl+L and ⌘L only (Ctrl+Shift+L switches the theme in the desktop menu)', () => {
    expect(isLockShortcut(key('l', { ctrlKey: true }))).toBe(true);
    expect(isLockShortcut(key('L', { metaKey: true }))).toBe(true);
    expect(isLockShortcut(key('L', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isLockShortcut(key('l', { altKey: true }))).toBe(false);
    expect(isLockShortcut(key('l'))).toBe(false);
    expect(isLockShortcut(key('k', { ctrlKey: true }))).toBe(false);
  });
});
