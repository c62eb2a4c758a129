/**
 * Whether the workbook is locked (UI state only; the settings are in the database, db/appLock.ts).
 *
 * It starts locked: a page load with the app lock on must show the lock screen first, and the gate
 * (LockGate.tsx) shows the workbook anyway when the lock turns out to be off. `lock()` does nothing
 * while the lock is off, so a shortcut or an OS event cannot shut out a user who has no passphrase.
 */
import { create } from 'zustand';

export interface LockState {
  readonly locked: boolean;
  /** Whether the app lock is on (mirrors the stored settings, for the palette and shortcuts). */
  readonly enabled: boolean;
  lock(): void;
  unlock(): void;
  setEnabled(enabled: boolean): void;
}

export const useLockStore = create<LockState>()((set) => ({
  locked: true,
  enabled: false,
  lock: () => set((s) => (s.enabled ? { locked: true } : s)),
  unlock: () => set({ locked: false }),
  // Turning the lock off unlocks; turning it on leaves the current state (the user is in the workbook).
  setEnabled: (enabled) => set(enabled ? { enabled } : { enabled, locked: false }),
}));
