/**
 * The page's side of the global search: one search worker per workbook database, asked for
 * results and telling how far its index is. Where workers are not available (unit tests under
 * Node) or the worker cannot start, the same service runs in place.
 *
 * Only the newest query matters: a result for an older text is still delivered (the caller
 * compares texts), but nothing queues behind it — the worker answers in order.
 */
import type { Language } from '../../../shared/i18n/languages';
import type { Workspace } from '../../../shared/model/workspace';
import type { SearchKind } from '../../../shared/search/documents';
import type { WorkbookDb } from '../db/WorkbookDb';
import type { IndexStatus, SearchReply, SearchRequest, SearchResultsView } from './protocol';
import type { SearchService } from './service';

export interface SearchClient {
  /** Start indexing the workspace (or take up its persisted index) if not yet done. */
  open(workspace: Workspace): void;
  query(workspace: Workspace, text: string, language: Language, limits: Readonly<Record<SearchKind, number>>): Promise<SearchResultsView>;
  /** The index's latest status for a workspace, if it has told one. */
  status(workspace: Workspace): IndexStatus | null;
  subscribe(listener: () => void): () => void;
  /** Persist what changed (the page is being hidden). */
  flush(): void;
  /** Someone is scrolling: hold background indexing for `ms` (queries are still answered). */
  hold(ms: number): void;
}

interface Pending {
  readonly resolve: (results: SearchResultsView) => void;
  readonly reject: (error: Error) => void;
}

class WorkerSearchClient implements SearchClient {
  private worker: Worker | null = null;
  /** The service run in place, loaded only when needed (it is not part of the page's start-up code). */
  private inPlace: Promise<SearchService> | null = null;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly statuses = new Map<Workspace, IndexStatus>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly db: WorkbookDb) {}

  private receive = (reply: SearchReply) => {
    if (reply.type === 'status') {
      if (reply.status.databaseName !== this.db.name) return;
      this.statuses.set(reply.status.workspace, reply.status);
      for (const listener of this.listeners) listener();
      return;
    }
    const waiting = this.pending.get(reply.requestId);
    if (!waiting) return;
    this.pending.delete(reply.requestId);
    if (reply.type === 'results') waiting.resolve(reply.results);
    else waiting.reject(new Error(reply.message));
  };

  private runInPlace(): Promise<SearchService> {
    this.inPlace ??= Promise.all([import('./service'), import('../db/searchSource'), import('../db/searchCache')]).then(
      ([{ SearchService, INDEX_FORMAT }, { databaseSearchSource }, { openSearchCache }]) =>
        new SearchService({
          openSource: () => Promise.resolve(databaseSearchSource(this.db)),
          cache: typeof indexedDB === 'undefined' ? null : openSearchCache(INDEX_FORMAT),
          post: this.receive,
        }),
    );
    return this.inPlace;
  }

  private send(request: SearchRequest): void {
    if (!this.inPlace && !this.worker && typeof Worker !== 'undefined') {
      try {
        this.worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search-index' });
        this.worker.onmessage = (event: MessageEvent<SearchReply>) => this.receive(event.data);
        this.worker.onerror = (event) => {
          // A worker that cannot start (blocked by policy, say): search in place rather than not at all.
          event.preventDefault();
          console.warn('search worker failed, searching in place', event.message);
          this.worker?.terminate();
          this.worker = null;
          const service = this.runInPlace();
          for (const workspace of this.statuses.keys()) void service.then((s) => s.handle({ type: 'open', databaseName: this.db.name, workspace }));
          const failed = [...this.pending.values()];
          this.pending.clear();
          for (const waiting of failed) waiting.reject(new Error('search worker failed'));
        };
      } catch {
        this.worker = null;
      }
    }
    if (this.worker) this.worker.postMessage(request);
    else void this.runInPlace().then((service) => service.handle(request));
  }

  open(workspace: Workspace): void {
    this.send({ type: 'open', databaseName: this.db.name, workspace });
  }

  query(workspace: Workspace, text: string, language: Language, limits: Readonly<Record<SearchKind, number>>): Promise<SearchResultsView> {
    const requestId = this.nextRequestId++;
    return new Promise<SearchResultsView>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.send({ type: 'query', requestId, databaseName: this.db.name, workspace, text, language, limits });
    });
  }

  status(workspace: Workspace): IndexStatus | null {
    return this.statuses.get(workspace) ?? null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flush(): void {
    this.send({ type: 'flush' });
  }

  hold(ms: number): void {
    // Nothing to hold before indexing has started: this must not start the worker.
    if (this.worker) this.worker.postMessage({ type: 'hold', ms } satisfies SearchRequest);
    else if (this.inPlace) void this.inPlace.then((service) => service.hold(ms));
  }
}

const clients = new Map<string, SearchClient>();

/** The search client of a workbook database (one worker per database, shared by every screen). */
export function searchClientFor(db: WorkbookDb): SearchClient {
  let client = clients.get(db.name);
  if (!client) {
    client = new WorkerSearchClient(db);
    clients.set(db.name, client);
  }
  return client;
}
