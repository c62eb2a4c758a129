/**
 * The measurements of the suite (issue 8). Each runs once per run, in its own browser on a fresh
 * profile, and returns its figures (milliseconds unless `figureUnits` says bytes or a ratio); the
 * runner repeats them and summarises.
 *
 * A measurement runs in the harness page (`page: 'harness'`: the app's data layer, no UI), in the
 * PouchDB peer page (`page: 'peer'`), or in the real app (`page: 'app'`: the built web app,
 * dist/renderer or --app, which it drives itself).
 */
import type { Page } from '@playwright/test';
import type { HarnessDataset, ReplicaCheck } from '../common/protocol';
import { runColdStart, runSearch, type FullAppTarget } from './appFull';
import { runOpenIncident, type AppTarget } from './openIncident';
import type { Unit } from './stats';

export interface MeasurementOutcome {
  /** By figure name, in the figure's unit (ms unless the measurement's `figureUnits` says otherwise). */
  readonly figures: Readonly<Record<string, number>>;
  /** What the replica held afterwards (already checked against the dataset by the page). */
  readonly replica: ReplicaCheck;
  /** Anything else worth keeping in the result (plain JSON), e.g. every sample behind a percentile. */
  readonly details?: unknown;
  /** Why the measurement could not be made in this build (then `figures` is empty). */
  readonly unavailable?: string;
}

export interface MeasurementContext {
  /** The harness's dataset (the bundle and its records). */
  readonly dataset: HarnessDataset;
  /** A database name of its own for this run (harness measurements). */
  readonly databaseName: string;
  /** The real app and the open-incident dataset; null unless open-incident was chosen. */
  readonly app: AppTarget | null;
  /** The real app and the full dataset; null unless cold-start or search was chosen. */
  readonly fullApp: FullAppTarget | null;
  readonly log: (line: string) => void;
}

export interface Measurement {
  readonly id: string;
  readonly title: string;
  /** Where it runs: the harness or peer page (opened and ready before `run`), or the real app (`run` opens it). */
  readonly page: 'harness' | 'peer' | 'app';
  /** Labels of the figures, in the order the table shows them. */
  readonly figureLabels: Readonly<Record<string, string>>;
  /** Figures that are not milliseconds. */
  readonly figureUnits?: Readonly<Record<string, Unit>>;
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

/** The same bundle into a replica that holds half of it (received before, through the same import). */
export const importIntoHalfReplica: Measurement = {
  id: 'import-half',
  title: 'verify + import into a replica holding half of it (app code)',
  page: 'harness',
  figureLabels: {
    verify: 'half-full: verify',
    preview: 'half-full: preview',
    apply: 'half-full: apply',
    total: 'import into half-full total',
  },
  async run(page, { dataset, databaseName }) {
    const result = await page.evaluate(({ dataset, databaseName }) => {
      if (!window.benchHarness) throw new Error('the benchmark harness is not loaded');
      return window.benchHarness.runImportHalf(dataset, databaseName);
    }, { dataset, databaseName });
    return { figures: { ...result.phases, total: result.totalMs }, replica: result.replica, details: { seedMs: result.seedMs, seedAdded: result.seedAdded, added: result.added } };
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
 * C+J: the same records and their journal operations, plain Dexie in one transaction: the storage
 * an import cannot avoid while the journal keeps a row per operation.
 */
export const ceilingWithJournal: Measurement = {
  id: 'ceiling-journal',
  title: 'C+J: plain Dexie bulkPut of the records and bulkAdd of their journal operations',
  page: 'harness',
  figureLabels: { bulkPut: 'C+J: records and journal rows, plain Dexie' },
  async run(page, { dataset, databaseName }) {
    const result = await page.evaluate(({ dataset, databaseName }) => {
      if (!window.benchHarness) throw new Error('the benchmark harness is not loaded');
      return window.benchHarness.runCeilingJournal(dataset, databaseName);
    }, { dataset, databaseName });
    return { figures: { bulkPut: result.bulkPutMs }, replica: result.replica };
  },
};

/** Export the whole dataset through the app's export path: signed + compressed, and encrypted too. */
export const exportBundles: Measurement = {
  id: 'export',
  title: 'export of the whole dataset (app code): signed + compressed, and encrypted',
  page: 'harness',
  figureLabels: {
    plainBundle: 'export signed+compressed: exportBundle',
    plainTotal: 'export signed+compressed total',
    plainBytes: 'export signed+compressed: size',
    plainOverNdjson: 'export signed+compressed ÷ raw NDJSON',
    encryptedBundle: 'export encrypted: exportBundle',
    encryptedTotal: 'export encrypted total',
    encryptedBytes: 'export encrypted: size',
    encryptedOverNdjson: 'export encrypted ÷ raw NDJSON',
  },
  figureUnits: { plainBytes: 'bytes', encryptedBytes: 'bytes', plainOverNdjson: 'ratio', encryptedOverNdjson: 'ratio' },
  async run(page, { dataset, databaseName }) {
    const result = await page.evaluate(({ dataset, databaseName }) => {
      if (!window.benchHarness) throw new Error('the benchmark harness is not loaded');
      return window.benchHarness.runExport(dataset, databaseName);
    }, { dataset, databaseName });
    const { plain, encrypted } = result;
    return {
      figures: {
        plainBundle: plain.bundleMs,
        plainTotal: plain.totalMs,
        plainBytes: plain.bytes,
        plainOverNdjson: plain.bytes / plain.ndjsonBytes,
        encryptedBundle: encrypted.bundleMs,
        encryptedTotal: encrypted.totalMs,
        encryptedBytes: encrypted.bytes,
        encryptedOverNdjson: encrypted.bytes / encrypted.ndjsonBytes,
      },
      replica: result.replica,
      details: { seedMs: result.seedMs, plain, encrypted },
    };
  },
};

/** A one-entry "since last" bundle between two replicas that hold the same half of the dataset. */
export const incremental: Measurement = {
  id: 'incremental',
  title: 'incremental one-entry bundle A→B between replicas holding half the dataset',
  page: 'harness',
  figureLabels: { export: 'incremental: export A (since last)', bytes: 'incremental: bundle size', import: 'incremental: verify + import on B' },
  figureUnits: { bytes: 'bytes' },
  async run(page, { dataset, databaseName }) {
    const result = await page.evaluate(({ dataset, databaseName }) => {
      if (!window.benchHarness) throw new Error('the benchmark harness is not loaded');
      return window.benchHarness.runIncremental(dataset, databaseName);
    }, { dataset, databaseName });
    return {
      figures: { export: result.exportMs, bytes: result.bytes, import: result.importMs },
      replica: result.replica,
      details: { seedMs: result.seedMs, operations: result.operations, added: result.added, importPhases: result.importPhases, replicaA: result.replicaA },
    };
  },
};

/** The peer P: PouchDB bulkDocs, dump (pouchdb-replication-stream), load into an empty database (pouchdb-load). */
export const peer: Measurement = {
  id: 'peer',
  title: 'peer P: PouchDB bulkDocs, replication-stream dump, pouchdb-load',
  page: 'peer',
  figureLabels: {
    bulkDocs: 'P: PouchDB bulkDocs',
    dump: 'P: dump (replication-stream)',
    load: 'P: load into empty (pouchdb-load)',
    dumpPlusLoad: 'P: dump + load',
    dumpBytes: 'P: dump size',
    dumpOverNdjson: 'P: dump ÷ raw NDJSON',
  },
  figureUnits: { dumpBytes: 'bytes', dumpOverNdjson: 'ratio' },
  async run(page, { dataset, databaseName }) {
    const result = await page.evaluate(({ dataset, databaseName }) => {
      if (!window.benchPeer) throw new Error('the PouchDB peer page is not loaded');
      return window.benchPeer.runPeer(dataset, databaseName);
    }, { dataset, databaseName });
    return {
      figures: {
        bulkDocs: result.bulkDocsMs,
        dump: result.dumpMs,
        load: result.loadMs,
        dumpPlusLoad: result.dumpMs + result.loadMs,
        dumpBytes: result.dumpBytes,
        dumpOverNdjson: result.dumpBytes / (dataset.ndjsonBytes ?? Number.NaN),
      },
      replica: result.replica,
      details: { adapter: result.adapter, batch: result.batch },
    };
  },
};

/** Cold start of the real app with the full dataset, to an interactive dashboard (bench/node/appFull.ts). */
export const coldStart: Measurement = {
  id: 'cold-start',
  title: 'cold start of the real app with the full dataset, to an interactive dashboard',
  page: 'app',
  figureLabels: { heading: 'cold start: dashboard heading', data: 'cold start: dashboard data shown', interactive: 'cold start: interactive (nav click answered)' },
  async run(page, { fullApp, log }) {
    if (!fullApp) throw new Error('cold-start needs the app (the runner serves it when the measurement is chosen)');
    return runColdStart(page, fullApp, log);
  },
};

/** Issue 10's global search, 100 queries (bench/node/appFull.ts). */
export const search: Measurement = {
  id: 'search',
  title: 'global search (Ctrl+K): 100 queries in the real app with the full dataset',
  page: 'app',
  figureLabels: { first: 'search: first query', p50: 'search: median query', p95: 'search: p95 query', max: 'search: slowest query' },
  async run(page, { fullApp, log }) {
    if (!fullApp) throw new Error('search needs the app (the runner serves it when the measurement is chosen)');
    return runSearch(page, fullApp, log);
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

export const MEASUREMENTS: readonly Measurement[] = [importIntoEmptyReplica, ceiling, ceilingWithJournal, importIntoHalfReplica, exportBundles, incremental, peer, coldStart, search, openIncident];
