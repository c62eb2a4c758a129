import { useTranslation } from 'react-i18next';
import { LEVELS } from '../../../../shared/model/levels';
import type { Procedure } from '../../../../shared/model/records';
import { TlpBadge } from '../../components/badges';
import { useFormatters } from '../../i18n/format';
import { localized } from './ProceduresScreen';

/** A procedure as a swimlane table: one column per level, steps in order from top to bottom. */
export function ProcedureDetail({ procedure }: { procedure: Procedure }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <article aria-labelledby="procedure-title">
      <header className="detail-header">
        <h2 id="procedure-title">{localized(procedure.title, f.language)}</h2>
        <div className="record-meta">
          <span className="badge">{t(`procedures.scope.${procedure.scope}`)}</span>
          <span className="badge">{f.country(procedure.country)}</span>
          <TlpBadge tlp={procedure.tlp} />
        </div>
      </header>
      <p className="summary">{localized(procedure.summary, f.language)}</p>
      {procedure.citations.length ? (
        <p className="citations">
          {t('procedures.basedOn')} {procedure.citations.join('; ')}
        </p>
      ) : null}
      {procedure.steps.length === 0 ? (
        <p className="muted">{t('procedures.noSteps')}</p>
      ) : (
        <table className="lanes">
          <caption className="visually-hidden">{t('procedures.lanesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="lane-step-no">
                {t('procedures.step')}
              </th>
              {LEVELS.map((level) => (
                <th key={level} scope="col" className={`lane-head level-${level}`}>
                  {t(`level.${level}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {procedure.steps.map((step, index) => {
              const lane = procedure.lanes.find((l) => l.id === step.lane);
              return (
              <tr key={step.id}>
                <th scope="row" className="lane-step-no">
                  {index + 1}
                </th>
                {LEVELS.map((level) => (
                  <td key={level} className={`lane level-${level}`}>
                    {lane?.level === level ? (
                      <div className="step-card">
                        <div className="step-actor">{lane.label ? localized(lane.label, f.language) : lane.actor}</div>
                        <div className="step-text">{localized(step.text, f.language)}</div>
                        {step.citations.length ? <div className="step-cites">{step.citations.join('; ')}</div> : null}
                      </div>
                    ) : null}
                  </td>
                ))}
              </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="record-footer">{t('common.lastChanged', { time: f.dateTime(procedure.updatedAt) })}</p>
    </article>
  );
}
