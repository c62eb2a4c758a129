/**
 * Progress of turning content encryption on or off (UI state only: where the rewrite has got is
 * stored with the wrapped key, db/appLock.ts). One rewrite at a time; the settings section shows
 * the progress line, the start gate runs the rest of an interrupted one after the unlock.
 */
import { create } from 'zustand';
import type { SealingProgress } from '../../db/appLock';

export interface SealingState {
  readonly progress: SealingProgress | null;
  readonly running: boolean;
  /** The last rewrite stopped on an error (it continues at the next unlock). */
  readonly failed: boolean;
}

export const useSealingStore = create<SealingState>()(() => ({ progress: null, running: false, failed: false }));

/** Run one rewrite (enable, disable, or continue), reporting its progress. */
export async function runSealingTask<T>(task: (onProgress: (progress: SealingProgress) => void) => Promise<T>): Promise<T> {
  useSealingStore.setState({ running: true, failed: false, progress: null });
  try {
    const result = await task((progress) => useSealingStore.setState({ progress }));
    useSealingStore.setState({ running: false, progress: null });
    return result;
  } catch (e) {
    useSealingStore.setState({ running: false, failed: true });
    throw e;
  }
}
