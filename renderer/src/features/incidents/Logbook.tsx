/**
 * The logbook of an incident as one piece: the quick entry, and the filtered, virtualised
 * timeline below it. It connects the two: an entry recorded in the form is brought into view in
 * the timeline (or the timeline says that its filters hide it).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, LogEntry } from '../../../../shared/model/records';
import { EmptyState } from '../../components/EmptyState';
import { LogEntryForm } from './LogEntryForm';
import { Timeline, type RevealTarget } from './Timeline';

export function Logbook({ incident, entries }: { incident: Incident; entries: readonly LogEntry[] | undefined }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<RevealTarget | null>(null);
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
