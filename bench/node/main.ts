/**
 * `npm run bench`: the performance suite of issue 8. Makes (or takes from the cache) the seeded
 * dataset and its bundle, builds the harness page, serves both on 127.0.0.1, runs every
 * measurement in Chromium on a fresh profile per run, prints a table and writes the JSON result.
 *
 *   npm run bench                       full dataset, 5 runs → bench/results/latest.json
 *   npm run bench -- --smoke            tiny dataset, 1 run  → bench/.cache/results/smoke.json
 *                                       (also: BENCH_SMOKE=1 npm run bench)
 *   options: --runs N --seed N --incidents N --log-entries N --port N (0: any free port) --out FILE
 *
 * Benchmarks never assert timings; the smoke mode exists so that CI runs the whole path on every
 * change and it cannot rot. Runs by bench/run.mjs, which bundles this file for Node.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import type { HarnessDataset } from '../common/protocol';
import { inFreshProfile } from './chromium';
import { BUNDLE_FILE, CARD_FILE, RECORDS_FILE, prepareDataset } from './datasetCache';
import type { DatasetSpec } from './dataset';
import { describeEnvironment, finishEnvironment } from './environment';
import { MEASUREMENTS } from './measurements';
import { RESULT_FORMAT, RESULT_VERSION, formatTable, type BenchResult } from './report';
import { startServer } from './server';
import { summarise, type Summary } from './stats';

export const DEFAULT_PORT = 41790;
const DEFAULT_SEED = 20260310;
const FULL: DatasetSpec = { seed: DEFAULT_SEED, incidents: 20, logEntries: 100_000 };
const SMOKE: DatasetSpec = { seed: DEFAULT_SEED, incidents: 4, logEntries: 196 };

interface Options {
  readonly mode: 'full' | 'smoke';
  readonly spec: DatasetSpec;
  readonly runs: number;
  readonly port: number;
  readonly out: string;
}

function positiveInteger(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${text}`);
  return value;
}

function parseOptions(root: string, argv: readonly string[]): Options | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      smoke: { type: 'boolean' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      incidents: { type: 'string' },
      'log-entries': { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return null;
  const smoke = values.smoke === true || process.env['BENCH_SMOKE'] === '1';
  const base = smoke ? SMOKE : FULL;
  const spec: DatasetSpec = {
    seed: positiveInteger('seed', values.seed, base.seed, 0),
    incidents: positiveInteger('incidents', values.incidents, base.incidents),
    logEntries: positiveInteger('log-entries', values['log-entries'], base.logEntries),
  };
  return {
    mode: smoke ? 'smoke' : 'full',
    spec,
    runs: positiveInteger('runs', values.runs, smoke ? 1 : 5),
    port: positiveInteger('port', values.port, DEFAULT_PORT, 0),
    out: resolve(values.out ?? join(root, smoke ? 'bench/.cache/results/smoke.json' : 'bench/results/latest.json')),
  };
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

export async function main(context: { root: string; argv: readonly string[]; codeHash: string }): Promise<number> {
  let options: Options | null;
  try {
    options = parseOptions(context.root, context.argv);
  } catch (e) {
    log(e instanceof Error ? e.message : String(e));
    return 2;
  }
  if (options === null) {
    process.stdout.write('usage: npm run bench [-- --smoke] [--runs N] [--seed N] [--incidents N] [--log-entries N] [--port N] [--out FILE]\n');
    return 0;
  }
  const { root } = context;
  const startedAt = new Date().toISOString();
  const environment = describeEnvironment(root);

  const dataset = await prepareDataset(options.spec, join(root, 'bench/.cache'), context.codeHash, log);
  const meta = dataset.meta;
  log(`dataset ${meta.key}${dataset.fromCache ? ' (cached)' : ''}: ${meta.operations} operations, bundle ${meta.bundleBytes} bytes, NDJSON ${meta.ndjsonBytes} bytes`);

  const pageDir = join(root, 'dist/bench');
  log('building the harness page …');
  await build({ configFile: join(root, 'vite.bench.config.ts'), root: join(root, 'bench/harness'), logLevel: 'warn' });

  const server = await startServer({ pageDir, dataDir: dataset.dir, port: options.port }).catch((e: unknown) => {
    throw new Error(`cannot serve on 127.0.0.1:${options.port} (${e instanceof Error ? e.message : String(e)}); choose another with --port`);
  });
  const harnessDataset: HarnessDataset = {
    bundleUrl: `data/${BUNDLE_FILE}`,
    bundleFileName: `benchmark-${meta.operations}-operations.cwb`,
    recordsUrl: `data/${RECORDS_FILE}`,
    senderCardUrl: `data/${CARD_FILE}`,
    expected: { incidents: meta.incidents, logEntries: meta.logEntries, operations: meta.operations, digest: meta.digest },
  };

  const samples = new Map<string, number[]>();
  const labels: Record<string, string> = {};
  const replicas: BenchResult['replicas'][number][] = [];
  let chromiumVersion: string | null = null;
  try {
    log(`serving ${server.url}; ${options.runs} run(s) of ${MEASUREMENTS.map((m) => m.id).join(', ')}`);
    for (let run = 1; run <= options.runs; run += 1) {
      // Alternate the order, so neither measurement always runs on a machine warmed by the other.
      const order = run % 2 === 1 ? MEASUREMENTS : [...MEASUREMENTS].reverse();
      for (const measurement of order) {
        const outcome = await inFreshProfile(server.url, (page) => measurement.run(page, harnessDataset, `bench-${measurement.id}-${run}`), log);
        chromiumVersion = outcome.chromiumVersion;
        for (const [figure, ms] of Object.entries(outcome.value.figures)) {
          const key = `${measurement.id}.${figure}`;
          samples.set(key, [...(samples.get(key) ?? []), ms]);
        }
        replicas.push({ run, measurement: measurement.id, replica: outcome.value.replica });
        const shown = Object.entries(outcome.value.figures).map(([figure, ms]) => `${figure} ${(ms / 1000).toFixed(2)} s`);
        log(`run ${run}/${options.runs} ${measurement.id}: ${shown.join(', ')}`);
      }
    }
  } finally {
    await server.close();
  }

  // Figures in the order the measurements declare them; any phase they did not declare goes last.
  const figures: Record<string, Summary> = {};
  for (const measurement of MEASUREMENTS) {
    const declared = Object.keys(measurement.figureLabels).map((figure) => `${measurement.id}.${figure}`);
    const reported = [...samples.keys()].filter((key) => key.startsWith(`${measurement.id}.`));
    for (const key of [...declared.filter((k) => samples.has(k)), ...reported.filter((k) => !declared.includes(k))]) {
      figures[key] = summarise(samples.get(key) ?? []);
      labels[key] = measurement.figureLabels[key.slice(measurement.id.length + 1)] ?? key;
    }
  }
  const ratios: Record<string, number> = {};
  const importTotal = figures['import-empty.total'];
  const ceiling = figures['ceiling.bulkPut'];
  if (importTotal && ceiling) ratios['importOverCeiling'] = Math.round((importTotal.median / ceiling.median) * 100) / 100;

  const result: BenchResult = {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    mode: options.mode,
    startedAt,
    finishedAt: new Date().toISOString(),
    runs: options.runs,
    environment: finishEnvironment(environment, chromiumVersion),
    dataset: { ...meta, fromCache: dataset.fromCache },
    sizes: {
      bundleBytes: meta.bundleBytes,
      ndjsonBytes: meta.ndjsonBytes,
      bundleOverNdjson: Math.round((meta.bundleBytes / meta.ndjsonBytes) * 10_000) / 10_000,
    },
    figures,
    labels,
    ratios,
    replicas,
  };
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\n${formatTable(result)}`);
  log(`wrote ${options.out}`);
  return 0;
}
