/**
 * Background indexing gives way to someone scrolling (issue 8: on two cores, building the index
 * beside the page made single scroll frames of the 100,000-entry timeline last over 100 ms): a
 * hold stops the build between slices, queries are still answered, and the build goes on when
 * the hold ends. A hold is bounded, so a page that keeps asking cannot stop the index for long.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchReply, SearchResultsView } from '../../../../renderer/src/search/protocol';
import { MAX_HOLD_MS, SearchService } from '../../../../renderer/src/search/service';
import type { SearchSource, SearchedRecords } from '../../../../renderer/src/search/source';
import type { LogEntry } from '../../../../shared/model/records';
import { SEARCH_KINDS, type SearchKind } from '../../../../shared/search/documents';

const ENTRIES = 3_500; // several build slices
const LIMITS = Object.fromEntries(SEARCH_KINDS.map((k) => [k, 5])) as Record<SearchKind, number>;

function entry(i: number): LogEntry {
  // Only what the index reads of a log entry.
  return { id: `01JENTRY${String(i).padStart(18, '0')}`, hlc: `2026-11-24T00:00:00.000Z-${String(i).padStart(4, '0')}-X`, workspace: 'real', incidentId: '01JINCIDENT000000000000000', occurredAt: '2026-11-24T00:00:00.000Z', createdAt: '2026-11-24T00:00:00.000Z', tlp: 'CLEAR', deleted: false, text: `beacon observed at host ${i}`, author: 'Bench', kind: 'observation', channel: null, corrects: null } as unknown as LogEntry;
}

const source: SearchSource = {
  journalPosition: () => Promise.resolve({ operations: 0, newest: null }),
  changesSince: () => Promise.resolve({ kind: 'changes', position: { operations: 0, newest: null }, changes: [] }),
  async eachPage(table, _workspace, visit) {
    if (table === 'logEntries') await visit(Array.from({ length: ENTRIES }, (_, i) => entry(i)) as unknown as SearchedRecords[typeof table][]);
  },
  records: (_table, ids) => Promise.resolve(ids.map(() => undefined)),
  shown: (ids) => Promise.resolve({ procedures: [], contacts: [], incidents: [], logEntries: ids.logEntries.map((id) => entry(Number(id.slice(8)))), incidentTitles: new Map() }),
  watch: () => () => undefined,
};

const services: SearchService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

function start(now?: () => number) {
  const waiting = new Map<number, (results: SearchResultsView) => void>();
  const service = new SearchService({
    openSource: () => Promise.resolve(source),
    cache: null,
    post: (reply: SearchReply) => {
      if (reply.type === 'results') waiting.get(reply.requestId)?.(reply.results);
    },
    ...(now ? { now } : {}),
  });
  services.push(service);
  let requestId = 0;
  const query = (text: string) =>
    new Promise<SearchResultsView>((resolve) => {
      requestId += 1;
      waiting.set(requestId, resolve);
      void service.handle({ type: 'query', requestId, databaseName: 'db', workspace: 'real', text, language: 'en', limits: LIMITS });
    });
  return { service, query };
}

const logEntriesFound = (results: SearchResultsView) => results.groups.find((g) => g.kind === 'logEntry')?.total ?? 0;

describe('background indexing and scrolling', () => {
  it('stops building while held, answers queries meanwhile, and finishes after the hold', async () => {
    const { service, query } = start();
    await service.handle({ type: 'hold', ms: 400 });
    const started = performance.now();
    await service.handle({ type: 'open', databaseName: 'db', workspace: 'real' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Held after its first slice: queries are answered from the part built so far.
    const during = await query('beacon');
    expect(logEntriesFound(during)).toBeGreaterThan(0);
    expect(logEntriesFound(during)).toBeLessThan(ENTRIES);
    expect(service.held).toBe(true);
    await service.settled();
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(logEntriesFound(await query('beacon'))).toBe(ENTRIES);
  });

  it('builds straight through when nobody holds it', async () => {
    const { service, query } = start();
    const started = performance.now();
    await service.handle({ type: 'open', databaseName: 'db', workspace: 'real' });
    await service.settled();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(logEntriesFound(await query('beacon'))).toBe(ENTRIES);
  });

  it(`holds at most ${MAX_HOLD_MS} ms per request; a later request extends the hold`, () => {
    let t = 1_000;
    const { service } = start(() => t);
    service.hold(60_000);
    t += MAX_HOLD_MS - 1;
    expect(service.held).toBe(true);
    t += 2;
    expect(service.held).toBe(false);
    service.hold(1_000);
    t += 600;
    service.hold(1_000);
    t += 600;
    expect(service.held).toBe(true);
    t += 500;
    expect(service.held).toBe(false);
  });
});
