/**
 * The incident's state at a glance — escalation, status, severity per dimension, the networks,
 * the IPCR, requests for assistance, lessons learned — with the actions that change it. Every
 * change goes into the logbook with its reason.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITY_DIMENSIONS, type AssistanceRequest, type Incident } from '../../../../shared/model/records';
import { EscalationBadge, StatusBadge } from '../../components/badges';
import { useFormatters } from '../../i18n/format';
import { ChangeStateDialog } from './ChangeStateDialog';
import { LessonsDialog } from './LessonsDialog';
import { RequestDialog } from './RequestDialog';

type Open = { kind: 'state' } | { kind: 'request'; request?: AssistanceRequest } | { kind: 'lessons' } | null;

export function IncidentStatePanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [open, setOpen] = useState<Open>(null);
  const rated = SEVERITY_DIMENSIONS.filter((d) => incident.severity[d] !== 'unknown');

  return (
    <section className="incident-state" aria-labelledby="incident-state-title">
      <h3 id="incident-state-title">{t('incidentState.title')}</h3>
      <dl className="facts state-facts">
        <div>
          <dt>{t('incidents.field.escalation')}</dt>
          <dd>
            <EscalationBadge level={incident.escalation} />
          </dd>
        </div>
        <div>
          <dt>{t('incidentField.status')}</dt>
          <dd>
            <StatusBadge status={incident.status} />
          </dd>
        </div>
        <div>
          <dt>{t('incidentField.csirtsNetwork')}</dt>
          <dd>{t(`networkState.${incident.csirtsNetwork}`)}</dd>
        </div>
        <div>
          <dt>{t('incidentField.cyclone')}</dt>
          <dd>{t(`networkState.${incident.cyclone}`)}</dd>
        </div>
        <div>
          <dt>{t('incidentField.ipcr')}</dt>
          <dd>
            {t(`ipcr.mode.${incident.ipcr.mode}`)}
            {incident.ipcr.monitoringPage ? <div className="small">{t('ipcr.monitoringPageOpen')}</div> : null}
          </dd>
        </div>
        <div className="span-all">
          <dt>{t('severity.legend')}</dt>
          <dd>
            {rated.length === 0 ? (
              <span className="muted">{t('severity.notRated')}</span>
            ) : (
              <ul className="severity-list">
                {rated.map((d) => (
                  <li key={d} className={`severity-${incident.severity[d]}`}>
                    {t(`severity.dimension.${d}`)}: <strong>{t(`severity.rating.${incident.severity[d]}`)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => setOpen({ kind: 'state' })}>
          {t('incidentState.change')}
        </button>
        <button type="button" className="button" onClick={() => setOpen({ kind: 'request' })}>
          {t('requests.add')}
        </button>
        <button type="button" className="button" onClick={() => setOpen({ kind: 'lessons' })}>
          {t(incident.lessons ? 'lessons.edit' : 'lessons.record')}
        </button>
      </div>
      {incident.requests.length > 0 ? (
        <div className="requests">
          <h4>{t('requests.title')}</h4>
          <ul className="plain-list">
            {incident.requests.map((request) => (
              <li key={request.id}>
                <strong>{t(`requests.kind.${request.kind}`)}</strong>
                {request.to ? ` — ${request.to}` : ''} · {f.dateTime(request.requestedAt)} · <span className={`badge request-${request.status}`}>{t(`requests.status.${request.status}`)}</span>
                <div className="small">{request.description}</div>
                <button type="button" className="button small" onClick={() => setOpen({ kind: 'request', request })}>
                  {t('requests.update')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {incident.lessons ? (
        <div className="lessons">
          <h4>{t('lessons.title')}</h4>
          <div className="lessons-grid">
            <div>
              <h5>{t('lessons.wentWell')}</h5>
              <ul>{incident.lessons.wentWell.map((l, i) => <li key={i}>{l}</li>)}</ul>
            </div>
            <div>
              <h5>{t('lessons.didNotGoWell')}</h5>
              <ul>{incident.lessons.didNotGoWell.map((l, i) => <li key={i}>{l}</li>)}</ul>
            </div>
            <div>
              <h5>{t('lessons.actions')}</h5>
              <ul>
                {incident.lessons.actions.map((a, i) => (
                  <li key={i}>
                    {a.text}
                    {a.owner ? <span className="muted"> — {a.owner}</span> : null}
                    {a.due ? <span className="muted"> ({f.date(a.due)})</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      ) : null}
      {open?.kind === 'state' ? <ChangeStateDialog incident={incident} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'request' ? <RequestDialog incident={incident} {...(open.request ? { request: open.request } : {})} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'lessons' ? <LessonsDialog incident={incident} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
