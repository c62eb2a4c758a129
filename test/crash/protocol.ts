/**
 * What the crash harness page (test/crash/harness) offers the test that kills it
 * (test/e2e/crashRecovery.spec.ts). Every `start…` call begins work and returns at once, so the
 * test can kill the browser while the work runs; progress is reported on the console as
 * `crash-progress <what> <detail>` lines, which the test collects as the acknowledgements that
 * must survive the kill.
 */

/** The sender's bundle, made once before the kill loop; base64 so it crosses `page.evaluate`. */
export interface PreparedBundle {
  readonly bundleBase64: string;
  readonly fileName: string;
  readonly senderCard: string;
  readonly senderInstallationId: string;
  /** Operations in the bundle that originated at the sender (the rest is built-in content). */
  readonly senderOperations: number;
}

export interface ConsistencyReport {
  /** Schema version the database opened at (migrations ran to completion). */
  readonly schemaVersion: number;
  /** Journal audit (renderer/src/db/audit.ts): records rebuilt from their operations vs. stored. */
  readonly auditFindings: readonly string[];
  readonly recordsChecked: number;
  readonly operationsChecked: number;
  /** Hash-chain verification of every incident's logbook (per installation), problems only. */
  readonly chainProblems: readonly string[];
  /** Operations whose origin is the given sender (import: all of the bundle or none). */
  readonly operationsFromSender: number;
  readonly senderOperationsByTable: Readonly<Record<string, number>>;
  readonly logEntryIds: readonly string[];
  /** Staged import batches left behind (a later import or start clears them; must not be applied). */
  readonly stagedBatches: number;
  /** Export bookkeeping: the bundle sequence used up, and the sequences of "sent" custody records. */
  readonly sequence: number;
  readonly sentSequences: readonly number[];
}

export interface CrashHarness {
  readonly ready: true;
  /** A sender installation with an identity, `entries` log entries in `incidents` incidents, exported to `receiverCard`'s peer. */
  prepareBundle(entries: number, incidents: number): Promise<PreparedBundle>;
  /** A freshly set-up receiver database named `name`, trusting the sender, with its own identity. */
  prepareReceiver(name: string, senderCard: string): Promise<void>;
  /** A version 1 database (the oldest the app upgrades) holding `copies` × the exercise scenario's entries. */
  prepareVersion1(name: string, copies: number): Promise<number>;
  startImport(name: string, bundle: PreparedBundle): Promise<void>;
  startLogBurst(name: string, count: number): Promise<void>;
  startExports(name: string, count: number): Promise<void>;
  startUpgrade(name: string): Promise<void>;
  /**
   * Open `name` as the app's start does: null, or what the app reports when the browser engine
   * found its store damaged and cleared it (every database of the origin is then gone).
   */
  openAtStart(name: string): Promise<string | null>;
  /** Open `name` as the app does after a restart and report what it holds. */
  check(name: string, senderInstallationId: string | null, verifyChains: boolean): Promise<ConsistencyReport>;
  /** Import the bundle to completion (after a kill, the user imports it again). */
  importToEnd(name: string, bundle: PreparedBundle): Promise<number>;
}

declare global {
  interface Window {
    crashHarness?: CrashHarness;
  }
}
