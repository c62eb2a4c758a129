/**
 * The logbook of an incident as one piece: the quick entry, and the filtered, virtualised
 * timeline below it. It connects the two: an entry recorded in the form is brought into view in
 * the timeline (or the timeline says that its filters hide it); so is an entry the address names.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, LogEntry } from '../../../../shared/model/records';
import { EmptyState } from '../../components/EmptyState';
import { LogEntryForm } from './LogEntryForm';
import { Timeline, type RevealTarget } from './Timeline';

export function Logbook({ incident, entries, focusEntryId = null }: { incident: Incident; entries: readonly LogEntry[] | undefined; focusEntryId?: string | null }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<RevealTarget | null>(() => (focusEntryId ? { entryId: focusEntryId, source: 'show' } : null));
  // An entry asked for by the address (a search result) is brought into view, also a later one.
  const [askedFor, setAskedFor] = useState(focusEntryId);
  if (askedFor !== focusEntryId) {
    setAskedFor(focusEntryId);
    if (focusEntryId) setTarget({ entryId: focusEntryId, source: 'show' });
  }
  return (
    <>
      <LogEntryForm incident={incident} onRecorded={(entry) => setTarget({ entryId: entry.id, source: 'recorded' })} />
      {entries === undefined ? (
        <div className="timeline-loading" aria-busy="true" />
      ) : entries.length === 0 ? (
        <EmptyState title={t('log.emptyTitle')}>{t('log.emptyText')}</EmptyState>
      ) : (
        <Timeline incident={incident} entries={entries} target={target} onTarget={setTarget} />
      )}
    </>
  );
}
