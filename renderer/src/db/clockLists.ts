/**
 * The clock lists of carried creations in the database (shared/journal/clockLists.ts): written by
 * the journal in the transaction that writes the entries, rebuilt from the rows when a backup is
 * restored, built from the old index when a version 8 database is upgraded.
 */
import type { Table, Transaction } from 'dexie';
import { CLOCK_LIST_SIZE, listsOf, mergedInto, type CarriedClock, type ClockList } from '../../../shared/journal/clockLists';
import type { Hlc } from '../../../shared/journal/hlc';
import type { Workspace } from '../../../shared/model/workspace';

export type ClockListTable = Table<ClockList, number>;

/** Every list of a workspace. */
export function clockListsOf(table: ClockListTable, workspace: Workspace): Promise<ClockList[]> {
  return table.where('workspace').equals(workspace).toArray();
}

/**
 * Add carried creations of one workspace to its lists, in the caller's transaction: into the
 * workspace's newest list while it has room (a run of local writes, a small bundle), otherwise as
 * new lists.
 */
export async function addCarriedClocks(table: ClockListTable, workspace: Workspace, entries: readonly CarriedClock[]): Promise<void> {
  if (entries.length === 0) return;
  const newest = await table.where('workspace').equals(workspace).last();
  if (newest !== undefined && newest.ids.length + entries.length <= CLOCK_LIST_SIZE) await table.put(mergedInto(newest, entries));
  else await table.bulkAdd(listsOf(workspace, entries));
}

/**
 * Carried creations met while applying operations, kept per workspace until there are enough for a
 * full list (written at once, without reading anything) or the apply ends (`flush`).
 */
export class PendingClocks {
  private readonly byWorkspace = new Map<Workspace, CarriedClock[]>();

  /** Remember one carried creation. */
  add(workspace: Workspace, hlc: Hlc, id: string): void {
    const list = this.byWorkspace.get(workspace);
    if (list) list.push({ hlc, id });
    else this.byWorkspace.set(workspace, [{ hlc, id }]);
  }

  /** The full lists gathered so far (taken out). */
  takeFull(): ClockList[] {
    const full: ClockList[] = [];
    for (const [workspace, entries] of this.byWorkspace) {
      // Any entries make a list (each list sorts its own): whole lists of the first ones, the rest waits.
      const whole = entries.length - (entries.length % CLOCK_LIST_SIZE);
      if (whole === 0) continue;
      full.push(...listsOf(workspace, entries.slice(0, whole)));
      this.byWorkspace.set(workspace, entries.slice(whole));
    }
    return full;
  }

  /** Write what is left (after every queued write is done: this reads the newest lists). */
  async flush(table: ClockListTable): Promise<void> {
    for (const [workspace, entries] of this.byWorkspace) await addCarriedClocks(table, workspace, entries);
    this.byWorkspace.clear();
  }
}

/**
 * The upgrade to schema version 9: the lists built from the keys of version 8's index of carried
 * creations (`[workspace+creation.hlc]`, in journal order). Keys are in clear even in a database
 * with content encryption on, so this needs no passphrase and rewrites no entry.
 */
export async function buildClockListsFromIndex(tx: Transaction): Promise<void> {
  const byWorkspace = new Map<Workspace, CarriedClock[]>();
  await tx
    .table('logEntries')
    .orderBy('[workspace+creation.hlc]')
    .eachKey((key, cursor) => {
      const [workspace, hlc] = key as [Workspace, Hlc];
      const entries = byWorkspace.get(workspace);
      const entry = { hlc, id: String(cursor.primaryKey) };
      if (entries) entries.push(entry);
      else byWorkspace.set(workspace, [entry]);
    });
  const lists = [...byWorkspace].flatMap(([workspace, entries]) => listsOf(workspace, entries));
  if (lists.length > 0) await tx.table('carriedClocks').bulkAdd(lists);
}
