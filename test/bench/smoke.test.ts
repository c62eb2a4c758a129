/**
 * The benchmark suite (bench/, `npm run bench`) in its smoke mode, end to end: dataset, bundle,
 * harness build, Chromium on fresh profiles, result file. It asserts what the run did, never how
 * fast (issue 8: benchmarks are not timing assertions): every figure was measured, the replicas
 * hold exactly the dataset's records, and the bundle, the records file and the replicas agree
 * with each other, re-derived here independently of the runner.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../shared/bundle/readBundle';
import { cardKeyIdHex, parseIdentityCard } from '../../shared/crypto/identity';
import { canonicalJson } from '../../shared/journal/canonical';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** The parts of bench/node/report.ts `BenchResult` this test reads (bench/ is its own project). */
interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}
interface Replica {
  readonly incidents: number;
  readonly logEntries: number;
  readonly operations: number;
  readonly conflicts: number;
  readonly digest: string;
}
interface SmokeResult {
  readonly format: string;
  readonly mode: string;
  readonly runs: number;
  readonly environment: { readonly appVersion: string; readonly node: string; readonly chromium: string | null; readonly cpuCount: number; readonly loadAverage: { readonly start: readonly number[] } };
  readonly dataset: { readonly key: string; readonly incidents: number; readonly logEntries: number; readonly operations: number; readonly digest: string; readonly bundleBytes: number; readonly ndjsonBytes: number };
  readonly sizes: { readonly bundleBytes: number; readonly ndjsonBytes: number; readonly bundleOverNdjson: number };
  readonly figures: Readonly<Record<string, Summary>>;
  readonly ratios: Readonly<Record<string, number>>;
  readonly replicas: readonly { readonly run: number; readonly measurement: string; readonly replica: Replica }[];
}

const FIGURES = ['import-empty.verify', 'import-empty.preview', 'import-empty.apply', 'import-empty.total', 'ceiling.bulkPut'];

describe('npm run bench -- --smoke', () => {
  let scratch: string | undefined;
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('measures every figure in Chromium on replicas that hold exactly the dataset', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'crisis-workbook-bench-smoke-'));
    const out = join(scratch, 'smoke.json');
    // Port 0: any free port, so the smoke test never collides with a full run or the e2e server.
    const { stdout } = await run(process.execPath, ['bench/run.mjs', '--smoke', '--port', '0', '--out', out], {
      cwd: ROOT,
      timeout: 150_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(await readFile(out, 'utf8')) as SmokeResult;

    expect(result).toMatchObject({ format: 'crisis-workbook-bench', mode: 'smoke', runs: 1 });
    expect(result.dataset).toMatchObject({ incidents: 4, logEntries: 196, operations: 200 });
    expect(result.environment.node).toBe(process.version);
    expect(result.environment.chromium).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(result.environment.cpuCount).toBeGreaterThan(0);
    expect(result.environment.loadAverage.start).toHaveLength(3);

    // Every figure measured, positive, and its summary consistent with its one sample.
    expect(Object.keys(result.figures).sort()).toEqual([...FIGURES].sort());
    for (const key of FIGURES) {
      const figure = result.figures[key];
      expect(figure?.samples, key).toHaveLength(1);
      expect(figure?.median, key).toBeGreaterThan(0);
      expect(figure?.min, key).toBe(figure?.median);
      expect(figure?.max, key).toBe(figure?.median);
    }
    const figure = (key: string) => result.figures[key]?.median ?? Number.NaN;
    const phases = figure('import-empty.verify') + figure('import-empty.preview') + figure('import-empty.apply');
    expect(figure('import-empty.total')).toBeGreaterThanOrEqual(phases - 1);
    expect(result.ratios['importOverCeiling']).toBeGreaterThan(0);
    expect(stdout).toContain('import total');
    expect(stdout).toContain('C: Dexie bulkPut');

    // Sizes: the bundle is compressed NDJSON plus a header and signatures.
    expect(result.sizes.bundleBytes).toBe(result.dataset.bundleBytes);
    expect(result.sizes.bundleBytes).toBeGreaterThan(0);
    expect(result.sizes.bundleBytes).toBeLessThan(result.sizes.ndjsonBytes);

    // Each replica (import and ceiling) holds exactly the dataset's records; the import also its operations.
    expect(result.replicas.map((r) => r.measurement).sort()).toEqual(['ceiling', 'import-empty']);
    for (const { measurement, replica } of result.replicas) {
      expect(replica, measurement).toMatchObject({ incidents: 4, logEntries: 196, conflicts: 0, digest: result.dataset.digest });
      expect(replica.operations, measurement).toBe(measurement === 'import-empty' ? 200 : 0);
    }

    // Independently of the runner: the cached files agree with each other and with that digest.
    const dir = join(ROOT, 'bench/.cache/datasets', result.dataset.key);
    const lines = (await readFile(join(dir, 'records.tsv'), 'utf8')).split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(200);
    const rows = lines.map((line) => {
      const [table = '', json = ''] = line.split('\t');
      return { table, id: (JSON.parse(json) as { id: string }).id, line: `${line}\n` };
    });
    rows.sort((a, b) => (a.table !== b.table ? (a.table < b.table ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(createHash('sha256').update(rows.map((r) => r.line).join('')).digest('hex')).toBe(result.dataset.digest);

    const card = parseIdentityCard(await readFile(join(dir, 'sender.card.json'), 'utf8'));
    if (!card.ok) throw new Error(card.detail);
    expect((await stat(join(dir, 'bundle.cwb'))).size).toBe(result.dataset.bundleBytes);
    const read = await readBundle(createReadStream(join(dir, 'bundle.cwb')), {
      resolveSigner: (keyId) => (keyId === cardKeyIdHex(card.card) ? { publicKey: card.card.signingKey } : null),
      expectedWorkspace: 'real',
    });
    if (!read.ok) throw new Error(`${read.error.code}: ${read.error.detail}`);
    expect(read.bundle.operations.map((op) => `${op.table}\t${canonicalJson(op.fields)}`)).toEqual(lines);
    expect(read.bundle.operations.every((op) => op.kind === 'create' && op.workspace === 'real' && op.origin === card.card.installationId)).toBe(true);
  }, 180_000);
});
