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
import Dexie, { type Table, type Transaction } from 'dexie';
import { WorkbookError } from '../../../shared/errors/codes';
import { HybridLogicalClock, MAX_CLOCK_DRIFT_MS, hlcMillis, type Hlc } from '../../../shared/journal/hlc';
import {
  OperationSchema,
  changedFields,
  type Operation,
  type OperationDraft,
  type OperationKind,
} from '../../../shared/journal/operation';
import { mergeRecord, recordVersionVector, type FieldConflict } from '../../../shared/merge/mergeRecord';
import { disagreeingCreation, rewritesHeld, sameOperation } from '../../../shared/merge/operationIdentity';
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
import { CARRYING_TABLE, CREATION_FIELD, carryingRow, isCarryingTable } from '../../../shared/journal/carriedCreation';
import { carriedCreations, newestOperation } from './journalStore';
import { addCarriedClocks, PendingClocks } from './clockLists';
import { CLOCK_LIST_TABLE, type ClockList } from '../../../shared/journal/clockLists';
import type { ConflictRow, WorkbookDb } from './WorkbookDb';

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
   * the database, so a new edit always sorts after everything this database has seen — except
   * operations from elsewhere stamped more than the drift guard (24 h) ahead of the wall clock,
   * which imports refuse (`bundle-clock-ahead`) but an older version may have let in: following
   * one would keep the clock ahead of real time for good. This installation's own operations are
   * always followed (its clock was there; the wall clock may have been set back since).
   */
  static async open(
    db: WorkbookDb,
    installationId: InstallationId,
    wallClock: () => number = Date.now,
  ): Promise<ChangeJournal> {
    const clock = new HybridLogicalClock(installationId, { wallClock, maxDriftMs: MAX_CLOCK_DRIFT_MS });
    const latest = wallClock() + MAX_CLOCK_DRIFT_MS;
    // Newest first; far-future operations from elsewhere are few (only ever let in before the guard).
    const newest = await newestOperation(db, (op) => op.origin === installationId || !(hlcMillis(op.hlc) > latest));
    if (newest) clock.resume(newest.hlc);
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
      // A log entry carries its own creation, under the entry's id (shared/journal/carriedCreation.ts);
      // anything else gets a journal row.
      const op = this.operation(table, record, 'create', record, hlc, undefined, isCarryingTable(table) ? id : undefined);
      const carrying = carryingRow(op, record);
      await this.db.table(table).add(carrying ?? record);
      if (carrying) await addCarriedClocks(this.db.carriedClocks, op.workspace as Workspace, [{ hlc, id }]);
      else await this.db.operations.add(op);
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
    // The log entries too: they hold the journal's carried creations, which every lookup reads.
    const tables = [...new Set([...operations.map((o) => o.table), CARRYING_TABLE])];
    return this.db.transaction('rw', [...tables.map((t) => this.db.table(t)), ...journalTables(this.db), this.db.meta], async () => {
      authorizeCurrentTransaction();
      const fresh = await this.applyHeld(operations);
      if (afterApply) await afterApply();
      return fresh;
    });
  }

  /**
   * Apply a verified bundle's operations held in memory (as the bundle reader decoded and
   * validated them against `OperationSchema`: they are not parsed again), in one transaction.
   */
  async applyVerified(operations: readonly Operation[], afterApply?: () => Promise<void>): Promise<number> {
    const tables = REPLICATED_TABLES.map((t) => this.db.table(t));
    return this.db.transaction('rw', [...tables, ...journalTables(this.db), this.db.meta], async () => {
      authorizeCurrentTransaction();
      const fresh = await this.applyHeld(operations);
      if (afterApply) await afterApply();
      return fresh;
    });
  }

  /**
   * Apply a bundle's operations that were staged in batches (`importStaging`, see SCHEMA_V4), in
   * one transaction, reading the batches inside it: a bundle larger than memory is applied whole
   * or not at all, and no more than a batch of its operations is held at a time. The staged
   * batches are removed in the same transaction.
   */
  async applyStaged(importId: string, batches: number, afterApply?: () => Promise<void>): Promise<number> {
    const tables = REPLICATED_TABLES.map((t) => this.db.table(t));
    return this.db.transaction('rw', [...tables, ...journalTables(this.db), this.db.meta, this.db.importStaging], async () => {
      authorizeCurrentTransaction();
      const applier = new OperationApplier(this.db, this.clock, false);
      for (let seq = 0; seq < batches; seq++) {
        const batch = await this.db.importStaging.get([importId, seq]);
        // A batch gone (e.g. cleared as stale by another window): refuse rather than apply part.
        if (!batch) throw new WorkbookError('internal', `import ${importId}: staged batch ${seq} of ${batches} is missing`);
        // Staged rows lie in the database between preview and apply: validated again.
        const operations = batch.operations.map(parseOperation);
        // Looked up once the previous batch is written, so the lookup sees it: across batches
        // only the keys of records to rebuild are kept, so memory stays bounded.
        await applier.settle();
        applier.add(operations, await lookUp(this.db, operations));
      }
      const fresh = await applier.finish();
      await this.db.importStaging.where('[importId+seq]').between([importId, Dexie.minKey], [importId, Dexie.maxKey]).delete();
      if (afterApply) await afterApply();
      return fresh;
    });
  }

  /**
   * Apply operations held in memory inside the current transaction: every lookup first (what is
   * held already), then the writes of all batches queued without waiting for each other, so
   * that merging and validating the next batch overlaps with the database writing the last.
   */
  private async applyHeld(operations: readonly Operation[]): Promise<number> {
    const batches: Operation[][] = [];
    for (let i = 0; i < operations.length; i += APPLY_BATCH) batches.push(operations.slice(i, i + APPLY_BATCH));
    const lookups = await Promise.all(batches.map((batch) => lookUp(this.db, batch)));
    const applier = new OperationApplier(this.db, this.clock, true);
    // The records merged from their histories first (the directory: contacts, procedures, …), so
    // that their histories are read, and merged, while the database writes the log entries, instead
    // of after them: that was the last second of an import of 100,000 entries (bench/README.md).
    const appendOnly = (op: Operation) => APPEND_ONLY_TABLES.has(op.table);
    batches.forEach((batch, i) => applier.add(batch.filter((op) => !appendOnly(op)), lookups[i] as Lookup));
    applier.prepareRebuilds();
    batches.forEach((batch, i) => applier.add(batch.filter(appendOnly), lookups[i] as Lookup));
    return applier.finish();
  }

  private async write<R>(table: JournaledTable, body: () => Promise<R>): Promise<R> {
    return this.db.transaction('rw', [this.db.table(table), ...journalTables(this.db)], async () => {
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
    const op = this.operation(table, record, kind, fields, hlc, base);
    await this.db.operations.add(op);
    return op;
  }

  private operation(table: JournaledTable, record: AnyRecord, kind: OperationKind, fields: AnyRecord, hlc: Hlc, base?: VersionVector, opId?: string): Operation {
    return {
      opId: opId ?? newRecordId(this.wallClock()),
      hlc,
      origin: this.installationId,
      workspace: isReplicated(table) ? (record['workspace'] as Workspace) : null,
      table,
      recordId: String(record['id']),
      kind,
      fields,
      ...(base === undefined ? {} : { base: { ...base } }),
    };
  }
}

/**
 * The tables every journal write may touch besides the records: its operations, the open
 * conflicts and the clock lists of carried creations. A transaction that writes through the journal
 * names them (Dexie refuses a nested transaction a table its parent lacks).
 */
export function journalTables(db: WorkbookDb): Table[] {
  return [db.operations, db.conflicts, db.carriedClocks];
}

/** Operations looked up, merged and written together when applying. */
const APPLY_BATCH = 5_000;
/** Records rebuilt from their whole history together (one read of their operations). */
const REBUILD_BATCH = 2_000;

/** What the database holds already for a batch of operations. */
interface Lookup {
  /** Operation ids of the batch already in the journal. */
  readonly knownOperations: ReadonlySet<string>;
  /** Append-only records of the batch that exist already, by `recordKey`. */
  readonly heldRecords: ReadonlySet<string>;
}

const recordKey = (table: JournaledTable, recordId: string) => `${table}\u0000${recordId}`;

/**
 * One lookup of which operations of a batch are known and which of its append-only records exist.
 * An operation known under its id must be the very one held: two contents under one id would
 * show different records on different installations for good, so that refuses the whole apply.
 */
async function lookUp(db: WorkbookDb, operations: readonly Operation[]): Promise<Lookup> {
  const opIds = operations.map((op) => op.opId);
  const appendOnly = new Map<JournaledTable, string[]>();
  for (const op of operations) {
    if (!APPEND_ONLY_TABLES.has(op.table)) continue;
    const ids = appendOnly.get(op.table);
    if (ids) ids.push(op.recordId);
    else appendOnly.set(op.table, [op.recordId]);
  }
  const [inTable, entryIds, ...held] = await Promise.all([
    presentKeys(db.operations, opIds),
    // A carried creation's id is its entry's id (shared/journal/carriedCreation.ts).
    presentKeys(db.logEntries, opIds),
    ...[...appendOnly].map(async ([table, ids]) => [...(await presentKeys(db.table(table), ids))].map((id) => recordKey(table, id))),
  ]);
  const heldRecords = new Set(held.flat());
  // Entries under these ids are read (only those held) to know whether they carry their creation.
  const carriedIds = await carriedCreations(
    db,
    opIds.filter((id) => entryIds.has(id)),
  );
  const knownOperations = new Set<string>();
  const compared: Operation[] = [];
  for (const op of operations) {
    const heldCarried = carriedIds.get(op.opId);
    if (heldCarried !== undefined) {
      knownOperations.add(op.opId);
      if (rewritesHeld(heldCarried, op)) throw refusedOperation(op, 'has the id of an operation this installation holds with other content');
    } else if (inTable.has(op.opId)) {
      knownOperations.add(op.opId);
      compared.push(op);
    }
  }
  if (compared.length > 0) {
    const heldOps = await db.operations.bulkGet(compared.map((op) => op.opId));
    compared.forEach((op, i) => {
      const heldOp = heldOps[i];
      if (heldOp !== undefined && rewritesHeld(heldOp, op)) throw refusedOperation(op, 'has the id of an operation this installation holds with other content');
    });
  }
  return { knownOperations, heldRecords };
}

/** The refusal of an import that changes what its signer may not (docs/bundle-format.md §8a). */
function refusedOperation(op: Pick<Operation, 'opId' | 'table' | 'recordId'>, why: string): WorkbookError {
  return new WorkbookError('import-refused', `operation ${op.opId} on ${op.table}/${op.recordId} ${why}`);
}

/**
 * Which of `keys` (primary keys) a table holds, by key ranges read without their values (one
 * `getAllKeys` per range) rather than one read per key: a batch's ids are ULIDs close in time, so
 * its range holds few other keys. A range holding many others is split in two, down to single keys.
 * May also return keys of the range that were not asked for.
 */
export async function presentKeys(table: Table, keys: readonly string[]): Promise<Set<string>> {
  const sorted = [...new Set(keys)].sort();
  const found = new Set<string>();
  const visit = async (from: number, to: number): Promise<void> => {
    const low = sorted[from];
    const high = sorted[to - 1];
    if (low === undefined || high === undefined) return;
    const limit = 2 * (to - from) + 16;
    const inRange = (await table.where(':id').between(low, high, true, true).limit(limit).primaryKeys()) as string[];
    if (inRange.length < limit) {
      for (const key of inRange) found.add(key);
      return;
    }
    const middle = (from + to) >>> 1;
    await Promise.all([visit(from, middle), visit(middle, to)]);
  };
  await visit(0, sorted.length);
  return found;
}

/**
 * Adds operations to the journal and writes the records they make, inside the caller's
 * transaction. The bulk of any import takes the fast path: an append-only record (a log entry)
 * arriving with its creation and nothing held for it is exactly that creation — no history to
 * read, no conflict possible — so such records are written in batches. Every other touched record
 * is rebuilt from all of its operations at the end (`finish`), once.
 */
class OperationApplier {
  private fresh = 0;
  private readonly writes: Promise<unknown>[] = [];
  /** Records to rebuild from their whole history, by `recordKey`. */
  private readonly slow = new Map<string, { readonly table: JournaledTable; readonly recordId: string }>();
  /** New creations of append-only records that exist already or come more than once (checked at rebuild). */
  private readonly recreations = new Set<string>();
  /** Rebuilds under way (`prepareRebuilds`): each queues its writes once its reads are in and merged. */
  private readonly prepared: Promise<void>[] = [];
  /**
   * The transaction the applier writes in. A rebuild prepared early queues its writes from a
   * promise callback, where Dexie may no longer know the transaction (its zone): tables taken from
   * the transaction itself are bound to it wherever they are used.
   */
  private readonly transaction: Transaction;
  /** Operations met so far by id (when looked up ahead; otherwise per batch). */
  private readonly seenAll = new Map<string, Operation>();
  private readonly createdAll = new Set<string>();
  /** The carried creations written, for their clock lists. */
  private readonly clocks = new PendingClocks();

  constructor(
    private readonly db: WorkbookDb,
    private readonly clock: HybridLogicalClock,
    /**
     * True when every lookup was made before any write: then operations and creations met in
     * earlier batches are remembered here, since the lookups could not see them.
     */
    private readonly lookedUpAhead: boolean,
  ) {
    const transaction = Dexie.currentTransaction;
    if (!transaction) throw new WorkbookError('internal', 'the journal applies operations outside a transaction');
    this.transaction = transaction;
  }

  /** Queue the writes of one batch (not awaited: `finish` waits for them). */
  add(operations: readonly Operation[], lookup: Lookup): void {
    const bad = operations.find((o) => APPEND_ONLY_TABLES.has(o.table) && o.kind !== 'create');
    if (bad) throw new WorkbookError('append-only', `operation ${bad.opId} ${bad.kind}s ${bad.table}/${bad.recordId}`);
    const seen = this.lookedUpAhead ? this.seenAll : new Map<string, Operation>();
    const created = this.lookedUpAhead ? this.createdAll : new Set<string>();
    const fresh: Operation[] = [];
    for (const op of operations) {
      if (lookup.knownOperations.has(op.opId)) continue;
      const met = seen.get(op.opId);
      if (met !== undefined) {
        if (met !== op && !sameOperation(met, op)) throw refusedOperation(op, 'has the id of another operation in the same import');
        continue;
      }
      // This installation's own operations are all in its journal: one it does not hold is forged.
      if (op.origin === this.clock.node) throw refusedOperation(op, 'claims to come from this installation, whose journal does not hold it');
      seen.set(op.opId, op);
      fresh.push(op);
    }
    if (fresh.length === 0) return;
    this.fresh += fresh.length;
    // Imports refuse clocks far ahead; what still is (built-in content, a database filled by an
    // older version) is recorded but never followed, so local edits stay possible.
    for (const op of fresh) this.clock.observeWithinDrift(op.hlc);
    // Operations that get a journal row: all but the log-entry creations their entries carry.
    const journalRows: Operation[] = [];
    const byRecord = new Map<string, Operation[]>();
    for (const op of fresh) {
      const key = recordKey(op.table, op.recordId);
      if (!APPEND_ONLY_TABLES.has(op.table)) {
        this.slow.set(key, { table: op.table, recordId: op.recordId });
        journalRows.push(op);
      } else {
        const list = byRecord.get(key);
        if (list) list.push(op);
        else byRecord.set(key, [op]);
      }
    }
    const rows = new Map<JournaledTable, AnyRecord[]>();
    for (const [key, ops] of byRecord) {
      const op = ops[0] as Operation;
      // Something is held already (another creation under the same id): take the careful path.
      if (ops.length > 1 || lookup.heldRecords.has(key) || created.has(key) || this.slow.has(key)) {
        this.slow.set(key, { table: op.table, recordId: op.recordId });
        for (const o of ops) this.recreations.add(o.opId);
        journalRows.push(...ops);
        continue;
      }
      created.add(key);
      // What `mergeRecord([op])` gives for the one creation of an append-only record: its fields
      // (append-only records never conflict), without merge's bookkeeping for 100,000 entries.
      const record = validate(op.table, { ...op.fields });
      const carrying = carryingRow(op, record);
      if (carrying) this.clocks.add(op.workspace as Workspace, op.hlc, op.opId);
      else journalRows.push(op);
      const row = carrying ?? record;
      const list = rows.get(op.table);
      if (list) list.push(row);
      else rows.set(op.table, [row]);
    }
    if (journalRows.length > 0) this.queue(this.db.operations.bulkAdd(journalRows));
    for (const [table, list] of rows) this.queue(this.db.table(table).bulkPut(list));
    const fullLists = this.clocks.takeFull();
    if (fullLists.length > 0) this.queue(this.transaction.table<ClockList, number>(CLOCK_LIST_TABLE).bulkAdd(fullLists));
  }

  /** Wait for the writes queued so far. */
  async settle(): Promise<void> {
    await Promise.all(this.writes.splice(0));
  }

  /**
   * Starts the rebuilds of the records to rebuild so far: their histories are read now, behind the
   * writes queued so far (requests in one transaction run in order, so the reads see them), and
   * ahead of whatever is queued next. Only records the operations added so far can touch: every
   * operation of them must have been added already.
   */
  prepareRebuilds(): void {
    for (const [table, ids] of this.slowByTable()) {
      for (let i = 0; i < ids.length; i += REBUILD_BATCH) {
        const queued = this.prepare(table, ids.slice(i, i + REBUILD_BATCH)).then((prepared) => this.write(prepared));
        // Handled here so an abort does not report it twice; `finish` awaits it.
        queued.catch(() => undefined);
        this.prepared.push(queued);
      }
    }
    this.slow.clear();
  }

  /** Wait for the queued writes, rebuild the other touched records; returns how many operations were new. */
  async finish(): Promise<number> {
    // Dexie.waitFor: these promises were made before the writes queued since, and a plain await of
    // them loses Dexie's transaction zone (the transaction then commits too early).
    await Dexie.waitFor(Promise.all(this.prepared.splice(0)));
    await this.settle();
    for (const [table, ids] of this.slowByTable()) {
      for (let i = 0; i < ids.length; i += REBUILD_BATCH) {
        this.write(await this.prepare(table, ids.slice(i, i + REBUILD_BATCH)));
        await this.settle();
      }
    }
    // Last, once everything queued is written: this reads the newest lists to add to them.
    await this.clocks.flush(this.transaction.table<ClockList, number>(CLOCK_LIST_TABLE));
    return this.fresh;
  }

  /** The records to rebuild, per table, sorted by id. */
  private slowByTable(): Map<JournaledTable, string[]> {
    const byTable = new Map<JournaledTable, string[]>();
    for (const { table, recordId } of this.slow.values()) {
      const ids = byTable.get(table);
      if (ids) ids.push(recordId);
      else byTable.set(table, [recordId]);
    }
    for (const ids of byTable.values()) ids.sort();
    return byTable;
  }

  private queue(write: Promise<unknown>): void {
    // Handled here so an abort does not report every queued write; `finish` sees the rejection.
    write.catch(() => undefined);
    this.writes.push(write);
  }

  /**
   * Rebuild records of one table (sorted ids) from all of their operations, the new ones queued
   * already, and replace their open conflicts: what merging each record on its own gives, read a
   * batch at a time (this) and written by `write`.
   */
  private async prepare(table: JournaledTable, recordIds: readonly string[]): Promise<PreparedRebuild> {
    const low = recordIds[0];
    const high = recordIds[recordIds.length - 1];
    const [histories, carriedByHeld, conflictKeys] = await Promise.all([
      heldHistories(this.db, table, recordIds),
      isCarryingTable(table) ? carriedCreations(this.db, recordIds) : new Map<string, Operation>(),
      low === undefined || high === undefined ? [] : this.db.conflicts.where('[table+recordId]').between([table, low], [table, high], true, true).primaryKeys(),
    ]);
    const rows: AnyRecord[] = [];
    const conflicts: ConflictRow[] = [];
    const rebuiltIds = new Set<string>();
    const appendOnly = APPEND_ONLY_TABLES.has(table);
    for (const recordId of recordIds) {
      const history = histories.get(recordId) ?? [];
      if (appendOnly) {
        // An append-only record is made by one creation; a new one that makes it differently would
        // rewrite it (a log entry is corrected by a new entry, never by a second creation).
        const creations = history.filter((op) => op.kind === 'create');
        for (const op of creations.filter((c) => this.recreations.has(c.opId))) {
          if (disagreeingCreation([op, ...creations]) !== undefined) throw refusedOperation(op, 'creates a record that exists already with other content (append-only)');
        }
      }
      const merged = mergeRecord(history);
      // Changes that arrive before the record's creation wait in the journal until it comes.
      if (merged.record === null) continue;
      const rebuilt: AnyRecord = validate(table, merged.record);
      // A held entry keeps the creation it carries (the others agree with it, or were refused).
      const carried = carriedByHeld.get(recordId);
      rows.push(carried ? { ...rebuilt, [CREATION_FIELD]: { hlc: carried.hlc } } : rebuilt);
      rebuiltIds.add(recordId);
      const workspace = isReplicated(table) ? (rebuilt['workspace'] as Workspace) : null;
      for (const c of merged.conflicts) conflicts.push({ ...c, workspace });
    }
    // The open conflicts of the rebuilt records are replaced by the ones merge found.
    const stale = conflictKeys.filter(([, recordId]) => rebuiltIds.has(recordId));
    return { table, rows, stale, conflicts };
  }

  /** Queue the writes of a prepared rebuild (in order, after everything queued before). */
  private write({ table, rows, stale, conflicts }: PreparedRebuild): void {
    const conflictRows = this.transaction.table<ConflictRow, [string, string, string]>('conflicts');
    this.queue(this.transaction.table<AnyRecord, string>(table).bulkPut(rows));
    this.queue(conflictRows.bulkDelete(stale));
    this.queue(conflictRows.bulkPut(conflicts));
  }
}

/** A batch of records rebuilt from their histories, ready to be written. */
interface PreparedRebuild {
  readonly table: JournaledTable;
  readonly rows: AnyRecord[];
  /** Open conflicts of these records now stored, to be replaced by `conflicts`. */
  readonly stale: [string, string, string][];
  readonly conflicts: ConflictRow[];
}

/**
 * Every operation the journal holds for the records `recordIds` of `table`, by record id: read by
 * ranges of the `[table+recordId]` index (one `getAll` each; record ids made close in time sit
 * close together). A range holding many other records' operations is split in two, down to single
 * records.
 */
export async function heldHistories(db: WorkbookDb, table: JournaledTable, recordIds: readonly string[]): Promise<Map<string, Operation[]>> {
  const sorted = [...new Set(recordIds)].sort();
  const wanted = new Set(sorted);
  const histories = new Map<string, Operation[]>();
  const visit = async (from: number, to: number): Promise<void> => {
    const low = sorted[from];
    const high = sorted[to - 1];
    if (low === undefined || high === undefined) return;
    const range = db.operations.where('[table+recordId]').between([table, low], [table, high], true, true);
    const limit = 4 * (to - from) + 16;
    const found = to - from === 1 ? await range.toArray() : await range.limit(limit).toArray();
    if (to - from > 1 && found.length >= limit) {
      const middle = (from + to) >>> 1;
      await Promise.all([visit(from, middle), visit(middle, to)]);
      return;
    }
    for (const op of found) {
      if (!wanted.has(op.recordId)) continue;
      const history = histories.get(op.recordId);
      if (history) history.push(op);
      else histories.set(op.recordId, [op]);
    }
  };
  await visit(0, sorted.length);
  if (isCarryingTable(table)) {
    for (const [recordId, op] of await carriedCreations(db, sorted)) {
      const history = histories.get(recordId);
      if (history) history.push(op);
      else histories.set(recordId, [op]);
    }
  }
  return histories;
}

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
