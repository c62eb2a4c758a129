/**
 * The shapes of a procedure chart as plain SVG, drawn from the layout's geometry: used by the
 * interactive chart (inside React Flow's nodes and edges) and by the printable chart, so both show
 * the same drawing. Colours come from CSS classes (procedures.css), so light, dark and print themes
 * restyle them.
 */
import type { StepKind } from '../../../../../shared/model/procedure';
import { LAYOUT_METRICS, type FlowLayout, type LayoutPoint } from '../../../../../shared/procedures/layout';
import type { StepState } from '../../../../../shared/procedures/runProgress';

export type StepMark = StepState | 'current';

/** The outline of a step's shape in a box of the given size, at the origin. */
export function StepShape({ kind, width, height }: { kind: StepKind; width: number; height: number }) {
  const inset = 1.5;
  switch (kind) {
    case 'start':
      return <rect className="pc-shape" x={inset} y={inset} width={width - 2 * inset} height={height - 2 * inset} rx={(height - 2 * inset) / 2} />;
    case 'end':
      return (
        <>
          <rect className="pc-shape pc-end-outer" x={inset} y={inset} width={width - 2 * inset} height={height - 2 * inset} rx={(height - 2 * inset) / 2} />
          <rect className="pc-end-inner" x={5} y={5} width={width - 10} height={height - 10} rx={(height - 10) / 2} />
        </>
      );
    case 'decision':
      return <polygon className="pc-shape" points={`${width / 2},${inset} ${width - inset},${height / 2} ${width / 2},${height - inset} ${inset},${height / 2}`} />;
    case 'report': {
      const wave = 10;
      const bottom = height - wave - inset;
      return (
        <path
          className="pc-shape"
          d={`M${inset},${inset} H${width - inset} V${bottom} C${width * 0.75},${bottom - wave} ${width * 0.6},${bottom + wave * 1.4} ${width / 2},${bottom + wave * 0.4} C${width * 0.35},${bottom - wave * 0.6} ${width * 0.2},${bottom + wave} ${inset},${bottom + wave * 0.2} Z`}
        />
      );
    }
    case 'task':
    default:
      return <rect className="pc-shape" x={inset} y={inset} width={width - 2 * inset} height={height - 2 * inset} rx={6} />;
  }
}

/** The title lines, centred in the shape (a report's text sits above its wave). */
export function StepTitle({ kind, width, height, lines }: { kind: StepKind; width: number; height: number; lines: readonly string[] }) {
  const lineHeight = LAYOUT_METRICS.stepLineHeight;
  const centreY = kind === 'report' ? (height - 10) / 2 : height / 2;
  const firstY = centreY - ((lines.length - 1) * lineHeight) / 2;
  return (
    <text className="pc-title" x={width / 2} textAnchor="middle" fontSize={LAYOUT_METRICS.stepFontSize}>
      {lines.map((line, i) => (
        <tspan key={i} x={width / 2} y={firstY + i * lineHeight} dominantBaseline="central">
          {line}
        </tspan>
      ))}
    </text>
  );
}

const MARK_GLYPH: Record<StepMark, string> = { done: '✓', skipped: '↷', blocked: '!', current: '▶', pending: '' };

/** The progress mark in the step's top-right corner (none for pending). */
export function StepMarkBadge({ mark, width }: { mark: StepMark; width: number }) {
  if (mark === 'pending') return null;
  return (
    <g className={`pc-mark pc-mark-${mark}`} transform={`translate(${width - 8},8)`} aria-hidden="true">
      <circle r={10} />
      <text textAnchor="middle" dominantBaseline="central" fontSize={12}>
        {MARK_GLYPH[mark]}
      </text>
    </g>
  );
}

function arrowHead(points: readonly LayoutPoint[]): string | null {
  const end = points[points.length - 1];
  const before = points[points.length - 2];
  if (!end || !before) return null;
  const dx = end.x - before.x;
  const dy = end.y - before.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const size = 9;
  const half = 4.5;
  const bx = end.x - ux * size;
  const by = end.y - uy * size;
  return `${end.x},${end.y} ${bx - uy * half},${by + ux * half} ${bx + uy * half},${by - ux * half}`;
}

export function flowPath(points: readonly LayoutPoint[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}

/** A flow: its route with an arrowhead, and its label (outcome or message) in a box. */
export function FlowShape({ flow, highlighted }: { flow: FlowLayout; highlighted?: boolean }) {
  const head = arrowHead(flow.points);
  const label = flow.label;
  const cls = `pc-flow pc-flow-${flow.kind}${flow.outcome ? ' pc-flow-outcome' : ''}${highlighted ? ' pc-flow-highlighted' : ''}`;
  return (
    <g className={cls}>
      <path className="pc-flow-line" d={flowPath(flow.points)} fill="none" />
      {head ? <polygon className="pc-flow-head" points={head} /> : null}
      {label ? (
        <g className="pc-flow-label">
          <rect x={label.x} y={label.y} width={label.width} height={label.height} rx={4} />
          <text x={label.x + label.width / 2} textAnchor="middle" fontSize={LAYOUT_METRICS.labelFontSize}>
            {label.lines.map((line, i) => (
              <tspan key={i} x={label.x + label.width / 2} y={label.y + 4 + LAYOUT_METRICS.labelLineHeight / 2 + i * LAYOUT_METRICS.labelLineHeight} dominantBaseline="central">
                {line}
              </tspan>
            ))}
          </text>
        </g>
      ) : null}
    </g>
  );
}
