/**
 * The benchmark harness page: the app's own data layer (renderer/src/db) in real Chromium, driven
 * by the runner through `window.benchHarness`. Each call works on a database name it is given, in
 * a browser profile the runner made fresh for it; everything but the measured step (downloading
 * the dataset, setting up the replica, trusting the sender, reading the replica back) happens
 * outside the timed part.
 */
import { fileSourceFromBlob } from '../../renderer/src/platform/fileSource';
import type { BenchHarness, CeilingRunResult, HarnessDataset, ImportRunResult } from '../common/protocol';
import { asJournaled, bulkPutRecords, openPlainDexie, parseOperations, parseRecords } from './ceiling';
import { runExport, runImportHalf, runIncremental } from './exchangeRuns';
import { importAsTheAppDoes } from './importAsTheAppDoes';
import { assertReplica, checkReplica, setUpReplica, trustSender } from './replica';

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** Give the storage a moment to finish what set-up wrote, so it does not spill into the timing. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 500));
}

async function runImport(dataset: HarnessDataset, databaseName: string): Promise<ImportRunResult> {
  // As the browser platform hands over a picked file: a Blob, read as a stream by the import.
  const source = fileSourceFromBlob(dataset.bundleFileName, await (await fetchOk(dataset.bundleUrl)).blob());
  const cardText = await (await fetchOk(dataset.senderCardUrl)).text();
  const session = await setUpReplica(databaseName);
  await trustSender(session, cardText);
  await settle();

  const phases: Record<string, number> = {};
  const started = performance.now();
  const added = await importAsTheAppDoes(session, 'real', source, async (phase, body) => {
    const t0 = performance.now();
    try {
      return await body();
    } finally {
      phases[phase] = (phases[phase] ?? 0) + (performance.now() - t0);
    }
  });
  const totalMs = performance.now() - started;

  const replica = await checkReplica(session.db);
  session.db.close();
  assertReplica(replica, dataset.expected, true);
  if (added !== dataset.expected.operations) throw new Error(`the import reported ${added} new operations, expected ${dataset.expected.operations}`);
  return { kind: 'import', phases, totalMs, added, replica };
}

/** C (the records), or C+J (`withJournal`: the records and their journal operations), plain Dexie. */
async function runPlainWrite(dataset: HarnessDataset, databaseName: string, withJournal: boolean): Promise<CeilingRunResult> {
  const records = parseRecords(await (await fetchOk(dataset.recordsUrl)).text());
  let operations: Record<string, unknown>[] | undefined;
  if (withJournal) {
    if (dataset.operationsUrl === undefined) throw new Error('the harness dataset has no operations file (remake it: the runner is newer than the cache?)');
    operations = parseOperations(await (await fetchOk(dataset.operationsUrl)).text());
  }
  // As the journal stores them (prepared before the timing).
  const written = operations === undefined ? { records, operations } : asJournaled(records, operations);
  // The same starting point as the import: a freshly set-up installation.
  const session = await setUpReplica(databaseName);
  session.db.close();
  const db = await openPlainDexie(databaseName);
  await settle();

  const started = performance.now();
  await bulkPutRecords(db, written.records, written.operations);
  const bulkPutMs = performance.now() - started;

  const replica = await checkReplica(db);
  db.close();
  assertReplica(replica, dataset.expected, withJournal);
  return { kind: 'ceiling', bulkPutMs, replica };
}

const runCeiling = (dataset: HarnessDataset, databaseName: string) => runPlainWrite(dataset, databaseName, false);
const runCeilingJournal = (dataset: HarnessDataset, databaseName: string) => runPlainWrite(dataset, databaseName, true);

const harness: BenchHarness = { ready: true, runImport, runCeiling, runCeilingJournal, runImportHalf, runExport, runIncremental };
window.benchHarness = harness;
document.body.dataset['ready'] = 'true';
