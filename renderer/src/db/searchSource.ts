/**
 * The global search's reads of the workbook database (see renderer/src/search/source.ts): pages
 * of records for building the index, the journal's operations after a point for keeping it up to
 * date, and the records of the results shown. Reads only; the index never writes data.
 */
import { liveQuery } from 'dexie';
import type { Workspace } from '../../../shared/model/workspace';
import type { SearchedTable } from '../../../shared/search/documents';
import type { ChangesSince, JournalPosition, SearchedRecords, SearchSource } from '../search/source';
import { newestInWorkspace, workspaceJournal, workspaceJournalCount } from './journalStore';
import type { WorkbookDb } from './WorkbookDb';

/** Records read per page while building: large enough to be quick, small enough to stay light. */
const PAGE_SIZE = 5_000;

async function position(db: WorkbookDb, workspace: Workspace): Promise<JournalPosition> {
  const [operations, newest] = await Promise.all([workspaceJournalCount(db, workspace), newestInWorkspace(db, workspace)]);
  return { operations, newest: newest?.hlc ?? null };
}

export function databaseSearchSource(db: WorkbookDb): SearchSource {
  return {
    journalPosition: (workspace) => db.transaction('r', [db.operations, db.logEntries, db.carriedClocks], () => position(db, workspace)),

    changesSince: (workspace, after, max) =>
      db.transaction('r', [db.operations, db.logEntries, db.carriedClocks], async (): Promise<ChangesSince> => {
        const now = await position(db, workspace);
        if ((await workspaceJournalCount(db, workspace, after)) > max) return { kind: 'too-many', position: now };
        const operations = await workspaceJournal(db, workspace, after);
        return { kind: 'changes', position: now, changes: operations.map((o) => ({ table: o.table, recordId: o.recordId, hlc: o.hlc })) };
      }),

    // By primary key rather than by workspace: each page is one indexed getAll (a cursor over a
    // workspace index steps record by record, several times slower), and the other workspace is
    // small in practice.
    async eachPage<T extends SearchedTable>(table: T, workspace: Workspace, visit: (records: readonly SearchedRecords[T][]) => Promise<void> | void) {
      const source = db.table<SearchedRecords[T], string>(table);
      const read = (after: string | null): Promise<SearchedRecords[T][]> =>
        (after === null ? source.limit(PAGE_SIZE) : source.where(':id').above(after).limit(PAGE_SIZE)).toArray();
      let next = read(null);
      for (;;) {
        const page = await next;
        if (page.length === 0) return;
        // The next page is read while this one is indexed.
        next = page.length < PAGE_SIZE ? Promise.resolve([]) : read(page[page.length - 1]!.id);
        // Should the visit fail, the read ahead must not fail unobserved.
        next.catch(() => undefined);
        await visit(page.filter((r) => r.workspace === workspace));
      }
    },

    records: <T extends SearchedTable>(table: T, ids: readonly string[]) => db.table<SearchedRecords[T], string>(table).bulkGet([...ids]),

    // One transaction for everything a result list shows: each costs a round trip to the browser's storage.
    shown: (ids) =>
      db.transaction('r', [db.procedures, db.contacts, db.incidents, db.logEntries], async () => {
        const [procedures, contacts, incidents, logEntries] = await Promise.all([
          db.procedures.bulkGet([...ids.procedures]),
          db.contacts.bulkGet([...ids.contacts]),
          db.incidents.bulkGet([...ids.incidents]),
          db.logEntries.bulkGet([...ids.logEntries]),
        ]);
        const known = new Set(incidents.filter((i) => i !== undefined).map((i) => i.id));
        const wanted = [...new Set(logEntries.filter((e) => e !== undefined).map((e) => e.incidentId))].filter((id) => !known.has(id));
        const more = wanted.length > 0 ? await db.incidents.bulkGet(wanted) : [];
        const incidentTitles = new Map([...incidents, ...more].filter((i) => i !== undefined).map((i) => [i.id, i.title]));
        return { procedures, contacts, incidents, logEntries, incidentTitles };
      }),

    watch(workspace, onChange) {
      // A live query on the journal's position: Dexie reruns it after every write to the
      // operations table, in this context or another (a window, a worker), and it changes with
      // every new operation of the workspace, whatever its clock stamp (imports bring old ones).
      let first = true;
      const subscription = liveQuery(() => position(db, workspace)).subscribe({
        next: () => {
          if (first) first = false;
          else onChange();
        },
        error: (error: unknown) => console.warn('search: journal watch failed', error),
      });
      return () => subscription.unsubscribe();
    },
  };
}
