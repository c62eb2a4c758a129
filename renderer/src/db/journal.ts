/**
 * The change journal: the one way to write data. Each write stores the record and an operation
 * describing it in the same Dexie transaction, so the journal and the data can never disagree;
 * the journal guard refuses any write to a journaled table that does not come through here.
 *
 * Local edits become operations stamped by this installation's hybrid logical clock. Operations
 * from elsewhere (built-in content now, bundles later) are applied with `applyOperations`, which
 * rebuilds each touched record from all of its operations in clock order, so the result does not
 * depend on the order in which operations arrive.
 */
import Dexie from 'dexie';
import { WorkbookError } from '../../../shared/errors/codes';
import { HybridLogicalClock, type Hlc } from '../../../shared/journal/hlc';
import {
  OperationSchema,
  changedFields,
  type Operation,
  type OperationDraft,
  type OperationKind,
} from '../../../shared/journal/operation';
import { mergeRecord, recordVersionVector, type FieldConflict } from '../../../shared/merge/mergeRecord';
import type { VersionVector } from '../../../shared/merge/versionVector';
import {
  APPEND_ONLY_TABLES,
  RECORD_SCHEMAS,
  REPLICATED_TABLES,
  isReplicated,
  type JournaledTable,
  type TableInputs,
  type TableRecords,
} from '../../../shared/journal/tables';
import { newRecordId, type InstallationId } from '../../../shared/model/ids';
import { isoNow } from '../../../shared/model/time';
import type { Workspace } from '../../../shared/model/workspace';
import { authorizeJournalTransaction } from './journalGuard';
import type { WorkbookDb } from './WorkbookDb';

/** Fields the journal sets itself; callers never pass them. */
type ManagedField = 'id' | 'workspace' | 'origin' | 'createdAt' | 'updatedAt' | 'hlc' | 'deleted';

export type RecordInput<T extends JournaledTable> = Omit<TableInputs[T], ManagedField>;
export type RecordPatch<T extends JournaledTable> = Partial<RecordInput<T>>;

type AnyRecord = Record<string, unknown>;

export interface CreateOptions {
  /** The workspace of a replicated record; must be null for installation-local tables. */
  readonly workspace: Workspace | null;
  /** A fixed id (the profile's id is the installation id); a new ULID otherwise. */
  readonly id?: string;
}

export class ChangeJournal {
  private constructor(
    private readonly db: WorkbookDb,
    private readonly clock: HybridLogicalClock,
    readonly installationId: InstallationId,
    private readonly wallClock: () => number,
  ) {}

  /**
   * Open the journal for an installation. The clock starts past the newest operation already in
   * the database, so a new edit always sorts after everything this database has seen.
   */
  static async open(
    db: WorkbookDb,
    installationId: InstallationId,
    wallClock: () => number = Date.now,
  ): Promise<ChangeJournal> {
    const clock = new HybridLogicalClock(installationId, { wallClock, maxDriftMs: Number.POSITIVE_INFINITY });
    const newest = await db.operations.orderBy('hlc').last();
    if (newest) clock.observe(newest.hlc);
    return new ChangeJournal(db, clock, installationId, wallClock);
  }

  /** Create a record. Returns it as stored. */
  async create<T extends JournaledTable>(table: T, input: RecordInput<T>, options: CreateOptions): Promise<TableRecords[T]> {
    if (isReplicated(table) !== (options.workspace !== null)) {
      throw new WorkbookError('record-invalid', `${table}: workspace ${options.workspace ?? 'null'} does not fit the table`);
    }
    return this.write(table, async () => {
      const hlc = this.clock.tick();
      const now = isoNow(this.wallClock());
      const id = options.id ?? newRecordId(this.wallClock());
      const managed: AnyRecord = isReplicated(table)
        ? { id, workspace: options.workspace, origin: this.installationId, createdAt: now, updatedAt: now, hlc, deleted: false }
        : { id, createdAt: now, updatedAt: now, hlc };
      const record = validate(table, { ...(input as AnyRecord), ...managed });
      if (await this.db.table(table).get(id)) throw new WorkbookError('record-invalid', `${table}/${id} exists already`);
      await this.db.table(table).add(record);
      await this.record(table, record, 'create', record, hlc);
      return record;
    });
  }

  /** Change some fields of a record. A patch that changes nothing writes nothing. */
  async update<T extends JournaledTable>(table: T, id: string, patch: RecordPatch<T>): Promise<TableRecords[T]> {
    if (APPEND_ONLY_TABLES.has(table)) throw new WorkbookError('append-only', `${table} entries are never edited`);
    return this.write(table, async () => {
      const before = await this.existing(table, id);
      const proposed = { ...before, ...(patch as AnyRecord) };
      const changes = changedFields(before, proposed);
      if (Object.keys(changes).length === 0) return before as TableRecords[T];
      const history = await this.history(table, id);
      const hlc = this.clock.tick();
      const updated = validate(table, { ...proposed, updatedAt: isoNow(this.wallClock()), hlc });
      await this.db.table(table).put(updated);
      const op = await this.record(table, updated, 'update', { ...changes, updatedAt: updated['updatedAt'], hlc }, hlc, recordVersionVector(history));
      // An edit made after seeing a conflict's contenders closes it.
      await this.storeConflicts(table, id, updated, mergeRecord([...history, op]).conflicts);
      return updated;
    });
  }

  /** Delete a replicated record by leaving a tombstone, so that the deletion travels too. */
  async remove(table: JournaledTable, id: string): Promise<void> {
    if (APPEND_ONLY_TABLES.has(table)) throw new WorkbookError('append-only', `${table} entries are never deleted`);
    if (!isReplicated(table)) throw new WorkbookError('record-invalid', `${table} records cannot be deleted`);
    await this.write(table, async () => {
      const before = await this.existing(table, id);
      if (before['deleted'] === true) return;
      const history = await this.history(table, id);
      const hlc = this.clock.tick();
      const fields = { deleted: true, updatedAt: isoNow(this.wallClock()), hlc };
      const updated = validate(table, { ...before, ...fields });
      await this.db.table(table).put(updated);
      const op = await this.record(table, updated, 'delete', fields, hlc, recordVersionVector(history));
      await this.storeConflicts(table, id, updated, mergeRecord([...history, op]).conflicts);
    });
  }

  /**
   * Settle a merge conflict: write `value` to `field` as a person chose it (the winner's value, a
   * loser's, or a new one; on `deleted`, true keeps the record deleted and false restores it). The
   * write is made even when the value is already shown, and its base covers every operation this
   * installation holds for the record, so once it has travelled the conflict is closed everywhere.
   */
  async resolveConflict(table: JournaledTable, id: string, field: string, value: unknown): Promise<void> {
    if (APPEND_ONLY_TABLES.has(table)) throw new WorkbookError('append-only', `${table} entries are never edited`);
    await this.write(table, async () => {
      const before = await this.existing(table, id);
      const history = await this.history(table, id);
      const hlc = this.clock.tick();
      const fields = { [field]: value, updatedAt: isoNow(this.wallClock()), hlc };
      const updated = validate(table, { ...before, ...fields });
      await this.db.table(table).put(updated);
      const kind = field === 'deleted' && value === true ? 'delete' : 'update';
      const op = await this.record(table, updated, kind, fields, hlc, recordVersionVector(history));
      await this.storeConflicts(table, id, updated, mergeRecord([...history, op]).conflicts);
    });
  }

  /**
   * Apply operations made elsewhere (built-in content, later bundles). Operations already in the
   * journal are skipped; every touched record is rebuilt from all of its operations. All or
   * nothing: one invalid operation or resulting record aborts the whole batch.
   * Returns the number of operations that were new.
   */
  async applyOperations(drafts: readonly OperationDraft[], afterApply?: () => Promise<void>): Promise<number> {
    const operations = drafts.map(parseOperation);
    const tables = [...new Set(operations.map((o) => o.table))];
    return this.db.transaction('rw', [...tables.map((t) => this.db.table(t)), this.db.operations, this.db.meta, this.db.conflicts], async () => {
      authorizeCurrentTransaction();
      const touched: Touched = new Map();
      const fresh = await this.addOperations(operations, touched);
      await this.rebuild(touched);
      if (afterApply) await afterApply();
      return fresh;
    });
  }

  /**
   * Apply a bundle's operations that were staged in batches (`importStaging`, see SCHEMA_V4), in
   * one transaction, reading the batches inside it: a bundle larger than memory is applied whole
   * or not at all. The staged batches are removed in the same transaction.
   */
  async applyStaged(importId: string, batches: number, afterApply?: () => Promise<void>): Promise<number> {
    const tables = REPLICATED_TABLES.map((t) => this.db.table(t));
    return this.db.transaction('rw', [...tables, this.db.operations, this.db.meta, this.db.conflicts, this.db.importStaging], async () => {
      authorizeCurrentTransaction();
      const touched: Touched = new Map();
      let fresh = 0;
      for (let seq = 0; seq < batches; seq++) {
        const batch = await this.db.importStaging.get([importId, seq]);
        // A batch gone (e.g. cleared as stale by another window): refuse rather than apply part.
        if (!batch) throw new WorkbookError('internal', `import ${importId}: staged batch ${seq} of ${batches} is missing`);
        fresh += await this.addOperations(batch.operations.map(parseOperation), touched);
      }
      await this.rebuild(touched);
      await this.db.importStaging.where('[importId+seq]').between([importId, Dexie.minKey], [importId, Dexie.maxKey]).delete();
      if (afterApply) await afterApply();
      return fresh;
    });
  }

  /** Add the operations not yet in the journal; note the records they touch. Returns how many were new. */
  private async addOperations(operations: readonly Operation[], touched: Touched): Promise<number> {
    const bad = operations.find((o) => APPEND_ONLY_TABLES.has(o.table) && o.kind !== 'create');
    if (bad) throw new WorkbookError('append-only', `operation ${bad.opId} ${bad.kind}s ${bad.table}/${bad.recordId}`);
    const known = new Set(
      (await this.db.operations.bulkGet(operations.map((o) => o.opId))).filter((o) => o !== undefined).map((o) => o.opId),
    );
    const fresh = operations.filter((o) => !known.has(o.opId));
    if (fresh.length === 0) return 0;
    for (const op of fresh) this.clock.observe(op.hlc);
    await this.db.operations.bulkAdd(fresh);
    for (const op of fresh) {
      const key = `${op.table}\u0000${op.recordId}`;
      const entry = touched.get(key);
      if (entry) entry.fresh.push(op);
      else touched.set(key, { table: op.table, recordId: op.recordId, fresh: [op] });
    }
    return fresh.length;
  }

  /** Rebuild every touched record from all of its operations, with its open conflicts. */
  private async rebuild(touched: Touched): Promise<void> {
    // Fast path for the bulk of any import: an append-only record (a log entry) arriving with its
    // creation and nothing held for it yet is exactly that creation — no history to read, no
    // conflict possible — so such records are written in batches.
    const slow: TouchedRecord[] = [];
    const creations = new Map<JournaledTable, Operation[]>();
    for (const record of touched.values()) {
      const only = record.fresh.length === 1 ? record.fresh[0] : undefined;
      if (APPEND_ONLY_TABLES.has(record.table) && only?.kind === 'create') creations.set(record.table, [...(creations.get(record.table) ?? []), only]);
      else slow.push(record);
    }
    for (const [table, ops] of creations) {
      for (let i = 0; i < ops.length; i += REBUILD_BATCH) {
        const batch = ops.slice(i, i + REBUILD_BATCH);
        const held = await this.db.table(table).bulkGet(batch.map((op) => op.recordId));
        const rows: AnyRecord[] = [];
        batch.forEach((op, k) => {
          // Something is held already (another creation under the same id): take the careful path.
          if (held[k] !== undefined) slow.push({ table, recordId: op.recordId, fresh: [op] });
          else {
            const merged = mergeRecord([op]);
            if (merged.record !== null) rows.push(validate(table, merged.record));
          }
        });
        await this.db.table(table).bulkPut(rows);
      }
    }
    for (const { table, recordId } of slow) {
      const merged = mergeRecord(await this.history(table, recordId));
      // Changes that arrive before the record's creation wait in the journal until it comes.
      if (merged.record === null) continue;
      const rebuilt = validate(table, merged.record);
      await this.db.table(table).put(rebuilt);
      await this.storeConflicts(table, recordId, rebuilt, merged.conflicts);
    }
  }

  private async write<R>(table: JournaledTable, body: () => Promise<R>): Promise<R> {
    return this.db.transaction('rw', [this.db.table(table), this.db.operations, this.db.conflicts], async () => {
      authorizeCurrentTransaction();
      return body();
    });
  }

  private async existing(table: JournaledTable, id: string): Promise<AnyRecord> {
    const before = (await this.db.table(table).get(id)) as AnyRecord | undefined;
    if (!before) throw new WorkbookError('record-not-found', `${table}/${id}`);
    return before;
  }

  /** Every operation this installation holds for one record. */
  private async history(table: JournaledTable, id: string): Promise<Operation[]> {
    return this.db.operations.where('[table+recordId]').equals([table, id]).toArray();
  }

  /** Replace the stored conflicts of one record with the ones merge found. */
  private async storeConflicts(table: JournaledTable, id: string, record: AnyRecord, conflicts: readonly FieldConflict[]): Promise<void> {
    await this.db.conflicts.where('[table+recordId]').equals([table, id]).delete();
    const workspace = isReplicated(table) ? (record['workspace'] as Workspace) : null;
    if (conflicts.length > 0) await this.db.conflicts.bulkPut(conflicts.map((c) => ({ ...c, workspace })));
  }

  private async record(
    table: JournaledTable,
    record: AnyRecord,
    kind: OperationKind,
    fields: AnyRecord,
    hlc: Hlc,
    base?: VersionVector,
  ): Promise<Operation> {
    const op: Operation = {
      opId: newRecordId(this.wallClock()),
      hlc,
      origin: this.installationId,
      workspace: isReplicated(table) ? (record['workspace'] as Workspace) : null,
      table,
      recordId: String(record['id']),
      kind,
      fields,
      ...(base === undefined ? {} : { base: { ...base } }),
    };
    await this.db.operations.add(op);
    return op;
  }
}

/** Records written per bulk operation while rebuilding. */
const REBUILD_BATCH = 2_000;

interface TouchedRecord {
  readonly table: JournaledTable;
  readonly recordId: string;
  /** The operations new to this installation in this batch of writes. */
  readonly fresh: Operation[];
}
type Touched = Map<string, TouchedRecord>;

function parseOperation(draft: OperationDraft): Operation {
  const parsed = OperationSchema.safeParse(draft);
  if (!parsed.success) throw new WorkbookError('record-invalid', `operation ${String(draft.opId)}: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

function authorizeCurrentTransaction(): void {
  const tx = Dexie.currentTransaction;
  if (!tx) throw new WorkbookError('internal', 'journal write outside a transaction');
  authorizeJournalTransaction(tx.idbtrans);
}

function validate<T extends JournaledTable>(table: T, candidate: AnyRecord): TableRecords[T] {
  const parsed = RECORD_SCHEMAS[table].safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkbookError('record-invalid', `${table}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}
