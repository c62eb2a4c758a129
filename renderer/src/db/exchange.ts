/**
 * Bundles in and out of this installation. Export: the journal's operations of one workspace
 * (all, or what a peer has not had yet), filtered by the TLP rules, signed with this
 * installation's key and, where recipients are chosen, encrypted to them. Import: every byte
 * verified against the keyring before anything else happens; a preview of what would change;
 * then everything applied in one transaction through the journal, or nothing.
 */
import { concatBytes } from '../../../shared/crypto/bytes';
import { cardKeyIdHex } from '../../../shared/crypto/identity';
import Dexie from 'dexie';
import { decodeTime } from 'ulid';
import { BundleRefusal, bundleError } from '../../../shared/bundle/errors';
import { DEFAULT_MEMORY_BUDGET_BYTES, openBundle, type OpenedBundle, type ReadBundleResult, type VerifiedBundle } from '../../../shared/bundle/readBundle';
import { currentLabels, filterOperationsByTlp, type TlpLeftOut } from '../../../shared/bundle/tlpPolicy';
import { writeBundle } from '../../../shared/bundle/writeBundle';
import { WorkbookError } from '../../../shared/errors/codes';
import { hlcMillis } from '../../../shared/journal/hlc';
import type { Operation } from '../../../shared/journal/operation';
import { APPEND_ONLY_TABLES, REPLICATED_TABLES, type ReplicatedTable } from '../../../shared/journal/tables';
import { acceptSequence, type SequenceVerdict } from '../../../shared/merge/acceptSequence';
import { mergeOperations, type RecordChange } from '../../../shared/merge/mergeOperations';
import { rewritesHeld, sameCreation } from '../../../shared/merge/operationIdentity';
import { findGaps, mergeVectors, operationsSince, versionVector, type Gap, type VersionVector } from '../../../shared/merge/versionVector';
import { newRecordId } from '../../../shared/model/ids';
import type { Tlp } from '../../../shared/model/tlp';
import { exportFilePrefix, type Workspace } from '../../../shared/model/workspace';
import { getInstallationKeys } from './identity';
import { heldHistories, presentKeys, type ChangeJournal, type RecordInput } from './journal';
import type { ExchangeLogEntry } from '../../../shared/model/exchangeLog';
import type { InstallationKeyStore } from '../identity/keyStore';
import { blobOfSource, fileSourceFromBlob, fileSourceFromBytes, type FileSource } from '../platform/fileSource';
import { payloadCompressor } from './payloadCompression';
import { payloadBlockDecoder } from './payloadDecoding';
import { incidentEntries, workspaceOperations } from './queries';
import { carriedCreations, originOperationNear } from './journalStore';
import type { QuarantinedBundle, WorkbookDb } from './WorkbookDb';

const SEQUENCE_KEY = 'bundleSequence';
const sentKey = (peer: string, workspace: Workspace) => `sent:${workspace}:${peer}`;
const acceptedKey = (sender: string) => `acceptedSequence:${sender}`;

async function metaValue<T>(db: WorkbookDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export interface ExportRequest {
  readonly workspace: Workspace;
  /** Peers (keyring ids) the bundle is for; it is encrypted to them when `encrypt` is set. */
  readonly peers: readonly string[];
  readonly encrypt: boolean;
  /** Everything in the workspace, only what the (single) peer has not been sent yet, or one incident. */
  readonly scope: 'snapshot' | 'since-last' | 'incident';
  /** For scope "incident": the incident whose record and log entries go. */
  readonly incidentId?: string;
  /**
   * RED records (`table/recordId`) the sender chose to send to exactly these recipients (TLP 2.0:
   * RED goes only to people chosen for it). Any other RED record stays here.
   */
  readonly redRecords?: readonly string[];
}

/** A RED record within the export's scope, for the sender to choose whether it goes. */
export interface RedRecord {
  /** `table/recordId`, as `ExportRequest.redRecords` names it. */
  readonly key: string;
  readonly table: ReplicatedTable;
  readonly recordId: string;
  /** What a person recognises the record by (title, name, or the start of a log entry). */
  readonly title: { readonly en: string; readonly nl: string };
}

export interface ExportPlan {
  readonly operations: readonly Operation[];
  readonly leftOut: readonly TlpLeftOut[];
  readonly highestTlp: Tlp;
  readonly since: VersionVector | null;
  /** Every RED record in scope, chosen or not. */
  readonly redRecords: readonly RedRecord[];
}

const recordKey = (table: string, recordId: string) => `${table}/${recordId}`;

/** How a person recognises a record in a list. */
function recordTitle(table: ReplicatedTable, record: Record<string, unknown>): { en: string; nl: string } {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (table) {
    case 'procedures': {
      const title = record.title as { en?: string; nl?: string } | undefined;
      const en = text(title?.en) || text(title?.nl);
      return { en, nl: text(title?.nl) || en };
    }
    case 'contacts':
      return { en: text(record.name), nl: text(record.name) };
    case 'incidents':
      return { en: text(record.title), nl: text(record.title) };
    case 'logEntries': {
      const line = text(record.text).replace(/\s+/g, ' ');
      const short = line.length > 90 ? `${line.slice(0, 89)}…` : line;
      return { en: short, nl: short };
    }
    case 'procedureVersions':
    case 'procedureRuns': {
      const content = record.content as { title?: { en?: string; nl?: string } } | undefined;
      const en = text(content?.title?.en) || text(content?.title?.nl);
      const version = typeof record.version === 'number' ? ` (v${record.version})` : typeof record.procedureVersion === 'number' ? ` (v${record.procedureVersion})` : '';
      return { en: en + version, nl: (text(content?.title?.nl) || en) + version };
    }
    case 'callTrees':
    case 'callRounds':
      return { en: text(record.name), nl: text(record.name) };
  }
}

/** What a bundle would hold, before it is made: shown in the export dialog. */
export async function planExport(db: WorkbookDb, request: ExportRequest): Promise<ExportPlan> {
  const all = (await workspaceOperations(db, request.workspace)).filter((op) => (REPLICATED_TABLES as readonly string[]).includes(op.table));
  let since: VersionVector | null = null;
  let candidates = all;
  if (request.scope === 'since-last') {
    if (request.peers.length !== 1) throw new WorkbookError('record-invalid', 'changes since the last bundle are per peer');
    since = (await metaValue<VersionVector>(db, sentKey(request.peers[0] ?? '', request.workspace))) ?? {};
    candidates = operationsSince(all, since);
  } else if (request.scope === 'incident') {
    const incidentId = request.incidentId ?? '';
    // The incident with everything that belongs to it: its log, the procedures and call rounds run on it.
    const ids = new Set<string>([incidentId]);
    for (const id of await incidentEntries(db, incidentId).primaryKeys()) ids.add(id);
    for (const table of [db.procedureRuns, db.callRounds]) {
      for (const id of await table.where('incidentId').equals(incidentId).primaryKeys()) ids.add(id);
    }
    const incidentTables: ReadonlySet<string> = new Set(['incidents', 'logEntries', 'procedureRuns', 'callRounds']);
    candidates = all.filter((op) => incidentTables.has(op.table) && ids.has(op.recordId));
  }
  // Labels from the journal just read (as merge gives them), not from every record read again.
  const labels = currentLabels(all);
  // Once RED, always treated as RED in a bundle that carries that history (tlpPolicy takes the most restrictive label).
  const everRed = new Set(candidates.filter((op) => op.fields.tlp === 'RED').map((op) => recordKey(op.table, op.recordId)));
  // Only the RED records in scope are read, for the titles the sender chooses them by.
  const redIds = new Map<ReplicatedTable, Set<string>>();
  for (const op of candidates) {
    const key = recordKey(op.table, op.recordId);
    if (labels.get(key) !== 'RED' && !everRed.has(key)) continue;
    const table = op.table as ReplicatedTable;
    redIds.set(table, (redIds.get(table) ?? new Set<string>()).add(op.recordId));
  }
  const redRecords: RedRecord[] = [];
  for (const table of REPLICATED_TABLES) {
    const records = await db.table(table).bulkGet([...(redIds.get(table) ?? [])]);
    for (const record of records as Array<({ id: string; tlp: Tlp } & Record<string, unknown>) | undefined>) {
      if (record) redRecords.push({ key: recordKey(table, record.id), table, recordId: record.id, title: recordTitle(table, record) });
    }
  }
  const chosenRed = new Set(request.redRecords ?? []);
  const decision = filterOperationsByTlp(candidates, { encryptedTo: request.encrypt ? request.peers : [] }, {
    currentTlp: (recordId, table) => labels.get(recordKey(table, recordId)),
    // A RED record chosen by the sender goes to exactly the recipients of this bundle.
    redRecipients: (recordId, table) => (chosenRed.has(recordKey(table, recordId)) ? request.peers : undefined),
  });
  return { operations: decision.included, leftOut: decision.leftOut, highestTlp: decision.highestTlp, since, redRecords };
}

export interface ExportedBundle {
  readonly bundleId: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly fingerprint: string;
  readonly sequence: number;
  readonly operations: number;
  readonly leftOut: readonly TlpLeftOut[];
}

/** Make the bundle; the caller hands the bytes to the user, then calls `recordSent`. */
export async function exportBundle(
  db: WorkbookDb,
  request: ExportRequest,
  organisation: string,
  /** The session's key store: signs with WebCrypto keys or through the desktop app's main process. */
  keyStore: Pick<InstallationKeyStore, 'signer'>,
): Promise<ExportedBundle> {
  const keys = await getInstallationKeys(db);
  if (!keys) throw new WorkbookError('identity-missing');
  const peers = await db.keyring.bulkGet([...request.peers]);
  const recipients = peers.map((peer, i) => {
    if (!peer) throw new WorkbookError('record-not-found', request.peers[i]);
    if (peer.trust !== 'verified') throw new WorkbookError('exchange-peer-not-verified', peer.card.organisation);
    return { installationId: peer.id, encryptionKey: peer.card.encryptionKey };
  });
  const plan = await planExport(db, request);
  const sequence = ((await metaValue<number>(db, SEQUENCE_KEY)) ?? 0) + 1;
  const written = await writeBundle({
    operations: plan.operations,
    signer: await keyStore.signer(),
    senderCard: keys.card,
    workspace: request.workspace,
    sequence,
    scope:
      request.scope === 'since-last'
        ? { kind: 'incremental', since: plan.since ?? {} }
        : request.scope === 'incident'
          ? { kind: 'incident', incidentId: request.incidentId ?? '' }
          : { kind: 'snapshot' },
    ...(request.encrypt ? { recipients } : { to: recipients.map((r) => r.installationId) }),
    highestTlp: plan.highestTlp,
    compressor: payloadCompressor(),
  });
  const parts: Uint8Array[] = [];
  for await (const chunk of written.chunks) parts.push(chunk);
  const bytes = concatBytes(...parts);
  const stamp = written.header.createdAt.slice(0, 16).replace(/[:T]/g, '-');
  const stem = organisation.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'workbook';
  return {
    bundleId: written.header.bundleId,
    fileName: `${exportFilePrefix(request.workspace)}${stem}-${String(sequence).padStart(4, '0')}-${stamp}.cwb`,
    bytes,
    fingerprint: written.fingerprint,
    sequence,
    operations: plan.operations.length,
    leftOut: plan.leftOut,
  };
}

/** After the file was handed over: the sequence is used up and the peers have these changes. */
export async function recordSent(db: WorkbookDb, request: ExportRequest, bundle: ExportedBundle, operations: readonly Operation[]): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: SEQUENCE_KEY, value: bundle.sequence });
    const sent = versionVector(operations);
    for (const peer of request.peers) {
      const key = sentKey(peer, request.workspace);
      await db.meta.put({ key, value: mergeVectors((await metaValue<VersionVector>(db, key)) ?? {}, sent) });
    }
  });
}

// ---- exchange log -----------------------------------------------------------------------------

type OptionalLogField = 'code' | 'bundleId' | 'fingerprint' | 'peer' | 'bundleWorkspace';
export type ExchangeLogInput = Omit<RecordInput<'exchangeLog'>, OptionalLogField> & Partial<Pick<RecordInput<'exchangeLog'>, OptionalLogField>>;

/** Record a bundle event in the exchange log (through the journal). */
export function logExchange(journal: ChangeJournal, entry: ExchangeLogInput): Promise<ExchangeLogEntry> {
  return journal.create(
    'exchangeLog',
    { code: null, bundleId: null, fingerprint: null, peer: null, bundleWorkspace: null, ...entry },
    { workspace: null },
  );
}

export function recentExchanges(db: WorkbookDb, limit: number): Promise<ExchangeLogEntry[]> {
  return db.exchangeLog.orderBy('createdAt').reverse().limit(limit).toArray();
}

// ---- import -----------------------------------------------------------------------------------

/** Operations staged per batch (one IndexedDB write each): small enough to stay cheap in memory. */
const STAGING_BATCH = 2_000;
/** Operations counted per lookup while previewing a bundle held in memory. */
const PREVIEW_BATCH = 10_000;

/** A verified bundle, as the import preview and the receipt need it (its operations are held or staged). */
export type VerifiedBundleSummary = Omit<VerifiedBundle, 'operations'>;

export interface ImportPreview {
  readonly bundle: VerifiedBundleSummary;
  /**
   * The verified operations, when the bundle fitted the memory budget (see `verifyBundle`); null
   * when they wait in the staging area under `importId`.
   */
  readonly operations: readonly Operation[] | null;
  /** Where staged operations wait to be applied (see SCHEMA_V4); `applyImport` or `discardImport` ends it. */
  readonly importId: string;
  /** How many staged batches `importId` has (0 when the operations are held in memory). */
  readonly batches: number;
  readonly sequence: SequenceVerdict;
  readonly gaps: readonly Gap[];
  /** Per table: records new, changed, unchanged, waiting for their creation, with open conflicts. */
  readonly counts: Readonly<Record<ReplicatedTable, Readonly<Record<RecordChange | 'conflicts', number>>>>;
  readonly newOperations: number;
  /** For a bundle of one incident: its title, as the bundle creates it (null when the bundle does not). */
  readonly incidentTitle: string | null;
  /**
   * How far the newest time in the bundle (its making, its records' recording, its operations'
   * clocks) lies ahead of this device's clock, in ms; positive beyond `CLOCK_SKEW_WARNING_MS` means one of the two clocks is
   * clearly off (a bundle cannot have been made in the future), and the logbook's times with it.
   */
  readonly aheadOfThisClockMs: number;
}

/** Beyond this, a bundle "from the future" means a clock is off, not just drift. */
export const CLOCK_SKEW_WARNING_MS = 10 * 60_000;

/** A verified bundle as the import works with it: with the installation it was verified for. */
export type ReceivedBundle = OpenedBundle & {
  /** The receiving installation (operations in its name must be in its journal already). */
  readonly receiver?: string;
};

type VerifyResult = { readonly ok: true; readonly bundle: ReceivedBundle } | Extract<ReadBundleResult, { ok: false }>;

export interface VerifyOptions {
  /**
   * Decompressed payload bytes up to which the verified operations are kept in memory for the
   * preview and the import (default `DEFAULT_MEMORY_BUDGET_BYTES`); a larger bundle is read a
   * second time and staged in the database instead.
   */
  readonly memoryBudgetBytes?: number;
}

/**
 * Verify a bundle file against the keyring and this installation's keys, streaming it once from
 * the source: format, limits, signatures and every hash. Nothing is written; the operations are
 * kept in memory only when the bundle fits the memory budget.
 */
export async function verifyBundle(
  db: WorkbookDb,
  source: FileSource,
  workspace: Workspace,
  installationId: string,
  /** The session's key store: its age identity opens bundles encrypted to this installation. */
  keyStore: Pick<InstallationKeyStore, 'ageIdentity'>,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const keys = await getInstallationKeys(db);
  const keyring = await db.keyring.toArray();
  const identities = keys ? [await keyStore.ageIdentity()] : [];
  const blockDecoder = payloadBlockDecoder();
  const opened = await openBundle(
    () => source.open(),
    {
      resolveSigner: (keyIdHex) => {
        // Only a verified peer's key is trusted; an unverified one is as unknown as a stranger's.
        const peer = keyring.find((p) => cardKeyIdHex(p.card) === keyIdHex && p.trust !== 'unverified');
        return peer ? { publicKey: peer.card.signingKey, revoked: peer.trust === 'revoked' } : null;
      },
      identities,
      expectedWorkspace: workspace,
      thisInstallation: installationId,
      // Operations stamped more than a day ahead are refused (bundle-clock-ahead).
      clockNow: Date.now(),
      // Lines are decoded on a second core while this thread reads and inflates.
      ...(blockDecoder === undefined ? {} : { blockDecoder }),
    },
    { memoryBudgetBytes: options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES },
  );
  return opened.ok ? { ok: true, bundle: { ...opened.bundle, receiver: installationId } } : opened;
}

/**
 * Keep a bundle from an untrusted signer in quarantine (only when its header and signer card could
 * be read and the card's key made the signature: the reader checked that). Returns whether kept.
 */
export async function quarantineBundle(db: WorkbookDb, source: FileSource, refusal: Extract<ReadBundleResult, { ok: false }>): Promise<boolean> {
  if (refusal.error.code !== 'bundle-unknown-signer' || !refusal.header || !refusal.signerCard || !refusal.fingerprint) return false;
  const file = await blobOfSource(source);
  await db.quarantine.put({
    bundleId: refusal.header.bundleId,
    receivedAt: new Date().toISOString(),
    fileName: source.name,
    fingerprint: refusal.fingerprint,
    signerCard: refusal.signerCard,
    workspace: refusal.header.workspace,
    operations: refusal.header.operations,
    file,
  });
  return true;
}

/** A quarantined bundle as a file source again (older entries kept the bytes themselves). */
export function quarantinedSource(entry: QuarantinedBundle): FileSource {
  return entry.file ? fileSourceFromBlob(entry.fileName, entry.file) : fileSourceFromBytes(entry.fileName, entry.bytes ?? new Uint8Array(0));
}

async function* inBatches(operations: AsyncIterable<Operation>, size: number): AsyncGenerator<Operation[]> {
  let batch: Operation[] = [];
  for await (const op of operations) {
    batch.push(op);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function* slices(operations: readonly Operation[], size: number): Generator<readonly Operation[]> {
  for (let i = 0; i < operations.length; i += size) yield operations.slice(i, i + size);
}

/**
 * What importing a verified bundle would change. A bundle held in memory is counted from there;
 * a larger one is read a second time (verifying it again) and staged in batches, counting as it
 * goes, so that no more than a batch is held in memory. Log entries are immutable and merge as a
 * union, so only the few mutable records' operations are kept to count their conflicts. Nothing
 * but the staging area is written; if anything fails, nothing stays staged.
 */
export async function previewImport(db: WorkbookDb, bundle: ReceivedBundle): Promise<ImportPreview> {
  const importId = newRecordId();
  const summary: VerifiedBundleSummary = {
    header: bundle.header,
    headerBytes: bundle.headerBytes,
    fingerprint: bundle.fingerprint,
    signerKeyId: bundle.signerKeyId,
    receivedEncrypted: bundle.receivedEncrypted,
  };
  const counts = Object.fromEntries(
    REPLICATED_TABLES.map((t) => [t, { new: 0, changed: 0, unchanged: 0, waiting: 0, conflicts: 0 }]),
  ) as Record<ReplicatedTable, Record<RecordChange | 'conflicts', number>>;
  // Append-only records: whether each is held here already, and how many of its operations are new.
  const appendOnly = new Map<string, { table: ReplicatedTable; held: boolean; fresh: number; created: boolean }>();
  // Mutable records: every incoming and held operation, merged at the end to count conflicts.
  const mutableIncoming: Operation[] = [];
  const mutableKnown = new Map<string, Operation>();
  const scopeIncident = bundle.header.scope.incidentId;
  let incidentTitle: string | null = null;
  let newOperations = 0;
  let newest = Date.parse(bundle.header.createdAt);
  let seq = 0;
  const held = bundle.heldOperations;
  const thisInstallation = bundle.receiver ?? (await db.profile.toCollection().first())?.id;
  // The first creation of each append-only record in the bundle (only when the operations are
  // held in memory anyway; otherwise the apply checks it, refusing as a whole).
  const createdInBundle = held === null ? null : new Map<string, Operation>();
  const refuseChange = (op: Operation, why: string): never => {
    throw new BundleRefusal(bundleError('bundle-unauthorised-change', `operation ${op.opId} on ${op.table}/${op.recordId} ${why}`));
  };
  /** The carried creations held under some of `opIds`, by id (shared/journal/carriedCreation.ts). */
  const carriedUnder = async (opIds: readonly string[]): Promise<Map<string, Operation>> => {
    const entryIds = await presentKeys(db.logEntries, opIds);
    return carriedCreations(
      db,
      opIds.filter((id) => entryIds.has(id)),
    );
  };
  const count = async (batch: readonly Operation[]): Promise<void> => {
    const appendOnlyOps = batch.filter((op) => APPEND_ONLY_TABLES.has(op.table));
    const mutableOps = batch.filter((op) => !APPEND_ONLY_TABLES.has(op.table));
    const tables = [...new Set(appendOnlyOps.map((op) => op.table))];
    // Key ranges read without values for the log entries; whole histories for mutable records only.
    const [inJournalTable, heldByTable, knownMutable] = await Promise.all([
      presentKeys(db.operations, appendOnlyOps.map((op) => op.opId)),
      Promise.all(tables.map((t) => presentKeys(db.table(t), appendOnlyOps.filter((op) => op.table === t).map((op) => op.recordId)))),
      Promise.all(
        [...new Set(mutableOps.map((op) => op.table))].map(async (t) => [...(await heldHistories(db, t, mutableOps.filter((op) => op.table === t).map((op) => op.recordId))).values()].flat()),
      ).then((histories) => histories.flat()),
    ]);
    const heldRecords = new Map(tables.map((t, i) => [t, heldByTable[i] ?? new Set<string>()]));
    const carried = await carriedUnder(appendOnlyOps.map((op) => op.opId));
    const knownAppendOnly = new Set([...inJournalTable, ...carried.keys()]);
    const knownIds = new Set(knownMutable.map((op) => op.opId));
    for (const op of knownMutable) mutableKnown.set(op.opId, op);
    await checkAuthority(batch, knownAppendOnly, heldRecords);
    for (const op of batch) {
      const known = APPEND_ONLY_TABLES.has(op.table) ? knownAppendOnly.has(op.opId) : knownIds.has(op.opId);
      if (!known) newOperations += 1;
      const recorded = typeof op.fields.createdAt === 'string' ? Date.parse(op.fields.createdAt) : Number.NaN;
      if (recorded > newest) newest = recorded;
      const stamped = hlcMillis(op.hlc);
      if (stamped > newest) newest = stamped;
      if (op.table === 'incidents' && op.recordId === scopeIncident && op.kind === 'create' && typeof op.fields.title === 'string') incidentTitle = op.fields.title;
      if (!APPEND_ONLY_TABLES.has(op.table)) {
        mutableIncoming.push(op);
        continue;
      }
      const key = `${op.table}/${op.recordId}`;
      const entry = appendOnly.get(key) ?? { table: op.table as ReplicatedTable, held: heldRecords.get(op.table)?.has(op.recordId) === true, fresh: 0, created: false };
      if (!known) entry.fresh += 1;
      if (op.kind === 'create') entry.created = true;
      appendOnly.set(key, entry);
    }
  };
  /**
   * The rules that need the database (docs/bundle-format.md §8a): an operation held here under its
   * id must be the same one; one in this installation's name must be held here; a log entry held
   * here (or created earlier in the bundle) is not created again differently.
   */
  const checkAuthority = async (batch: readonly Operation[], knownAppendOnly: ReadonlySet<string>, heldRecords: ReadonlyMap<string, ReadonlySet<string>>): Promise<void> => {
    // Mutable records' operations held under another record's history are looked up by id too
    // (also among the log entries' carried creations: one under such an id is never the same).
    const unknownMutable = batch.filter((op) => !APPEND_ONLY_TABLES.has(op.table) && !mutableKnown.has(op.opId)).map((op) => op.opId);
    const [elsewhere, carriedElsewhere] = await Promise.all([presentKeys(db.operations, unknownMutable), carriedUnder(unknownMutable)]);
    for (const op of batch) {
      const carriedOp = carriedElsewhere.get(op.opId);
      if (carriedOp !== undefined && rewritesHeld(carriedOp, op)) refuseChange(op, 'has the id of an operation this installation holds with other content');
    }
    const isKnown = (op: Operation) => (APPEND_ONLY_TABLES.has(op.table) ? knownAppendOnly.has(op.opId) : mutableKnown.has(op.opId) || elsewhere.has(op.opId));
    // Mutable records' operations known under another record are read and compared here. Known
    // log-entry operations are compared with the held ones when the import is applied (journal.ts
    // `lookUp` refuses the whole apply): reading every held one here as well doubled that cost for
    // a bundle that overlaps what is held (a snapshot after an increment: 50,000 entries, 6 s).
    const compared = batch.filter((op) => !APPEND_ONLY_TABLES.has(op.table) && !mutableKnown.has(op.opId) && elsewhere.has(op.opId));
    const heldOps = await db.operations.bulkGet(compared.map((op) => op.opId));
    compared.forEach((op, i) => {
      const mine = heldOps[i];
      if (mine !== undefined && rewritesHeld(mine, op)) refuseChange(op, 'has the id of an operation this installation holds with other content');
    });
    const recreated: Operation[] = [];
    for (const op of batch) {
      const appendOnlyOp = APPEND_ONLY_TABLES.has(op.table);
      const known = isKnown(op);
      if (!appendOnlyOp) {
        const mine = mutableKnown.get(op.opId);
        if (mine !== undefined && rewritesHeld(mine, op)) refuseChange(op, 'has the id of an operation this installation holds with other content');
      }
      if (known) continue;
      if (thisInstallation !== undefined && op.origin === thisInstallation) refuseChange(op, 'claims to come from this installation, whose journal does not hold it');
      if (!appendOnlyOp || op.kind !== 'create') continue;
      if (heldRecords.get(op.table)?.has(op.recordId) === true) recreated.push(op);
      if (createdInBundle !== null) {
        const key = `${op.table}/${op.recordId}`;
        const first = createdInBundle.get(key);
        if (first === undefined) createdInBundle.set(key, op);
        else if (!sameCreation(first, op)) refuseChange(op, 'creates a log entry the bundle creates already, differently (append-only)');
      }
    }
    for (const table of new Set(recreated.map((op) => op.table))) {
      const histories = await heldHistories(db, table, recreated.filter((op) => op.table === table).map((op) => op.recordId));
      for (const op of recreated.filter((o) => o.table === table)) {
        const creation = (histories.get(op.recordId) ?? []).find((o) => o.kind === 'create');
        if (creation !== undefined && !sameCreation(creation, op)) refuseChange(op, 'creates again, differently, a record held here already (append-only: a correction is a new entry)');
      }
    }
  };
  try {
    if (held !== null) {
      for (const batch of slices(held, PREVIEW_BATCH)) await count(batch);
    } else {
      for await (const batch of inBatches(bundle.operations(), STAGING_BATCH)) {
        await db.importStaging.put({ importId, seq: seq++, operations: batch });
        await count(batch);
      }
    }
  } catch (e) {
    await discardStaged(db, importId);
    throw e;
  }
  for (const entry of appendOnly.values()) {
    const change: RecordChange = !entry.held && !entry.created ? 'waiting' : entry.fresh === 0 ? 'unchanged' : entry.held ? 'changed' : 'new';
    counts[entry.table][change] += 1;
  }
  const merged = mergeOperations([...mutableKnown.values()], mutableIncoming);
  for (const record of merged.records.values()) {
    const row = counts[record.table as ReplicatedTable];
    row[record.change] += 1;
    row.conflicts += record.conflicts.length;
  }
  const sender = bundle.header.sender.installationId;
  const since = bundle.header.scope.since ?? {};
  // Gaps are only possible against what the bundle assumes held: no reading of the journal without.
  const gaps = Object.keys(since).length === 0 ? [] : findGaps(since, await heldVectorFor(db, bundle.header.workspace, since));
  return {
    bundle: summary,
    operations: held,
    importId,
    batches: seq,
    sequence: acceptSequence(await metaValue<number>(db, acceptedKey(sender)), bundle.header.sequence),
    gaps,
    counts,
    newOperations,
    incidentTitle,
    aheadOfThisClockMs: newest - Date.now(),
  };
}

/**
 * What `findGaps` needs of this installation's version vector, for the origins `since` names
 * only: per origin, a clock held at or after the one the bundle assumes (then there is no gap, and
 * which one does not matter), or else the newest clock held before it (the gap's start). Read on
 * the `[workspace+hlc]` index from the assumed clock on: for replicas in step that is the first
 * key looked at. The whole journal (tens of MB) used to be read for every incremental bundle.
 */
async function heldVectorFor(db: WorkbookDb, workspace: Workspace, since: VersionVector): Promise<VersionVector> {
  const held: Record<string, string> = {};
  for (const [origin, assumed] of Object.entries(since)) {
    const found = (await originOperationNear(db, workspace, origin, assumed, false)) ?? (await originOperationNear(db, workspace, origin, assumed, true));
    if (found) held[origin] = found.hlc;
  }
  return held;
}

function discardStaged(db: WorkbookDb, importId: string): Promise<number> {
  return db.importStaging.where('[importId+seq]').between([importId, Dexie.minKey], [importId, Dexie.maxKey]).delete();
}

/** Staged imports older than this were abandoned (the window closed or crashed mid-preview). */
const STALE_STAGING_MS = 24 * 60 * 60 * 1000;

/** Drop staged imports abandoned long ago (another window's import in progress is left alone). */
export async function clearStaleStaging(db: WorkbookDb, now: number = Date.now()): Promise<number> {
  const stale = new Set<string>();
  for (const [importId] of await db.importStaging.toCollection().primaryKeys()) {
    if (decodeTime(importId) < now - STALE_STAGING_MS) stale.add(importId);
  }
  let removed = 0;
  for (const importId of stale) removed += await discardStaged(db, importId);
  return removed;
}

/** The preview was closed without importing: drop what was staged (nothing when it was held in memory). */
export async function discardImport(db: WorkbookDb, preview: ImportPreview): Promise<void> {
  if (preview.batches > 0) await discardStaged(db, preview.importId);
}

/** Apply a previewed bundle: all of it in one transaction, or nothing. Returns the new operations' count. */
export async function applyImport(db: WorkbookDb, journal: ChangeJournal, preview: ImportPreview): Promise<number> {
  const sender = preview.bundle.header.sender.installationId;
  const afterApply = async () => {
    await db.meta.put({ key: acceptedKey(sender), value: preview.sequence.lastAccepted });
  };
  const added =
    preview.operations !== null
      ? await journal.applyVerified(preview.operations, afterApply)
      : await journal.applyStaged(preview.importId, preview.batches, afterApply);
  // Imported: it no longer waits in quarantine (a no-op when it came straight from a file).
  await db.quarantine.delete(preview.bundle.header.bundleId);
  return added;
}
