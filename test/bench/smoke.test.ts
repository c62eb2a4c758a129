/**
 * The benchmark suite (bench/, `npm run bench`) in its smoke mode, end to end: dataset, bundle,
 * harness build, Chromium on fresh profiles, result file. It asserts what the run did, never how
 * fast (issue 8: benchmarks are not timing assertions): every figure was measured, the replicas
 * hold exactly the dataset's records, and the bundle, the records file and the replicas agree
 * with each other, re-derived here independently of the runner. The open-incident measurement
 * opens the built web app (dist/renderer; the runner builds it privately when that is missing).
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
import { verifyChains, type ChainedEntry } from '../../shared/logbook/chain';
import { EMPTY_TIMELINE_FILTER, filterTimeline, indexTimeline } from '../../shared/logbook/timelineFilter';
import { LogEntrySchema, type LogEntry } from '../../shared/model/records';

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
  readonly openIncident: {
    readonly key: string;
    readonly incidentId: string;
    readonly incidents: number;
    readonly logEntries: number;
    readonly operations: number;
    readonly digest: string;
    readonly newest: { readonly id: string; readonly text: string };
    readonly queries: readonly { readonly text: string; readonly expected: number }[];
  } | null;
  readonly details: readonly { readonly run: number; readonly measurement: string; readonly details: unknown }[];
}

/** The parts of bench/node/openIncident.ts `OpenIncidentDetails` this test reads. */
interface OpenIncidentDetails {
  readonly chainText: string;
  readonly queries: readonly { readonly text: string; readonly expected: number; readonly ms: number }[];
  readonly wheel: { readonly frames: number; readonly scrolledPx: number };
  readonly jumps: { readonly frames: number };
}

const OPEN_INCIDENT_FIGURES = ['header', 'timeline', 'chain', 'filterFirst', 'filterP50', 'filterP95', 'filterMax', 'scrollFrameP95', 'scrollFrameMax', 'jumpFrameMax'].map((f) => `open-incident.${f}`);
const FIGURES = ['import-empty.verify', 'import-empty.preview', 'import-empty.apply', 'import-empty.total', 'ceiling.bulkPut', ...OPEN_INCIDENT_FIGURES];

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
    expect(stdout).toContain('newest entry shown');

    // Sizes: the bundle is compressed NDJSON plus a header and signatures.
    expect(result.sizes.bundleBytes).toBe(result.dataset.bundleBytes);
    expect(result.sizes.bundleBytes).toBeGreaterThan(0);
    expect(result.sizes.bundleBytes).toBeLessThan(result.sizes.ndjsonBytes);

    // Each replica (import and ceiling) holds exactly the dataset's records; the import also its operations.
    expect(result.replicas.map((r) => r.measurement).sort()).toEqual(['ceiling', 'import-empty', 'open-incident']);
    for (const { measurement, replica } of result.replicas.filter((r) => r.measurement !== 'open-incident')) {
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

    // open-incident: the app (dist/renderer) opened the incident holding every entry, its chain
    // intact, the filter left what the app's filter function leaves, the timeline scrolled.
    const open = result.openIncident;
    if (!open) throw new Error('the result has no openIncident section');
    expect(open).toMatchObject({ incidents: 4, logEntries: 196, operations: 200 });
    const openReplica = result.replicas.find((r) => r.measurement === 'open-incident')?.replica;
    expect(openReplica).toEqual({ incidents: 4, logEntries: 196, operations: 200, conflicts: 0, digest: open.digest });
    const openDetails = result.details.find((d) => d.measurement === 'open-incident')?.details as OpenIncidentDetails | undefined;
    expect(openDetails?.chainText).toMatch(/intact/i);
    expect(openDetails?.queries.map((q) => q.text)).toEqual(open.queries.map((q) => q.text));
    expect(openDetails?.queries.every((q) => q.ms > 0)).toBe(true);
    expect(openDetails?.wheel.frames).toBeGreaterThan(0);
    expect(openDetails?.wheel.scrolledPx).toBeGreaterThan(0);
    expect(openDetails?.jumps.frames).toBeGreaterThan(0);

    // Independently of the runner: the operations file holds the records of that digest, every
    // entry in the one incident, one chain that verifies, and the queries' counts are right.
    const operationLines = (await readFile(join(ROOT, 'bench/.cache/open-incident', open.key, 'operations.ndjson'), 'utf8')).split('\n').filter((l) => l !== '');
    expect(operationLines).toHaveLength(200);
    const operations = operationLines.map((line) => JSON.parse(line) as { table: string; kind: string; fields: { id: string } & Record<string, unknown> });
    expect(operations.every((op) => op.kind === 'create')).toBe(true);
    const openRows = operations.map((op) => ({ table: op.table, id: op.fields.id, line: `${op.table}\t${canonicalJson(op.fields)}\n` }));
    openRows.sort((a, b) => (a.table !== b.table ? (a.table < b.table ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(createHash('sha256').update(openRows.map((r) => r.line).join('')).digest('hex')).toBe(open.digest);
    const entries: LogEntry[] = operations.filter((op) => op.table === 'logEntries').map((op) => LogEntrySchema.parse(op.fields));
    expect(new Set(entries.map((e) => e.incidentId))).toEqual(new Set([open.incidentId]));
    const chains = verifyChains(entries.map((e) => e as LogEntry & ChainedEntry));
    expect(chains).toMatchObject({ intact: true, chains: [{ length: 196, firstSeq: 1, lastSeq: 196 }] });
    const index = indexTimeline(entries);
    expect(index.entries[index.entries.length - 1]?.id).toBe(open.newest.id);
    for (const query of open.queries) expect(filterTimeline(index, { ...EMPTY_TIMELINE_FILTER, text: query.text }).length, query.text).toBe(query.expected);
    expect(open.queries.some((q) => q.expected === 0)).toBe(true);
  }, 180_000);
});
