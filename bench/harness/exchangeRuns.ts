/**
 * The exchange measurements of issue 8 in the harness page, with the app's own code
 * (renderer/src/db): export of the whole dataset (signed and compressed; and encrypted too),
 * import into a replica that holds half of it already, and an incremental one-entry bundle
 * between two replicas. Set-up (replicas, keyrings, seeding) is outside the timed parts; every
 * run ends by reading the replicas back and refusing the run unless they hold what they must.
 *
 * THE EXPORT MUST MIRROR renderer/src/features/exchange/ExportDialog.tsx `submit()`: the plan the
 * dialog shows (planExport, computed before the click, untimed), then `exportBundle`, and once the
 * file is saved `recordSent` and `recordCustody` (no courier, no logbook entry). Saving the file
 * itself (the platform's save dialog) is not timed; the bytes are there.
 */
import { canonicalize } from '../../shared/bundle/canonical';
import type { Operation } from '../../shared/journal/operation';
import { recordCustody } from '../../renderer/src/db/custody';
import { exportBundle, planExport, recordSent, verifyBundle, type ExportRequest, type ExportedBundle } from '../../renderer/src/db/exchange';
import { appendLogEntry } from '../../renderer/src/db/logbook';
import { workspaceOperations } from '../../renderer/src/db/queries';
import { fileSourceFromBlob, fileSourceFromBytes } from '../../renderer/src/platform/fileSource';
import type { ExportFigures, ExportRunResult, HarnessDataset, ImportHalfRunResult, IncrementalRunResult } from '../common/protocol';
import { seedDatabase } from '../common/rawSeed';
import { importAsTheAppDoes, type AppSession, type PhaseTimer } from './importAsTheAppDoes';
import { assertReplica, checkReplica, ownCardText, setUpReplica, trustSender, withIdentity } from './replica';

const WORKSPACE = 'real';
const SEED_BATCH = 10_000;

export async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** Give the storage a moment to finish what set-up wrote, so it does not spill into the timing. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 500));
}

/** A phase timer that adds each phase's milliseconds to `phases`. */
export function phaseTimer(phases: Record<string, number>): PhaseTimer {
  return async (phase, body) => {
    const t0 = performance.now();
    try {
      return await body();
    } finally {
      phases[phase] = (phases[phase] ?? 0) + (performance.now() - t0);
    }
  };
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the harness dataset has no ${what} (remake it: the runner is newer than the cache?)`);
  return value;
}

/** Canonical NDJSON bytes of operations, as shared/bundle/payload.ts counts `rawBytes`. */
function ndjsonBytes(operations: readonly Operation[]): number {
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const op of operations) bytes += encoder.encode(`${canonicalize(op)}\n`).length;
  return bytes;
}

/** Seed a set-up replica's database with an operations file (untimed); returns the milliseconds. */
async function seed(url: string, databaseName: string, expected: number): Promise<number> {
  const seeded = await seedDatabase({ url, databaseName, batchSize: SEED_BATCH });
  if (seeded.operations !== expected) throw new Error(`seeded ${seeded.operations} operations, expected ${expected}`);
  return seeded.ms;
}

// ---- import into a half-full replica ---------------------------------------------------------------

export async function runImportHalf(dataset: HarnessDataset, databaseName: string): Promise<ImportHalfRunResult> {
  const expectedHalf = need(dataset.expectedHalf, 'half expectation');
  const half = fileSourceFromBlob(need(dataset.halfBundleFileName, 'half bundle name'), await (await fetchOk(need(dataset.halfBundleUrl, 'half bundle'))).blob());
  const full = fileSourceFromBlob(dataset.bundleFileName, await (await fetchOk(dataset.bundleUrl)).blob());
  const cardText = await (await fetchOk(dataset.senderCardUrl)).text();
  const session = await setUpReplica(databaseName);
  await trustSender(session, cardText);

  // Untimed: the replica receives the half bundle first, through the same import path.
  const seedPhases: Record<string, number> = {};
  const seedAdded = await importAsTheAppDoes(session, WORKSPACE, half, phaseTimer(seedPhases));
  const seedMs = Object.values(seedPhases).reduce((a, b) => a + b, 0);
  assertReplica(await checkReplica(session.db), expectedHalf, true);
  await settle();

  const phases: Record<string, number> = {};
  const started = performance.now();
  const added = await importAsTheAppDoes(session, WORKSPACE, full, phaseTimer(phases));
  const totalMs = performance.now() - started;

  const replica = await checkReplica(session.db);
  session.db.close();
  assertReplica(replica, dataset.expected, true);
  const expectedAdded = dataset.expected.operations - expectedHalf.operations;
  if (added !== expectedAdded) throw new Error(`the import reported ${added} new operations, expected ${expectedAdded}`);
  return { kind: 'import-half', phases, totalMs, added, seedMs, seedAdded, replica };
}

// ---- export -------------------------------------------------------------------------------------

/** ExportDialog `submit()` for `request`: returns the bundle and its figures (recipient check untimed). */
async function exportAsTheAppDoes(session: AppSession, request: ExportRequest): Promise<{ bundle: ExportedBundle; bundleMs: number; recordMs: number; ndjsonBytes: number }> {
  const { db, journal, profile, keyStore } = session;
  // The dialog's live plan, there before the click.
  const plan = await planExport(db, request);
  const t0 = performance.now();
  const bundle = await exportBundle(db, request, profile.organisation, keyStore);
  const t1 = performance.now();
  await recordSent(db, request, bundle, plan.operations);
  await recordCustody(
    db,
    journal,
    {
      event: 'sent',
      bundleId: bundle.bundleId,
      fingerprint: bundle.fingerprint,
      peer: null,
      peerInstallationId: request.peers.length === 1 ? (request.peers[0] ?? null) : null,
      bundleWorkspace: request.workspace,
      operations: bundle.operations,
      fileName: bundle.fileName,
      carriedBy: null,
      sequence: bundle.sequence,
    },
    null,
  );
  const t2 = performance.now();
  if (bundle.operations !== plan.operations.length) throw new Error(`the bundle holds ${bundle.operations} operations, the plan ${plan.operations.length}`);
  return { bundle, bundleMs: t1 - t0, recordMs: t2 - t1, ndjsonBytes: ndjsonBytes(plan.operations) };
}

/** The recipient opens the file with the app's verifyBundle (untimed): signatures, every hash, decryption. */
async function verifiedBy(recipient: AppSession, bundle: ExportedBundle): Promise<number> {
  const result = await verifyBundle(recipient.db, fileSourceFromBytes(bundle.fileName, bundle.bytes), WORKSPACE, recipient.profile.id, recipient.keyStore);
  if (!result.ok) throw new Error(`the recipient refused the exported bundle: ${result.error.code} (${result.error.detail})`);
  return result.bundle.header.operations;
}

export async function runExport(dataset: HarnessDataset, databaseName: string): Promise<ExportRunResult> {
  const exporter = await withIdentity(await setUpReplica(databaseName, 'Benchmark Exporting Authority'));
  const recipient = await withIdentity(await setUpReplica(`${databaseName}-recipient`, 'Benchmark Recipient Authority'));
  const seedMs = await seed(new URL(need(dataset.operationsUrl, 'operations file'), location.href).href, databaseName, dataset.expected.operations);
  const recipientId = await trustSender(exporter, await ownCardText(recipient));
  await trustSender(recipient, await ownCardText(exporter));
  await settle();

  const figures = async (request: ExportRequest): Promise<ExportFigures> => {
    const made = await exportAsTheAppDoes(exporter, request);
    const verifiedOperations = await verifiedBy(recipient, made.bundle);
    if (verifiedOperations !== made.bundle.operations) throw new Error(`the recipient read ${verifiedOperations} operations, the bundle has ${made.bundle.operations}`);
    await settle();
    return {
      bundleMs: made.bundleMs,
      recordMs: made.recordMs,
      totalMs: made.bundleMs + made.recordMs,
      bytes: made.bundle.bytes.length,
      operations: made.bundle.operations,
      ndjsonBytes: made.ndjsonBytes,
      verifiedOperations,
    };
  };
  // Signed and compressed, for anyone; then also encrypted to one recipient.
  const plain = await figures({ workspace: WORKSPACE, peers: [], encrypt: false, scope: 'snapshot' });
  const encrypted = await figures({ workspace: WORKSPACE, peers: [recipientId], encrypt: true, scope: 'snapshot' });

  const replica = await checkReplica(exporter.db);
  exporter.db.close();
  recipient.db.close();
  assertReplica(replica, dataset.expected, true);
  // Everything in the workspace goes: the dataset and the built-in procedure pack.
  if (plain.operations < dataset.expected.operations) throw new Error(`the export holds ${plain.operations} operations, fewer than the dataset's ${dataset.expected.operations}`);
  return { kind: 'export', plain, encrypted, seedMs, replica };
}

// ---- incremental ---------------------------------------------------------------------------------

export async function runIncremental(dataset: HarnessDataset, databaseName: string): Promise<IncrementalRunResult> {
  const expectedHalf = need(dataset.expectedHalf, 'half expectation');
  const halfUrl = new URL(need(dataset.halfOperationsUrl, 'half operations file'), location.href).href;
  const a = await withIdentity(await setUpReplica(`${databaseName}-a`, 'Benchmark Authority A'));
  const b = await withIdentity(await setUpReplica(`${databaseName}-b`, 'Benchmark Authority B'));
  const seedMs = (await seed(halfUrl, `${databaseName}-a`, expectedHalf.operations)) + (await seed(halfUrl, `${databaseName}-b`, expectedHalf.operations));
  const bId = await trustSender(a, await ownCardText(b));
  await trustSender(b, await ownCardText(a));
  const request: ExportRequest = { workspace: WORKSPACE, peers: [bId], encrypt: false, scope: 'since-last' };
  // As after an earlier exchange: A has sent B everything it holds (bundle 1; the two hold the same).
  const held = await workspaceOperations(a.db, WORKSPACE);
  const earlier: ExportedBundle = { bundleId: 'earlier', fileName: 'earlier.cwb', bytes: new Uint8Array(0), fingerprint: '', sequence: 1, operations: held.length, leftOut: [] };
  await recordSent(a.db, request, earlier, held);
  // One new log entry on A, as the logbook screen appends it.
  const incident = await a.db.incidents.where('workspace').equals(WORKSPACE).first();
  if (!incident) throw new Error('replica A holds no incident');
  const now = new Date().toISOString();
  await appendLogEntry(a.db, a.journal, { incidentId: incident.id, kind: 'observation', text: 'Benchmark: one new observation after the last exchange, 198.51.100.7 beaconing again.', occurredAt: now, author: 'Bench Author, Benchmark Authority A', tlp: 'GREEN' }, WORKSPACE);
  await settle();

  const made = await exportAsTheAppDoes(a, request);
  const exportMs = made.bundleMs + made.recordMs;
  const phases: Record<string, number> = {};
  const started = performance.now();
  const added = await importAsTheAppDoes(b, WORKSPACE, fileSourceFromBytes(made.bundle.fileName, made.bundle.bytes), phaseTimer(phases));
  const importMs = performance.now() - started;

  const replicaA = await checkReplica(a.db);
  const replica = await checkReplica(b.db);
  a.db.close();
  b.db.close();
  const problems: string[] = [];
  if (made.bundle.operations !== 1) problems.push(`the incremental bundle holds ${made.bundle.operations} operations, expected 1`);
  if (added !== 1) problems.push(`B took ${added} new operations, expected 1`);
  if (replica.digest !== replicaA.digest) problems.push('B does not hold the same records as A');
  if (replica.logEntries !== expectedHalf.logEntries + 1) problems.push(`B holds ${replica.logEntries} log entries, expected ${expectedHalf.logEntries + 1}`);
  if (replica.conflicts !== 0 || replicaA.conflicts !== 0) problems.push('conflicts');
  if (problems.length > 0) throw new Error(`incremental: ${problems.join('; ')}`);
  return { kind: 'incremental', exportMs, bytes: made.bundle.bytes.length, operations: made.bundle.operations, importPhases: phases, importMs, added, seedMs, replica, replicaA };
}
