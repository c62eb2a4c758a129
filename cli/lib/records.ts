/**
 * Turns the JSON lines `pack` is given into change-journal operations, the way the application's
 * journal would have recorded them (renderer/src/db/journal.ts):
 *
 * - an Operation (has `opId`, `kind`, `fields`): taken as it is (relaying), after validation;
 * - a record of a replicated table, with a `table` field and optionally `"op"`:
 *     "create" (default) — a whole record; `id` is generated when absent, `workspace`, `origin`,
 *                          `createdAt`, `updatedAt`, `hlc` and `deleted` are filled in; `tlp` is
 *                          required (no label is ever guessed);
 *     "update"           — `id` plus the changed fields (not for append-only log entries);
 *     "delete"           — `id` only; becomes a tombstone.
 *   New operations are stamped by a hybrid logical clock of the signing installation, in line order;
 *   updates and deletions carry an empty version vector (`base: {}`, see SAW_NOTHING).
 *
 * Every problem names its line number.
 */
import type { ZodError, ZodObject } from 'zod';
import { canonicalize } from '../../shared/bundle/canonical';
import { HybridLogicalClock } from '../../shared/journal/hlc';
import { OperationSchema, compareOperations, type Operation } from '../../shared/journal/operation';
import { APPEND_ONLY_TABLES, REPLICATED_TABLES, type ReplicatedTable } from '../../shared/journal/tables';
import { RecordIdSchema, newRecordId } from '../../shared/model/ids';
import {
  CallRoundSchema,
  CallTreeSchema,
  ContactSchema,
  IncidentSchema,
  LogEntrySchema,
  ProcedureRunSchema,
  ProcedureSchema,
  ProcedureVersionSchema,
} from '../../shared/model/records';
import { isoNow } from '../../shared/model/time';
import type { Workspace } from '../../shared/model/workspace';
import { CliError } from './errors';

const SCHEMAS = {
  procedures: ProcedureSchema,
  contacts: ContactSchema,
  incidents: IncidentSchema,
  logEntries: LogEntrySchema,
  procedureVersions: ProcedureVersionSchema,
  procedureRuns: ProcedureRunSchema,
  callTrees: CallTreeSchema,
  callRounds: CallRoundSchema,
} as const satisfies Record<ReplicatedTable, ZodObject>;

/**
 * The version vector (`Operation.base`) of an edit made here: the tool holds no copy of the
 * record, so it has seen none of its edits — merge then shows any concurrent edit from another
 * installation as a conflict instead of letting the script silently overwrite it.
 */
const SAW_NOTHING: Record<string, string> = {};

const OWNED_BY_JOURNAL = ['workspace', 'origin', 'createdAt', 'updatedAt', 'hlc', 'deleted'] as const;

function lineError(line: number, message: string): CliError {
  return new CliError('records-invalid', `records line ${line}: ${message}`);
}

function firstIssue(error: ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(record)'}: ${issue.message}` : 'invalid';
}

export interface RecordsToOperationsOptions {
  readonly installationId: string;
  readonly workspace: Workspace;
  /** Wall clock, injectable for tests. */
  readonly now?: () => number;
}

/** Converts NDJSON text to operations in clock order. Throws `CliError` naming the line. */
export function recordsToOperations(text: string, options: RecordsToOperationsOptions): Operation[] {
  const now = options.now ?? Date.now;
  const lines = text.split(/\r?\n/);
  const parsed: Array<{ line: number; value: Record<string, unknown> }> = [];
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw lineError(i + 1, 'not JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw lineError(i + 1, 'not a JSON object');
    parsed.push({ line: i + 1, value: value as Record<string, unknown> });
  }

  // Relayed operations first, so new ones are stamped after everything seen (clock.observe).
  const clock = new HybridLogicalClock(options.installationId, { wallClock: now });
  const operations: Operation[] = [];
  for (const { line, value } of parsed) {
    if (!('opId' in value)) continue;
    const op = OperationSchema.safeParse(value);
    if (!op.success) throw lineError(line, `not a valid operation (${firstIssue(op.error)})`);
    if (op.data.workspace !== options.workspace) throw lineError(line, `operation of workspace ${String(op.data.workspace)}, the bundle is for ${options.workspace}`);
    if (!(REPLICATED_TABLES as readonly string[]).includes(op.data.table)) throw lineError(line, `table ${op.data.table} never leaves an installation`);
    clock.observe(op.data.hlc);
    operations.push(op.data);
  }

  for (const { line, value } of parsed) {
    if ('opId' in value) continue;
    const { table, op: kind = 'create', ...fields } = value;
    if (typeof table !== 'string' || !(REPLICATED_TABLES as readonly string[]).includes(table)) {
      throw lineError(line, `"table" must be one of ${REPLICATED_TABLES.join(', ')}`);
    }
    const t = table as ReplicatedTable;
    if (kind !== 'create' && kind !== 'update' && kind !== 'delete') throw lineError(line, '"op" must be create, update or delete');
    if ('workspace' in fields && fields.workspace !== options.workspace) throw lineError(line, `record of workspace ${String(fields.workspace)}, the bundle is for ${options.workspace}`);
    const hlc = clock.tick();
    const at = isoNow(now());
    const base = { opId: newRecordId(now()), hlc, origin: options.installationId, workspace: options.workspace, table: t };
    if (kind === 'create') {
      if (!('tlp' in fields)) throw lineError(line, 'a TLP label ("tlp": CLEAR, GREEN, AMBER, AMBER+STRICT or RED) is required');
      if ('origin' in fields && fields.origin !== options.installationId) throw lineError(line, 'a record created here has this installation as origin');
      const record = SCHEMAS[t].safeParse({
        id: newRecordId(now()),
        createdAt: at,
        ...fields,
        workspace: options.workspace,
        origin: options.installationId,
        updatedAt: at,
        hlc,
        deleted: false,
      });
      if (!record.success) throw lineError(line, `not a valid ${t} record (${firstIssue(record.error)})`);
      operations.push({ ...base, recordId: record.data.id, kind: 'create', fields: record.data });
      continue;
    }
    const id = fields.id;
    if (typeof id !== 'string' || !RecordIdSchema.safeParse(id).success) throw lineError(line, `"id" (a ULID) of the record to ${kind} is required`);
    if (APPEND_ONLY_TABLES.has(t)) throw lineError(line, `${t} are append-only: a correction is a new entry`);
    for (const owned of OWNED_BY_JOURNAL) if (owned in fields && owned !== 'workspace') throw lineError(line, `"${owned}" is set by the journal, not given`);
    if (kind === 'delete') {
      if (Object.keys(fields).length !== 1) throw lineError(line, 'a delete gives only "id"');
      operations.push({ ...base, recordId: id, kind: 'delete', fields: { deleted: true, updatedAt: at, hlc }, base: SAW_NOTHING });
      continue;
    }
    const changes: Record<string, unknown> = { ...fields };
    delete changes.id;
    delete changes.workspace;
    const partial = SCHEMAS[t].partial().safeParse(changes);
    if (!partial.success) throw lineError(line, `not valid ${t} fields (${firstIssue(partial.error)})`);
    if (Object.keys(changes).length === 0) throw lineError(line, 'an update changes at least one field');
    operations.push({ ...base, recordId: id, kind: 'update', fields: { ...partial.data, updatedAt: at, hlc }, base: SAW_NOTHING });
  }
  operations.sort(compareOperations);
  // The same relayed operation given twice is one operation.
  return operations.filter((op, i) => {
    const previous = operations[i - 1];
    if (previous === undefined || previous.opId !== op.opId) return true;
    if (canonicalize(previous) !== canonicalize(op)) throw new CliError('records-invalid', `two different operations share the id ${op.opId}`);
    return false;
  });
}
