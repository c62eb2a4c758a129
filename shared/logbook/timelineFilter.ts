/**
 * Ordering, searching and filtering an incident's logbook for the timeline. Pure and free of
 * React and Dexie, so the same code is measured on 100,000 entries in Node and runs in the app.
 *
 * Invariants:
 * - the timeline reads oldest first: by when it happened, then by when it was recorded, then by
 *   id (ULIDs sort by creation), so every installation shows the same order for the same entries;
 * - a filter only hides entries, never reorders them, and an empty filter returns the very same
 *   array (components can tell "nothing filtered" by identity);
 * - text search is case- and diacritic-insensitive ("geinformeerd" finds "geïnformeerd",
 *   "lodz" finds "Łódź", "αθηνα" finds "Αθήνα") and every word typed must occur somewhere in the
 *   entry (author, text, reasons, attachment names and fingerprints, EUCI note).
 *
 * Entries are append-only and never change after they are written, so the folded search text of
 * an entry is computed once and handed on from one list of the incident's entries to the next
 * (the live query delivers a new list after every write).
 */
import type { LogEntry, LogEntryKind } from '../model/records';
import type { Tlp } from '../model/tlp';

/** What the filter and the ordering read of an entry (tests build just this). */
export type TimelineEntryFields = Pick<
  LogEntry,
  'id' | 'kind' | 'tlp' | 'author' | 'text' | 'occurredAt' | 'createdAt' | 'corrects' | 'retrospective' | 'attachments' | 'classified'
>;

/** The criteria of the timeline filter; empty lists and empty strings mean "any". */
export interface TimelineFilter {
  readonly kinds: readonly LogEntryKind[];
  readonly tlps: readonly Tlp[];
  /** One author exactly as recorded, or null for all. */
  readonly author: string | null;
  /** Happened at or after this instant (ISO, inclusive), or null. */
  readonly from: string | null;
  /** Happened before this instant (ISO, exclusive), or null. */
  readonly until: string | null;
  /** Free text: every word must occur in the entry. */
  readonly text: string;
}

export const EMPTY_TIMELINE_FILTER: TimelineFilter = Object.freeze({ kinds: [], tlps: [], author: null, from: null, until: null, text: '' });

/** Whether a filter hides anything at all. */
export function isFilterActive(filter: TimelineFilter): boolean {
  return filter.kinds.length > 0 || filter.tlps.length > 0 || filter.author !== null || filter.from !== null || filter.until !== null || filter.text.trim() !== '';
}

/**
 * Letters that carry their accent in the letter itself, so Unicode decomposition leaves them
 * alone: Polish ł, Nordic ø/æ, German ß, Croatian đ, Maltese ħ, Turkish dotless ı, French œ; and
 * Greek final sigma, which lower-casing produces at the end of a word while a searcher types σ.
 */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ħ: 'h', ı: 'i', œ: 'oe', ŧ: 't', ς: 'σ', þ: 'th', ð: 'd' };
const UNDECOMPOSABLE_PATTERN = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'g');

/** The folded form of one character outside ASCII, computed once per character seen. */
const foldedChars = new Map<string, string>();
function foldChar(c: string): string {
  let folded = foldedChars.get(c);
  if (folded === undefined) {
    folded = c
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(UNDECOMPOSABLE_PATTERN, (u) => UNDECOMPOSABLE[u] ?? u);
    foldedChars.set(c, folded);
  }
  return folded;
}

/**
 * The form of a text used for matching: compatibility-decomposed (so "ĳ" is "ij" and "ﬁ" is
 * "fi"), without combining marks, lower case, with the letters above spelt out.
 *
 * Lower-casing runs on the whole text first (it needs the context of a word for Greek final
 * sigma); then only characters outside ASCII are folded, each one once and from a table,
 * because normalising whole texts made the first search of a 100,000-entry logbook take most of
 * a second. Folding character by character gives the same result as folding the whole text:
 * a decomposed accent is a combining mark on its own and folds to nothing.
 */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  // Characters outside ASCII are the only ones that can need folding.
  return /[^\x00-\x7f]/.test(lower) ? lower.replace(/[^\x00-\x7f]/gu, foldChar) : lower;
}

/** Timeline order: happened, then recorded, then id. ISO instants in UTC compare as strings. */
export function compareTimeline(a: TimelineEntryFields, b: TimelineEntryFields): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The entries in timeline order. The database already returns them by `occurredAt`, so this
 * usually only checks (one pass) and returns the same array; otherwise a sorted copy.
 */
export function sortTimeline<E extends TimelineEntryFields>(entries: readonly E[]): readonly E[] {
  for (let i = 1; i < entries.length; i++) {
    if (compareTimeline(entries[i - 1]!, entries[i]!) > 0) return [...entries].sort(compareTimeline);
  }
  return entries;
}

/** Everything of an entry that free text can find, folded. */
function searchText(entry: TimelineEntryFields): string {
  let text = `${entry.author}\n${entry.text}`;
  if (entry.corrects) text += `\n${entry.corrects.reason}`;
  if (entry.retrospective) text += `\n${entry.retrospective.justification}`;
  for (const a of entry.attachments) text += `\n${a.name} ${a.sha256}`;
  if (entry.classified) text += `\n${entry.classified.with}\n${entry.classified.channel}`;
  return foldForSearch(text);
}

/** Folded search texts, by position in `entries`, filled from the start up to `done`. */
interface SearchTexts {
  readonly entries: readonly TimelineEntryFields[];
  readonly folded: string[];
  done: number;
  /** The texts of the timeline before this one, to reuse, and how far it was walked. */
  previous: SearchTexts | null;
  previousCursor: number;
}

/** Entries in timeline order with what filtering needs, built once per list of entries. */
export interface TimelineIndex<E extends TimelineEntryFields> {
  readonly entries: readonly E[];
  /** Filled lazily: on the first text search, or ahead of it by `prepareSearch`. */
  readonly search: SearchTexts;
}

/**
 * Index a timeline for filtering. Pass the index of the same incident's previous list: entries
 * never change once written, so their folded text is taken over from it (walking both lists in
 * timeline order) and only new entries are folded.
 */
export function indexTimeline<E extends TimelineEntryFields>(entries: readonly E[], previous?: TimelineIndex<E> | null): TimelineIndex<E> {
  const sorted = sortTimeline(entries);
  // Reuse the previous texts only as far as they were folded; if that index was never searched,
  // its own predecessor may have been.
  let reusable: SearchTexts | null = previous ? previous.search : null;
  if (reusable && reusable.done === 0) reusable = reusable.previous;
  return { entries: sorted, search: { entries: sorted, folded: new Array<string>(sorted.length), done: 0, previous: reusable, previousCursor: 0 } };
}

/**
 * Fold up to `count` more entries' search text; returns whether every entry is folded. The
 * timeline calls this in idle time so that the first search does not pause the screen.
 */
export function prepareSearch(index: TimelineIndex<TimelineEntryFields>, count: number = Number.POSITIVE_INFINITY): boolean {
  const state = index.search;
  const end = Math.min(state.entries.length, state.done + count);
  const old = state.previous;
  for (let i = state.done; i < end; i++) {
    const entry = state.entries[i]!;
    let text: string | undefined;
    if (old) {
      // Both lists are in timeline order: skip what sorts before this entry, take it if found.
      let j = state.previousCursor;
      while (j < old.done && compareTimeline(old.entries[j]!, entry) < 0) j++;
      if (j < old.done && old.entries[j]!.id === entry.id) {
        text = old.folded[j];
        j++;
      }
      state.previousCursor = j;
    }
    state.folded[i] = text ?? searchText(entry);
  }
  state.done = end;
  if (end === state.entries.length) state.previous = null; // nothing more to take over: let it go
  return end === state.entries.length;
}

/**
 * The entries the filter lets through, in timeline order. All criteria combine (and); within
 * kinds and labels any listed value matches (or). With no active criterion the index's own
 * array is returned.
 */
export function filterTimeline<E extends TimelineEntryFields>(index: TimelineIndex<E>, filter: TimelineFilter): readonly E[] {
  if (!isFilterActive(filter)) return index.entries;
  const kinds = filter.kinds.length > 0 ? new Set<string>(filter.kinds) : null;
  const tlps = filter.tlps.length > 0 ? new Set<string>(filter.tlps) : null;
  const { author, from, until } = filter;
  const words = foldForSearch(filter.text).split(/\s+/).filter(Boolean);
  if (words.length > 0) prepareSearch(index);
  const folded = index.search.folded;
  const entries = index.entries;
  const result: E[] = [];
  outer: for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (kinds && !kinds.has(entry.kind)) continue;
    if (tlps && !tlps.has(entry.tlp)) continue;
    if (author !== null && entry.author !== author) continue;
    if (from !== null && entry.occurredAt < from) continue;
    if (until !== null && entry.occurredAt >= until) continue;
    for (const word of words) if (!folded[i]!.includes(word)) continue outer;
    result.push(entry);
  }
  return result;
}

/** The distinct authors of a timeline, for the author filter, in the given collation. */
export function timelineAuthors(entries: readonly TimelineEntryFields[], compare: (a: string, b: string) => number): string[] {
  const authors = new Set<string>();
  for (const entry of entries) authors.add(entry.author);
  return [...authors].sort(compare);
}
