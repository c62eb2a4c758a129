/**
 * What the search index needs from the database and from its cache, as interfaces: the index
 * code stays free of Dexie (only renderer/src/db touches it; see db/searchSource.ts and
 * db/searchCache.ts), and tests can hand it what they like.
 */
import type { Contact, Incident, LogEntry, Procedure } from '../../../shared/model/records';
import type { Workspace } from '../../../shared/model/workspace';
import type { SearchedTable } from '../../../shared/search/documents';
import type { EngineSnapshot } from './engine';

export interface SearchedRecords {
  procedures: Procedure;
  contacts: Contact;
  incidents: Incident;
  logEntries: LogEntry;
}

export type SearchedRecord = SearchedRecords[SearchedTable];

export type ShownRecords = { readonly [T in SearchedTable]: readonly (SearchedRecords[T] | undefined)[] } & {
  /** Titles of the incidents of the log entries shown. */
  readonly incidentTitles: ReadonlyMap<string, string>;
};

/** Where the journal of a workspace stands: how many operations, the newest clock stamp. */
export interface JournalPosition {
  readonly operations: number;
  readonly newest: string | null;
}

/** A change in the journal after some point, as the index needs it. */
export interface JournalChange {
  readonly table: string;
  readonly recordId: string;
  readonly hlc: string;
}

export type ChangesSince =
  | { readonly kind: 'changes'; readonly position: JournalPosition; readonly changes: readonly JournalChange[] }
  /** More than asked for: rebuilding is cheaper than replaying them. */
  | { readonly kind: 'too-many'; readonly position: JournalPosition };

export interface SearchSource {
  journalPosition(workspace: Workspace): Promise<JournalPosition>;
  /** Operations of the workspace after `after` (exclusive; null: all), with the position, read together. */
  changesSince(workspace: Workspace, after: string | null, max: number): Promise<ChangesSince>;
  /** Every record of a table in the workspace (tombstones too), a page at a time. */
  eachPage<T extends SearchedTable>(table: T, workspace: Workspace, visit: (records: readonly SearchedRecords[T][]) => Promise<void> | void): Promise<void>;
  /** Records by id, in order (undefined where there is none). */
  records<T extends SearchedTable>(table: T, ids: readonly string[]): Promise<(SearchedRecords[T] | undefined)[]>;
  /** The records of the results shown, and the incidents of the log entries among them, read together. */
  shown(ids: { readonly [T in SearchedTable]: readonly string[] }): Promise<ShownRecords>;
  /** Call `onChange` after any change of the workspace's journal (not at once); returns the unsubscribe. */
  watch(workspace: Workspace, onChange: () => void): () => void;
}

/** The persisted index of one workspace of one database: a cache, never data. */
export interface CachedIndex {
  readonly databaseName: string;
  readonly workspace: Workspace;
  /** The format of what is stored (text handling and engine); another format is thrown away. */
  readonly format: number;
  readonly position: JournalPosition;
  readonly savedAt: string;
  readonly snapshot: EngineSnapshot;
}

export interface SearchCache {
  load(databaseName: string, workspace: Workspace): Promise<CachedIndex | null>;
  save(entry: CachedIndex): Promise<void>;
  drop(databaseName: string, workspace: Workspace): Promise<void>;
}
