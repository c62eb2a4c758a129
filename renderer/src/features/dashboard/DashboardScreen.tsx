/**
 * "Where do we stand": open incidents with their escalation and IPCR mode, running clocks, the
 * outage, sync with every peer (last bundle sent and received, what waits), the directory's stale
 * entries, the latest log lines, and how much the workbook holds, for the workspace on screen.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { EscalationBadge, StatusBadge } from '../../components/badges';
import { listIncidents, recentLogEntries, workspaceHoldings } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { ClocksCard } from '../clocks/ClocksCard';
import { SyncCard } from '../sync/SyncCard';
import { OutageCard } from '../outage/OutageCard';

export function DashboardScreen() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const incidents = useLiveQuery(() => listIncidents(db, workspace), [db, workspace]);
  const recent = useLiveQuery(() => recentLogEntries(db, workspace, 6), [db, workspace]);
  const holdings = useLiveQuery(() => workspaceHoldings(db, workspace, profile.staleAfterMonths), [db, workspace, profile.staleAfterMonths]);
  const open = incidents?.filter((i) => i.status !== 'closed');
  const incidentTitle = new Map(incidents?.map((i) => [i.id, i.title]));

  return (
    <div className="dashboard">
      <div className="page-header">
        <h1>{t('dashboard.title')}</h1>
        <p className="muted">
          {t('dashboard.subtitle', { organisation: profile.organisation, workspace: t(`workspace.${workspace}`) })}
        </p>
      </div>
      <div className="card-grid">
        <section className="card span-2" aria-labelledby="open-incidents">
          <h2 id="open-incidents">
            {t('dashboard.openIncidents')} <span className="count">{open ? f.number(open.length) : ''}</span>
          </h2>
          {open && open.length === 0 ? (
            <p className="muted">{t('dashboard.noOpenIncidents')}</p>
          ) : (
            <ul className="compact-list">
              {open?.map((incident) => (
                <li key={incident.id}>
                  <a href={routeHref('incidents', incident.id)}>{incident.title}</a>
                  <span className="record-meta">
                    <EscalationBadge level={incident.escalation} />
                    <StatusBadge status={incident.status} />
                  </span>
                  <span className="record-sub">
                    {t('incidents.startedAt', { time: f.dateTime(incident.startedAt) })} · {t('incidentField.ipcr')}:{' '}
                    <span className={incident.ipcr.mode === 'not-activated' ? undefined : 'ipcr-active'}>{t(`ipcr.mode.${incident.ipcr.mode}`)}</span>
                    {incident.ipcr.monitoringPage ? ` · ${t('ipcr.monitoringPageShort')}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="holdings">
          <h2 id="holdings">{t('dashboard.holdings')}</h2>
          <dl className="stat-list">
            <div>
              <dt>
                <a href={routeHref('procedures')}>{t('nav.procedures')}</a>
              </dt>
              <dd>{holdings ? f.number(holdings.procedures) : '…'}</dd>
            </div>
            <div>
              <dt>
                <a href={routeHref('contacts')}>{t('nav.contacts')}</a>
              </dt>
              <dd>{holdings ? f.number(holdings.contacts) : '…'}</dd>
            </div>
            <div>
              <dt>
                <a href={routeHref('contacts')}>{t('dashboard.staleContacts', { months: f.number(profile.staleAfterMonths) })}</a>
              </dt>
              <dd className={holdings && holdings.staleContacts > 0 ? 'attention' : undefined} data-testid="stale-contacts">
                {holdings ? f.number(holdings.staleContacts) : '…'}
              </dd>
            </div>
            <div>
              <dt>
                <a href={routeHref('incidents')}>{t('dashboard.incidentsTotal')}</a>
              </dt>
              <dd>{incidents ? f.number(incidents.length) : '…'}</dd>
            </div>
            <div>
              <dt>
                <a href={routeHref('exchange')}>{t('dashboard.journalOperations')}</a>
              </dt>
              <dd>{holdings ? f.number(holdings.operations) : '…'}</dd>
            </div>
          </dl>
          {holdings?.lastChangeHlc ? (
            <p className="record-sub">{t('dashboard.lastChange', { time: f.dateTime(holdings.lastChangeHlc.slice(0, 24)) })}</p>
          ) : null}
        </section>
        <ClocksCard />
        <SyncCard />
        <OutageCard />
        <section className="card span-3" aria-labelledby="recent-log">
          <h2 id="recent-log">{t('dashboard.recentLog')}</h2>
          {recent && recent.length === 0 ? (
            <p className="muted">{t('dashboard.noRecentLog')}</p>
          ) : (
            <ul className="compact-list">
              {recent?.map((entry) => (
                <li key={entry.id}>
                  <span className="record-sub">
                    <time dateTime={entry.occurredAt}>{f.dateTime(entry.occurredAt)}</time> ·{' '}
                    <a href={routeHref('incidents', entry.incidentId)}>{incidentTitle.get(entry.incidentId) ?? t('dashboard.unknownIncident')}</a>
                  </span>
                  <span>
                    <span className={`badge kind kind-${entry.kind}`}>{t(`log.kind.${entry.kind}`)}</span> {entry.text}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
