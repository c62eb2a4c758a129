/**
 * Messages between the page and the search worker. The page asks for a workspace to be indexed
 * and for results; the worker answers results and tells how far the index is.
 */
import type { Language } from '../../../shared/i18n/languages';
import type { Workspace } from '../../../shared/model/workspace';
import type { SearchKind } from '../../../shared/search/documents';
import type { SearchHitView } from '../../../shared/search/results';

/**
 * loading: reading the persisted index; building: indexing the workspace from the database;
 * updating: taking in recent changes; ready: up to date; failed: no index (search unavailable).
 */
export type IndexState = 'loading' | 'building' | 'updating' | 'ready' | 'failed';

export interface IndexStatus {
  readonly databaseName: string;
  readonly workspace: Workspace;
  readonly state: IndexState;
  /** Records indexed so far (procedures, contacts, log entries). */
  readonly indexed: number;
}

export interface SearchGroup {
  readonly kind: SearchKind;
  /** How many results of this kind there are in all. */
  readonly total: number;
  readonly hits: readonly SearchHitView[];
}

export interface SearchResultsView {
  readonly text: string;
  readonly workspace: Workspace;
  /** Groups in the fixed order of SEARCH_KINDS, empty ones left out. */
  readonly groups: readonly SearchGroup[];
  readonly total: number;
  /** The index's state when it answered: results may be incomplete while it is being built. */
  readonly indexState: IndexState;
  /** Time spent in the index and reading the records shown, in milliseconds. */
  readonly tookMs: number;
}

export type SearchRequest =
  | { readonly type: 'open'; readonly databaseName: string; readonly workspace: Workspace }
  | {
      readonly type: 'query';
      readonly requestId: number;
      readonly databaseName: string;
      readonly workspace: Workspace;
      readonly text: string;
      readonly language: Language;
      readonly limits: Readonly<Record<SearchKind, number>>;
    }
  /** Persist what changed now (the page is being hidden or closed). */
  | { readonly type: 'flush' }
  /**
   * Someone is scrolling: hold background indexing for `ms` (queries are still answered). On two
   * cores, building the index beside the page made single scroll frames last over 100 ms.
   */
  | { readonly type: 'hold'; readonly ms: number };

export type SearchReply =
  | { readonly type: 'status'; readonly status: IndexStatus }
  | { readonly type: 'results'; readonly requestId: number; readonly results: SearchResultsView }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string };
