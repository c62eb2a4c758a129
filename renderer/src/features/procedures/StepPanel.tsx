/**
 * The details of one step: what to do, who is responsible (the actor as the catalogue of Annex II
 * describes it), the points it rests on with the Dutch source text beside the English digest, the
 * contacts who hold the actor's roles (with the channel that works now, given the declared outage),
 * the reports it produces, its checklist and where the work goes next.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { forwardRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rankChannels } from '../../../../shared/contacts/channels';
import type { Language } from '../../../../shared/i18n/languages';
import type { Role } from '../../../../shared/model/roles';
import type { ProcedureContent } from '../../../../shared/model/procedure';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { listContacts } from '../../db/queries';
import { useUiStore } from '../../stores/useUiStore';
import { useOutage } from '../outage/useOutage';
import { catalogueActor, citedPoints, laneTitle, pick } from './catalogue';

export function Citation({ citation }: { citation: string }) {
  const { t } = useTranslation();
  const points = citedPoints(citation);
  return (
    <details className="citation" open={points.length <= 2}>
      <summary>
        <span className="citation-ref">{citation}</span>
        {points.length === 0 ? <span className="muted"> · {t('reference.noSourceText')}</span> : null}
      </summary>
      {points.map(({ key, source }) => (
        <div key={key} className="source-point" data-point={key}>
          <div className="source-point-key">{t('reference.point', { key })}</div>
          <div className="source-columns">
            <blockquote className="source-nl" lang="nl" cite={`#point-${key}`}>
              <span className="source-label">{t('reference.dutchSource')}</span>
              <p>{source.nl}</p>
            </blockquote>
            <div className="source-en" lang="en">
              <span className="source-label">{t('reference.englishDigest')}</span>
              <p>{source.en || t('reference.noDigest')}</p>
            </div>
          </div>
        </div>
      ))}
    </details>
  );
}

function StepContacts({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const { down } = useOutage();
  const contacts = useLiveQuery(() => listContacts(db, workspace), [db, workspace]);
  if (roles.length === 0) return <p className="muted">{t('procedure.step.noRoles')}</p>;
  const holders = (contacts ?? []).filter((c) => c.roles.some((r) => roles.includes(r)));
  return (
    <>
      <p className="muted small">{t('procedure.step.rolesLine', { roles: roles.map((r) => t(`roles.${r}`)).join(', ') })}</p>
      {contacts === undefined ? null : holders.length === 0 ? (
        <p className="muted">{t('procedure.step.noContacts')}</p>
      ) : (
        <ul className="step-contacts">
          {holders.map((c) => {
            const ranking = rankChannels(c, down);
            const channel = ranking.first ?? ranking.ladder[0] ?? null;
            return (
              <li key={c.id}>
                <a href={routeHref('contacts', c.id)} className="step-contact-name">
                  {c.name}
                </a>
                {c.organisation ? <span className="muted"> · {c.organisation}</span> : null}
                {channel ? (
                  <div className={`step-contact-channel${channel.works ? '' : ' down'}`}>
                    {t(`channel.${channel.channel.type}`)}: <span className="channel-value">{channel.channel.value}</span>
                    {channel.works ? (down.length ? <span className="badge ok">{t('procedure.step.channelWorks')}</span> : null) : <span className="badge warn">{t('procedure.step.noChannelWorks')}</span>}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export const StepPanel = forwardRef<
  HTMLHeadingElement,
  {
    content: ProcedureContent;
    stepId: string;
    number: number | null;
    language: Language;
    onSelectStep: (stepId: string) => void;
    /** Run controls, shown under the heading when the step is part of a run. */
    actions?: ReactNode;
  }
>(function StepPanel({ content, stepId, number, language, onSelectStep, actions }, ref) {
  const { t } = useTranslation();
  const step = content.steps.find((s) => s.id === stepId);
  if (!step) return null;
  const lane = content.lanes.find((l) => l.id === step.lane);
  const actor = lane ? catalogueActor(lane.actor) : undefined;
  const roles = [...new Set([...(lane?.roles ?? []), ...(actor?.roles ?? [])])];
  const next = content.flows.filter((f) => f.from === step.id);
  const title = (id: string) => {
    const s = content.steps.find((x) => x.id === id);
    return s ? pick(s.title, language) : id;
  };

  return (
    <section className="step-panel" aria-labelledby="step-panel-title">
      <header>
        <p className="step-panel-kicker">
          {number ? t('procedure.step.number', { number }) : null} · {t(`procedure.kind.${step.kind}`)}
        </p>
        <h3 id="step-panel-title" ref={ref} tabIndex={-1}>
          {pick(step.title, language)}
        </h3>
      </header>
      {actions}
      <p className="step-panel-text">{pick(step.text, language)}</p>

      <h4>{t('procedure.step.responsible')}</h4>
      {lane ? (
        <div className="step-panel-actor">
          <p>
            <strong>{actor ? pick(actor.name, language) : laneTitle(lane, language)}</strong> <span className="badge">{t(`level.${lane.level}`)}</span>
            {actor ? null : <span className="badge">{t('procedure.step.nationalActor')}</span>}
          </p>
          {actor ? (
            <>
              <p>{pick(actor.role, language)}</p>
              {actor.legalReferences.length ? (
                <p className="small">
                  {t('procedure.step.legalReference')} {actor.legalReferences.map((r) => pick(r, language)).join('; ')}
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}

      {step.checklist.length ? (
        <>
          <h4>{t('procedure.step.checklist')}</h4>
          <ul className="step-checklist">
            {step.checklist.map((item, i) => (
              <li key={i}>{pick(item, language)}</li>
            ))}
          </ul>
        </>
      ) : null}

      {step.reports.length ? (
        <>
          <h4>{t('procedure.step.reports')}</h4>
          <ul className="step-reports">
            {step.reports.map((r, i) => (
              <li key={i}>{pick(r, language)}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h4>{t('procedure.step.contacts')}</h4>
      <StepContacts roles={roles} />

      {next.length ? (
        <>
          <h4>{t('procedure.step.next')}</h4>
          <ul className="step-next">
            {next.map((f) => {
              const outcome = step.outcomes.find((o) => o.id === f.outcome);
              return (
                <li key={f.id}>
                  {outcome ? <strong>{pick(outcome.label, language)} → </strong> : f.kind === 'information' ? <span>{t('procedure.outline.sends', { message: pick(f.label, language) || t('procedure.outline.information') })} → </span> : null}
                  <button type="button" className="link-button" onClick={() => onSelectStep(f.to)}>
                    {title(f.to)}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}

      <h4>{t('procedure.step.citations')}</h4>
      {step.citations.length === 0 ? (
        <p className="muted">{t('procedure.step.noCitations')}</p>
      ) : (
        <div className="citations-list">
          {step.citations.map((c) => (
            <Citation key={c} citation={c} />
          ))}
        </div>
      )}
    </section>
  );
});
