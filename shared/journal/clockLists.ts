/**
 * Clock lists: where the journal finds its carried creations in clock order.
 *
 * A log entry carries its own creation (carriedCreation.ts); the journal must still read those
 * creations in clock order, count them and find the newest. Up to schema version 8 an IndexedDB
 * index did that (`[workspace+creation.hlc]`), and that index cost an import of 100,000 entries
 * about 2.5 s: every index is one more write per entry (bench/README.md). A clock list holds the
 * clocks and entry ids of up to `CLOCK_LIST_SIZE` carried creations of one workspace, sorted, in
 * one row: an import of 100,000 entries writes a dozen rows instead of 100,000 index keys.
 *
 * Lists may overlap in time (each import and each run of local writes fills its own); every carried
 * creation is in exactly one list, and the lists hold nothing else. Pure functions here; the
 * database side is renderer/src/db/clockLists.ts.
 */
import type { Workspace } from '../model/workspace';
import { CREATION_FIELD } from './carriedCreation';
import type { Hlc } from './hlc';

/** The table of clock lists. */
export const CLOCK_LIST_TABLE = 'carriedClocks';

/**
 * The most entries one list holds. Large enough that a workspace of 100,000 entries has a dozen
 * lists (each read whole), small enough that adding one entry rewrites a few hundred kilobytes at most.
 */
export const CLOCK_LIST_SIZE = 8_192;

/** One list as stored. */
export interface ClockList {
  /** Auto-increment key: absent until stored. */
  id?: number;
  workspace: Workspace;
  /** The creations' clocks, ascending; equal clocks ordered by entry id. */
  clocks: Hlc[];
  /** The entries' ids (each its creation's operation id), in the same order. */
  ids: string[];
}

/** A carried creation as a list keeps it. */
export interface CarriedClock {
  readonly hlc: Hlc;
  readonly id: string;
}

/** Journal order (compareOperations: clock, then operation id). */
export function compareCarried(a: CarriedClock, b: CarriedClock): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** The entries of a list, in its order. */
export function entriesOf(list: Pick<ClockList, 'clocks' | 'ids'>, from = 0, to = list.clocks.length): CarriedClock[] {
  const out: CarriedClock[] = new Array<CarriedClock>(Math.max(0, to - from));
  for (let i = from; i < to; i++) out[i - from] = { hlc: list.clocks[i] as Hlc, id: list.ids[i] as string };
  return out;
}

/** Lists of one workspace made from entries (sorted here), each at most `size` long. */
export function listsOf(workspace: Workspace, entries: readonly CarriedClock[], size = CLOCK_LIST_SIZE): ClockList[] {
  const sorted = [...entries].sort(compareCarried);
  const lists: ClockList[] = [];
  for (let i = 0; i < sorted.length; i += size) {
    const part = sorted.slice(i, i + size);
    lists.push({ workspace, clocks: part.map((e) => e.hlc), ids: part.map((e) => e.id) });
  }
  return lists;
}

/** A list with more entries merged in, in order (a new object; `list` is left as it was). */
export function mergedInto(list: ClockList, entries: readonly CarriedClock[]): ClockList {
  if (entries.length <= FEW) {
    // A local write adds one entry to a list of thousands: put it in its place, without a sort.
    const clocks = [...list.clocks];
    const ids = [...list.ids];
    for (const entry of entries) {
      const at = insertionPoint(clocks, ids, entry);
      clocks.splice(at, 0, entry.hlc);
      ids.splice(at, 0, entry.id);
    }
    return { ...list, clocks, ids };
  }
  const all = [...entriesOf(list), ...entries].sort(compareCarried);
  return { ...list, clocks: all.map((e) => e.hlc), ids: all.map((e) => e.id) };
}

/** Entries added one by one rather than by a sort of the whole list. */
const FEW = 16;

/** Where `entry` goes in a sorted list (binary search in journal order). */
function insertionPoint(clocks: readonly Hlc[], ids: readonly string[], entry: CarriedClock): number {
  let low = 0;
  let high = clocks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareCarried({ hlc: clocks[middle] as Hlc, id: ids[middle] as string }, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first position in sorted `clocks` whose clock is after `hlc`, or (`orAt`) is it or after. */
function firstPast(clocks: readonly Hlc[], hlc: Hlc, orAt = false): number {
  let low = 0;
  let high = clocks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const clock = clocks[middle] as Hlc;
    if (clock < hlc || (!orAt && clock === hlc)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many entries of the lists have a clock after `after` (all of them when null). */
export function countAfter(lists: readonly ClockList[], after: Hlc | null): number {
  let count = 0;
  for (const list of lists) count += after === null ? list.clocks.length : list.clocks.length - firstPast(list.clocks, after);
  return count;
}

/** A range of clocks: from `low` (or the beginning) to `high` (or the end), each bound included or not. */
export interface ClockRange {
  readonly low?: Hlc;
  readonly lowIncluded?: boolean;
  readonly high?: Hlc;
  readonly highIncluded?: boolean;
}

/** The entries of the lists whose clocks are in `range`, in journal order. */
export function entriesIn(lists: readonly ClockList[], range: ClockRange = {}): CarriedClock[] {
  const parts: CarriedClock[][] = [];
  for (const list of lists) {
    const from = range.low === undefined ? 0 : range.lowIncluded === true ? firstPast(list.clocks, range.low, true) : firstPast(list.clocks, range.low);
    const to = range.high === undefined ? list.clocks.length : range.highIncluded === true ? firstPast(list.clocks, range.high) : firstPast(list.clocks, range.high, true);
    if (to > from) parts.push(entriesOf(list, from, to));
  }
  return mergeSorted(parts);
}

/** The `limit` newest entries of the lists, newest first. */
export function newestEntries(lists: readonly ClockList[], limit: number): CarriedClock[] {
  if (limit <= 0) return [];
  const tails = lists.map((list) => entriesOf(list, Math.max(0, list.clocks.length - limit)));
  return mergeSorted(tails).slice(-limit).reverse();
}

/** Sorted runs merged into one sorted list (a run per list: a handful, so pairwise is enough). */
function mergeSorted(runs: CarriedClock[][]): CarriedClock[] {
  let merged: CarriedClock[] = [];
  for (const run of runs) merged = mergeTwo(merged, run, compareCarried);
  return merged;
}

/** Two lists sorted by `compare` merged into one (ties: `a`'s first). */
export function mergeTwo<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const out: T[] = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i] as T, b[j] as T) <= 0 ? (a[i++] as T) : (b[j++] as T);
  while (i < a.length) out[k++] = a[i++] as T;
  while (j < b.length) out[k++] = b[j++] as T;
  return out;
}

/** What the lists say of each entry they hold, and the entries they hold wrongly. */
export interface ListedClocks {
  /** Entry id → its workspace and clock, as listed. */
  readonly listed: Map<string, { readonly workspace: Workspace; readonly hlc: Hlc }>;
  /** Entries listed twice, or out of order, or in a list whose clocks and ids do not pair up. */
  readonly malformed: Set<string>;
}

/** Read the lists for a check against the rows (the audit). */
export function listedClocks(lists: readonly ClockList[]): ListedClocks {
  const listed = new Map<string, { workspace: Workspace; hlc: Hlc }>();
  const malformed = new Set<string>();
  for (const list of lists) {
    const paired = list.clocks.length === list.ids.length && list.ids.length <= CLOCK_LIST_SIZE;
    for (let i = 0; i < list.ids.length; i++) {
      const id = String(list.ids[i]);
      const hlc = list.clocks[i] as Hlc;
      if (!paired || listed.has(id)) malformed.add(id);
      else if (i > 0 && compareCarried({ hlc: list.clocks[i - 1] as Hlc, id: String(list.ids[i - 1]) }, { hlc, id }) >= 0) malformed.add(id);
      listed.set(id, { workspace: list.workspace, hlc });
    }
  }
  return { listed, malformed };
}

/** The carried creations of stored log entry rows (those without one are left out), per workspace. */
export function carriedClocksOfRows(rows: Iterable<Record<string, unknown>>): Map<Workspace, CarriedClock[]> {
  const byWorkspace = new Map<Workspace, CarriedClock[]>();
  for (const row of rows) {
    const creation = row[CREATION_FIELD] as { hlc?: unknown } | undefined | null;
    if (creation === undefined || creation === null || typeof creation.hlc !== 'string') continue;
    const workspace = row['workspace'] as Workspace;
    const entry: CarriedClock = { hlc: creation.hlc, id: String(row['id']) };
    const list = byWorkspace.get(workspace);
    if (list) list.push(entry);
    else byWorkspace.set(workspace, [entry]);
  }
  return byWorkspace;
}

/** Every list the rows call for (backup restore; the bench's ceiling with the journal). */
export function clockListsOfRows(rows: Iterable<Record<string, unknown>>): ClockList[] {
  return [...carriedClocksOfRows(rows)].flatMap(([workspace, entries]) => listsOf(workspace, entries));
}
