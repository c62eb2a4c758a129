/**
 * The measurements of the suite. Each runs once per run, in its own browser on a fresh profile,
 * and returns its figures in milliseconds; the runner repeats them and summarises. Issue 8's other
 * measurements (export, half-full replica, incremental bundle, search, cold start, timeline, the
 * PouchDB peer) are added here as further entries.
 */
import type { Page } from '@playwright/test';
import type { HarnessDataset, ReplicaCheck } from '../common/protocol';

export interface MeasurementOutcome {
  /** Milliseconds, by figure name. */
  readonly figures: Readonly<Record<string, number>>;
  /** What the replica held afterwards (already checked against the dataset by the page). */
  readonly replica: ReplicaCheck;
}

export interface Measurement {
  readonly id: string;
  readonly title: string;
  /** Labels of the figures, in the order the table shows them. */
  readonly figureLabels: Readonly<Record<string, string>>;
  run(page: Page, dataset: HarnessDataset, databaseName: string): Promise<MeasurementOutcome>;
}

/** Verify and import the whole bundle into an empty replica, with the app's own code. */
export const importIntoEmptyReplica: Measurement = {
  id: 'import-empty',
  title: 'verify + import into an empty replica (app code)',
  figureLabels: {
    verify: 'verify (verifyBundle)',
    preview: 'preview (previewImport)',
    apply: 'apply (applyImport + custody)',
    total: 'import total',
  },
  async run(page, dataset, databaseName) {
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
  figureLabels: { bulkPut: 'C: Dexie bulkPut (ceiling)' },
  async run(page, dataset, databaseName) {
    const result = await page.evaluate(({ dataset, databaseName }) => {
      if (!window.benchHarness) throw new Error('the benchmark harness is not loaded');
      return window.benchHarness.runCeiling(dataset, databaseName);
    }, { dataset, databaseName });
    return { figures: { bulkPut: result.bulkPutMs }, replica: result.replica };
  },
};

export const MEASUREMENTS: readonly Measurement[] = [importIntoEmptyReplica, ceiling];
