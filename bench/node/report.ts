/**
 * The result of a benchmark run: the JSON written to bench/results/latest.json (or `--out`), and
 * the table printed for people.
 */
import type { ReplicaCheck } from '../common/protocol';
import type { DatasetMeta } from './datasetCache';
import type { OpenIncidentMeta } from './openIncidentDataset';
import type { Environment } from './environment';
import type { Summary } from './stats';

export const RESULT_FORMAT = 'crisis-workbook-bench';
export const RESULT_VERSION = 1;

export interface BenchResult {
  readonly format: typeof RESULT_FORMAT;
  readonly version: typeof RESULT_VERSION;
  readonly mode: 'full' | 'smoke';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly runs: number;
  readonly environment: Environment;
  readonly dataset: DatasetMeta & { readonly fromCache: boolean };
  readonly sizes: {
    readonly bundleBytes: number;
    readonly ndjsonBytes: number;
    /** Bundle size as a fraction of the raw canonical NDJSON (issue 8 target: ≤ 0.35). */
    readonly bundleOverNdjson: number;
  };
  /** By `measurement.figure`, e.g. `import-empty.total`, `ceiling.bulkPut`. */
  readonly figures: Readonly<Record<string, Summary>>;
  /** Labels of the figures for display, same keys. */
  readonly labels: Readonly<Record<string, string>>;
  /** Ratios of medians. `importOverCeiling`: import total ÷ C (issue 8 target: ≤ 1.5). */
  readonly ratios: Readonly<Record<string, number>>;
  /** What each run's replica held afterwards (every one matched the dataset, or the run failed). */
  readonly replicas: readonly { readonly run: number; readonly measurement: string; readonly replica: ReplicaCheck }[];
  /**
   * The `open-incident` measurement's dataset (every log entry in one incident, chained) and the
   * app build it opened; null when that measurement did not run. Its replicas hold this digest.
   */
  readonly openIncident: (OpenIncidentMeta & { readonly fromCache: boolean; readonly app: AppBuild }) | null;
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

/** Seconds from one second up, milliseconds below (frame times and filter queries are tens of ms). */
export function formatMs(ms: number): string {
  return Math.abs(ms) >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

export function formatTable(result: BenchResult): string {
  const d = result.dataset;
  const lines: string[] = [];
  lines.push(
    `Crisis Workbook benchmark (${result.mode}): ${d.operations.toLocaleString('en')} operations ` +
      `(${d.incidents} incidents, ${d.logEntries.toLocaleString('en')} log entries), ${result.runs} run${result.runs === 1 ? '' : 's'}, fresh profile each`,
  );
  const e = result.environment;
  lines.push(`app ${e.appVersion}${e.gitCommit ? ` @ ${e.gitCommit.slice(0, 10)}${e.gitDirty ? '+dirty' : ''}` : ''} · Chromium ${e.chromium ?? '?'} · Node ${e.node} · ${e.cpuCount} × ${e.cpuModel} · load ${e.loadAverage.start.join(' ')} → ${(e.loadAverage.end ?? []).join(' ')}`);
  lines.push('');
  const header = ['figure', 'median', 'min', 'max'];
  const rows = Object.entries(result.figures).map(([key, summary]) => [result.labels[key] ?? key, formatMs(summary.median), formatMs(summary.min), formatMs(summary.max)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  lines.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  lines.push('');
  for (const [name, value] of Object.entries(result.ratios)) lines.push(`${name}: ${value.toFixed(2)} (medians)`);
  const open = result.openIncident;
  if (open) {
    lines.push(
      `open-incident: ${open.logEntries.toLocaleString('en')} chained entries in one incident (of ${open.incidents}), ${open.queries.length} filter queries per run; ` +
        `app ${open.app.dir} built ${open.app.builtAt}${open.app.sourcesNewerThanBuild ? ' (OLDER than its sources)' : ''}`,
    );
  }
  lines.push(`bundle: ${megabytes(result.sizes.bundleBytes)} = ${(result.sizes.bundleOverNdjson * 100).toFixed(1)} % of the raw canonical NDJSON (${megabytes(result.sizes.ndjsonBytes)})`);
  return `${lines.join('\n')}\n`;
}
