/**
 * A procedure as a text outline: levels, their lanes (actors), and each lane's steps in reading
 * order, with where the work goes next (a decision by outcome) and the messages sent and received.
 * The same procedure as the chart, for screen readers, small screens and print.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n/languages';
import type { Level } from '../../../../shared/model/levels';
import type { ProcedureContent } from '../../../../shared/model/procedure';
import { procedureOutline, type OutlineExit, type OutlineStep } from '../../../../shared/procedures/outline';
import type { RunProgress } from '../../../../shared/procedures/runProgress';
import { laneTitle, pick } from './catalogue';
import { stepMarks } from './chart/SwimlaneChart';

export function ProcedureOutlineView({
  content,
  levelOrder,
  selectedStepId,
  onSelectStep,
  progress,
  language,
}: {
  content: ProcedureContent;
  levelOrder: readonly Level[];
  selectedStepId: string | null;
  onSelectStep: (stepId: string) => void;
  progress?: RunProgress | null;
  language: Language;
}) {
  const { t } = useTranslation();
  const outline = useMemo(() => procedureOutline(content, levelOrder), [content, levelOrder]);
  const marks = useMemo(() => stepMarks(content, progress), [content, progress]);
  const numberOf = new Map(outline.steps.map((s) => [s.step.id, s.number]));

  const target = (exit: OutlineExit) => {
    const lane = exit.toLane ? laneTitle(exit.toLane, language) : '';
    return (
      <button type="button" className="link-button" onClick={() => onSelectStep(exit.to.id)}>
        {t('procedure.outline.stepRef', { number: numberOf.get(exit.to.id) ?? 0, title: pick(exit.to.title, language), actor: lane })}
      </button>
    );
  };

  const outcomeLabel = (s: OutlineStep, exit: OutlineExit) => {
    const outcome = s.step.outcomes.find((o) => o.id === exit.flow.outcome);
    return outcome ? pick(outcome.label, language) : exit.flow.outcome;
  };

  return (
    <div className="procedure-outline">
      <ol className="outline-levels">
        {outline.levels.map((level) => (
          <li key={level.level} className={`outline-level level-${level.level}`}>
            <h3>{t(`level.${level.level}`)}</h3>
            <ol className="outline-lanes">
              {level.lanes.map(({ lane, steps }) => (
                <li key={lane.id}>
                  <h4>{laneTitle(lane, language)}</h4>
                  {steps.length === 0 ? (
                    <p className="muted">{t('procedure.outline.noSteps')}</p>
                  ) : (
                    <ol className="outline-steps">
                      {steps.map((s) => {
                        const mark = marks.get(s.step.id);
                        return (
                          <li key={s.step.id} className={`outline-step pc-state-${mark ?? 'pending'}${s.step.id === selectedStepId ? ' selected' : ''}`} value={s.number}>
                            <button
                              type="button"
                              className="outline-step-button"
                              aria-pressed={s.step.id === selectedStepId}
                              onClick={() => onSelectStep(s.step.id)}
                              data-step-id={s.step.id}
                            >
                              <span className="outline-number">{s.number}.</span> <span className="outline-title">{pick(s.step.title, language)}</span>{' '}
                              <span className="badge">{t(`procedure.kind.${s.step.kind}`)}</span>
                              {mark ? <span className={`badge mark-${mark}`}>{t(`procedure.mark.${mark}`)}</span> : null}
                            </button>
                            {s.step.citations.length ? <span className="outline-cites">{s.step.citations.join('; ')}</span> : null}
                            {s.next.length || s.sends.length || s.receives.length ? (
                              <ul className="outline-exits">
                                {s.step.kind === 'decision'
                                  ? s.next.map((exit) => (
                                      <li key={exit.flow.id}>
                                        <strong>{outcomeLabel(s, exit)}</strong> → {target(exit)}
                                      </li>
                                    ))
                                  : s.next.length
                                    ? (
                                      <li>
                                        {t('procedure.outline.then')}{' '}
                                        {s.next.map((exit, i) => (
                                          <span key={exit.flow.id}>
                                            {i > 0 ? t('procedure.outline.or') : null}
                                            {target(exit)}
                                          </span>
                                        ))}
                                      </li>
                                    )
                                    : null}
                                {s.sends.map((exit) => (
                                  <li key={exit.flow.id}>
                                    {t('procedure.outline.sends', { message: pick(exit.flow.label, language) || t('procedure.outline.information') })} → {target(exit)}
                                  </li>
                                ))}
                                {s.receives.map(({ flow, from }) => (
                                  <li key={flow.id}>
                                    {t('procedure.outline.receives', { message: pick(flow.label, language) || t('procedure.outline.information') })}{' '}
                                    <button type="button" className="link-button" onClick={() => onSelectStep(from.id)}>
                                      {t('procedure.outline.fromStep', { number: numberOf.get(from.id) ?? 0, title: pick(from.title, language) })}
                                    </button>
                                  </li>
                                ))}
                              </ul>
                            ) : null}
                          </li>
                        );
                      })}
                    </ol>
                  )}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </div>
  );
}
