/**
 * The incident log: incidents of the current workspace on the left, the selected incident's
 * logbook on the right. Entries are only ever added.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { routeHref } from '../../app/router';
import { EscalationBadge, StatusBadge, TlpBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { listIncidents } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { IncidentDetail } from './IncidentDetail';
import { NewIncidentDialog } from './NewIncidentDialog';

export function IncidentsScreen({ selectedId }: { selectedId: string | null }) {
  // `<incident>~<entry>`: the incident with one of its entries brought into view (global search).
  const [incidentId = null, entryId = null] = selectedId?.split('~') ?? [];
  const { t } = useTranslation();
  const { db } = useSession();
  const f = useFormatters();
  const workspace = useUiStore((s) => s.workspace);
  const filter = useUiStore((s) => s.incidentStatusFilter);
  const setFilter = useUiStore((s) => s.setIncidentStatusFilter);
  const dialog = useUiStore((s) => s.dialog);
  const openDialog = useUiStore((s) => s.openDialog);
  const incidents = useLiveQuery(() => listIncidents(db, workspace), [db, workspace]);
  const shown = incidents?.filter((i) => filter === 'all' || i.status !== 'closed');

  return (
    <div className="split">
      <section className="pane list-pane" aria-labelledby="incidents-title">
        <div className="pane-header">
          <h1 id="incidents-title">{t('incidents.title')}</h1>
          <button type="button" className="button primary" onClick={() => openDialog('new-incident')}>
            <Plus size={16} aria-hidden /> {t('incidents.new')}
          </button>
        </div>
        <div className="segmented" role="group" aria-label={t('incidents.filterLabel')}>
          {(['active', 'all'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={filter === value} onClick={() => setFilter(value)}>
              {t(`incidents.filter.${value}`)}
            </button>
          ))}
        </div>
        {shown && shown.length === 0 ? (
          <EmptyState title={t('incidents.emptyTitle')}>{t('incidents.emptyText')}</EmptyState>
        ) : (
          <ul className="record-list" aria-busy={shown === undefined}>
            {shown?.map((incident) => (
              <li key={incident.id}>
                <a
                  href={routeHref('incidents', incident.id)}
                  className={`record-link${incident.id === incidentId ? ' selected' : ''}`}
                  aria-current={incident.id === incidentId ? 'true' : undefined}
                >
                  <span className="record-title">{incident.title}</span>
                  <span className="record-meta">
                    <EscalationBadge level={incident.escalation} />
                    <StatusBadge status={incident.status} />
                    <TlpBadge tlp={incident.tlp} />
                  </span>
                  <span className="record-sub">
                    {t('incidents.startedAt', { time: f.dateTime(incident.startedAt) })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="pane detail-pane">
        {incidentId ? (
          <IncidentDetail incidentId={incidentId} focusEntryId={entryId} />
        ) : (
          <EmptyState title={t('incidents.noSelectionTitle')}>{t('incidents.noSelectionText')}</EmptyState>
        )}
      </section>
      {dialog === 'new-incident' ? <NewIncidentDialog /> : null}
    </div>
  );
}
