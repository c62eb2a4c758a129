/**
 * The dataset on disk, made once per seed, size and runner build, under bench/.cache/datasets/:
 *
 *   bundle.cwb          the bundle, written by shared/bundle/writeBundle.ts exactly as an export
 *                       would, signed by the sender (createSeedSigner over its generated identity)
 *   records.tsv         the records, one `table TAB canonical JSON` line each (for the ceiling)
 *   sender.card.json    the sender's identity card, for the replica's keyring
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
import { DATASET_VERSION, generateDataset, type DatasetSpec } from './dataset';
import { mulberry32, seededUlid } from './prng';

export const BUNDLE_FILE = 'bundle.cwb';
export const RECORDS_FILE = 'records.tsv';
export const CARD_FILE = 'sender.card.json';
const META_FILE = 'meta.json';

export interface DatasetMeta {
  readonly key: string;
  readonly datasetVersion: number;
  readonly spec: DatasetSpec;
  readonly incidents: number;
  readonly logEntries: number;
  readonly operations: number;
  /** The `.cwb` file as written. */
  readonly bundleBytes: number;
  /** The operations as canonical NDJSON, uncompressed (what the payload holds before gzip). */
  readonly ndjsonBytes: number;
  readonly digest: string;
  readonly bundleId: string;
  readonly fingerprint: string;
  readonly sender: { readonly installationId: string; readonly organisation: string };
  readonly generatedAt: string;
  readonly generateMs: number;
}

export interface CachedDataset {
  readonly dir: string;
  readonly meta: DatasetMeta;
  readonly fromCache: boolean;
}

export function datasetKey(spec: DatasetSpec, codeHash: string): string {
  return `seed${spec.seed}-i${spec.incidents}-e${spec.logEntries}-v${DATASET_VERSION}-${codeHash.slice(0, 12)}`;
}

/** The dataset for `spec`, from the cache or made now. */
export async function prepareDataset(spec: DatasetSpec, cacheRoot: string, codeHash: string, log: (line: string) => void): Promise<CachedDataset> {
  const key = datasetKey(spec, codeHash);
  const dir = join(cacheRoot, 'datasets', key);
  const metaPath = join(dir, META_FILE);
  if (existsSync(metaPath) && [BUNDLE_FILE, RECORDS_FILE, CARD_FILE].every((f) => existsSync(join(dir, f)))) {
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

  const written = await writeBundle({
    operations: dataset.operations,
    signer,
    senderCard: secret.card,
    workspace: 'real',
    sequence: 1,
    scope: { kind: 'snapshot' },
    bundleId: seededUlid(Date.parse(createdAt), random),
    createdAt,
  });
  const file = await open(join(building, BUNDLE_FILE), 'w');
  let bundleBytes = 0;
  try {
    for await (const chunk of written.chunks) {
      await file.write(chunk);
      bundleBytes += chunk.length;
    }
  } finally {
    await file.close();
  }

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
    operations: dataset.operations.length,
    bundleBytes,
    ndjsonBytes: written.rawPayloadBytes,
    digest: await recordDigest([
      ...dataset.incidents.map((record) => ({ table: 'incidents', record })),
      ...dataset.logEntries.map((record) => ({ table: 'logEntries', record })),
    ]),
    bundleId: written.header.bundleId,
    fingerprint: written.fingerprint,
    sender: { installationId: secret.card.installationId, organisation: secret.card.organisation },
    generatedAt: new Date().toISOString(),
    generateMs: performance.now() - started,
  };
  await writeFile(join(building, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
  log(`made dataset ${key} in ${(meta.generateMs / 1000).toFixed(1)} s`);
  return { dir, meta, fromCache: false };
}
