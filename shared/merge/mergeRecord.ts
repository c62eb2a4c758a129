/**
 * Merge of one record from all of its operations, with conflict detection.
 *
 * What shows: field by field, the value of the last writer by clock (hybrid logical clock, then
 * operation id), exactly as `replayOperations` rebuilds records today, so every installation that
 * holds the same operations shows the same record, whatever order they arrived in.
 *
 * What is kept: an operation carries `base`, the per-record version vector of its author when the
 * edit was made. Operation B *saw* operation A when `B.base[A.origin] >= A.hlc` (or when both come
 * from the same installation and A is older, since one installation's edits are sequential). Two
 * writes of a field are concurrent when neither saw the other. A write that loses to a concurrent
 * write, and that no later write of the field saw, is reported as a conflict loser next to the
 * winner, so a person can choose. Writing the field again from an installation that has seen all
 * contenders (its `base` covers them) makes the conflict disappear everywhere.
 *
 * Invariants:
 * - The result is a function of the *set* of operations: order and duplicates do not matter.
 * - Operations without `base` (journals written before conflicts existed, built-in content) are
 *   taken to have seen everything with a lower clock, so they never produce a conflict.
 * - Deletion is a tombstone field (`deleted: true`) under the same rule. While a record is deleted,
 *   an edit that did not see the deletion is reported as a conflict on `deleted` (its value there
 *   is `false`: "this edit keeps the record"), so an edit to a deleted record is never lost unseen.
 * - Append-only tables (log entries) are made only of creations: they merge as a union and never
 *   conflict; anything but a creation on such a table is ignored here (import validation refuses it).
 * - A record is null until its creation has arrived; earlier edits wait in the journal.
 * - `recordVersionVector` only claims operations whose origin's chain on this record is complete
 *   (each operation's `base` names its origin's previous operation on the record). Without that,
 *   an installation that received an origin's later edit but not an earlier one (a lost bundle)
 *   would claim to have seen the earlier one, and its next edit would overwrite it without a
 *   conflict: silently lost. A missing link makes the claim smaller, never larger.
 */
import { canonicalJson, sameData } from '../journal/canonical';
import { compareOperations, type Operation } from '../journal/operation';
import { APPEND_ONLY_TABLES, type JournaledTable } from '../journal/tables';
import type { Hlc } from '../journal/hlc';
import { META_FIELDS } from '../model/records';
import type { VersionVector } from './versionVector';

/**
 * An operation as merge reads it. `base` is optional so that operations from before conflict
 * detection (and the built-in seed) merge unchanged.
 */
export type MergeableOperation = Operation & { readonly base?: VersionVector | undefined };

/** One write of a field taking part in a conflict. */
export interface FieldWrite {
  readonly opId: string;
  readonly origin: string;
  readonly hlc: Hlc;
  /** The value this operation gave the field (`false` on field `deleted` for an edit made without seeing the deletion). */
  readonly value: unknown;
}

/** Concurrent writes of one field: the value shown (`winner`) and the ones a person should see too. */
export interface FieldConflict {
  readonly table: JournaledTable;
  readonly recordId: string;
  readonly field: string;
  readonly winner: FieldWrite;
  /** In clock order; never empty. */
  readonly losers: readonly FieldWrite[];
}

/** A record as merged from its operations. */
export interface RecordMerge {
  /** The record as shown; null while its creation has not arrived. */
  readonly record: Record<string, unknown> | null;
  /** Open conflicts, sorted by field; empty while `record` is null. */
  readonly conflicts: readonly FieldConflict[];
}

/**
 * Bookkeeping fields never reported as conflicts: the journal stamps `hlc` and `updatedAt` on
 * every write, so concurrent edits always differ there, and the identity fields are set once by
 * the creation. `deleted` is the one meta field people decide about.
 */
export const CONFLICT_FREE_FIELDS: ReadonlySet<string> = new Set<string>(META_FIELDS.filter((f) => f !== 'deleted'));

/** The tombstone field. */
export const DELETED_FIELD = 'deleted';

/**
 * True when `later` saw `earlier`: `earlier` was applied on `later`'s installation when `later`
 * was made. Operations without `base` are taken to have seen every operation with a lower clock.
 */
export function saw(later: MergeableOperation, earlier: MergeableOperation): boolean {
  if (later.opId === earlier.opId) return false;
  if (later.base === undefined || later.origin === earlier.origin) return compareOperations(earlier, later) < 0;
  const seen = later.base[earlier.origin];
  return seen !== undefined && seen >= earlier.hlc;
}

/** True when neither operation saw the other. */
export function concurrent(a: MergeableOperation, b: MergeableOperation): boolean {
  return a.opId !== b.opId && !saw(a, b) && !saw(b, a);
}

/**
 * The `base` for a new local edit of a record: for each origin, the clock of its newest operation
 * on the record whose chain back to that origin's first operation on the record is complete in
 * `history` (an operation without `base` counts as complete). `history` is every operation of the
 * record this installation holds, in any order.
 */
export function recordVersionVector(history: readonly MergeableOperation[]): VersionVector {
  const byOrigin = new Map<string, MergeableOperation[]>();
  for (const op of history) {
    const list = byOrigin.get(op.origin);
    if (list) list.push(op);
    else byOrigin.set(op.origin, [op]);
  }
  const vector: Record<string, Hlc> = {};
  for (const [origin, ops] of byOrigin) {
    const complete = new Set<Hlc>();
    for (const op of ops.sort(compareOperations)) {
      const previous = op.base?.[origin];
      if (op.base === undefined || previous === undefined || complete.has(previous)) {
        complete.add(op.hlc);
        vector[origin] = op.hlc;
      }
    }
  }
  return vector;
}

/**
 * Merge one record's operations (all of the same table and record id, in any order, duplicates
 * allowed) into the record as shown and its open conflicts.
 */
export function mergeRecord(history: readonly MergeableOperation[]): RecordMerge {
  const first = history[0];
  if (first === undefined) return { record: null, conflicts: [] };
  for (const op of history) {
    if (op.table !== first.table || op.recordId !== first.recordId) {
      throw new Error(`mergeRecord: ${op.table}/${op.recordId} mixed into the history of ${first.table}/${first.recordId}`);
    }
  }
  const appendOnly = APPEND_ONLY_TABLES.has(first.table);
  const ops = dedupe(history)
    .filter((op) => !appendOnly || op.kind === 'create')
    .sort(compareOperations);
  if (!ops.some((op) => op.kind === 'create')) return { record: null, conflicts: [] };

  // Writers of each field, in clock order: the last one is shown.
  const writers = new Map<string, MergeableOperation[]>();
  for (const op of ops) {
    for (const field of Object.keys(op.fields)) {
      const list = writers.get(field);
      if (list) list.push(op);
      else writers.set(field, [op]);
    }
  }
  const record: Record<string, unknown> = {};
  for (const [field, list] of writers) record[field] = (list[list.length - 1] as MergeableOperation).fields[field];
  if (appendOnly) return { record, conflicts: [] };

  const conflicts: FieldConflict[] = [];
  for (const field of [...writers.keys()].sort()) {
    if (CONFLICT_FREE_FIELDS.has(field)) continue;
    const list = writers.get(field) as MergeableOperation[];
    const winner = list[list.length - 1] as MergeableOperation;
    const contenders: Array<{ op: MergeableOperation; value: unknown }> = list.map((op) => ({ op, value: op.fields[field] }));
    if (field === DELETED_FIELD && winner.fields[field] === true) {
      // Every edit keeps the record alive: one made without seeing the deletion contends with it.
      for (const op of ops) if (!(field in op.fields)) contenders.push({ op, value: false });
    }
    // Cheap causal checks first; comparing values (possibly long texts) only for the few left.
    const losers = contenders.filter(
      ({ op, value }) =>
        op !== winner &&
        !saw(winner, op) &&
        !saw(op, winner) &&
        !sameData(value, winner.fields[field]) &&
        !contenders.some((other) => saw(other.op, op)),
    );
    if (losers.length === 0) continue;
    conflicts.push({
      table: first.table,
      recordId: first.recordId,
      field,
      winner: write(winner, winner.fields[field]),
      losers: losers.sort((a, b) => compareOperations(a.op, b.op)).map(({ op, value }) => write(op, value)),
    });
  }
  return { record, conflicts };
}

function write(op: MergeableOperation, value: unknown): FieldWrite {
  return { opId: op.opId, origin: op.origin, hlc: op.hlc, value };
}

/**
 * One operation per id. An id names one immutable operation; should two different operations
 * ever share one (a corrupt or forged journal), the same one is kept on every installation.
 */
function dedupe(history: readonly MergeableOperation[]): MergeableOperation[] {
  const byId = new Map<string, MergeableOperation>();
  for (const op of history) {
    const kept = byId.get(op.opId);
    if (kept === undefined || (kept !== op && canonicalJson(op) < canonicalJson(kept))) byId.set(op.opId, op);
  }
  return [...byId.values()];
}
