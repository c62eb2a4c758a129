/**
 * The whole chart as one SVG scaled to its container: what is printed (A4/A3 landscape), and the
 * drawing behind the lane and level headers of the interactive chart.
 */
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../../shared/i18n/languages';
import type { ProcedureContent } from '../../../../../shared/model/procedure';
import { LAYOUT_METRICS, wrapText, type LaneLayout, type LevelBandLayout, type ProcedureLayout } from '../../../../../shared/procedures/layout';
import { laneTitle } from '../catalogue';
import { FlowShape, StepMarkBadge, StepShape, StepTitle, type StepMark } from './shapes';

export function LaneHeader({ lane, title }: { lane: Pick<LaneLayout, 'height' | 'level'>; title: string }) {
  const lines = wrapText(title, LAYOUT_METRICS.laneHeaderWidth - 20, 13).slice(0, 5);
  const lineHeight = 16;
  const firstY = lane.height / 2 - ((lines.length - 1) * lineHeight) / 2;
  return (
    <text className="pc-lane-title" x={12} fontSize={13}>
      {lines.map((line, i) => (
        <tspan key={i} x={12} y={firstY + i * lineHeight} dominantBaseline="central">
          {line}
        </tspan>
      ))}
    </text>
  );
}

export function LevelHeader({ band, label }: { band: Pick<LevelBandLayout, 'height'>; label: string }) {
  return (
    <text className="pc-level-title" transform={`translate(${LAYOUT_METRICS.levelHeaderWidth / 2},${band.height / 2}) rotate(-90)`} textAnchor="middle" dominantBaseline="central" fontSize={12}>
      {label}
    </text>
  );
}

export function StaticChart({
  content,
  layout,
  language,
  marks,
  title,
}: {
  content: ProcedureContent;
  layout: ProcedureLayout;
  language: Language;
  marks?: ReadonlyMap<string, StepMark>;
  title: string;
}) {
  const { t } = useTranslation();
  const lanes = new Map(content.lanes.map((l) => [l.id, l]));
  return (
    <svg className="procedure-chart-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMin meet">
      {layout.levelBands.map((band) => (
        <g key={band.level} className={`pc-band pc-level-${band.level}`} transform={`translate(${band.x},${band.y})`}>
          <rect width={band.width} height={band.height} />
          <LevelHeader band={band} label={t(`level.${band.level}`)} />
        </g>
      ))}
      {layout.lanes.map((lane) => {
        const model = lanes.get(lane.id);
        return (
          <g key={lane.id} className={`pc-lane pc-level-${lane.level}`} transform={`translate(${lane.x},${lane.y})`}>
            <rect width={lane.width} height={lane.height} />
            <line className="pc-lane-divider" x1={LAYOUT_METRICS.laneHeaderWidth} y1={0} x2={LAYOUT_METRICS.laneHeaderWidth} y2={lane.height} />
            <LaneHeader lane={lane} title={model ? laneTitle(model, language) : lane.actor} />
          </g>
        );
      })}
      {layout.flows.map((flow) => (
        <FlowShape key={flow.id} flow={flow} />
      ))}
      {layout.steps.map((step) => {
        const mark = marks?.get(step.id) ?? 'pending';
        return (
          <g key={step.id} className={`pc-step pc-kind-${step.kind} pc-state-${mark}`} transform={`translate(${step.x},${step.y})`}>
            <StepShape kind={step.kind} width={step.width} height={step.height} />
            <StepTitle kind={step.kind} width={step.width} height={step.height} lines={step.titleLines} />
            <StepMarkBadge mark={mark} width={step.width} />
          </g>
        );
      })}
    </svg>
  );
}
