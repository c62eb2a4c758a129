/**
 * The timeline of an incident's logbook: every entry, oldest first, filtered by the criteria of
 * TimelineFilters. It stays smooth with 100,000 entries: only the rows in view (and a few either
 * side) are in the page, measured as they render because entries differ in height
 * (@tanstack/react-virtual with measureElement), and the search text of the entries is folded
 * once, in idle time, and carried from one list of entries to the next.
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
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
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

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions change with its state; the rows below read them in this render only and are not memoised
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => shown[i]?.id ?? i,
    // A logbook is read from its end: new entries are followed while the reader is there, and
    // an older entry arriving from an import does not move the entries in view.
    anchorTo: 'end',
    followOnAppend: true,
  });

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

  const [correcting, setCorrecting] = useState<{ entry: LogEntry; mode: CorrectionMode } | null>(null);
  const onCorrect = useCallback((entry: LogEntry, mode: CorrectionMode) => setCorrecting({ entry, mode }), []);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="timeline-panel">
      <TimelineFilters
        filter={filter}
        onChange={(next) => {
          setFilter(next);
          onTarget(null); // a note about the last entry recorded would only confuse now
        }}
        authors={authors} shown={shown.length} total={index.entries.length} />
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
          <div role="list" aria-label={t('log.timelineLabel')} className="timeline virtual-timeline" style={{ height: virtualizer.getTotalSize() }}>
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
                  ref={(element) => {
                    virtualizer.measureElement(element);
                    // An entry asked for gets the focus, so a screen reader reads it out.
                    if (element && isTarget && target.source === 'show' && focusedFor.current !== target) {
                      focusedFor.current = target;
                      element.focus({ preventScroll: true });
                    }
                  }}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <TimelineEntry
                    entry={entry}
                    corrections={corrections.correctedBy.get(entry.id)}
                    corrected={entry.corrects ? corrections.byId.get(entry.corrects.entryId) : undefined}
                    lookups={lookups}
                    onCorrect={onCorrect}
                    onShow={show}
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
