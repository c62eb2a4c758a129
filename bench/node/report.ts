/**
 * The result of a benchmark run: the JSON written to bench/results/latest.json (or `--out`), and
 * the table printed for people, with issue 8's targets and whether this run met them.
 */
import type { ReplicaCheck } from '../common/protocol';
import type { DatasetMeta } from './datasetCache';
import type { OpenIncidentMeta } from './openIncidentDataset';
import type { Environment } from './environment';
import type { Summary, Unit } from './stats';

export const RESULT_FORMAT = 'crisis-workbook-bench';
export const RESULT_VERSION = 2;

export interface BenchResult {
  readonly format: typeof RESULT_FORMAT;
  readonly version: typeof RESULT_VERSION;
  readonly mode: 'full' | 'smoke';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly runs: number;
  /** Runs measured so far; the file is written after every run. */
  readonly runsCompleted: number;
  /** True until the last run is in (the summaries are then of `runsCompleted` runs). */
  readonly partial: boolean;
  /** The measurements this run made (all, or those of --only). */
  readonly measurements: readonly string[];
  readonly environment: Environment;
  readonly dataset: DatasetMeta & { readonly fromCache: boolean };
  readonly sizes: {
    readonly bundleBytes: number;
    readonly ndjsonBytes: number;
    /** Bundle size as a fraction of the raw canonical NDJSON (issue 8 target: ≤ 0.35). */
    readonly bundleOverNdjson: number;
  };
  /** By `measurement.figure`, e.g. `import-empty.total`, `ceiling.bulkPut`; unit in each summary. */
  readonly figures: Readonly<Record<string, Summary>>;
  /** Labels of the figures for display, same keys. */
  readonly labels: Readonly<Record<string, string>>;
  /** Ratios of medians (see RATIO_LABELS). */
  readonly ratios: Readonly<Record<string, number>>;
  /** Issue 8's targets, each with the value it was judged on and whether it was met (null: not measured). */
  readonly targets: readonly TargetVerdict[];
  /** Measurements that could not be made in this build, with the reason (e.g. no global search yet). */
  readonly unavailable: Readonly<Record<string, string>>;
  /** What each run's replica held afterwards (every one matched the dataset, or the run failed). */
  readonly replicas: readonly { readonly run: number; readonly measurement: string; readonly replica: ReplicaCheck }[];
  /**
   * The `open-incident` measurement's dataset (every log entry in one incident, chained) and the
   * app build it opened; null when that measurement did not run. Its replicas hold this digest.
   */
  readonly openIncident: (OpenIncidentMeta & { readonly fromCache: boolean; readonly app: AppBuild }) | null;
  /** The app build the app measurements opened; null when none ran. */
  readonly app: AppBuild | null;
  /** Per run, what a measurement reported beyond its figures (e.g. every filter query's time). */
  readonly details: readonly { readonly run: number; readonly measurement: string; readonly details: unknown }[];
}

export interface AppBuild {
  /** The build the runner took a snapshot of, relative to the checkout, or 'built by the runner'. */
  readonly dir: string;
  /** When its index.html was written. */
  readonly builtAt: string;
  /** The runner built it because the directory held no build. */
  readonly builtByRunner: boolean;
  /** Sources under renderer/ or shared/ were changed after the build: it may not be the current code. */
  readonly sourcesNewerThanBuild: boolean;
}

export const RATIO_LABELS: Readonly<Record<string, string>> = {
  importOverCeiling: 'import into empty ÷ C',
  importHalfOverCeiling: 'import into half-full ÷ C',
  journalOverCeiling: 'C+J (records and journal rows) ÷ C',
  importOverCeilingJournal: 'import into empty ÷ C+J',
  roundTripOverPeer: '(export + import) ÷ PouchDB (dump + load)',
  peerOverRoundTrip: 'PouchDB (dump + load) ÷ (export + import): speed-up',
  bundleOverNdjson: 'bundle ÷ raw NDJSON',
  encryptedOverNdjson: 'encrypted bundle ÷ raw NDJSON',
  peerDumpOverNdjson: 'PouchDB dump ÷ raw NDJSON',
};

export interface Target {
  /** `ratios.<name>` or a figure key (`measurement.figure`). */
  readonly of: string;
  readonly text: string;
  readonly op: '<' | '<=' | '>=';
  readonly value: number;
  /** Judged on the median of the runs, or on the worst run (frames: "no frame over 50 ms"). */
  readonly on: 'median' | 'max';
}

export interface TargetVerdict extends Target {
  readonly measured: number | null;
  readonly met: boolean | null;
}

/** Issue 8's targets. */
export const TARGETS: readonly Target[] = [
  { of: 'ratios.importOverCeiling', text: '≤ 1.5 × C', op: '<=', value: 1.5, on: 'median' },
  { of: 'ratios.importHalfOverCeiling', text: '≤ 1.5 × C', op: '<=', value: 1.5, on: 'median' },
  { of: 'ratios.peerOverRoundTrip', text: '≥ 3 × faster', op: '>=', value: 3, on: 'median' },
  { of: 'ratios.bundleOverNdjson', text: '≤ 35 %', op: '<=', value: 0.35, on: 'median' },
  { of: 'export.plainOverNdjson', text: '≤ 35 %', op: '<=', value: 0.35, on: 'median' },
  { of: 'incremental.bytes', text: '< 8 KB', op: '<', value: 8_192, on: 'median' },
  { of: 'incremental.import', text: '< 1 s', op: '<', value: 1_000, on: 'median' },
  { of: 'cold-start.interactive', text: '< 1.5 s', op: '<', value: 1_500, on: 'median' },
  { of: 'search.p95', text: '< 50 ms', op: '<', value: 50, on: 'median' },
  { of: 'open-incident.scrollFrameMax', text: 'no frame > 50 ms', op: '<=', value: 50, on: 'max' },
  { of: 'open-incident.jumpFrameMax', text: 'no frame > 50 ms', op: '<=', value: 50, on: 'max' },
];

export function judgeTargets(figures: Readonly<Record<string, Summary>>, ratios: Readonly<Record<string, number>>): TargetVerdict[] {
  return TARGETS.map((target) => {
    const measured = target.of.startsWith('ratios.') ? (ratios[target.of.slice('ratios.'.length)] ?? null) : (figures[target.of]?.[target.on] ?? null);
    const met = measured === null || !Number.isFinite(measured) ? null : target.op === '<' ? measured < target.value : target.op === '<=' ? measured <= target.value : measured >= target.value;
    return { ...target, measured, met };
  });
}

/** Seconds from one second up, milliseconds below (frame times and filter queries are tens of ms). */
export function formatMs(ms: number): string {
  return Math.abs(ms) >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function formatValue(value: number, unit: Unit): string {
  if (unit === 'bytes') return value >= 1e6 ? `${(value / 1e6).toFixed(2)} MB` : value >= 1e4 ? `${(value / 1e3).toFixed(1)} kB` : `${Math.round(value)} B`;
  if (unit === 'ratio') return `${(value * 100).toFixed(1)} %`;
  return formatMs(value);
}
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const metText = (met: boolean | null) => (met === null ? '' : met ? 'yes' : 'NO');

export function formatTable(result: BenchResult): string {
  const d = result.dataset;
  const lines: string[] = [];
  lines.push(
    `Crisis Workbook benchmark (${result.mode}): ${d.operations.toLocaleString('en')} operations ` +
      `(${d.incidents} incidents, ${d.logEntries.toLocaleString('en')} log entries, ${(d.contacts ?? 0).toLocaleString('en')} contacts, ${d.procedures ?? 0} procedures), ${result.runsCompleted} run${result.runsCompleted === 1 ? '' : 's'}${result.partial ? ` of ${result.runs} (PARTIAL)` : ''}, fresh profile each`,
  );
  const e = result.environment;
  lines.push(`app ${e.appVersion}${e.gitCommit ? ` @ ${e.gitCommit.slice(0, 10)}${e.gitDirty ? '+dirty' : ''}` : ''} · Chromium ${e.chromium ?? '?'} · Node ${e.node} · ${e.cpuCount} × ${e.cpuModel} · load ${e.loadAverage.start.join(' ')} → ${(e.loadAverage.end ?? []).join(' ')}`);
  lines.push('');
  const targetOf = new Map(result.targets.map((t) => [t.of, t]));
  const rows = Object.entries(result.figures).map(([key, summary]) => {
    const target = targetOf.get(key);
    return [result.labels[key] ?? key, formatValue(summary.median, summary.unit), formatValue(summary.min, summary.unit), formatValue(summary.max, summary.unit), target ? `${target.text}${target.on === 'max' ? ' (max)' : ''}` : '', target ? metText(target.met) : ''];
  });
  for (const [name, value] of Object.entries(result.ratios)) {
    const target = targetOf.get(`ratios.${name}`);
    const shown = name.endsWith('OverNdjson') ? `${(value * 100).toFixed(1)} %` : value.toFixed(2);
    rows.push([`ratio: ${RATIO_LABELS[name] ?? name}`, shown, '', '', target?.text ?? '', target ? metText(target.met) : '']);
  }
  for (const [measurement, reason] of Object.entries(result.unavailable)) rows.push([`${measurement}: unavailable (${reason})`, '', '', '', '', '']);
  lines.push(...table(['figure', 'median', 'min', 'max', 'target', 'met?'], rows));
  lines.push('');
  const open = result.openIncident;
  if (open) {
    lines.push(
      `open-incident: ${open.logEntries.toLocaleString('en')} chained entries in one incident (of ${open.incidents}), ${open.queries.length} filter queries per run`,
    );
  }
  if (result.app) lines.push(`app: ${result.app.dir} built ${result.app.builtAt}${result.app.sourcesNewerThanBuild ? ' (OLDER than its sources)' : ''}`);
  lines.push(`bundle: ${megabytes(result.sizes.bundleBytes)} = ${(result.sizes.bundleOverNdjson * 100).toFixed(1)} % of the raw canonical NDJSON (${megabytes(result.sizes.ndjsonBytes)})`);
  return `${lines.join('\n')}\n`;
}
