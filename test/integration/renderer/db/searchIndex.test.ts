/**
 * The global search index (issue 10) against a real database (fake-indexeddb): built from the
 * workspace, it follows the change journal — local writes, edits, tombstones, withdrawals, and
 * imports, including an import of operations older than everything indexed — and a persisted
 * index is taken up after a restart and brought up to date without a rebuild. The service runs in
 * place here, as it does where there are no workers, with its own connection to the database, as
 * the worker has.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openSearchCache } from '../../../../renderer/src/db/searchCache';
import { databaseSearchSource } from '../../../../renderer/src/db/searchSource';
import { appendLogEntry, correctLogEntry } from '../../../../renderer/src/db/logbook';
import { openWorkbookDb, WorkbookDb } from '../../../../renderer/src/db/WorkbookDb';
import type { IndexStatus, SearchReply, SearchResultsView } from '../../../../renderer/src/search/protocol';
import { SearchEngine } from '../../../../renderer/src/search/engine';
import { INDEX_FORMAT, SearchService } from '../../../../renderer/src/search/service';
import type { Workspace } from '../../../../shared/model/workspace';
import { SEARCH_KINDS, type SearchKind } from '../../../../shared/search/documents';
import { contactInput, freshDbName, incidentInput, openInstallation } from '../../../helpers/workbookDb';
import { sampleContent } from '../../../unit/shared/procedures/sampleProcedure';
import { allOperations } from '../../../../renderer/src/db/journalStore';

const LIMITS = Object.fromEntries(SEARCH_KINDS.map((k) => [k, 10])) as Record<SearchKind, number>;

interface Harness {
  readonly service: SearchService;
  readonly statuses: IndexStatus[];
  query(text: string, workspace?: Workspace): Promise<SearchResultsView>;
}

const services: SearchService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

async function startSearch(databaseName: string, cacheName: string, workspace: Workspace = 'real'): Promise<Harness> {
  // Its own connection, by name, as the worker opens the database.
  const db = await openWorkbookDb(new WorkbookDb(databaseName));
  const statuses: IndexStatus[] = [];
  const waiting = new Map<number, (results: SearchResultsView) => void>();
  const service = new SearchService({
    openSource: () => Promise.resolve(databaseSearchSource(db)),
    cache: openSearchCache(INDEX_FORMAT, cacheName),
    post: (reply: SearchReply) => {
      if (reply.type === 'status') statuses.push(reply.status);
      else if (reply.type === 'results') waiting.get(reply.requestId)?.(reply.results);
      else throw new Error(reply.message);
    },
  });
  services.push(service);
  let requestId = 0;
  const query = (text: string, inWorkspace: Workspace = workspace) =>
    new Promise<SearchResultsView>((resolve) => {
      requestId += 1;
      waiting.set(requestId, resolve);
      void service.handle({ type: 'query', requestId, databaseName, workspace: inWorkspace, text, language: 'en', limits: LIMITS });
    });
  await service.handle({ type: 'open', databaseName, workspace });
  await service.settled();
  return { service, statuses, query };
}

const ids = (results: SearchResultsView, kind: SearchKind) => results.groups.find((g) => g.kind === kind)?.hits.map((h) => h.recordId) ?? [];

/** Ask until the answer is as expected (the index follows the journal a moment after a write). */
async function eventually(harness: Harness, text: string, check: (results: SearchResultsView) => boolean): Promise<SearchResultsView> {
  const until = Date.now() + 8_000;
  for (;;) {
    const results = await harness.query(text);
    if (check(results)) return results;
    if (Date.now() > until) throw new Error(`"${text}": not as expected: ${JSON.stringify(results.groups.map((g) => [g.kind, g.total]))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function workbook() {
  const side = await openInstallation('search');
  const procedure = await side.journal.create('procedures', { ...sampleContent(), key: 'nl.delta', tlp: 'GREEN' }, { workspace: 'real' });
  const contact = await side.journal.create('contacts', contactInput({ name: 'Joost Jänssen', organisation: 'NCSC-NL' }), { workspace: 'real' });
  const incident = await side.journal.create('incidents', incidentInput({ title: 'Storing rijksnetwerk' }), { workspace: 'real' });
  const entry = await appendLogEntry(
    side.db,
    side.journal,
    { incidentId: incident.id, kind: 'observation', text: 'Storing van het rijksnetwerk; coördinatie met de netbeheerder gestart.', occurredAt: '2026-03-10T08:00:00.000Z', author: 'M. de Vries', tlp: 'GREEN' },
    'real',
  );
  const exercise = await side.journal.create('contacts', contactInput({ name: 'Oefen Persoon' }), { workspace: 'exercise' });
  return { ...side, procedure, contact, incident, entry, exercise };
}

describe('the search index', () => {
  it('is built from the workspace and finds with typos, without diacritics, in both languages', async () => {
    const w = await workbook();
    const search = await startSearch(w.db.name, freshDbName('cache'));
    expect(search.statuses.map((s) => s.state)).toContain('building');
    expect(search.statuses.at(-1)).toMatchObject({ state: 'ready', indexed: 4 });
    expect(ids(await search.query('storing rijksnetwerk'), 'incident')).toEqual([w.incident.id]);

    const typo = await search.query('cordinatie netbeheeder');
    expect(ids(typo, 'logEntry')).toEqual([w.entry.id]);
    expect(typo.groups[0]!.hits[0]!.context).toBe('Storing rijksnetwerk');
    expect(ids(await search.query('jansen'), 'contact')).toEqual([w.contact.id]);
    expect(ids(await search.query('beoordelen'), 'step')).toEqual([w.procedure.id]);
    expect(ids(await search.query('assess impact'), 'step')).toEqual([w.procedure.id]);
    expect((await search.query('opscha')).groups.map((g) => g.kind)).toEqual(['procedure', 'step']);
    expect((await search.query('oefen persoon')).total).toBe(0);
    // The other workspace has an index of its own, opened when asked for.
    await search.service.handle({ type: 'open', databaseName: w.db.name, workspace: 'exercise' });
    await search.service.settled();
    expect(ids(await search.query('oefen persoon', 'exercise'), 'contact')).toEqual([w.exercise.id]);
    expect((await search.query('jansen', 'exercise')).total).toBe(0);
  });

  it('follows local writes, edits, deletions and withdrawals', async () => {
    const w = await workbook();
    const search = await startSearch(w.db.name, freshDbName('cache'));

    const added = await appendLogEntry(
      w.db,
      w.journal,
      { incidentId: w.incident.id, kind: 'decision', text: 'Besluit: noodstroomaggregaat inzetten bij het datacenter.', occurredAt: '2026-03-10T09:00:00.000Z', author: 'M. de Vries', tlp: 'GREEN' },
      'real',
    );
    await eventually(search, 'noodstroom', (r) => ids(r, 'logEntry').includes(added.id));

    await w.journal.update('contacts', w.contact.id, { name: 'Joost Pietersen' });
    await eventually(search, 'pietersen', (r) => ids(r, 'contact').includes(w.contact.id));
    expect((await search.query('jansen')).total).toBe(0);

    await w.journal.remove('contacts', w.contact.id);
    await eventually(search, 'pietersen', (r) => r.total === 0);

    await correctLogEntry(w.db, w.journal, w.entry, { mode: 'withdrawal', reason: 'Verkeerd incident', text: 'Ingetrokken', author: 'M. de Vries' });
    const withdrawn = await eventually(search, 'rijksnetwerk coordinatie', (r) => r.groups[0]?.hits.some((h) => h.recordId === w.entry.id && h.correction === 'withdrawn') ?? false);
    expect(withdrawn.total).toBe(1);
  });

  it('follows imports, also of operations older than everything indexed', async () => {
    const w = await workbook();
    const search = await startSearch(w.db.name, freshDbName('cache'));

    // A peer whose operations are newer: replayed.
    const peer = await openInstallation('peer');
    await peer.journal.applyOperations(await allOperations(w.db));
    const later = await appendLogEntry(peer.db, peer.journal, { incidentId: w.incident.id, kind: 'observation', text: 'Zendmast Zoetermeer valt uit.', occurredAt: '2026-03-10T10:00:00.000Z', author: 'Peer', tlp: 'GREEN' }, 'real');
    await w.journal.applyOperations(await allOperations(peer.db));
    await eventually(search, 'zoetermeer', (r) => ids(r, 'logEntry').includes(later.id));

    // A peer whose clock is years behind: its operations sort before the index's position.
    const old = await openInstallation('old', () => Date.parse('2020-01-01T00:00:00.000Z'));
    const oldIncident = await old.journal.create('incidents', incidentInput({ title: 'Oud incident' }), { workspace: 'real' });
    const oldEntry = await appendLogEntry(old.db, old.journal, { incidentId: oldIncident.id, kind: 'observation', text: 'Historisch verslag over de glasvezelstoring.', occurredAt: '2020-01-01T00:00:00.000Z', author: 'Archief', tlp: 'GREEN' }, 'real');
    await w.journal.applyOperations(await allOperations(old.db));
    const found = await eventually(search, 'glasvezelstoring', (r) => ids(r, 'logEntry').includes(oldEntry.id));
    expect(found.groups[0]!.hits[0]!.context).toBe('Oud incident');
    expect(ids(await search.query('zoetermeer'), 'logEntry')).toEqual([later.id]);
  });

  it('takes up its persisted index after a restart and replays only what came after', async () => {
    const w = await workbook();
    const cacheName = freshDbName('cache');
    const first = await startSearch(w.db.name, cacheName);
    await first.service.handle({ type: 'flush' });
    first.service.close();

    const after = await appendLogEntry(w.db, w.journal, { incidentId: w.incident.id, kind: 'action', text: 'Satelliettelefoon getest met het ministerie.', occurredAt: '2026-03-10T11:00:00.000Z', author: 'M. de Vries', tlp: 'GREEN' }, 'real');
    const second = await startSearch(w.db.name, cacheName);
    expect(second.statuses.map((s) => s.state)).not.toContain('building');
    expect(second.statuses.at(-1)).toMatchObject({ state: 'ready', indexed: 5 });
    expect(ids(await second.query('satelliettelefoon'), 'logEntry')).toEqual([after.id]);
    expect(ids(await second.query('rijksnetwerk'), 'logEntry')).toEqual([w.entry.id]);
  });

  it('throws away a persisted index of another format and rebuilds', async () => {
    const w = await workbook();
    const cacheName = freshDbName('cache');
    await openSearchCache(INDEX_FORMAT, cacheName).save({
      databaseName: w.db.name,
      workspace: 'real',
      format: INDEX_FORMAT - 1,
      position: { operations: 1, newest: null },
      savedAt: '2026-01-01T00:00:00.000Z',
      snapshot: SearchEngine.empty().snapshot(),
    });
    const search = await startSearch(w.db.name, cacheName);
    expect(search.statuses.map((s) => s.state)).toContain('building');
    expect(ids(await search.query('rijksnetwerk'), 'logEntry')).toEqual([w.entry.id]);
  });
});
