/**
 * Merge of a batch of incoming operations into the operations an installation already holds,
 * as a pure function: which operations are new, which records they touch, and what each touched
 * record becomes (shown value, open conflicts) before and after. The renderer's `applyOperations`
 * does the same against Dexie record by record with `mergeRecord`; this is the whole-replica form
 * for tests, for import previews, and for tools that hold operations in memory.
 *
 * Idempotent: incoming operations already known (by operation id) are not added again and touch
 * nothing, so importing the same bundle twice changes nothing.
 */
import { sameData } from '../journal/canonical';
import { compareOperations } from '../journal/operation';
import type { JournaledTable } from '../journal/tables';
import { mergeRecord, type FieldConflict, type MergeableOperation } from './mergeRecord';

/** How a touched record changed with the batch. */
export type RecordChange =
  /** Its creation arrived with the batch (or its edits complete it now). */
  | 'new'
  /** It existed and at least one shown field or conflict changed. */
  | 'changed'
  /** Nothing visible changed (the new operations lost everywhere, without conflict). */
  | 'unchanged'
  /** Edits of a record whose creation has not arrived yet; they wait. */
  | 'waiting';

/** One record touched by a batch: what it showed before, what it shows now, and its open conflicts. */
export interface MergedRecord {
  readonly table: JournaledTable;
  readonly recordId: string;
  /** Shown before the batch; null if absent. */
  readonly before: Record<string, unknown> | null;
  /** Shown after the batch; null while the creation has not arrived. */
  readonly record: Record<string, unknown> | null;
  /** Open conflicts after the batch. */
  readonly conflicts: readonly FieldConflict[];
  readonly change: RecordChange;
}

/** The outcome of merging a batch into a replica. */
export interface ReplicaMerge<T extends MergeableOperation> {
  /** Incoming operations not known before, one per operation id, in clock order. */
  readonly added: readonly T[];
  /** Every record touched by `added`, by `recordKey`, in key order. */
  readonly records: ReadonlyMap<string, MergedRecord>;
  /** All open conflicts of the touched records, by record key then field. */
  readonly conflicts: readonly FieldConflict[];
}

/** Key of a record across tables, as used in `ReplicaMerge.records`. */
export function recordKey(table: JournaledTable, recordId: string): string {
  return `${table}/${recordId}`;
}

/**
 * Merge `incoming` into `known`. To merge a whole replica from scratch, pass `known = []`.
 * `known` is assumed duplicate-free by operation id (a journal); `incoming` may hold duplicates.
 */
export function mergeOperations<T extends MergeableOperation>(known: readonly T[], incoming: readonly T[]): ReplicaMerge<T> {
  const knownIds = new Set(known.map((op) => op.opId));
  const addedById = new Map<string, T>();
  for (const op of incoming) if (!knownIds.has(op.opId) && !addedById.has(op.opId)) addedById.set(op.opId, op);
  const added = [...addedById.values()].sort(compareOperations);

  const touched = new Map<string, { table: JournaledTable; recordId: string; before: T[]; after: T[] }>();
  for (const op of added) {
    const key = recordKey(op.table, op.recordId);
    if (!touched.has(key)) touched.set(key, { table: op.table, recordId: op.recordId, before: [], after: [] });
  }
  for (const op of known) {
    const entry = touched.get(recordKey(op.table, op.recordId));
    if (entry) {
      entry.before.push(op);
      entry.after.push(op);
    }
  }
  for (const op of added) touched.get(recordKey(op.table, op.recordId))?.after.push(op);

  const records = new Map<string, MergedRecord>();
  const conflicts: FieldConflict[] = [];
  for (const key of [...touched.keys()].sort()) {
    const entry = touched.get(key);
    if (!entry) continue;
    const previous = mergeRecord(entry.before);
    const next = mergeRecord(entry.after);
    records.set(key, {
      table: entry.table,
      recordId: entry.recordId,
      before: previous.record,
      record: next.record,
      conflicts: next.conflicts,
      change: classify(previous.record, next.record, previous.conflicts, next.conflicts),
    });
    conflicts.push(...next.conflicts);
  }
  return { added, records, conflicts };
}

function classify(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  conflictsBefore: readonly FieldConflict[],
  conflictsAfter: readonly FieldConflict[],
): RecordChange {
  if (after === null) return 'waiting';
  if (before === null) return 'new';
  return sameData(before, after) && sameData(conflictsBefore, conflictsAfter) ? 'unchanged' : 'changed';
}
