/**
 * How corrections and withdrawals relate entries in an append-only logbook. Nothing is ever
 * edited: a correction or withdrawal is a later entry whose `corrects` points at the earlier one.
 * The timeline shows both, so it needs, for every entry, the entries that correct it, and for
 * every correcting entry, the one it corrects.
 *
 * A correcting entry may arrive (in a bundle) before the entry it points at, or point at an entry
 * this installation never received; lookups then simply find nothing, and the correction still
 * shows its reason.
 */
import type { LogEntry } from '../model/records';

type CorrectionFields = Pick<LogEntry, 'id' | 'corrects'>;

/** What happened to an entry since it was written, judged from the entries that point at it. */
export type CorrectionState = 'current' | 'corrected' | 'withdrawn';

export interface CorrectionIndex<E extends CorrectionFields> {
  /** Entries by id. */
  readonly byId: ReadonlyMap<string, E>;
  /** For each corrected or withdrawn entry, the entries that correct it, in the given order. */
  readonly correctedBy: ReadonlyMap<string, readonly E[]>;
}

/** Build the lookups for a list of entries (in timeline order, so corrections come oldest first). */
export function correctionIndex<E extends CorrectionFields>(entries: readonly E[]): CorrectionIndex<E> {
  const byId = new Map<string, E>();
  const correctedBy = new Map<string, E[]>();
  for (const entry of entries) {
    byId.set(entry.id, entry);
    if (entry.corrects) {
      const list = correctedBy.get(entry.corrects.entryId);
      if (list) list.push(entry);
      else correctedBy.set(entry.corrects.entryId, [entry]);
    }
  }
  return { byId, correctedBy };
}

/** A withdrawal outweighs any correction: a withdrawn entry no longer stands in any version. */
export function correctionState(corrections: readonly CorrectionFields[] | undefined): CorrectionState {
  if (!corrections || corrections.length === 0) return 'current';
  return corrections.some((c) => c.corrects?.mode === 'withdrawal') ? 'withdrawn' : 'corrected';
}

/**
 * Whether an entry may still be corrected or withdrawn: not a withdrawal itself (the data layer
 * refuses that), and not an entry that was already withdrawn (there is nothing left to correct).
 */
export function canCorrect(entry: CorrectionFields, corrections: readonly CorrectionFields[] | undefined): boolean {
  return entry.corrects?.mode !== 'withdrawal' && correctionState(corrections) !== 'withdrawn';
}
