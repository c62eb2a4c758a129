/**
 * The crash harness page: the app's own data layer (renderer/src/db) in real Chromium, with a
 * real on-disk profile, so that test/e2e/crashRecovery.spec.ts can kill the browser with SIGKILL
 * in the middle of an import, an export, a schema upgrade or a burst of log writes, start it
 * again on the same profile and ask what survived. The work is the app's code path, not a copy:
 * the import is bench/harness/importAsTheAppDoes.ts (which mirrors the Exchange screen), the
 * export mirrors ExportDialog `submit()`, log entries go through `appendLogEntry`.
 */
import Dexie from 'dexie';
import { auditJournal } from '../../../renderer/src/db/audit';
import { allOperations } from '../../../renderer/src/db/journalStore';
import { recordCustody } from '../../../renderer/src/db/custody';
import { exportBundle, planExport, recordSent, type ExportRequest } from '../../../renderer/src/db/exchange';
import { appendLogEntry, openIncident, verifyIncidentChains } from '../../../renderer/src/db/logbook';
import { SCHEMA_V1 } from '../../../renderer/src/db/schema';
import { openWorkbookDb, openWorkbookDbAtStart, WorkbookDb } from '../../../renderer/src/db/WorkbookDb';
import { fileSourceFromBytes } from '../../../renderer/src/platform/fileSource';
import { fromBase64, toBase64 } from '../../../shared/crypto/bytes';
import { ChangeJournal, type RecordInput } from '../../../renderer/src/db/journal';
import { openKeyStore } from '../../../renderer/src/identity/openKeyStore';
import { newRecordId } from '../../../shared/model/ids';
import { EXERCISE_SCENARIO, exerciseScenarioOperations } from '../../../shared/seed/exerciseScenario';
import { importAsTheAppDoes, type AppSession } from '../../../bench/harness/importAsTheAppDoes';
import { ownCardText, setUpReplica, trustSender, withIdentity } from '../../../bench/harness/replica';
import type { ConsistencyReport, CrashHarness, PreparedBundle } from '../protocol';

const WORKSPACE = 'real';

function progress(what: string, detail: string | number): void {
  // The test reads these lines as acknowledgements: what was reported done must survive a kill.
  // eslint-disable-next-line no-console -- the console is this page's channel to the test
  console.log(`crash-progress ${what} ${detail}`);
}

function incidentInput(n: number): RecordInput<'incidents'> {
  return {
    title: `Crash-test incident ${n}`,
    summary: 'Made by the crash harness',
    escalation: 'incident',
    status: 'open',
    startedAt: new Date().toISOString(),
    memberStates: ['NL'],
    sectors: ['energy'],
    // GREEN: a bundle addressed to nobody in particular carries no AMBER or RED records.
    tlp: 'GREEN',
  };
}

async function logLines(session: AppSession, incidentId: string, count: number, label: string, report = false): Promise<void> {
  for (let i = 0; i < count; i++) {
    const entry = await appendLogEntry(
      session.db,
      session.journal,
      { incidentId, kind: 'observation', text: `${label} ${i}: pumping station reports loss of telemetry, fallback to manual`, occurredAt: new Date().toISOString(), author: 'Crash Harness', tlp: 'GREEN' },
      WORKSPACE,
    );
    if (report) progress('log-entry', entry.id);
  }
}

/** Opened sessions by database name: a call after a restart opens the database again. */
const sessions = new Map<string, AppSession>();

async function session(name: string): Promise<AppSession> {
  const held = sessions.get(name);
  if (held) return held;
  const db = await openWorkbookDb(new WorkbookDb(name, { autoOpen: false }));
  const profile = (await db.profile.toArray())[0];
  if (!profile) throw new Error(`${name} has no installation profile`);
  const journal = await ChangeJournal.open(db, profile.id);
  const opened = { db, journal, profile, keyStore: await openKeyStore(db, null, profile) };
  sessions.set(name, opened);
  return opened;
}

async function prepareBundle(entries: number, incidents: number): Promise<PreparedBundle> {
  const sender = await withIdentity(await setUpReplica('crash-sender', 'Crash Sender Authority'));
  const perIncident = Math.ceil(entries / incidents);
  for (let n = 0; n < incidents; n++) {
    const incident = await openIncident(sender.db, sender.journal, incidentInput(n), WORKSPACE, { text: 'Incident opened by the crash harness', author: 'Crash Harness' });
    await logLines(sender, incident.id, perIncident - 1, `sender ${n}`);
  }
  const request: ExportRequest = { workspace: WORKSPACE, peers: [], encrypt: false, scope: 'snapshot' };
  // The snapshot carries the built-in procedure pack too (origin "builtin", which every replica holds).
  const senderOperations = (await planExport(sender.db, request)).operations.filter((op) => op.origin === sender.profile.id).length;
  const bundle = await exportBundle(sender.db, request, sender.profile.organisation, sender.keyStore);
  const senderCard = await ownCardText(sender);
  sender.db.close();
  if (senderOperations < entries) throw new Error(`the bundle holds ${senderOperations} operations of the sender, expected at least ${entries}`);
  return { bundleBase64: toBase64(bundle.bytes), fileName: bundle.fileName, senderCard, senderInstallationId: sender.profile.id, senderOperations };
}

async function prepareReceiver(name: string, senderCard: string): Promise<void> {
  const receiver = await withIdentity(await setUpReplica(name, 'Crash Receiving Authority'));
  await trustSender(receiver, senderCard);
  const incident = await openIncident(receiver.db, receiver.journal, incidentInput(0), WORKSPACE, { text: 'Receiver’s own incident', author: 'Crash Harness' });
  await logLines(receiver, incident.id, 20, 'receiver');
  receiver.db.close();
}

/** Schema 1 records had no tombstone flag. */
function withoutTombstone<T extends { deleted?: boolean }>(record: T): Omit<T, 'deleted'> {
  const copy = { ...record };
  delete copy.deleted;
  return copy;
}

async function prepareVersion1(name: string, copies: number): Promise<number> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  const tables = ['incidents', 'logEntries', 'contacts', 'procedures'];
  const operations = exerciseScenarioOperations()
    .filter((op) => tables.includes(op.table))
    .map((op) => ({ ...op, fields: withoutTombstone(op.fields) }));
  // Copies of the scenario's log entries (new ids, each with its creating operation), so that the
  // upgrade has enough to do for a kill to land in the middle of it.
  const createOf = new Map(operations.filter((op) => op.table === 'logEntries' && op.kind === 'create').map((op) => [op.recordId, op]));
  const entries: Record<string, unknown>[] = EXERCISE_SCENARIO.logEntries.map(withoutTombstone);
  const copiedEntries: Record<string, unknown>[] = [];
  const copiedOperations: typeof operations = [];
  for (let c = 0; c < copies; c++) {
    for (const entry of EXERCISE_SCENARIO.logEntries) {
      const op = createOf.get(entry.id);
      if (!op) continue;
      const id = newRecordId();
      const record = { ...withoutTombstone(entry), id };
      copiedEntries.push(record);
      copiedOperations.push({ ...op, opId: newRecordId(), recordId: id, fields: record });
    }
  }
  await v1.table('operations').bulkAdd([...operations, ...copiedOperations]);
  await v1.table('incidents').bulkAdd(EXERCISE_SCENARIO.incidents.map(withoutTombstone));
  await v1.table('logEntries').bulkAdd([...entries, ...copiedEntries]);
  await v1.table('contacts').bulkAdd(EXERCISE_SCENARIO.contacts.map(withoutTombstone));
  await v1.table('procedures').bulkAdd(EXERCISE_SCENARIO.procedures.map(withoutTombstone));
  v1.close();
  return entries.length + copiedEntries.length;
}

async function importOnce(name: string, bundle: PreparedBundle): Promise<number> {
  const source = fileSourceFromBytes(bundle.fileName, fromBase64(bundle.bundleBase64));
  return importAsTheAppDoes(await session(name), WORKSPACE, source, (_phase, body) => body());
}

function startImport(name: string, bundle: PreparedBundle): Promise<void> {
  void importOnce(name, bundle).then(
    (added) => progress('import-done', added),
    (error: unknown) => progress('import-failed', String(error)),
  );
  return Promise.resolve();
}

function startLogBurst(name: string, count: number): Promise<void> {
  void (async () => {
    const s = await session(name);
    const incident = (await s.db.incidents.where('workspace').equals(WORKSPACE).toArray()).find((i) => i.origin === s.profile.id);
    if (!incident) throw new Error('the receiver has no incident of its own');
    await logLines(s, incident.id, count, 'burst', true);
    progress('burst-done', count);
  })().catch((error: unknown) => progress('burst-failed', String(error)));
  return Promise.resolve();
}

function startExports(name: string, count: number): Promise<void> {
  void (async () => {
    const s = await session(name);
    const request: ExportRequest = { workspace: WORKSPACE, peers: [], encrypt: false, scope: 'snapshot' };
    for (let i = 0; i < count; i++) {
      // ExportDialog `submit()`: the plan, the bundle, then (file handed over) sent and custody.
      const plan = await planExport(s.db, request);
      const bundle = await exportBundle(s.db, request, s.profile.organisation, s.keyStore);
      await recordSent(s.db, request, bundle, plan.operations);
      await recordCustody(
        s.db,
        s.journal,
        { event: 'sent', bundleId: bundle.bundleId, fingerprint: bundle.fingerprint, peer: null, peerInstallationId: null, bundleWorkspace: WORKSPACE, operations: bundle.operations, fileName: bundle.fileName, carriedBy: null, sequence: bundle.sequence },
        null,
      );
      progress('export-done', bundle.sequence);
    }
    progress('exports-done', count);
  })().catch((error: unknown) => progress('export-failed', String(error)));
  return Promise.resolve();
}

function startUpgrade(name: string): Promise<void> {
  void openWorkbookDb(new WorkbookDb(name, { autoOpen: false })).then(
    (db) => {
      progress('upgrade-done', db.verno);
      db.close();
    },
    (error: unknown) => progress('upgrade-failed', String(error)),
  );
  return Promise.resolve();
}

/**
 * Open `name` as the app's start does (renderer/src/app/Root.tsx): what the browser engine said if
 * it found the store damaged and cleared it, else null.
 */
async function openAtStart(name: string): Promise<string | null> {
  const db = new WorkbookDb(name, { autoOpen: false });
  try {
    return (await openWorkbookDbAtStart(db))?.detail ?? null;
  } finally {
    db.close();
  }
}

async function check(name: string, senderInstallationId: string | null, verifyChains: boolean): Promise<ConsistencyReport> {
  const db = await openWorkbookDb(new WorkbookDb(name, { autoOpen: false }));
  try {
    const audit = await auditJournal(db);
    const profile = (await db.profile.toArray())[0];
    const chainProblems: string[] = [];
    // The upgraded copies of the scenario share chain links on purpose (they are copies), so the
    // upgrade scenario checks the journal only.
    if (profile && verifyChains) {
      for (const incident of await db.incidents.toArray()) {
        const report = await verifyIncidentChains(db, incident.id, profile.id);
        if (!report.intact) chainProblems.push(`${incident.id}: ${JSON.stringify(report.findings).slice(0, 400)}`);
      }
    }
    const fromSender = senderInstallationId === null ? [] : (await allOperations(db)).filter((op) => op.origin === senderInstallationId);
    const senderOperationsByTable: Record<string, number> = {};
    for (const op of fromSender) senderOperationsByTable[`${op.table}/${op.kind}`] = (senderOperationsByTable[`${op.table}/${op.kind}`] ?? 0) + 1;
    const sent = await db.exchangeLog.filter((e) => e.event === 'sent').toArray();
    return {
      schemaVersion: db.verno,
      auditFindings: audit.findings.map((f) => `${f.kind} ${f.table}/${f.recordId}${'field' in f ? ` ${f.field}` : ''}`),
      recordsChecked: audit.recordsChecked,
      operationsChecked: audit.operationsChecked,
      chainProblems,
      operationsFromSender: fromSender.length,
      senderOperationsByTable,
      logEntryIds: (await db.logEntries.toCollection().primaryKeys()).map(String),
      stagedBatches: await db.importStaging.count(),
      sequence: Number((await db.meta.get('bundleSequence'))?.value ?? 0),
      sentSequences: sent.map((e) => e.sequence ?? 0),
    };
  } finally {
    db.close();
  }
}

const harness: CrashHarness = {
  ready: true,
  prepareBundle,
  prepareReceiver,
  prepareVersion1,
  startImport,
  startLogBurst,
  startExports,
  startUpgrade,
  openAtStart,
  check,
  importToEnd: importOnce,
};
window.crashHarness = harness;
document.body.dataset['ready'] = 'true';
