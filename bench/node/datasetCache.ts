/**
 * The dataset on disk, made once per seed, size and runner build, under bench/.cache/datasets/:
 *
 *   bundle.cwb          the bundle, written by shared/bundle/writeBundle.ts exactly as an export
 *                       would, signed by the sender (createSeedSigner over its generated identity)
 *   records.tsv         the records, one `table TAB canonical JSON` line each (for the ceiling)
 *   sender.card.json    the sender's identity card, for the replica's keyring
 *   operations.ndjson   the operations as the journal stores them, one JSON per line (to seed a
 *                       replica outside the timing, as bench/common/rawSeed.ts does)
 *   half.cwb            the bundle of "half" the dataset: every operation but those of the second
 *                       half of the log entries (sequence 1; the full bundle is number 2)
 *   half.ndjson         the same operations as operations.ndjson does the full set
 *   meta.json           sizes, counts and the records' digest (written last: its presence marks a
 *                       complete entry)
 *
 * The cache key holds the hash of the runner build, which bundles shared/: when the bundle
 * writer or the model changes, the dataset is made again rather than measured stale.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle } from '../../shared/bundle/writeBundle';
import { fromBase64 } from '../../shared/crypto/bytes';
import { cardSigningKey, generateIdentity, identityCardText } from '../../shared/crypto/identity';
import { createSeedSigner } from '../../shared/crypto/seedSigner';
import { canonicalJson } from '../../shared/journal/canonical';
import { recordDigest } from '../common/recordDigest';
import { OperationSchema, type Operation } from '../../shared/journal/operation';
import { DATASET_VERSION, datasetRecords, generateDataset, type DatasetSpec } from './dataset';
import { SEARCH_QUERIES, makeSearchQueries, type SearchQuery } from './searchQueries';
import { mulberry32, seededUlid } from './prng';

export const BUNDLE_FILE = 'bundle.cwb';
export const RECORDS_FILE = 'records.tsv';
export const CARD_FILE = 'sender.card.json';
export const OPERATIONS_FILE = 'operations.ndjson';
export const HALF_BUNDLE_FILE = 'half.cwb';
export const HALF_OPERATIONS_FILE = 'half.ndjson';
const META_FILE = 'meta.json';

export interface DatasetMeta {
  readonly key: string;
  readonly datasetVersion: number;
  readonly spec: DatasetSpec;
  readonly incidents: number;
  readonly logEntries: number;
  readonly contacts: number;
  readonly procedures: number;
  readonly procedureVersions: number;
  readonly operations: number;
  /** Operations in half.cwb: all but those of the second half of the log entries. */
  readonly halfOperations: number;
  readonly halfLogEntries: number;
  readonly halfDigest: string;
  readonly halfBundleBytes: number;
  /** The `.cwb` file as written. */
  readonly bundleBytes: number;
  /** The operations as canonical NDJSON, uncompressed (what the payload holds before gzip). */
  readonly ndjsonBytes: number;
  readonly digest: string;
  /** `recordDigest` of the incidents and log entries only (what the real-app read-back digests). */
  readonly logbookDigest: string;
  readonly bundleId: string;
  readonly fingerprint: string;
  readonly sender: { readonly installationId: string; readonly organisation: string };
  /** The global-search queries (bench/node/searchQueries.ts), typed by the `search` measurement. */
  readonly searchQueries: readonly SearchQuery[];
  readonly generatedAt: string;
  readonly generateMs: number;
}

export interface CachedDataset {
  readonly dir: string;
  readonly meta: DatasetMeta;
  readonly fromCache: boolean;
}

export function datasetKey(spec: DatasetSpec, codeHash: string): string {
  return `seed${spec.seed}-i${spec.incidents}-e${spec.logEntries}-c${spec.contacts}-p${spec.procedures}-v${DATASET_VERSION}-${codeHash.slice(0, 12)}`;
}

/** Operations as the journal stores them (OperationSchema), one JSON per line. */
async function writeNdjson(path: string, operations: readonly Operation[]): Promise<void> {
  const handle = await open(path, 'w');
  try {
    for (let i = 0; i < operations.length; i += 2_000) {
      await handle.write(operations.slice(i, i + 2_000).map((op) => `${JSON.stringify(OperationSchema.parse(op))}\n`).join(''));
    }
  } finally {
    await handle.close();
  }
}

/** The dataset for `spec`, from the cache or made now. */
export async function prepareDataset(spec: DatasetSpec, cacheRoot: string, codeHash: string, log: (line: string) => void): Promise<CachedDataset> {
  const key = datasetKey(spec, codeHash);
  const dir = join(cacheRoot, 'datasets', key);
  const metaPath = join(dir, META_FILE);
  if (existsSync(metaPath) && [BUNDLE_FILE, RECORDS_FILE, CARD_FILE, OPERATIONS_FILE, HALF_BUNDLE_FILE, HALF_OPERATIONS_FILE].every((f) => existsSync(join(dir, f)))) {
    return { dir, meta: JSON.parse(await readFile(metaPath, 'utf8')) as DatasetMeta, fromCache: true };
  }
  log(`making dataset ${key} …`);
  const started = performance.now();
  const building = `${dir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });

  const random = mulberry32(spec.seed ^ 0x5eed5eed);
  const secret = await generateIdentity({
    installationId: seededUlid(Date.UTC(2026, 0, 5, 9, 0, 0), random),
    organisation: 'CCB Belgium (benchmark sender)',
    country: 'BE',
    person: 'Bench Sender',
    role: 'csirt',
  });
  const signer = createSeedSigner(fromBase64(secret.signingSeed), cardSigningKey(secret.card).keyId);
  const dataset = generateDataset(spec, secret.card.installationId);
  const last = dataset.operations[dataset.operations.length - 1];
  const createdAt = new Date((last ? Date.parse(last.hlc.slice(0, 24)) : Date.UTC(2026, 2, 10)) + 60_000).toISOString();

  // The half the `import-half` and `incremental` replicas hold: everything but the second half of the log.
  const secondHalf = new Set(dataset.logEntries.slice(dataset.logEntries.length - Math.floor(dataset.logEntries.length / 2)).map((e) => e.id));
  const half = dataset.operations.filter((op) => !(op.table === 'logEntries' && secondHalf.has(op.recordId)));
  const writeBundleFile = async (operations: readonly Operation[], sequence: number, file: string) => {
    const written = await writeBundle({
      operations,
      signer,
      senderCard: secret.card,
      workspace: 'real',
      sequence,
      scope: { kind: 'snapshot' },
      bundleId: seededUlid(Date.parse(createdAt) + sequence, random),
      createdAt,
    });
    const handle = await open(join(building, file), 'w');
    let bytes = 0;
    try {
      for await (const chunk of written.chunks) {
        await handle.write(chunk);
        bytes += chunk.length;
      }
    } finally {
      await handle.close();
    }
    return { written, bytes };
  };
  const halfBundle = await writeBundleFile(half, 1, HALF_BUNDLE_FILE);
  const { written, bytes: bundleBytes } = await writeBundleFile(dataset.operations, 2, BUNDLE_FILE);
  await writeNdjson(join(building, OPERATIONS_FILE), dataset.operations);
  await writeNdjson(join(building, HALF_OPERATIONS_FILE), half);

  const records = await open(join(building, RECORDS_FILE), 'w');
  try {
    let batch: string[] = [];
    for (const op of dataset.operations) {
      batch.push(`${op.table}\t${canonicalJson(op.fields)}\n`);
      if (batch.length === 2_000) {
        await records.write(batch.join(''));
        batch = [];
      }
    }
    await records.write(batch.join(''));
  } finally {
    await records.close();
  }
  await writeFile(join(building, CARD_FILE), identityCardText(secret.card));

  const meta: DatasetMeta = {
    key,
    datasetVersion: DATASET_VERSION,
    spec,
    incidents: dataset.incidents.length,
    logEntries: dataset.logEntries.length,
    contacts: dataset.contacts.length,
    procedures: dataset.procedures.length,
    procedureVersions: dataset.procedureVersions.length,
    operations: dataset.operations.length,
    halfOperations: half.length,
    halfLogEntries: dataset.logEntries.length - secondHalf.size,
    halfDigest: await recordDigest(datasetRecords(dataset).filter((row) => !(row.table === 'logEntries' && secondHalf.has(row.record.id)))),
    halfBundleBytes: halfBundle.bytes,
    bundleBytes,
    ndjsonBytes: written.rawPayloadBytes,
    digest: await recordDigest(datasetRecords(dataset)),
    logbookDigest: await recordDigest(datasetRecords(dataset).filter((row) => row.table === 'incidents' || row.table === 'logEntries')),
    bundleId: written.header.bundleId,
    fingerprint: written.fingerprint,
    sender: { installationId: secret.card.installationId, organisation: secret.card.organisation },
    searchQueries: makeSearchQueries(dataset, SEARCH_QUERIES),
    generatedAt: new Date().toISOString(),
    generateMs: performance.now() - started,
  };
  await writeFile(join(building, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
  log(`made dataset ${key} in ${(meta.generateMs / 1000).toFixed(1)} s`);
  return { dir, meta, fromCache: false };
}
