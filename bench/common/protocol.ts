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
  /** The same sender's bundle of half the dataset (every operation but the second half of the log). */
  readonly halfBundleUrl?: string;
  readonly halfBundleFileName?: string;
  /** The dataset's operations (all, and the half), one journal operation per line, to seed replicas untimed. */
  readonly operationsUrl?: string;
  readonly halfOperationsUrl?: string;
  readonly expectedHalf?: ExpectedReplica;
  /** Canonical NDJSON bytes of the dataset's operations (the bundle payload before compression). */
  readonly ndjsonBytes?: number;
}

export interface ExpectedReplica {
  readonly incidents: number;
  readonly logEntries: number;
  /** Contacts and (national) procedures of the directory; absent in a dataset made before it had them. */
  readonly contacts?: number;
  readonly procedures?: number;
  readonly operations: number;
  /** `recordDigest` of every record of the dataset. */
  readonly digest: string;
}

/** What a replica holds in the `real` workspace after a run (read outside the timed part). */
export interface ReplicaCheck {
  readonly incidents: number;
  readonly logEntries: number;
  /** Contacts and procedures of the `real` workspace (the built-in procedure pack left out). */
  readonly contacts?: number;
  readonly procedures?: number;
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

/** The half-full replica: seeded with the half bundle (app import, untimed), then the full bundle imported (timed). */
export interface ImportHalfRunResult extends Omit<ImportRunResult, 'kind'> {
  readonly kind: 'import-half';
  /** The untimed import of the half bundle that set the replica up. */
  readonly seedMs: number;
  readonly seedAdded: number;
}

/** One export through the app's path (ExportDialog `submit`). */
export interface ExportFigures {
  /** exportBundle (plan, sign, compress, [encrypt], the file's bytes). */
  readonly bundleMs: number;
  /** recordSent + recordCustody: what the dialog writes once the file is saved. */
  readonly recordMs: number;
  readonly totalMs: number;
  readonly bytes: number;
  readonly operations: number;
  /** Canonical NDJSON bytes of the exported operations (the payload before compression). */
  readonly ndjsonBytes: number;
  /** Untimed: the recipient verified (and, encrypted, decrypted) the file with the app's verifyBundle. */
  readonly verifiedOperations: number;
}

export interface ExportRunResult {
  readonly kind: 'export';
  /** Signed + compressed, for anyone (no recipient). */
  readonly plain: ExportFigures;
  /** Signed + compressed + encrypted (age) to one recipient. */
  readonly encrypted: ExportFigures;
  readonly seedMs: number;
  readonly replica: ReplicaCheck;
}

export interface IncrementalRunResult {
  readonly kind: 'incremental';
  /** Export A→B "since last": exportBundle + recordSent + recordCustody. */
  readonly exportMs: number;
  readonly bytes: number;
  readonly operations: number;
  /** Verify + import on B, by phase as importAsTheAppDoes reports them, and in all. */
  readonly importPhases: Readonly<Record<string, number>>;
  readonly importMs: number;
  readonly added: number;
  readonly seedMs: number;
  /** B afterwards: the half dataset and the one new entry, the same records as A. */
  readonly replica: ReplicaCheck;
  readonly replicaA: ReplicaCheck;
}

export interface BenchHarness {
  readonly ready: true;
  runImport(dataset: HarnessDataset, databaseName: string): Promise<ImportRunResult>;
  runCeiling(dataset: HarnessDataset, databaseName: string): Promise<CeilingRunResult>;
  /** C+J: the records and their journal operations, plain Dexie (bench/harness/ceiling.ts). */
  runCeilingJournal(dataset: HarnessDataset, databaseName: string): Promise<CeilingRunResult>;
  runImportHalf(dataset: HarnessDataset, databaseName: string): Promise<ImportHalfRunResult>;
  runExport(dataset: HarnessDataset, databaseName: string): Promise<ExportRunResult>;
  runIncremental(dataset: HarnessDataset, databaseName: string): Promise<IncrementalRunResult>;
}

/** The PouchDB peer P (bench/peer): the same records through PouchDB's bulkDocs, dump and load. */
export interface PeerRunResult {
  readonly kind: 'peer';
  /** bulkDocs of every record (one document each), in batches of `batch`. */
  readonly bulkDocsMs: number;
  readonly batch: number;
  /** pouchdb-replication-stream `dump` of the database to a string. */
  readonly dumpMs: number;
  /** pouchdb-load `load` of that dump into an empty database. */
  readonly loadMs: number;
  /** UTF-8 bytes of the dump. */
  readonly dumpBytes: number;
  readonly adapter: string;
  /** What the loaded database holds (records read back without `_id` and `_rev`). */
  readonly replica: ReplicaCheck;
}

export interface BenchPeer {
  readonly ready: true;
  runPeer(dataset: HarnessDataset, databaseName: string): Promise<PeerRunResult>;
}

declare global {
  interface Window {
    benchHarness?: BenchHarness;
    benchPeer?: BenchPeer;
  }
}
