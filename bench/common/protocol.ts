/**
 * What the benchmark runner (Node, bench/node) and the harness page (Chromium, bench/harness) say
 * to each other through Playwright's `page.evaluate`: plain JSON both ways.
 */

/** Where the page finds the dataset (served by the runner next to the page) and what it must find. */
export interface HarnessDataset {
  /** The `.cwb` file, as the app would read it from a USB stick. */
  readonly bundleUrl: string;
  readonly bundleFileName: string;
  /** The records as lines `table TAB canonical JSON` (for the ceiling, which writes records directly). */
  readonly recordsUrl: string;
  /** The sender's identity card text, to put in the keyring as a verified peer before the import. */
  readonly senderCardUrl: string;
  readonly expected: ExpectedReplica;
}

export interface ExpectedReplica {
  readonly incidents: number;
  readonly logEntries: number;
  readonly operations: number;
  /** `recordDigest` of every record of the dataset. */
  readonly digest: string;
}

/** What a replica holds in the `real` workspace after a run (read outside the timed part). */
export interface ReplicaCheck {
  readonly incidents: number;
  readonly logEntries: number;
  /** Journal operations of the `real` workspace (none for the ceiling: it writes records only). */
  readonly operations: number;
  readonly conflicts: number;
  readonly digest: string;
}

/** Milliseconds of one import, by phase as `importAsTheAppDoes` reports them, and in all. */
export interface ImportRunResult {
  readonly kind: 'import';
  readonly phases: Readonly<Record<string, number>>;
  readonly totalMs: number;
  /** New operations the import reported. */
  readonly added: number;
  readonly replica: ReplicaCheck;
}

/** Milliseconds of the ceiling C: one Dexie `bulkPut` of the records into the app's schema. */
export interface CeilingRunResult {
  readonly kind: 'ceiling';
  readonly bulkPutMs: number;
  readonly replica: ReplicaCheck;
}

export interface BenchHarness {
  readonly ready: true;
  runImport(dataset: HarnessDataset, databaseName: string): Promise<ImportRunResult>;
  runCeiling(dataset: HarnessDataset, databaseName: string): Promise<CeilingRunResult>;
}

declare global {
  interface Window {
    benchHarness?: BenchHarness;
  }
}
