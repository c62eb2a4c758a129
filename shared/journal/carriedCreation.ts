/**
 * Log entries that carry their own creation.
 *
 * Most journal operations are rows of the `operations` table. A log entry's creation is the
 * exception: a log entry never changes after it is made, and its creation carries the whole
 * entry, so the entry's own row carries it and no operations row is written. Each IndexedDB row
 * costs an import about as much as the record it journals (bench/README.md, "What limits the
 * import"), and log entries are nearly all of a busy authority's operations.
 *
 * The journal gives a log entry's creation the entry's own id as operation id, so that an
 * operation id is looked up among the entries by key like any other (an import must know every
 * operation id it holds: two operations under one id would make this installation's bundles
 * unreadable to others). The row keeps the operation's clock (`creation.hlc`); the clock lists
 * (clockLists.ts) hold each workspace's carried creations in journal order.
 *
 * A creation is carried only when it is exactly the entry's row, so that the operation read back
 * is the one that was written: a creation under another id (every entry journaled before schema
 * version 7, and the entries of older versions), one from a version with fields this one does not
 * know, and a second creation of a held entry stay in the operations table. The two places never
 * hold the same operation.
 */
import { z } from 'zod';
import type { Workspace } from '../model/workspace';
import { samePlainData } from './canonical';
import { HlcSchema } from './hlc';
import type { Operation } from './operation';
import type { JournaledTable } from './tables';

type AnyRecord = Record<string, unknown>;

/** What a row keeps of its creation besides the record: the operation's clock (its id is the entry's). */
export const CarriedCreationSchema = z.strictObject({ hlc: HlcSchema });

/** The table whose rows carry their creation. */
export const CARRYING_TABLE = 'logEntries' satisfies JournaledTable;

/** The field of a log entry's row that carries its creation (not part of the entry itself). */
export const CREATION_FIELD = 'creation';

export type CarriedCreation = z.infer<typeof CarriedCreationSchema>;

/** Whether a table's creations can be carried by its rows. */
export function isCarryingTable(table: JournaledTable): boolean {
  return table === CARRYING_TABLE;
}

/**
 * The row to store for `record` with its creation `op` carried, or null when the operation is not
 * exactly the record (it must then be kept in the operations table).
 */
export function carryingRow(op: Operation, record: AnyRecord): AnyRecord | null {
  if (op.kind !== 'create' || !isCarryingTable(op.table) || op.base !== undefined || op.opId !== op.recordId) return null;
  if (record['id'] !== op.recordId || record['workspace'] !== op.workspace || record['origin'] !== op.origin) return null;
  if (CREATION_FIELD in record || !samePlainData(op.fields, record)) return null;
  const creation: CarriedCreation = { hlc: op.hlc };
  return { ...record, [CREATION_FIELD]: creation };
}

/** The creation a stored row carries, as the operation it was; null when it carries none. */
export function carriedOperation(row: AnyRecord): Operation | null {
  const creation = row[CREATION_FIELD] as Partial<CarriedCreation> | undefined;
  if (creation === undefined || creation === null || typeof creation.hlc !== 'string') return null;
  const fields = withoutCreation(row);
  return {
    opId: String(row['id']),
    hlc: creation.hlc,
    origin: String(row['origin']),
    workspace: row['workspace'] as Workspace,
    table: CARRYING_TABLE,
    recordId: String(row['id']),
    kind: 'create',
    fields,
  };
}

/** A stored row as the record it is (without the creation it carries). */
export function withoutCreation<R extends AnyRecord>(row: R): R {
  if (!(CREATION_FIELD in row)) return row;
  // A rest copy, not a copy with the field deleted: \`delete\` leaves V8 a slow dictionary object,
  // and an export serialises 100,000 of them (bench/README.md).
  const { [CREATION_FIELD]: _creation, ...record } = row;
  return record as unknown as R;
}

