/**
 * Bundles in and out of this installation. Export: the journal's operations of one workspace
 * (all, or what a peer has not had yet), filtered by the TLP rules, signed with this
 * installation's key and, where recipients are chosen, encrypted to them. Import: every byte
 * verified against the keyring before anything else happens; a preview of what would change;
 * then everything applied in one transaction through the journal, or nothing.
 */
import { ageIdentityHandle } from '../../../shared/crypto/ports';
import { cardKeyIdHex } from '../../../shared/crypto/identity';
import { readBundle, type ReadBundleResult, type VerifiedBundle } from '../../../shared/bundle/readBundle';
import { filterOperationsByTlp, type TlpLeftOut } from '../../../shared/bundle/tlpPolicy';
import { writeBundle } from '../../../shared/bundle/writeBundle';
import { WorkbookError } from '../../../shared/errors/codes';
import type { Operation } from '../../../shared/journal/operation';
import { REPLICATED_TABLES, type ReplicatedTable } from '../../../shared/journal/tables';
import { acceptSequence, type SequenceVerdict } from '../../../shared/merge/acceptSequence';
import { mergeOperations, type RecordChange } from '../../../shared/merge/mergeOperations';
import { findGaps, mergeVectors, operationsSince, versionVector, type Gap, type VersionVector } from '../../../shared/merge/versionVector';
import type { Tlp } from '../../../shared/model/tlp';
import { exportFilePrefix, type Workspace } from '../../../shared/model/workspace';
import { getInstallationKeys } from './identity';
import type { ChangeJournal, RecordInput } from './journal';
import type { ExchangeLogEntry } from '../../../shared/model/exchangeLog';
import { webSigner } from '../identity/webKeys';
import { workspaceOperations } from './queries';
import type { WorkbookDb } from './WorkbookDb';

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
}

export interface ExportPlan {
  readonly operations: readonly Operation[];
  readonly leftOut: readonly TlpLeftOut[];
  readonly highestTlp: Tlp;
  readonly since: VersionVector | null;
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
    const entryIds = new Set(await db.logEntries.where('incidentId').equals(incidentId).primaryKeys());
    candidates = all.filter((op) => (op.table === 'incidents' && op.recordId === incidentId) || (op.table === 'logEntries' && entryIds.has(op.recordId)));
  }
  const labels = new Map<string, Tlp>();
  for (const table of REPLICATED_TABLES) {
    const ids = [...new Set(candidates.filter((op) => op.table === table).map((op) => op.recordId))];
    const records = await db.table(table).bulkGet(ids);
    for (const record of records as Array<{ id: string; tlp: Tlp } | undefined>) if (record) labels.set(`${table}/${record.id}`, record.tlp);
  }
  const decision = filterOperationsByTlp(candidates, { encryptedTo: request.encrypt ? request.peers : [] }, {
    currentTlp: (recordId, table) => labels.get(`${table}/${recordId}`),
  });
  return { operations: decision.included, leftOut: decision.leftOut, highestTlp: decision.highestTlp, since };
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
export async function exportBundle(db: WorkbookDb, request: ExportRequest, organisation: string): Promise<ExportedBundle> {
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
    signer: webSigner(keys),
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
  });
  const parts: Uint8Array[] = [];
  for await (const chunk of written.chunks) parts.push(chunk);
  const bytes = concat(parts);
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

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
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

export interface ImportPreview {
  readonly bundle: VerifiedBundle;
  readonly sequence: SequenceVerdict;
  readonly gaps: readonly Gap[];
  /** Per table: records new, changed, unchanged, waiting for their creation, with open conflicts. */
  readonly counts: Readonly<Record<ReplicatedTable, Readonly<Record<RecordChange | 'conflicts', number>>>>;
  readonly newOperations: number;
}

/** Verify a bundle against the keyring and this installation's keys; nothing is written. */
export async function verifyBundle(db: WorkbookDb, bytes: Uint8Array, workspace: Workspace, installationId: string): Promise<ReadBundleResult> {
  const keys = await getInstallationKeys(db);
  const keyring = await db.keyring.toArray();
  return readBundle(
    // eslint-disable-next-line @typescript-eslint/require-await -- the file is already in memory; readBundle reads streams
    (async function* () {
      yield bytes;
    })(),
    {
      resolveSigner: (keyIdHex) => {
        // Only a verified peer's key is trusted; an unverified one is as unknown as a stranger's.
        const peer = keyring.find((p) => cardKeyIdHex(p.card) === keyIdHex && p.trust !== 'unverified');
        return peer ? { publicKey: peer.card.signingKey, revoked: peer.trust === 'revoked' } : null;
      },
      identities: keys ? [ageIdentityHandle(keys.ageKey)] : [],
      expectedWorkspace: workspace,
      thisInstallation: installationId,
    },
  );
}

/**
 * Keep a bundle from an untrusted signer in quarantine (only when its header and signer card could
 * be read and the card's key made the signature: the reader checked that). Returns whether kept.
 */
export async function quarantineBundle(db: WorkbookDb, fileName: string, bytes: Uint8Array, refusal: Extract<ReadBundleResult, { ok: false }>): Promise<boolean> {
  if (refusal.error.code !== 'bundle-unknown-signer' || !refusal.header || !refusal.signerCard || !refusal.fingerprint) return false;
  await db.quarantine.put({
    bundleId: refusal.header.bundleId,
    receivedAt: new Date().toISOString(),
    fileName,
    fingerprint: refusal.fingerprint,
    signerCard: refusal.signerCard,
    workspace: refusal.header.workspace,
    operations: refusal.header.operations,
    bytes,
  });
  return true;
}

/** What importing a verified bundle would change. */
export async function previewImport(db: WorkbookDb, bundle: VerifiedBundle): Promise<ImportPreview> {
  const incoming = bundle.operations;
  const known = await db.operations.where('[table+recordId]').anyOf(incoming.map((op) => [op.table, op.recordId])).toArray();
  const merged = mergeOperations(known, incoming);
  const counts = Object.fromEntries(
    REPLICATED_TABLES.map((t) => [t, { new: 0, changed: 0, unchanged: 0, waiting: 0, conflicts: 0 }]),
  ) as Record<ReplicatedTable, Record<RecordChange | 'conflicts', number>>;
  for (const record of merged.records.values()) {
    const row = counts[record.table as ReplicatedTable];
    row[record.change] += 1;
    row.conflicts += record.conflicts.length;
  }
  const sender = bundle.header.sender.installationId;
  const since = bundle.header.scope.since ?? {};
  const held = versionVector(await workspaceOperations(db, bundle.header.workspace));
  return {
    bundle,
    sequence: acceptSequence(await metaValue<number>(db, acceptedKey(sender)), bundle.header.sequence),
    gaps: findGaps(since, held),
    counts,
    newOperations: merged.added.length,
  };
}

/** Apply a previewed bundle: all of it in one transaction, or nothing. Returns the new operations' count. */
export async function applyImport(db: WorkbookDb, journal: ChangeJournal, preview: ImportPreview): Promise<number> {
  const sender = preview.bundle.header.sender.installationId;
  const added = await journal.applyOperations(preview.bundle.operations, async () => {
    await db.meta.put({ key: acceptedKey(sender), value: preview.sequence.lastAccepted });
  });
  // Imported: it no longer waits in quarantine (a no-op when it came straight from a file).
  await db.quarantine.delete(preview.bundle.header.bundleId);
  return added;
}
