import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { EscalationBadge, StatusBadge, TlpBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { getIncident, listLogEntries } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { IncidentClocks } from '../clocks/IncidentClocks';
import { ReportActions } from '../reports/ReportActions';
import { CallRoundsSection } from '../callTrees/CallRoundsSection';
import { IncidentRunsSection } from '../procedures/run/IncidentRunsSection';
import { ChainStatus } from './ChainStatus';
import { IncidentStatePanel } from './IncidentStatePanel';
import { InteropExportAction } from './InteropExportDialog';
import { Logbook } from './Logbook';

export function IncidentDetail({ incidentId, focusEntryId = null }: { incidentId: string; focusEntryId?: string | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const incident = useLiveQuery(() => getIncident(db, workspace, incidentId), [db, workspace, incidentId]);
  const entries = useLiveQuery(() => listLogEntries(db, incidentId), [db, incidentId]);

  if (incident === undefined) return <div aria-busy="true" />;
  if (incident === null) return <EmptyState title={t('incidents.notFoundTitle')}>{t('incidents.notFoundText')}</EmptyState>;

  return (
    <article className="incident" aria-labelledby="incident-title">
      <header className="detail-header">
        <h2 id="incident-title">{incident.title}</h2>
        <div className="record-meta">
          <EscalationBadge level={incident.escalation} />
          <StatusBadge status={incident.status} />
          <TlpBadge tlp={incident.tlp} />
        </div>
      </header>
      <dl className="facts">
        <div>
          <dt>{t('incidents.field.startedAt')}</dt>
          <dd>{f.dateTime(incident.startedAt)}</dd>
        </div>
        <div>
          <dt>{t('incidents.field.memberStates')}</dt>
          <dd>{incident.memberStates.length ? incident.memberStates.map((c) => f.country(c)).join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>{t('incidents.field.sectors')}</dt>
          <dd>{incident.sectors.length ? incident.sectors.join(', ') : '—'}</dd>
        </div>
      </dl>
      {incident.summary ? <p className="summary">{incident.summary}</p> : null}
      <IncidentStatePanel incident={incident} />
      <ReportActions incident={incident} />
      <InteropExportAction incident={incident} />
      <CallRoundsSection incident={incident} />
      <IncidentRunsSection incident={incident} />
      <IncidentClocks incident={incident} />

      <section aria-labelledby="log-title" className="logbook">
        <h3 id="log-title">
          {t('log.title')} <span className="count">{entries ? f.number(entries.length) : ''}</span>
        </h3>
        <ChainStatus incidentId={incident.id} />
        <Logbook key={incident.id} incident={incident} entries={entries} focusEntryId={focusEntryId} />
      </section>
    </article>
  );
}
