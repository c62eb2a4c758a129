/**
 * `npm run bench`: the performance suite of issue 8. Makes (or takes from the cache) the seeded
 * dataset and its bundle, builds the harness page, serves both on 127.0.0.1, runs every
 * measurement in Chromium on a fresh profile per run, prints a table and writes the JSON result.
 *
 *   npm run bench                       full dataset, 5 runs → bench/results/latest.json
 *   npm run bench -- --smoke            tiny dataset, 1 run  → bench/.cache/results/smoke.json
 *                                       (also: BENCH_SMOKE=1 npm run bench)
 *   options: --runs N --seed N --incidents N --log-entries N --contacts N --procedures N
 *            --port N (0: any free port) --out FILE
 *            --only ID[,ID…]   only these measurements (ids in bench/node/measurements.ts); the
 *                              result then goes to bench/results/only-<ids>.json unless --out
 *            --app DIR         the built web app the app measurements open (default dist/renderer,
 *                              `npm run build:renderer`; built privately when it is missing)
 *
 * Benchmarks never assert timings; the smoke mode exists so that CI runs the whole path on every
 * change and it cannot rot. Runs by bench/run.mjs, which bundles this file for Node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import type { HarnessDataset } from '../common/protocol';
import { inFreshProfile } from './chromium';
import { BUNDLE_FILE, CARD_FILE, HALF_BUNDLE_FILE, HALF_OPERATIONS_FILE, OPERATIONS_FILE as DATASET_OPERATIONS_FILE, RECORDS_FILE, prepareDataset } from './datasetCache';
import type { DatasetSpec } from './dataset';
import { describeEnvironment, finishEnvironment } from './environment';
import { LANGUAGE_NAMES } from '../../shared/i18n/languages';
import { MEASUREMENTS, type Measurement } from './measurements';
import type { AppLabels, AppTarget } from './openIncident';
import { OPERATIONS_FILE, prepareOpenIncident } from './openIncidentDataset';
import { RESULT_FORMAT, RESULT_VERSION, formatTable, formatValue, judgeTargets, type AppBuild, type BenchResult } from './report';
import { startServer, type StaticServer } from './server';
import { summarise, type Summary } from './stats';
import type { FullAppTarget } from './appFull';

export const DEFAULT_PORT = 41790;
/** Global-search queries typed per run (the smoke run types a few). */
const SEARCH_QUERIES_FULL = 100;
const SEARCH_QUERIES_SMOKE = 5;
const DEFAULT_SEED = 20260310;
const FULL: DatasetSpec = { seed: DEFAULT_SEED, incidents: 20, logEntries: 100_000, contacts: 5_000, procedures: 300 };
const SMOKE: DatasetSpec = { seed: DEFAULT_SEED, incidents: 4, logEntries: 196, contacts: 6, procedures: 3 };

interface Options {
  readonly mode: 'full' | 'smoke';
  readonly spec: DatasetSpec;
  readonly runs: number;
  readonly port: number;
  readonly out: string;
  readonly measurements: readonly Measurement[];
  /** The built web app for the app measurements. */
  readonly appDir: string;
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
      contacts: { type: 'string' },
      procedures: { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
      app: { type: 'string' },
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
    contacts: positiveInteger('contacts', values.contacts, base.contacts, 0),
    procedures: positiveInteger('procedures', values.procedures, base.procedures, 0),
  };
  let measurements = MEASUREMENTS;
  if (values.only !== undefined) {
    const ids = values.only.split(',').map((id) => id.trim()).filter(Boolean);
    const unknown = ids.filter((id) => !MEASUREMENTS.some((m) => m.id === id));
    if (ids.length === 0 || unknown.length > 0) throw new Error(`--only takes measurement ids among ${MEASUREMENTS.map((m) => m.id).join(', ')}; not ${unknown.join(', ') || '(none)'}`);
    measurements = MEASUREMENTS.filter((m) => ids.includes(m.id));
  }
  // A partial run never overwrites the full result.
  const suffix = values.only !== undefined ? `-only-${measurements.map((m) => m.id).join('+')}` : '';
  const defaultOut = smoke ? `bench/.cache/results/smoke${suffix}.json` : suffix ? `bench/results/only${suffix.slice('-only'.length)}.json` : 'bench/results/latest.json';
  return {
    mode: smoke ? 'smoke' : 'full',
    spec,
    runs: positiveInteger('runs', values.runs, smoke ? 1 : 5),
    port: positiveInteger('port', values.port, DEFAULT_PORT, 0),
    out: resolve(values.out ?? join(root, defaultOut)),
    measurements,
    appDir: resolve(root, values.app ?? 'dist/renderer'),
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
    process.stdout.write(
      `usage: npm run bench [-- --smoke] [--runs N] [--seed N] [--incidents N] [--log-entries N] [--contacts N] [--procedures N] [--port N] [--out FILE] [--only ID,…] [--app DIR]\n` +
        `measurements: ${MEASUREMENTS.map((m) => `${m.id} (${m.title})`).join('; ')}\n`,
    );
    return 0;
  }
  const { root } = context;
  const startedAt = new Date().toISOString();
  const environment = describeEnvironment(root);

  const cacheRoot = join(root, 'bench/.cache');
  const dataset = await prepareDataset(options.spec, cacheRoot, context.codeHash, log);
  const meta = dataset.meta;
  log(`dataset ${meta.key}${dataset.fromCache ? ' (cached)' : ''}: ${meta.operations} operations, bundle ${meta.bundleBytes} bytes, NDJSON ${meta.ndjsonBytes} bytes`);

  const selected = options.measurements;
  const needsHarness = selected.some((m) => m.page === 'harness');
  const needsPeer = selected.some((m) => m.page === 'peer');
  const needsOpenIncident = selected.some((m) => m.id === 'open-incident');
  const needsFullApp = selected.some((m) => m.page === 'app' && m.id !== 'open-incident');
  const needsApp = needsOpenIncident || needsFullApp;

  if (needsHarness) {
    log('building the harness page …');
    await build({ configFile: join(root, 'vite.bench.config.ts'), root: join(root, 'bench/harness'), logLevel: 'warn' });
  }
  if (needsPeer) {
    log('building the PouchDB peer page …');
    await build({ configFile: join(root, 'bench/peer/vite.config.ts'), logLevel: 'warn' });
  }
  const harnessDataset: HarnessDataset = {
    bundleUrl: `data/${BUNDLE_FILE}`,
    bundleFileName: `benchmark-${meta.operations}-operations.cwb`,
    recordsUrl: `data/${RECORDS_FILE}`,
    senderCardUrl: `data/${CARD_FILE}`,
    expected: { incidents: meta.incidents, logEntries: meta.logEntries, contacts: meta.contacts, procedures: meta.procedures, operations: meta.operations, digest: meta.digest },
    halfBundleUrl: `data/${HALF_BUNDLE_FILE}`,
    halfBundleFileName: `benchmark-${meta.halfOperations}-operations-half.cwb`,
    operationsUrl: `data/${DATASET_OPERATIONS_FILE}`,
    halfOperationsUrl: `data/${HALF_OPERATIONS_FILE}`,
    expectedHalf: { incidents: meta.incidents, logEntries: meta.halfLogEntries, contacts: meta.contacts, procedures: meta.procedures, operations: meta.halfOperations, digest: meta.halfDigest },
    ndjsonBytes: meta.ndjsonBytes,
  };

  const servers: StaticServer[] = [];
  const samples = new Map<string, number[]>();
  const labels: Record<string, string> = {};
  const replicas: BenchResult['replicas'][number][] = [];
  const unavailable: Record<string, string> = {};
  const details: { run: number; measurement: string; details: unknown }[] = [];
  let chromiumVersion: string | null = null;
  let openIncident: BenchResult['openIncident'] = null;
  let appBuildInfo: AppBuild | null = null;
  let fullApp: FullAppTarget | null = null;
  /**
   * Summarise what has been measured so far and write it: after every run (marked partial until the
   * last, so a long run that has to be stopped still leaves its completed runs), and at the end.
   */
  const writeResult = async (completedRuns: number): Promise<BenchResult> => {
    // Figures in the order the measurements declare them; any phase they did not declare goes last.
    const figures: Record<string, Summary> = {};
    for (const measurement of selected) {
      const declared = Object.keys(measurement.figureLabels).map((figure) => `${measurement.id}.${figure}`);
      const reported = [...samples.keys()].filter((key) => key.startsWith(`${measurement.id}.`));
      for (const key of [...declared.filter((k) => samples.has(k)), ...reported.filter((k) => !declared.includes(k))]) {
        figures[key] = summarise(samples.get(key) ?? [], measurement.figureUnits?.[key.slice(measurement.id.length + 1)] ?? 'ms');
        labels[key] = measurement.figureLabels[key.slice(measurement.id.length + 1)] ?? key;
      }
    }
    // Ratios of medians, all from this run's own figures.
    const ratios: Record<string, number> = {};
    const m = (key: string) => figures[key]?.median;
    const ratio = (name: string, over: number | undefined, under: number | undefined, digits = 100) => {
      if (over !== undefined && under !== undefined && under > 0) ratios[name] = Math.round((over / under) * digits) / digits;
    };
    ratio('importOverCeiling', m('import-empty.total'), m('ceiling.bulkPut'));
    ratio('importHalfOverCeiling', m('import-half.total'), m('ceiling.bulkPut'));
    ratio('journalOverCeiling', m('ceiling-journal.bulkPut'), m('ceiling.bulkPut'));
    ratio('importOverCeilingJournal', m('import-empty.total'), m('ceiling-journal.bulkPut'));
    const roundTrip = m('export.plainTotal') !== undefined && m('import-empty.total') !== undefined ? (m('export.plainTotal') ?? 0) + (m('import-empty.total') ?? 0) : undefined;
    ratio('roundTripOverPeer', roundTrip, m('peer.dumpPlusLoad'));
    ratio('peerOverRoundTrip', m('peer.dumpPlusLoad'), roundTrip);
    ratio('bundleOverNdjson', meta.bundleBytes, meta.ndjsonBytes, 10_000);
    if (figures['export.encryptedOverNdjson']) ratios['encryptedOverNdjson'] = figures['export.encryptedOverNdjson'].median;
    if (figures['peer.dumpOverNdjson']) ratios['peerDumpOverNdjson'] = figures['peer.dumpOverNdjson'].median;

    const result: BenchResult = {
      format: RESULT_FORMAT,
      version: RESULT_VERSION,
      mode: options.mode,
      startedAt,
      finishedAt: new Date().toISOString(),
      runs: options.runs,
      runsCompleted: completedRuns,
      partial: completedRuns < options.runs,
      measurements: selected.map((s) => s.id),
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
      targets: judgeTargets(figures, ratios),
      unavailable,
      replicas,
      openIncident,
      app: appBuildInfo,
      details,
    };
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  };
  let privateAppDir: string | null = null;
  try {
    let harnessUrl: string | null = null;
    if (needsHarness) {
      const server = await startServer({ pageDir: join(root, 'dist/bench'), dataDir: dataset.dir, port: options.port }).catch((e: unknown) => {
        throw new Error(`cannot serve on 127.0.0.1:${options.port} (${e instanceof Error ? e.message : String(e)}); choose another with --port`);
      });
      servers.push(server);
      harnessUrl = server.url;
      log(`harness on ${server.url}`);
    }
    let peerUrl: string | null = null;
    if (needsPeer) {
      // Its own origin: PouchDB's databases stay apart from the harness's.
      const server = await startServer({ pageDir: join(root, 'dist/bench-peer'), dataDir: dataset.dir, port: 0 });
      servers.push(server);
      peerUrl = server.url;
      log(`PouchDB peer page on ${server.url}`);
    }
    let app: AppTarget | null = null;
    if (needsApp) {
      const appBuild = await resolveApp(root, options.appDir, log);
      privateAppDir = appBuild.dir;
      // Its own origin, on any free port: the app's database and service worker stay apart from the
      // harness's. The data are the whole cache (both datasets), by their paths under bench/.cache.
      const server = await startServer({ pageDir: appBuild.dir, dataDir: cacheRoot, port: 0 });
      servers.push(server);
      const appSource = appBuild.copied ? `a copy of ${relative(root, options.appDir)}` : 'built by the runner';
      log(`app (${appSource}, built ${appBuild.builtAt}) on ${server.url}`);
      appBuildInfo = { dir: appBuild.copied ? relative(root, options.appDir) : 'built by the runner', builtAt: appBuild.builtAt, builtByRunner: !appBuild.copied, sourcesNewerThanBuild: appBuild.stale };
      const labels = appLabels(root);
      const dataPath = (dir: string, file: string) => `data/${relative(cacheRoot, dir).split(sep).join('/')}/${file}`;
      if (needsOpenIncident) {
        const open = await prepareOpenIncident(options.spec, cacheRoot, context.codeHash, log);
        log(`open-incident dataset ${open.meta.key}${open.fromCache ? ' (cached)' : ''}: ${open.meta.logEntries} entries in incident ${open.meta.incidentId}, ${open.meta.queries.length} filter queries`);
        app = { url: server.url, operationsUrl: dataPath(open.dir, OPERATIONS_FILE), meta: open.meta, labels };
        openIncident = { ...open.meta, fromCache: open.fromCache, app: appBuildInfo };
      }
      if (needsFullApp) {
        fullApp = {
          url: server.url,
          operationsUrl: dataPath(dataset.dir, DATASET_OPERATIONS_FILE),
          labels,
          expected: { incidents: meta.incidents, logEntries: meta.logEntries, contacts: meta.contacts, operations: meta.operations, logbookDigest: meta.logbookDigest },
          searchQueries: meta.searchQueries,
          searchQueryCount: options.mode === 'smoke' ? SEARCH_QUERIES_SMOKE : SEARCH_QUERIES_FULL,
        };
      }
    }

    log(`${options.runs} run(s) of ${selected.map((m) => m.id).join(', ')}`);
    for (let run = 1; run <= options.runs; run += 1) {
      // Alternate the order, so no measurement always runs on a machine warmed by another.
      const order = run % 2 === 1 ? selected : [...selected].reverse();
      for (const measurement of order) {
        const context = { dataset: harnessDataset, databaseName: `bench-${measurement.id}-${run}`, app, fullApp, log };
        const url = measurement.page === 'harness' ? harnessUrl : measurement.page === 'peer' ? peerUrl : null;
        const outcome = await inFreshProfile(url, (page) => measurement.run(page, context), log);
        chromiumVersion = outcome.chromiumVersion;
        for (const [figure, value] of Object.entries(outcome.value.figures)) {
          const key = `${measurement.id}.${figure}`;
          samples.set(key, [...(samples.get(key) ?? []), value]);
        }
        if (outcome.value.unavailable !== undefined) unavailable[measurement.id] = outcome.value.unavailable;
        replicas.push({ run, measurement: measurement.id, replica: outcome.value.replica });
        if (outcome.value.details !== undefined) details.push({ run, measurement: measurement.id, details: outcome.value.details });
        const shown = Object.entries(outcome.value.figures).map(([figure, value]) => `${figure} ${formatValue(value, measurement.figureUnits?.[figure] ?? 'ms')}`);
        log(`run ${run}/${options.runs} ${measurement.id}: ${outcome.value.unavailable !== undefined ? `unavailable: ${outcome.value.unavailable}` : shown.join(', ')}`);
      }
      if (run < options.runs) {
        await writeResult(run);
        log(`run ${run}/${options.runs} done: partial result in ${options.out}`);
      }
    }
  } finally {
    for (const server of servers) await server.close();
    if (privateAppDir) await rm(privateAppDir, { recursive: true, force: true });
  }

  const result = await writeResult(options.runs);
  process.stdout.write(`\n${formatTable(result)}`);
  log(`wrote ${options.out}`);
  return 0;
}

/** The app's English labels the app measurements look for, from its own translation file. */
function appLabels(root: string): AppLabels {
  const en = JSON.parse(readFileSync(join(root, 'shared/i18n/locales/en.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const text = (section: string, key: string): string => {
    const value = en[section]?.[key];
    if (typeof value !== 'string') throw new Error(`shared/i18n/locales/en.json has no ${section}.${key}`);
    return value;
  };
  return {
    timeline: text('log', 'timelineLabel'),
    setupLanguage: LANGUAGE_NAMES.en,
    setupOrganisation: text('profile', 'organisation'),
    setupPerson: text('profile', 'person'),
    setupReal: text('workspace', 'real'),
    setupSubmit: text('setup', 'submit'),
  };
}

/** Newest modification time of the files under `dir` (0 when it does not exist). */
async function newestMtime(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/**
 * The built web app to measure: a snapshot of `dir` (dist/renderer, made by `npm run
 * build:renderer`) taken now, so that a rebuild by someone else during the run (which empties the
 * directory and writes new file names) cannot break it, and every run measures the same build; or,
 * when `dir` holds no build, one the runner makes itself. Either lives under node_modules/.cache and
 * is removed afterwards. A build older than the sources is measured as it is, with a warning and a
 * note in the result.
 */
async function resolveApp(root: string, dir: string, log: (line: string) => void): Promise<{ dir: string; builtAt: string; copied: boolean; stale: boolean }> {
  const appDir = resolve(root, 'node_modules/.cache/crisis-workbook-bench', `app-${process.pid}`);
  await rm(appDir, { recursive: true, force: true });
  let builtAt: number;
  const copied = existsSync(join(dir, 'index.html'));
  if (copied) {
    builtAt = (await stat(join(dir, 'index.html'))).mtimeMs;
    await cp(dir, appDir, { recursive: true, preserveTimestamps: true });
    // Caught in the middle of a rebuild: index.html names files that are not (yet) there.
    const html = await readFile(join(appDir, 'index.html'), 'utf8');
    const missing = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1] ?? '').filter((file) => !existsSync(join(appDir, file)));
    if (missing.length > 0) await rm(appDir, { recursive: true, force: true });
    if (missing.length > 0) throw new Error(`${relative(root, dir)} is incomplete (being rebuilt?): missing ${missing.join(', ')}; try again`);
  } else {
    log(`${relative(root, dir)} holds no build: building the web app into ${relative(root, appDir)} …`);
    await build({ configFile: join(root, 'vite.renderer.config.ts'), root: join(root, 'renderer'), logLevel: 'warn', build: { outDir: appDir, emptyOutDir: true } });
    builtAt = (await stat(join(appDir, 'index.html'))).mtimeMs;
  }
  const sources = Math.max(await newestMtime(join(root, 'renderer/src')), await newestMtime(join(root, 'shared')), (await stat(join(root, 'renderer/index.html'))).mtimeMs);
  const stale = sources > builtAt;
  if (stale) log(`warning: ${relative(root, dir)} is older than the app's sources; run \`npm run build:renderer\` to measure the current code`);
  return { dir: appDir, builtAt: new Date(builtAt).toISOString(), copied, stale };
}
