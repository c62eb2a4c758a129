/**
 * What a printed procedure page shows (hidden on screen): a title line, the whole chart scaled to
 * a landscape page, the legend, and the outline with every step's text and points.
 */
import { useTranslation } from 'react-i18next';
import type { ProcedureContent } from '../../../../../shared/model/procedure';
import type { RunProgress } from '../../../../../shared/procedures/runProgress';
import { useFormatters } from '../../../i18n/format';
import { LEVEL_ORDER, laneTitle, pick } from '../catalogue';
import { procedureOutline } from '../../../../../shared/procedures/outline';
import { StaticChart } from './StaticChart';
import { stepMarks } from './SwimlaneChart';
import { useProcedureLayout } from './useProcedureLayout';

export function PrintableProcedure({ content, title, subtitle, progress }: { content: ProcedureContent; title: string; subtitle: string; progress?: RunProgress | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const state = useProcedureLayout(content, f.language, LEVEL_ORDER);
  const outline = procedureOutline(content, LEVEL_ORDER);
  return (
    <section className="procedure-print" aria-hidden="true">
      <div className="procedure-print-sheet">
        <p className="procedure-print-title">
          <strong>{title}</strong> · {subtitle}
        </p>
        {state.status === 'ready' ? <StaticChart content={content} layout={state.layout} language={f.language} marks={stepMarks(content, progress)} title={title} /> : null}
        <p className="procedure-print-legend">{t('procedure.legend')}</p>
      </div>
      <ol className="procedure-print-steps">
        {outline.steps.map((s) => (
          <li key={s.step.id} value={s.number}>
            <strong>{pick(s.step.title, f.language)}</strong> — {s.lane ? laneTitle(s.lane, f.language) : ''} ({t(`procedure.kind.${s.step.kind}`)})
            <div>{pick(s.step.text, f.language)}</div>
            {s.step.citations.length ? <div className="small">{s.step.citations.join('; ')}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
