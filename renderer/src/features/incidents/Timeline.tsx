/**
 * The timeline of an incident's logbook: every entry, oldest first, filtered by the criteria of
 * TimelineFilters. It stays smooth with 100,000 entries: only the rows in view (and a few either
 * side) are in the page, measured as they render because entries differ in height
 * (@tanstack/react-virtual with measureElement), and the search text of the entries is folded
 * once, in idle time, and carried from one list of entries to the next. A jump of the scrollbar
 * costs one frame of a few rows (issue 8): the rows that land are measured without moving the
 * scroll position, so the virtualiser recomputes the offsets of all the rows once, not per row.
 *
 * For screen readers it is an ordinary list ("Log entries, oldest first") whose items say their
 * place in the whole (aria-posinset/aria-setsize). It opens at its end, where the newest entries
 * are, follows new entries while the reader is at the end, and keeps the entries in view in place
 * when an older entry arrives from an import. After the user records, corrects or withdraws an
 * entry, the timeline scrolls to it; if the filters hide it, it says so and offers to show it.
 *
 * Entries come from the database (a live query in IncidentDetail); only the filter criteria and
 * which entry to bring into view are UI state.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { correctionIndex } from '../../../../shared/logbook/corrections';
import {
  EMPTY_TIMELINE_FILTER,
  filterTimeline,
  indexTimeline,
  prepareSearch,
  timelineAuthors,
  type TimelineFilter,
  type TimelineIndex,
} from '../../../../shared/logbook/timelineFilter';
import { BUILTIN_ORIGIN } from '../../../../shared/model/ids';
import type { Incident, LogEntry } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { listKeyring } from '../../db/keyring';
import { listContacts, listProcedures } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { CorrectionDialog } from './CorrectionDialog';
import { TimelineEntry, type CorrectionMode, type TimelineLookups } from './TimelineEntry';
import { TimelineFilters } from './TimelineFilters';

/** An entry to bring into view: one just recorded (the cursor stays in the form), or one asked for. */
export interface RevealTarget {
  readonly entryId: string;
  readonly source: 'recorded' | 'show';
}

/** Entries folded per idle slot while nobody searches yet (about 10 ms each on a laptop). */
const IDLE_FOLD_CHUNK = 5_000;
/** A first guess of a row's height before it is measured; most entries are two to four lines. */
const ESTIMATED_ROW_HEIGHT = 120;
/** Logbooks of up to this many shown entries are rendered whole (see rangeExtractor). */
const WHOLE_LIST_UP_TO = 40;
/** Further from the end than this (px), no row's new size can bring the reader to the end. */
const NEAR_END = 2_000;

type RowKey = ReturnType<Virtualizer<HTMLDivElement, Element>['options']['getItemKey']>;

function estimateSize(): number {
  return ESTIMATED_ROW_HEIGHT;
}

/**
 * The rows to render: those in view and `overscan` either side. After a jump, no rows are added
 * above the rows that landed (the first at `landedFirst`) while those still reach the top of the
 * view: the virtualiser would add them as the landed rows are measured, and each would move the
 * scroll position (and make it recompute every row's offset) in the frames after the jump. They
 * are added as soon as the reader scrolls up to the landed rows.
 */
function rowsToRender(range: Range, landedFirst: number | null): number[] {
  // A short logbook is in the page whole: the browser's find-in-page and a screen reader's list
  // navigation see every entry, at no cost worth saving.
  if (range.count <= WHOLE_LIST_UP_TO) return Array.from({ length: range.count }, (_, i) => i);
  let start = Math.max(range.startIndex - range.overscan, 0);
  if (landedFirst !== null && range.startIndex > landedFirst) start = Math.max(start, landedFirst);
  const end = Math.min(range.endIndex + range.overscan, range.count - 1);
  return Array.from({ length: Math.max(end - start + 1, 0) }, (_, i) => start + i);
}

/**
 * Whether the virtualiser should move the scroll position when a row turns out to have another
 * height than it had (the library's own rule, see @tanstack/virtual-core resizeItem), except for
 * rows that `landed`: rendered where no row of the previous render was, as after a jump of the
 * scrollbar. The rows are in the normal flow after a spacer (see the list below), so what the
 * reader sees of freshly placed rows is already where it belongs: moving the scroll position
 * would shift it, and each correction would make the virtualiser recompute the offsets of every
 * row after it (100,000 of them), several times in one frame.
 */
function shouldAdjustScroll(
  item: { key: RowKey; start: number; size: number },
  instance: Virtualizer<HTMLDivElement, Element>,
  landed: ReadonlySet<RowKey>,
  listChanged: boolean,
): boolean {
  const offset = instance.scrollOffset ?? 0;
  // The scroll position was changed since the virtualiser last heard of it (a script, as Home or
  // a jump to the start, in the same frame; its scroll event is still to come): moving it from
  // the old position now would undo that change. Not so while a new list is being committed:
  // then the virtualiser itself has moved its position ahead of the element, to keep the entries
  // in view in place when an older entry arrives (anchorTo 'end'), and writes it after the
  // commit; a row above them measured now must move it further, or the view shifts by the
  // difference between the row's estimated and real height.
  const element = instance.scrollElement;
  if (!listChanged && element && Math.abs(element.scrollTop - offset) > 1.5) return false;
  if (instance.itemSizeCache.has(item.key)) return item.start + item.size <= offset && instance.scrollDirection !== 'backward';
  return item.start < offset && !landed.has(item.key);
}

export function Timeline({
  incident,
  entries,
  target,
  onTarget,
}: {
  incident: Incident;
  entries: readonly LogEntry[];
  target: RevealTarget | null;
  onTarget: (target: RevealTarget | null) => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, profile } = useSession();
  const filter = useUiStore((s) => s.logFilters[incident.id]) ?? EMPTY_TIMELINE_FILTER;
  const setLogFilter = useUiStore((s) => s.setLogFilter);
  const setFilter = useCallback((next: TimelineFilter) => setLogFilter(incident.id, next), [setLogFilter, incident.id]);
  // Typing in the search box stays responsive: the list follows a moment later if it must.
  const deferredFilter = useDeferredValue(filter);

  // A new list arrives after every write; its index takes over the previous index's folded text.
  const [built, setBuilt] = useState<{ input: readonly LogEntry[]; index: TimelineIndex<LogEntry> }>(() => ({ input: entries, index: indexTimeline(entries) }));
  let index = built.index;
  if (built.input !== entries) {
    index = indexTimeline(entries, built.index);
    setBuilt({ input: entries, index });
  }

  // Fold the search text in idle time, so that the first search does not pause the screen.
  useEffect(() => {
    let handle = 0;
    const step = () => {
      if (!prepareSearch(index, IDLE_FOLD_CHUNK)) handle = requestIdleCallback(step, { timeout: 2_000 });
    };
    handle = requestIdleCallback(step, { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }, [index]);

  const shown = useMemo(() => filterTimeline(index, deferredFilter), [index, deferredFilter]);
  const corrections = useMemo(() => correctionIndex(index.entries), [index]);
  const authors = useMemo(() => timelineAuthors(index.entries, (a, b) => f.compare(a, b)), [index, f]);

  const contacts = useLiveQuery(() => listContacts(db, incident.workspace), [db, incident.workspace]);
  const procedures = useLiveQuery(() => listProcedures(db, incident.workspace), [db, incident.workspace]);
  const keyring = useLiveQuery(() => listKeyring(db), [db]);
  const lookups = useMemo<TimelineLookups>(() => {
    const contactNames = new Map(contacts?.map((c) => [c.id, c.name]));
    const proceduresById = new Map(procedures?.map((p) => [p.id, p]));
    const peers = new Map(keyring?.map((p) => [p.id, p.card.organisation]));
    return {
      installationName: (origin) => {
        if (origin === profile.id) return t('chain.thisInstallation');
        if (origin === BUILTIN_ORIGIN) return t('timeline.builtin');
        return peers.get(origin) ?? t('chain.otherInstallation', { id: origin.slice(-6) });
      },
      contactName: (id) => contactNames.get(id) ?? null,
      stepName: (procedureId, stepId) => {
        const procedure = proceduresById.get(procedureId);
        if (!procedure) return null;
        const i = procedure.steps.findIndex((s) => s.id === stepId);
        const title = procedure.title[f.language] || procedure.title.en;
        return i >= 0 ? `${title} — ${i + 1}. ${procedure.steps[i]!.title[f.language] || procedure.steps[i]!.title.en}` : `${title} — ${stepId}`;
      },
    };
  }, [contacts, procedures, keyring, profile.id, t, f.language]);

  // A row's key is its entry's id. The same function for as long as the list is the same: the
  // virtualiser recomputes the offsets of every row (100,000 of them, into a new array as long)
  // whenever it is handed another key function (and whenever a row is measured). A new one at
  // every render made it do so three or four times per jump of the scrollbar, most of the work of
  // those frames, and its garbage (megabytes per second of scrolling) brought on the major
  // garbage collections whose pauses (20-70 ms with 100,000 entries held) made the long frames
  // (issue 8).
  const getItemKey = useCallback((i: number): RowKey => shown[i]?.id ?? i, [shown]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Which rows are in the page, which of them landed where no row of the previous render was (a
  // jump), and the first row of the last landing (see rangeExtractor below).
  const rows = useRef({ rendered: new Set<RowKey>(), landed: new Set<RowKey>(), landedFirst: null as number | null });
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions change with its state; the rows below read them in this render only and are not memoised
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    // Rows are rendered in the scroll event itself, so a few either side are enough; each one more
    // is rendered and measured at every jump of the scrollbar.
    overscan: 4,
    getItemKey,
    rangeExtractor: (range) => rowsToRender(range, rows.current.landedFirst),
    // A logbook is read from its end: new entries are followed while the reader is there, and
    // an older entry arriving from an import does not move the entries in view.
    anchorTo: 'end',
    followOnAppend: true,
  });

  // Keeping the reader at the end while rows change size ('end') costs the virtualiser a pass over
  // every row's offset per row measured; far from the end it cannot apply, so it is left out there
  // until the next render. The options above still say 'end' to the virtualiser on every render,
  // which is where it keeps the entries in view when the list changes (an import, a new entry).
  const distanceFromEnd = virtualizer.getTotalSize() - (virtualizer.scrollOffset ?? 0) - (virtualizer.scrollRect?.height ?? 0);
  if (distanceFromEnd > NEAR_END) virtualizer.setOptions({ ...virtualizer.options, anchorTo: 'start' });

  // Open at the end, where the newest entries are.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || shown.length === 0) return;
    opened.current = true;
    virtualizer.scrollToEnd();
  }, [shown.length, virtualizer]);

  // A new filter shows the newest entries that match.
  const lastFilter = useRef(deferredFilter);
  useEffect(() => {
    if (lastFilter.current === deferredFilter) return;
    lastFilter.current = deferredFilter;
    if (shown.length > 0) virtualizer.scrollToEnd();
  }, [deferredFilter, shown.length, virtualizer]);

  // Bring the target entry into view once it is in the list (a new entry arrives with the next
  // live-query result, a moment after it was written).
  const targetIndex = useMemo(() => (target ? shown.findIndex((e) => e.id === target.entryId) : -1), [target, shown]);
  const scrolledTo = useRef<RevealTarget | null>(null);
  useEffect(() => {
    if (!target || targetIndex < 0 || scrolledTo.current === target) return;
    scrolledTo.current = target;
    virtualizer.scrollToIndex(targetIndex, { align: targetIndex === shown.length - 1 ? 'end' : 'center' });
  }, [target, targetIndex, shown.length, virtualizer]);
  const focusedFor = useRef<RevealTarget | null>(null);
  const hiddenTarget = target !== null && target.source === 'recorded' && targetIndex < 0 && corrections.byId.has(target.entryId) && shown !== index.entries;

  const show = useCallback(
    (entryId: string) => {
      // Asked for explicitly: if the filters hide it, they give way.
      if (!shown.some((e) => e.id === entryId)) setFilter(EMPTY_TIMELINE_FILTER);
      onTarget({ entryId, source: 'show' });
    },
    [shown, setFilter, onTarget],
  );

  const changeFilter = useCallback(
    (next: TimelineFilter) => {
      setFilter(next);
      onTarget(null); // a note about the last entry recorded would only confuse now
    },
    [setFilter, onTarget],
  );

  const [correcting, setCorrecting] = useState<{ entry: LogEntry; mode: CorrectionMode } | null>(null);
  const onCorrect = useCallback((entry: LogEntry, mode: CorrectionMode) => setCorrecting({ entry, mode }), []);

  const items = virtualizer.getVirtualItems();

  // The rows of this render are measured after the commit, by the virtualiser's ResizeObserver.
  // The key function of the list last committed: another one in the virtualiser's options means
  // that a new list is being committed (the rows' refs measure them before the effects run).
  const committedItemKey = useRef(getItemKey);
  useLayoutEffect(() => {
    committedItemKey.current = getItemKey;
  }, [getItemKey]);
  useLayoutEffect(() => {
    virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) =>
      shouldAdjustScroll(item, instance, rows.current.landed, instance.options.getItemKey !== committedItemKey.current);
  }, [virtualizer]);
  // An entry asked for gets the focus once its row is in the page, so a screen reader reads it out.
  useLayoutEffect(() => {
    if (!target || target.source !== 'show' || focusedFor.current === target) return;
    if (!items.some((item) => item.key === target.entryId)) return;
    const row = scrollRef.current?.ownerDocument.getElementById(`log-entry-${target.entryId}`);
    if (!row) return;
    focusedFor.current = target;
    row.focus({ preventScroll: true });
  });
  useLayoutEffect(() => {
    const rendered = new Set(items.map((item) => item.key));
    let stayed = false;
    for (const key of rendered) {
      if (rows.current.rendered.has(key)) {
        stayed = true;
        break;
      }
    }
    const first = items[0]?.index ?? null;
    const landedFirst = stayed ? rows.current.landedFirst : first;
    rows.current = {
      rendered,
      landed: stayed ? new Set() : rendered,
      // Rows were added above the landed ones: the reader scrolled up to them.
      landedFirst: landedFirst !== null && first !== null && first < landedFirst ? null : landedFirst,
    };
  });
  return (
    <div className="timeline-panel">
      <TimelineFilters filter={filter} onChange={changeFilter} authors={authors} shown={shown.length} total={index.entries.length} />
      {hiddenTarget ? (
        <p className="timeline-hidden-note" role="status">
          {t('timeline.hiddenByFilter')}{' '}
          <button type="button" className="link-button" onClick={() => show(target.entryId)}>
            {t('timeline.showIt')}
          </button>
        </p>
      ) : null}
      {shown.length === 0 ? (
        <p className="timeline-no-match">{t('timeline.noMatch')}</p>
      ) : (
        <div ref={scrollRef} className="timeline-scroller" tabIndex={0} role="group" aria-label={t('timeline.scrollerLabel')}>
          <div
            role="list"
            aria-label={t('log.timelineLabel')}
            className="timeline virtual-timeline"
            // The rows follow one another after a spacer as high as the rows before them: a row
            // not measured yet (a jump) cannot overlap its neighbours.
            style={{ height: virtualizer.getTotalSize(), paddingTop: items[0]?.start ?? 0 }}
          >
            {items.map((item) => {
              const entry = shown[item.index];
              if (!entry) return null;
              const isTarget = target?.entryId === entry.id;
              return (
                <div
                  key={item.key}
                  role="listitem"
                  id={`log-entry-${entry.id}`}
                  className={`timeline-entry virtual-row${isTarget ? ' is-target' : ''}`}
                  data-index={item.index}
                  data-kind={entry.kind}
                  aria-setsize={shown.length}
                  aria-posinset={item.index + 1}
                  tabIndex={-1}
                  // One function for every row and render: React calls it only as a row comes and
                  // goes, not again for each row that stays at every render of a scroll.
                  ref={virtualizer.measureElement}
                >
                  <TimelineEntry
                    entry={entry}
                    corrections={corrections.correctedBy.get(entry.id)}
                    corrected={entry.corrects ? corrections.byId.get(entry.corrects.entryId) : undefined}
                    lookups={lookups}
                    onCorrect={onCorrect}
                    onShow={show}
                    formatters={f}
                  />
                </div>
              );
            })}
          </div>
        </div>
      )}
      {correcting ? (
        <CorrectionDialog
          entry={correcting.entry}
          mode={correcting.mode}
          onClose={() => setCorrecting(null)}
          onRecorded={(created) => onTarget({ entryId: created.id, source: 'recorded' })}
        />
      ) : null}
    </div>
  );
}
