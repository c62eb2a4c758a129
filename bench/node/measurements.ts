/**
 * The measurements of the suite. Each runs once per run, in its own browser on a fresh profile,
 * and returns its figures in milliseconds; the runner repeats them and summarises. Issue 8's other
 * measurements (export, half-full replica, incremental bundle, search, cold start, the PouchDB
 * peer) are added here as further entries.
 *
 * A measurement runs either in the harness page (`page: 'harness'`: the app's data layer, no UI)
 * or in the real app (`page: 'app'`: the built web app, dist/renderer, which it drives itself).
 */
import type { Page } from '@playwright/test';
import type { HarnessDataset, ReplicaCheck } from '../common/protocol';
import { runOpenIncident, type AppTarget } from './openIncident';

export interface MeasurementOutcome {
  /** Milliseconds, by figure name. */
  readonly figures: Readonly<Record<string, number>>;
  /** What the replica held afterwards (already checked against the dataset by the page). */
  readonly replica: ReplicaCheck;
  /** Anything else worth keeping in the result (plain JSON), e.g. every sample behind a percentile. */
  readonly details?: unknown;
}

export interface MeasurementContext {
  /** The harness's dataset (the bundle and its records). */
  readonly dataset: HarnessDataset;
  /** A database name of its own for this run (harness measurements). */
  readonly databaseName: string;
  /** The real app and its dataset; null unless an app measurement was chosen. */
  readonly app: AppTarget | null;
  readonly log: (line: string) => void;
}

export interface Measurement {
  readonly id: string;
  readonly title: string;
  /** Where it runs: the harness page (opened and ready before `run`) or the real app (`run` opens it). */
  readonly page: 'harness' | 'app';
  /** Labels of the figures, in the order the table shows them. */
  readonly figureLabels: Readonly<Record<string, string>>;
  run(page: Page, context: MeasurementContext): Promise<MeasurementOutcome>;
}

/** Verify and import the whole bundle into an empty replica, with the app's own code. */
export const importIntoEmptyReplica: Measurement = {
  id: 'import-empty',
  title: 'verify + import into an empty replica (app code)',
  page: 'harness',
  figureLabels: {
    verify: 'verify (verifyBundle)',
    preview: 'preview (previewImport)',
    apply: 'apply (applyImport + custody)',
    total: 'import total',
  },
  async run(page, { dataset, databaseName }) {
    // The callback runs in the page: it can use nothing from this module.
    const result = await page.evaluate(({ dataset, databaseName }) => {
      if (!window.benchHarness) throw new Error('the benchmark harness is not loaded');
      return window.benchHarness.runImport(dataset, databaseName);
    }, { dataset, databaseName });
    return { figures: { ...result.phases, total: result.totalMs }, replica: result.replica };
  },
};

/** The ceiling C: the same records, one plain Dexie bulkPut into the app's schema. */
export const ceiling: Measurement = {
  id: 'ceiling',
  title: 'ceiling C: plain Dexie bulkPut of the records',
  page: 'harness',
  figureLabels: { bulkPut: 'C: Dexie bulkPut (ceiling)' },
  async run(page, { dataset, databaseName }) {
    const result = await page.evaluate(({ dataset, databaseName }) => {
      if (!window.benchHarness) throw new Error('the benchmark harness is not loaded');
      return window.benchHarness.runCeiling(dataset, databaseName);
    }, { dataset, databaseName });
    return { figures: { bulkPut: result.bulkPutMs }, replica: result.replica };
  },
};

/**
 * Issue 4: open an incident with 100,000 entries in the real app, filter its timeline, scroll it
 * (bench/node/openIncident.ts says exactly what is timed).
 */
export const openIncident: Measurement = {
  id: 'open-incident',
  title: 'open an incident with every log entry, filter and scroll its timeline (real app)',
  page: 'app',
  figureLabels: {
    header: 'open incident: title shown',
    timeline: 'open incident: newest entry shown',
    chain: 'open incident: chain verdict shown',
    filterFirst: 'filter: first query',
    filterP50: 'filter: median of queries',
    filterP95: 'filter: p95 of queries',
    filterMax: 'filter: slowest query',
    scrollFrameP95: 'wheel scroll: p95 frame',
    scrollFrameMax: 'wheel scroll: longest frame',
    jumpFrameMax: 'scrollbar jumps: longest frame',
  },
  async run(page, { app, log }) {
    if (!app) throw new Error('open-incident needs the app (the runner serves it when the measurement is chosen)');
    return runOpenIncident(page, app, log);
  },
};

export const MEASUREMENTS: readonly Measurement[] = [importIntoEmptyReplica, ceiling, openIncident];
