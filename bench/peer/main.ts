/**
 * The peer P of issue 8: how offline-first applications commonly move a database on a file. The
 * dataset's records go into PouchDB (`pouchdb-browser`, its default IndexedDB adapter) with
 * `bulkDocs`, one document per record (`_id` = `table/id`); the database is dumped to text with
 * `pouchdb-replication-stream` and loaded into an empty database with `pouchdb-load`. Each step
 * is timed apart; fetching and parsing the records file is not. The loaded database is read back
 * and must hold exactly the dataset's records (the same digest as the app's replicas).
 */
import PouchDB, { type PouchDatabase } from 'pouchdb-browser';
import load from 'pouchdb-load';
import replicationStream from 'pouchdb-replication-stream';
import { Writable } from 'stream';
import type { BenchPeer, HarnessDataset, PeerRunResult } from '../common/protocol';
import { recordDigest, type DigestRow } from '../common/recordDigest';

PouchDB.plugin(replicationStream.plugin);
PouchDB.adapter('writableStream', replicationStream.adapters.writableStream);
PouchDB.plugin(load);

/** Documents per bulkDocs call: as an application loading many records would batch them. */
const BATCH = 5_000;
const READ_PAGE = 10_000;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

/** Every document of `db`, back as the dataset's records (without PouchDB's `_id` and `_rev`). */
async function readBack(db: PouchDatabase): Promise<DigestRow[]> {
  const rows: DigestRow[] = [];
  let startkey: string | undefined;
  for (;;) {
    const page = await db.allDocs({ include_docs: true, limit: READ_PAGE + (startkey === undefined ? 0 : 1), ...(startkey === undefined ? {} : { startkey }) });
    const fresh = startkey === undefined ? page.rows : page.rows.slice(1);
    for (const row of fresh) {
      if (!row.doc) continue;
      const { _id: id, _rev: rev, ...record } = row.doc;
      void rev;
      const table = String(id).slice(0, String(id).indexOf('/'));
      rows.push({ table, record: record as DigestRow['record'] });
    }
    if (fresh.length === 0 || page.rows.length < READ_PAGE) break;
    startkey = page.rows[page.rows.length - 1]?.id;
  }
  return rows;
}

async function runPeer(dataset: HarnessDataset, databaseName: string): Promise<PeerRunResult> {
  const docs: Record<string, unknown>[] = [];
  for (const line of (await fetchText(dataset.recordsUrl)).split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const record = JSON.parse(line.slice(tab + 1)) as { id: string } & Record<string, unknown>;
    docs.push({ _id: `${line.slice(0, tab)}/${record.id}`, ...record });
  }
  const source = new PouchDB(`${databaseName}-source`);
  const target = new PouchDB(`${databaseName}-loaded`);
  const adapter = (await source.info()).adapter ?? 'unknown';
  await new Promise((resolve) => setTimeout(resolve, 500));

  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += BATCH) {
    const results = await source.bulkDocs(docs.slice(i, i + BATCH));
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(`bulkDocs refused ${failed.id ?? '?'}: ${failed.error ?? ''}`);
  }
  const bulkDocsMs = performance.now() - t0;

  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: unknown, _encoding: string, done: () => void) {
      chunks.push(String(chunk));
      done();
    },
  });
  const t1 = performance.now();
  await source.dump(sink);
  const dump = chunks.join('');
  const dumpMs = performance.now() - t1;

  const t2 = performance.now();
  await target.load(dump);
  const loadMs = performance.now() - t2;

  const rows = await readBack(target);
  const count = (table: string) => rows.filter((row) => row.table === table).length;
  const replica = { incidents: count('incidents'), logEntries: count('logEntries'), contacts: count('contacts'), procedures: count('procedures'), operations: 0, conflicts: 0, digest: await recordDigest(rows) };
  const dumpBytes = new TextEncoder().encode(dump).length;
  await source.destroy();
  await target.destroy();
  if (replica.digest !== dataset.expected.digest || rows.length !== docs.length) {
    throw new Error(`the loaded PouchDB database does not hold the dataset: ${rows.length} documents of ${docs.length}, digest ${replica.digest}`);
  }
  return { kind: 'peer', bulkDocsMs, batch: BATCH, dumpMs, loadMs, dumpBytes, adapter, replica };
}

const peer: BenchPeer = { ready: true, runPeer };
window.benchPeer = peer;
document.body.dataset['ready'] = 'true';
