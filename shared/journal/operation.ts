/**
 * An operation is one change to one record, as the change journal stores it: which record, which
 * fields took which values, where and when (hybrid logical clock). Bundles, merge and audit are
 * all built from operations, so an operation must say everything needed to redo the change.
 */
import { z } from 'zod';
import { OriginSchema, RecordIdSchema, type Origin } from '../model/ids';
import { WorkspaceSchema, type Workspace } from '../model/workspace';
import { HlcSchema, type Hlc } from './hlc';
import { sameData } from './canonical';
import { JournaledTableSchema, type JournaledTable } from './tables';

export const OPERATION_KINDS = ['create', 'update', 'delete'] as const;
export const OperationKindSchema = z.enum(OPERATION_KINDS);
export type OperationKind = z.infer<typeof OperationKindSchema>;

export const OperationSchema = z.object({
  /** Unique id of the operation itself. */
  opId: RecordIdSchema,
  /** When it happened, in the order every installation agrees on. */
  hlc: HlcSchema,
  /** The installation that made the change (or built-in content). */
  origin: OriginSchema,
  /** The workspace of the record; null for installation-local tables. */
  workspace: WorkspaceSchema.nullable(),
  table: JournaledTableSchema,
  recordId: RecordIdSchema,
  kind: OperationKindSchema,
  /** The new value of every field the operation set; for a create, the whole record. */
  fields: z.record(z.string(), z.unknown()),
  /**
   * Edits and deletions only: the author's per-record version vector when the edit was made — for
   * each origin, the clock of its newest operation on this record that the author held (see
   * `recordVersionVector` in shared/merge). Merge uses it to tell concurrent edits (a conflict to
   * show) from edits made knowingly over another. Absent on creations and on operations written
   * before conflict detection, which are taken to have seen everything older.
   */
  base: z.record(OriginSchema, HlcSchema).optional(),
});
export type Operation = z.infer<typeof OperationSchema>;

export interface OperationDraft {
  readonly opId: string;
  readonly hlc: Hlc;
  readonly origin: Origin;
  readonly workspace: Workspace | null;
  readonly table: JournaledTable;
  readonly recordId: string;
  readonly kind: OperationKind;
  readonly fields: Record<string, unknown>;
  readonly base?: Readonly<Record<string, Hlc>>;
}

/** The fields of `after` whose value differs from `before` (deep comparison). */
export function changedFields(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (!sameData(before[key], value)) changed[key] = value;
  }
  return changed;
}

/** Total order of operations: by clock, then by operation id for equal clocks (never expected). */
export function compareOperations(a: Pick<Operation, 'hlc' | 'opId'>, b: Pick<Operation, 'hlc' | 'opId'>): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.opId !== b.opId) return a.opId < b.opId ? -1 : 1;
  return 0;
}

/**
 * Rebuild records from their operations: fields are applied in clock order, so the last writer of
 * each field wins whatever order the operations are given in. Returns one record per record id.
 */
export function replayOperations(operations: readonly Operation[]): Map<string, Record<string, unknown>> {
  const records = new Map<string, Record<string, unknown>>();
  for (const op of [...operations].sort(compareOperations)) {
    const current = records.get(op.recordId) ?? {};
    records.set(op.recordId, { ...current, ...op.fields });
  }
  return records;
}
