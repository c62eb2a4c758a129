/**
 * The dataset of the `open-incident` measurement (issue 4: "time to open an incident with 100,000
 * entries and to filter it"): the suite's seeded dataset (bench/node/dataset.ts, same seed, same
 * records) with every log entry in the FIRST incident and real hash-chain links, as the app writes
 * them. Made once per seed, size and runner build, under bench/.cache/open-incident/<key>/:
 *
 *   operations.ndjson   the change-journal `create` operations, one JSON per line, as the
 *                       journal stores them (OperationSchema); a `create` carries the whole record,
 *                       so the page writes the records AND their operations from this one file
 *   meta.json           counts, the incident, the newest entry, the filter queries with the number
 *                       of entries each must leave, and the records' digest (written last)
 *
 * The expected counts come from the app's own filter (shared/logbook/timelineFilter.ts) and the
 * newest entry from its own timeline order, so the measurement waits for exactly what the app
 * must show, and a wrong result cannot pass for a fast one.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OperationSchema } from '../../shared/journal/operation';
import { EMPTY_TIMELINE_FILTER, filterTimeline, indexTimeline } from '../../shared/logbook/timelineFilter';
import type { LogEntry } from '../../shared/model/records';
import { recordDigest } from '../common/recordDigest';
import { DATASET_VERSION, generateDataset, type DatasetSpec } from './dataset';
import { mulberry32, seededUlid, type Random } from './prng';

export const OPERATIONS_FILE = 'operations.ndjson';
const META_FILE = 'meta.json';
/** Bump when what this module makes changes (beyond what DATASET_VERSION covers). */
const OPEN_INCIDENT_VERSION = 2;
/** Free-text filter queries typed per run. */
export const FILTER_QUERIES = 20;

export interface FilterQuery {
  readonly text: string;
  /** Entries the app's filter leaves for it. */
  readonly expected: number;
}

export interface OpenIncidentMeta {
  readonly key: string;
  readonly spec: DatasetSpec;
  /** The installation that wrote every record (the suite's bundle sender). */
  readonly origin: string;
  /** The incident holding every log entry. */
  readonly incidentId: string;
  readonly incidents: number;
  readonly logEntries: number;
  readonly operations: number;
  /** The last entry in the app's timeline order: what the timeline shows when it opens. */
  readonly newest: { readonly id: string; readonly text: string };
  readonly queries: readonly FilterQuery[];
  /** `recordDigest` of every incident and log entry. */
  readonly digest: string;
  readonly ndjsonBytes: number;
  readonly generatedAt: string;
  readonly generateMs: number;
}

export interface CachedOpenIncident {
  readonly dir: string;
  readonly meta: OpenIncidentMeta;
  readonly fromCache: boolean;
}

/** The same installation id bench/node/datasetCache.ts gives the bundle's sender. */
function senderInstallationId(spec: DatasetSpec): string {
  return seededUlid(Date.UTC(2026, 0, 5, 9, 0, 0), mulberry32(spec.seed ^ 0x5eed5eed));
}

/** Words of an entry worth typing: indicators, names, terms (no bare numbers or times). */
function candidateWords(text: string): string[] {
  return text
    .split(/[\s,;()]+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word.length >= 4 && !/^[\d:.%]+$/.test(word) && !/^\d+:\d+$/.test(word));
}

/**
 * Queries as people type them into the filter: one word, an indicator (address, hash, domain,
 * CVE), two words of one entry; lower case; and one that matches nothing. Each must hide
 * something (else the list would not change and there would be nothing to wait for).
 */
function makeQueries(entries: readonly LogEntry[], seed: number): FilterQuery[] {
  const random: Random = mulberry32(seed ^ 0x0f11e75);
  const index = indexTimeline(entries);
  const total = index.entries.length;
  const count = (text: string) => filterTimeline(index, { ...EMPTY_TIMELINE_FILTER, text }).length;
  const queries: FilterQuery[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; queries.length < FILTER_QUERIES - 1 && attempt < 10_000; attempt += 1) {
    const words = candidateWords(random.pick(entries).text);
    if (words.length === 0) continue;
    const first = random.pick(words).toLowerCase();
    const others = words.map((word) => word.toLowerCase()).filter((word) => word !== first);
    const text = queries.length % 4 === 3 && others.length > 0 ? `${first} ${random.pick(others)}` : first;
    if (seen.has(text)) continue;
    const expected = count(text);
    if (expected === 0 || expected >= total) continue;
    seen.add(text);
    queries.push({ text, expected });
  }
  // Put the no-match query in the middle, not first: the first query may pay for folding.
  const none = 'zq-no-such-indicator-7x';
  queries.splice(Math.floor(queries.length / 2), 0, { text: none, expected: count(none) });
  return queries;
}

export function openIncidentKey(spec: DatasetSpec, codeHash: string): string {
  return `seed${spec.seed}-i${spec.incidents}-e${spec.logEntries}-v${DATASET_VERSION}.${OPEN_INCIDENT_VERSION}-${codeHash.slice(0, 12)}`;
}

/** The open-incident dataset for `spec`, from the cache or made now. */
export async function prepareOpenIncident(spec: DatasetSpec, cacheRoot: string, codeHash: string, log: (line: string) => void): Promise<CachedOpenIncident> {
  const key = openIncidentKey(spec, codeHash);
  const dir = join(cacheRoot, 'open-incident', key);
  const metaPath = join(dir, META_FILE);
  if (existsSync(metaPath) && existsSync(join(dir, OPERATIONS_FILE))) {
    return { dir, meta: JSON.parse(await readFile(metaPath, 'utf8')) as OpenIncidentMeta, fromCache: true };
  }
  log(`making open-incident dataset ${key} …`);
  const started = performance.now();
  const building = `${dir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });

  const origin = senderInstallationId(spec);
  const dataset = generateDataset(spec, origin, { allEntriesInFirstIncident: true, chains: true, withoutDirectory: true });
  const incident = dataset.incidents[0];
  if (!incident) throw new Error('the open-incident dataset needs at least one incident');

  const file = await open(join(building, OPERATIONS_FILE), 'w');
  let ndjsonBytes = 0;
  try {
    let batch: string[] = [];
    const flush = async () => {
      const text = batch.join('');
      ndjsonBytes += Buffer.byteLength(text);
      await file.write(text);
      batch = [];
    };
    for (const op of dataset.operations) {
      // As the journal stores an operation (applyOperations parses every one).
      const stored = OperationSchema.parse(op);
      batch.push(`${JSON.stringify(stored)}\n`);
      if (batch.length === 2_000) await flush();
    }
    await flush();
  } finally {
    await file.close();
  }

  const index = indexTimeline(dataset.logEntries);
  const newest = index.entries[index.entries.length - 1];
  if (!newest) throw new Error('the open-incident dataset has no log entries');
  const meta: OpenIncidentMeta = {
    key,
    spec,
    origin,
    incidentId: incident.id,
    incidents: dataset.incidents.length,
    logEntries: dataset.logEntries.length,
    operations: dataset.operations.length,
    newest: { id: newest.id, text: newest.text },
    queries: makeQueries(dataset.logEntries, spec.seed),
    digest: await recordDigest([
      ...dataset.incidents.map((record) => ({ table: 'incidents', record })),
      ...dataset.logEntries.map((record) => ({ table: 'logEntries', record })),
    ]),
    ndjsonBytes,
    generatedAt: new Date().toISOString(),
    generateMs: performance.now() - started,
  };
  await writeFile(join(building, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
  log(`made open-incident dataset ${key} in ${(meta.generateMs / 1000).toFixed(1)} s`);
  return { dir, meta, fromCache: false };
}
