/**
 * The search index service: what runs in the search worker (search.worker.ts), or in place where
 * there are no workers (unit tests under Node). Per workspace it
 *
 * 1. takes up the persisted index, or builds one from the database, page by page, answering
 *    meanwhile from what is indexed;
 * 2. follows the change journal: after every new operation of the workspace it replays the
 *    operations past the position it has (their records are read as they are now and replace
 *    their documents; tombstones remove them). When the journal holds more operations than the
 *    index has seen plus those past its position, some arrived with older clock stamps (an import
 *    of older history): it then rebuilds, and answers from the old index until the new one is done;
 * 3. persists the index (15 s after the last change once nobody is searching, and when the page
 *    is hidden), so a restart only replays what came after;
 * 4. answers queries: the best results per kind, shown from the records as they are now.
 */
import type { Language } from '../../../shared/i18n/languages';
import type { Workspace } from '../../../shared/model/workspace';
import { documentsOf, isSearchedTable, parseDocumentId, SEARCH_KINDS, SEARCHED_TABLES, type SearchKind, type SearchedTable } from '../../../shared/search/documents';
import { describeHit, type HitRecord, type SearchHitView } from '../../../shared/search/results';
import { TEXT_VERSION } from '../../../shared/search/text';
import { SearchEngine, type EngineHit } from './engine';
import type { IndexState, IndexStatus, SearchGroup, SearchReply, SearchRequest, SearchResultsView } from './protocol';
import type { JournalPosition, SearchCache, SearchedRecord, SearchSource } from './source';

/** Raise with any change to what the engine stores; with TEXT_VERSION it names the cache format. */
const ENGINE_VERSION = 2;
export const INDEX_FORMAT = TEXT_VERSION * 1_000 + ENGINE_VERSION;

/** Past this many new operations, rebuilding is quicker than replaying them one record at a time. */
const MAX_REPLAY = 20_000;
/** Documents indexed between two looks at the message queue while building (queries wait no longer). */
const BUILD_SLICE = 1_000;
/** A burst of writes (an import, quick typing) is taken in once, this long after it ends. */
const CATCH_UP_DELAY_MS = 120;
/** Persist after changes once nothing has changed, and nobody has searched, for this long. */
const PERSIST_IDLE_MS = 15_000;
/** Rebuild when this share of the index's document numbers belongs to replaced or removed documents. */
const MAX_DIRT = 0.3;
/** The longest a single hold request holds background work (a stuck page cannot stop the index). */
export const MAX_HOLD_MS = 5_000;

export interface SearchServiceDeps {
  readonly openSource: (databaseName: string) => Promise<SearchSource>;
  readonly cache: SearchCache | null;
  readonly post: (reply: SearchReply) => void;
  readonly now?: () => number;
}

const recordKey = (table: SearchedTable, id: string) => `${table}:${id}`;
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

class WorkspaceIndex {
  engine: SearchEngine | null = null;
  position: JournalPosition | null = null;
  state: IndexState = 'loading';
  /** Records indexed by the build in progress (for the status while building). */
  building = 0;
  private queue: Promise<void> = Promise.resolve();
  private catchUpQueued = false;
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;
  lastQueryAt = 0;

  constructor(
    readonly databaseName: string,
    readonly workspace: Workspace,
    private readonly source: SearchSource,
    private readonly cache: SearchCache | null,
    private readonly announce: (status: IndexStatus) => void,
    private readonly now: () => number,
    /** Resolves once nobody asks background work to wait (see SearchService.hold). */
    private readonly whileHeld: () => Promise<void> = () => Promise.resolve(),
  ) {}

  status(): IndexStatus {
    return {
      databaseName: this.databaseName,
      workspace: this.workspace,
      state: this.state,
      indexed: this.state === 'building' ? this.building : (this.engine?.recordCount ?? 0),
    };
  }

  private setState(state: IndexState) {
    this.state = state;
    this.announce(this.status());
  }

  /** Run one task after the others: builds, replays and saves never overlap. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((error: unknown) => {
      console.error('search index:', error);
      this.setState(this.engine ? 'ready' : 'failed');
    });
    this.queue = next;
    return next;
  }

  start(): () => void {
    void this.enqueue(() => this.takeUp());
    return this.source.watch(this.workspace, () => this.scheduleCatchUp());
  }

  private async takeUp(): Promise<void> {
    const cached = await this.cache?.load(this.databaseName, this.workspace).catch(() => null);
    if (cached) {
      try {
        this.engine = SearchEngine.restore(cached.snapshot);
        this.position = cached.position;
      } catch (error) {
        console.warn('search index: persisted index unreadable, rebuilding', error);
        this.engine = null;
      }
    }
    if (this.engine) {
      this.setState('updating');
      await this.catchUp();
    } else {
      await this.build();
    }
  }

  scheduleCatchUp(): void {
    if (this.catchUpTimer !== null) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      if (this.catchUpQueued) return;
      this.catchUpQueued = true;
      void this.enqueue(async () => {
        this.catchUpQueued = false;
        await this.catchUp();
      });
    }, CATCH_UP_DELAY_MS);
  }

  /** Build the whole index from the database; until it is done, answer from the old one (or the part built). */
  private async build(): Promise<void> {
    this.building = 0;
    this.setState('building');
    const position = await this.source.journalPosition(this.workspace);
    const fresh = SearchEngine.empty();
    if (!this.engine) this.engine = fresh;
    let lastAnnounced = this.now();
    for (const table of SEARCHED_TABLES) {
      await this.source.eachPage(table, this.workspace, async (records) => {
        for (let from = 0; from < records.length; from += BUILD_SLICE) {
          for (const record of records.slice(from, from + BUILD_SLICE)) indexRecord(fresh, table, record);
          this.building += Math.min(BUILD_SLICE, records.length - from);
          if (this.now() - lastAnnounced > 500) {
            lastAnnounced = this.now();
            this.announce(this.status());
          }
          await yieldToMessages();
          await this.whileHeld();
        }
      });
    }
    this.engine = fresh;
    this.position = position;
    this.dirty = true;
    // Whatever was written while building is replayed now.
    await this.catchUp(true);
    // Saved a little later: saving walks the whole index, and the first searches come now.
    this.schedulePersist();
  }

  private async catchUp(afterBuild = false): Promise<void> {
    const engine = this.engine;
    const position = this.position;
    if (!engine || !position) return this.build();
    const result = await this.source.changesSince(this.workspace, position.newest, MAX_REPLAY);
    if (result.kind === 'too-many' || position.operations + result.changes.length !== result.position.operations) {
      if (afterBuild) {
        // Older operations arrived while building: the next catch-up (scheduled by the watch) rebuilds.
        this.position = { operations: -1, newest: position.newest };
        this.setState('ready');
        this.scheduleCatchUp();
        return;
      }
      return this.build();
    }
    if (result.changes.length > 0) {
      // A few changes are taken in at once; only a large batch is worth telling the page about.
      if (result.changes.length > 500 && this.state !== 'updating') this.setState('updating');
      const byTable = new Map<SearchedTable, Set<string>>();
      for (const change of result.changes) {
        if (!isSearchedTable(change.table)) continue;
        const ids = byTable.get(change.table) ?? new Set<string>();
        ids.add(change.recordId);
        byTable.set(change.table, ids);
      }
      for (const [table, ids] of byTable) {
        const list = [...ids];
        const records = await this.source.records(table, list);
        list.forEach((id, i) => {
          const record = records[i];
          if (record && record.workspace === this.workspace) indexRecord(engine, table, record);
          else engine.put(recordKey(table, id), '', []);
        });
      }
      this.dirty = true;
      this.schedulePersist();
    }
    this.position = result.position;
    // Replaced documents leave their postings behind: past a point, a fresh index is smaller and quicker.
    if (!afterBuild && engine.dirtRatio > MAX_DIRT && engine.documentCount > 1_000) return this.build();
    if (this.state !== 'ready') this.setState('ready');
  }

  private schedulePersist(): void {
    if (this.persistTimer !== null) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      // Saving walks the whole index: not while someone is searching.
      if (this.now() - this.lastQueryAt < 3_000) return this.schedulePersist();
      void this.enqueue(() => this.persist());
    }, PERSIST_IDLE_MS);
  }

  async persist(): Promise<void> {
    if (!this.cache || !this.dirty || !this.engine || !this.position || this.position.operations < 0) return;
    this.dirty = false;
    await this.cache.save({
      databaseName: this.databaseName,
      workspace: this.workspace,
      format: INDEX_FORMAT,
      position: this.position,
      savedAt: new Date(this.now()).toISOString(),
      snapshot: this.engine.snapshot(),
    });
  }

  flush(): Promise<void> {
    return this.enqueue(() => this.persist());
  }

  /** Forget pending timers (the service is closing). */
  stop(): void {
    for (const timer of [this.catchUpTimer, this.persistTimer]) if (timer !== null) clearTimeout(timer);
    this.catchUpTimer = null;
    this.persistTimer = null;
  }

  /** Wait until nothing is pending: no replay scheduled, no task running (tests, measurements). */
  async settled(): Promise<void> {
    for (;;) {
      await this.queue;
      if (this.catchUpTimer === null && !this.catchUpQueued) return;
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_DELAY_MS));
    }
  }

  async search(text: string, language: Language, limits: Readonly<Record<SearchKind, number>>): Promise<SearchResultsView> {
    const started = this.now();
    this.lastQueryAt = started;
    const empty: SearchResultsView = { text, workspace: this.workspace, groups: [], total: 0, indexState: this.state, tookMs: 0 };
    const engine = this.engine;
    if (!engine) return empty;
    const found = engine.search(text, limits);
    const groups = await this.describe(engine, found.hits, language);
    const shown: SearchGroup[] = [];
    let total = 0;
    for (const kind of SEARCH_KINDS) {
      total += found.totals[kind];
      const hits = groups.get(kind) ?? [];
      if (found.totals[kind] > 0 && hits.length > 0) shown.push({ kind, total: found.totals[kind], hits });
    }
    return { ...empty, groups: shown, total, indexState: this.state, tookMs: this.now() - started };
  }

  /** Read the records of the hits shown and shape them for the page. */
  private async describe(engine: SearchEngine, hits: Readonly<Record<SearchKind, readonly EngineHit[]>>, language: Language): Promise<Map<SearchKind, SearchHitView[]>> {
    const all = SEARCH_KINDS.flatMap((kind) => hits[kind]);
    const refs = all.map((hit) => ({ hit, ref: parseDocumentId(hit.id) }));
    const idsOf = (kinds: readonly SearchKind[]) => [...new Set(refs.filter((r) => r.ref && kinds.includes(r.ref.kind)).map((r) => r.ref!.recordId))];
    const procedureIds = idsOf(['procedure', 'step']);
    const contactIds = idsOf(['contact', 'channel']);
    const incidentIds = idsOf(['incident']);
    const entryIds = idsOf(['logEntry']);
    const { procedures, contacts, incidents, logEntries: entries, incidentTitles: titles } = await this.source.shown({
      procedures: procedureIds,
      contacts: contactIds,
      incidents: incidentIds,
      logEntries: entryIds,
    });
    const byId = <T extends { id: string; deleted: boolean; workspace: Workspace }>(list: readonly (T | undefined)[]) =>
      new Map(list.filter((r): r is T => r !== undefined && !r.deleted && r.workspace === this.workspace).map((r) => [r.id, r]));
    const procedureById = byId(procedures);
    const contactById = byId(contacts);
    const incidentById = byId(incidents);
    const entryById = byId(entries);
    const groups = new Map<SearchKind, SearchHitView[]>();
    for (const { hit, ref } of refs) {
      if (!ref) continue;
      let source: HitRecord | null = null;
      if (ref.kind === 'procedure' || ref.kind === 'step') {
        const record = procedureById.get(ref.recordId);
        if (record) source = { table: 'procedures', record };
      } else if (ref.kind === 'contact' || ref.kind === 'channel') {
        const record = contactById.get(ref.recordId);
        if (record) source = { table: 'contacts', record };
      } else if (ref.kind === 'incident') {
        const record = incidentById.get(ref.recordId);
        if (record) source = { table: 'incidents', record };
      } else {
        const record = entryById.get(ref.recordId);
        if (record) source = { table: 'logEntries', record, incidentTitle: titles.get(record.incidentId) ?? null, correction: engine.correctionOf(record.id) };
      }
      const view = source ? describeHit(ref, hit.id, source, language, new Set(hit.terms)) : null;
      if (!view) continue;
      const list = groups.get(ref.kind) ?? [];
      list.push(view);
      groups.set(ref.kind, list);
    }
    return groups;
  }
}

/** Index one record as it is now (a tombstone removes its documents). */
function indexRecord(engine: SearchEngine, table: SearchedTable, record: SearchedRecord): void {
  engine.put(recordKey(table, record.id), record.hlc, documentsOf(table, record));
  if (table === 'logEntries' && 'corrects' in record && record.corrects && !record.deleted) {
    engine.markCorrected(record.corrects.entryId, record.corrects.mode);
  }
}

export class SearchService {
  private readonly indexes = new Map<string, WorkspaceIndex>();
  private readonly unwatch = new Map<string, () => void>();
  private readonly now: () => number;

  /** Background work waits until this time (`now()`), as asked by `hold`. */
  private heldUntil = 0;

  constructor(private readonly deps: SearchServiceDeps) {
    this.now = deps.now ?? (() => performance.now());
  }

  /** Hold background indexing for `ms` from now (at most MAX_HOLD_MS); a later hold extends it. */
  hold(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.now() + Math.min(Math.max(ms, 0), MAX_HOLD_MS));
  }

  /** Whether background work is being held now. */
  get held(): boolean {
    return this.now() < this.heldUntil;
  }

  private async whileHeld(): Promise<void> {
    for (let wait = this.heldUntil - this.now(); wait > 0; wait = this.heldUntil - this.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async indexFor(databaseName: string, workspace: Workspace): Promise<WorkspaceIndex> {
    const key = `${databaseName}\u0000${workspace}`;
    let found = this.indexes.get(key);
    if (!found) {
      const source = await this.deps.openSource(databaseName);
      // Another request may have opened it while the source was opening.
      found = this.indexes.get(key);
      if (found) return found;
      found = new WorkspaceIndex(databaseName, workspace, source, this.deps.cache, (status) => this.deps.post({ type: 'status', status }), this.now, () => this.whileHeld());
      this.indexes.set(key, found);
      this.unwatch.set(key, found.start());
    }
    return found;
  }

  /** Handle one request from the page; errors are answered, never thrown. */
  async handle(request: SearchRequest): Promise<void> {
    switch (request.type) {
      case 'open': {
        const index = await this.indexFor(request.databaseName, request.workspace).catch((error: unknown) => {
          console.error('search index: cannot open', error);
          return null;
        });
        if (index) this.deps.post({ type: 'status', status: index.status() });
        return;
      }
      case 'query':
        try {
          const index = await this.indexFor(request.databaseName, request.workspace);
          const results = await index.search(request.text, request.language, request.limits);
          this.deps.post({ type: 'results', requestId: request.requestId, results });
        } catch (error) {
          this.deps.post({ type: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) });
        }
        return;
      case 'flush':
        await Promise.all([...this.indexes.values()].map((index) => index.flush()));
        return;
      case 'hold':
        this.hold(request.ms);
        return;
    }
  }

  /** Wait for every index's pending work (tests and measurements). */
  async settled(): Promise<void> {
    for (;;) {
      const before = [...this.indexes.values()];
      await Promise.all(before.map((index) => index.settled()));
      if ([...this.indexes.values()].every((index, i) => index === before[i])) return;
    }
  }

  /** Stop watching the journals (tests). */
  close(): void {
    for (const stop of this.unwatch.values()) stop();
    this.unwatch.clear();
    for (const index of this.indexes.values()) index.stop();
  }
}
