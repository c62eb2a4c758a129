/**
 * A procedure as an interactive swimlane flowchart (React Flow), drawn from the ELK layout: level
 * bands and lanes behind, steps as shapes by kind, flows as arrows (information flows dashed, with
 * their message; a decision's outcomes labelled). Zoom, pan and fit with the controls, the mouse or
 * the keyboard; arrow keys walk the steps along the flows and Enter opens a step's details; the
 * selected step is announced to screen readers. With a run's progress, every step carries its mark
 * (done, skipped, blocked, where the incident stands).
 */
import {
  BaseEdge,
  Controls,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useViewport,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Language } from '../../../../../shared/i18n/languages';
import type { Level } from '../../../../../shared/model/levels';
import type { ProcedureContent, StepKind } from '../../../../../shared/model/procedure';
import { LAYOUT_METRICS, type FlowLayout, type ProcedureLayout } from '../../../../../shared/procedures/layout';
import { procedureOutline, type ProcedureOutline } from '../../../../../shared/procedures/outline';
import type { RunProgress } from '../../../../../shared/procedures/runProgress';
import { useResolvedTheme } from '../useResolvedTheme';
import { laneTitle, pick } from '../catalogue';
import { FlowShape, StepMarkBadge, StepShape, StepTitle, type StepMark } from './shapes';
import { LaneHeader, LevelHeader } from './StaticChart';
import { useProcedureLayout } from './useProcedureLayout';

type BandData = { label: string; height: number; level: Level };
type LaneData = { title: string; height: number; width: number; level: Level };
type StepData = { kind: StepKind; lane: string; lines: readonly string[]; width: number; height: number; mark: StepMark; selected: boolean };
type FlowData = { flow: FlowLayout; highlighted: boolean };

type ChartNode = Node<BandData, 'band'> | Node<LaneData, 'lane'> | Node<StepData, 'step'>;
type ChartEdge = Edge<FlowData, 'flow'>;

function BandNode({ data }: NodeProps<Node<BandData, 'band'>>) {
  return (
    <svg className={`pc-band pc-level-${data.level}`} width={LAYOUT_METRICS.levelHeaderWidth} height={data.height} aria-hidden="true">
      <rect width={LAYOUT_METRICS.levelHeaderWidth} height={data.height} />
      <LevelHeader band={{ height: data.height }} label={data.label} />
    </svg>
  );
}

function LaneNode({ data }: NodeProps<Node<LaneData, 'lane'>>) {
  return (
    <svg className={`pc-lane pc-level-${data.level}`} width={data.width} height={data.height} aria-hidden="true">
      <rect width={data.width} height={data.height} />
      <line className="pc-lane-divider" x1={LAYOUT_METRICS.laneHeaderWidth} y1={0} x2={LAYOUT_METRICS.laneHeaderWidth} y2={data.height} />
      <LaneHeader lane={{ height: data.height, level: data.level }} title={data.title} />
    </svg>
  );
}

function StepNode({ data }: NodeProps<Node<StepData, 'step'>>) {
  return (
    <div className={`pc-step-node pc-kind-${data.kind} pc-state-${data.mark}${data.selected ? ' pc-selected' : ''}`} data-lane={data.lane} data-mark={data.mark}>
      <Handle type="target" position={Position.Left} isConnectable={false} className="pc-handle" />
      <svg className={`pc-step pc-kind-${data.kind} pc-state-${data.mark}`} width={data.width} height={data.height} aria-hidden="true">
        <StepShape kind={data.kind} width={data.width} height={data.height} />
        <StepTitle kind={data.kind} width={data.width} height={data.height} lines={data.lines} />
        <StepMarkBadge mark={data.mark} width={data.width} />
      </svg>
      <Handle type="source" position={Position.Right} isConnectable={false} className="pc-handle" />
    </div>
  );
}

function FlowEdge({ data }: EdgeProps<ChartEdge>) {
  if (!data) return null;
  // BaseEdge keeps React Flow's edge bookkeeping (interaction path); the drawing is ours.
  return (
    <>
      <BaseEdge path="" className="pc-flow-hidden" />
      <FlowShape flow={data.flow} highlighted={data.highlighted} />
    </>
  );
}

/**
 * When the chart is panned to the right, the lane headers leave the screen; their titles then stay
 * at the left edge, in line with their lanes.
 */
function StickyLaneTitles({ layout, titles }: { layout: ProcedureLayout; titles: ReadonlyMap<string, string> }) {
  const { x, y, zoom } = useViewport();
  const headerRight = (LAYOUT_METRICS.levelHeaderWidth + LAYOUT_METRICS.laneHeaderWidth) * zoom + x;
  if (headerRight > 40) return null;
  return (
    <div className="pc-sticky-lanes" aria-hidden="true">
      {layout.lanes.map((lane) => (
        <div key={lane.id} className={`pc-sticky-lane pc-level-${lane.level}`} style={{ top: lane.y * zoom + y, height: lane.height * zoom }}>
          <span>{titles.get(lane.id) ?? lane.actor}</span>
        </div>
      ))}
    </div>
  );
}

const NODE_TYPES = { band: BandNode, lane: LaneNode, step: StepNode };
const EDGE_TYPES = { flow: FlowEdge };

export interface SwimlaneChartProps {
  readonly content: ProcedureContent;
  readonly selectedStepId: string | null;
  readonly onSelectStep: (stepId: string | null) => void;
  /** Enter on a step: show its details (the page moves focus to the step panel). */
  readonly onOpenStep?: (stepId: string) => void;
  readonly progress?: RunProgress | null;
  readonly language: Language;
  readonly levelOrder: readonly Level[];
  /** The procedure's title, for the chart's accessible name. */
  readonly title: string;
}

export function stepMarks(content: ProcedureContent, progress: RunProgress | null | undefined): Map<string, StepMark> {
  const marks = new Map<string, StepMark>();
  if (!progress) return marks;
  for (const step of content.steps) marks.set(step.id, progress.steps.get(step.id)?.state ?? 'pending');
  for (const id of progress.current) marks.set(id, 'current');
  return marks;
}

export function SwimlaneChart(props: SwimlaneChartProps) {
  const { t } = useTranslation();
  const state = useProcedureLayout(props.content, props.language, props.levelOrder);
  if (state.status === 'loading') {
    return (
      <div className="procedure-chart loading" aria-busy="true">
        <p className="muted">{t('procedure.chart.laying')}</p>
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="procedure-chart" role="alert">
        <p>{t('procedure.chart.failed', { message: state.message })}</p>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <ChartCanvas {...props} layout={state.layout} />
    </ReactFlowProvider>
  );
}

function nearestInLane(layout: ProcedureLayout, fromId: string, direction: 1 | -1): string | null {
  const from = layout.steps.find((s) => s.id === fromId);
  if (!from) return null;
  const laneIndex = layout.lanes.findIndex((l) => l.id === from.lane);
  const cx = from.x + from.width / 2;
  for (let i = laneIndex + direction; i >= 0 && i < layout.lanes.length; i += direction) {
    const lane = layout.lanes[i];
    const candidates = layout.steps.filter((s) => s.lane === lane?.id);
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => Math.abs(a.x + a.width / 2 - cx) - Math.abs(b.x + b.width / 2 - cx));
    return candidates[0]?.id ?? null;
  }
  // Within the same lane, a step stacked above or below.
  const stacked = layout.steps
    .filter((s) => s.lane === from.lane && s.id !== from.id && Math.abs(s.x - from.x) < 1 && (direction > 0 ? s.y > from.y : s.y < from.y))
    .sort((a, b) => direction * (a.y - b.y));
  return stacked[0]?.id ?? null;
}

function announcement(t: TFunction, outline: ProcedureOutline, content: ProcedureContent, id: string, language: Language, marks: ReadonlyMap<string, StepMark>): string {
  const entry = outline.steps.find((s) => s.step.id === id);
  if (!entry) return '';
  const lane = content.lanes.find((l) => l.id === entry.step.lane);
  const mark = marks.get(id);
  return t('procedure.chart.announce', {
    number: entry.number,
    total: outline.steps.length,
    title: pick(entry.step.title, language),
    kind: t(`procedure.kind.${entry.step.kind}`),
    actor: lane ? laneTitle(lane, language) : '',
    next: entry.next.length + entry.sends.length,
    state: mark ? t(`procedure.mark.${mark}`) : '',
  });
}

function ChartCanvas({ content, layout, selectedStepId, onSelectStep, onOpenStep, progress, language, levelOrder, title }: SwimlaneChartProps & { layout: ProcedureLayout }) {
  const { t } = useTranslation();
  const theme = useResolvedTheme();
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const fromKeyboard = useRef(false);
  const [live, setLive] = useState('');
  const outline = useMemo(() => procedureOutline(content, levelOrder), [content, levelOrder]);
  const marks = useMemo(() => stepMarks(content, progress), [content, progress]);
  const laneTitles = useMemo(() => new Map(content.lanes.map((l) => [l.id, laneTitle(l, language)])), [content, language]);

  const nodes = useMemo<ChartNode[]>(() => {
    const lanes = new Map(content.lanes.map((l) => [l.id, l]));
    const order = new Map(outline.steps.map((s) => [s.step.id, s.number]));
    const bands: ChartNode[] = layout.levelBands.map((band) => ({
      id: `band:${band.level}`,
      type: 'band',
      position: { x: band.x, y: band.y },
      width: LAYOUT_METRICS.levelHeaderWidth,
      height: band.height,
      data: { label: t(`level.${band.level}`), height: band.height, level: band.level },
      selectable: false,
      focusable: false,
      draggable: false,
      zIndex: -2,
    }));
    const laneNodes: ChartNode[] = layout.lanes.map((lane) => {
      const model = lanes.get(lane.id);
      return {
        id: `lane:${lane.id}`,
        type: 'lane',
        position: { x: lane.x, y: lane.y },
        width: lane.width,
        height: lane.height,
        data: { title: model ? laneTitle(model, language) : lane.actor, height: lane.height, width: lane.width, level: lane.level },
        selectable: false,
        focusable: false,
        draggable: false,
        zIndex: -1,
      };
    });
    // Steps in reading order, so that Tab follows the procedure.
    const steps = [...layout.steps].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const stepNodes: ChartNode[] = steps.map((s) => {
      const step = content.steps.find((x) => x.id === s.id);
      const lane = lanes.get(s.lane);
      const mark = marks.get(s.id) ?? 'pending';
      return {
        id: s.id,
        type: 'step',
        position: { x: s.x, y: s.y },
        width: s.width,
        height: s.height,
        data: { kind: s.kind, lane: s.lane, lines: s.titleLines, width: s.width, height: s.height, mark, selected: s.id === selectedStepId },
        selected: s.id === selectedStepId,
        draggable: false,
        connectable: false,
        zIndex: 1,
        ariaLabel: t('procedure.chart.stepLabel', {
          number: order.get(s.id) ?? 0,
          title: step ? pick(step.title, language) : s.id,
          kind: t(`procedure.kind.${s.kind}`),
          actor: lane ? laneTitle(lane, language) : '',
          state: progress ? t(`procedure.mark.${mark}`) : '',
        }),
      };
    });
    return [...bands, ...laneNodes, ...stepNodes];
  }, [layout, content, outline, marks, selectedStepId, language, progress, t]);

  const edges = useMemo<ChartEdge[]>(
    () =>
      layout.flows.map((f) => ({
        id: f.id,
        source: f.from,
        target: f.to,
        type: 'flow',
        data: { flow: f, highlighted: selectedStepId !== null && (f.from === selectedStepId || f.to === selectedStepId) },
        selectable: false,
        focusable: false,
        zIndex: 0,
      })),
    [layout, selectedStepId],
  );

  // Keep the selected step in view and, after keyboard navigation, focused and announced.
  useEffect(() => {
    if (!selectedStepId) return;
    const step = layout.steps.find((s) => s.id === selectedStepId);
    if (!step) return;
    const el = wrapper.current;
    const viewport = flow.getViewport();
    if (el) {
      const left = -viewport.x / viewport.zoom;
      const top = -viewport.y / viewport.zoom;
      const right = left + el.clientWidth / viewport.zoom;
      const bottom = top + el.clientHeight / viewport.zoom;
      const visible = step.x >= left && step.y >= top && step.x + step.width <= right && step.y + step.height <= bottom;
      if (!visible) void flow.setCenter(step.x + step.width / 2, step.y + step.height / 2, { zoom: Math.max(viewport.zoom, 0.6), duration: 200 });
    }
    if (fromKeyboard.current) {
      fromKeyboard.current = false;
      const node = el?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(selectedStepId)}"]`);
      node?.focus({ preventScroll: true });
      setLive(announcement(t, outline, content, selectedStepId, language, marks));
    }
  }, [selectedStepId, layout, flow, t, outline, content, language, marks]);

  const move = useCallback(
    (target: string | null | undefined) => {
      if (!target) return;
      fromKeyboard.current = true;
      onSelectStep(target);
    },
    [onSelectStep],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const focusedId = (document.activeElement as HTMLElement | null)?.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
    const current = selectedStepId ?? (focusedId && layout.steps.some((s) => s.id === focusedId) ? focusedId : null);
    const first = outline.steps[0]?.step.id ?? null;
    const entry = outline.steps.find((s) => s.step.id === current);
    switch (e.key) {
      case 'ArrowRight':
        move(current ? (entry?.next[0]?.to.id ?? entry?.sends[0]?.to.id) : first);
        break;
      case 'ArrowLeft': {
        if (!current) return move(first);
        const back = content.flows.find((f) => f.to === current && f.kind === 'sequence') ?? content.flows.find((f) => f.to === current);
        move(back?.from);
        break;
      }
      case 'ArrowDown':
        move(current ? nearestInLane(layout, current, 1) : first);
        break;
      case 'ArrowUp':
        move(current ? nearestInLane(layout, current, -1) : first);
        break;
      case 'Home':
        move(first);
        break;
      case 'End':
        move(outline.steps[outline.steps.length - 1]?.step.id);
        break;
      case 'Enter':
      case ' ':
        if (focusedId && layout.steps.some((s) => s.id === focusedId)) {
          onSelectStep(focusedId);
          if (e.key === 'Enter') onOpenStep?.(focusedId);
        } else if (current && e.key === 'Enter') onOpenStep?.(current);
        else return;
        break;
      case 'Escape':
        if (!selectedStepId) return;
        onSelectStep(null);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const minimap = layout.steps.length > 12;

  return (
    <div
      className="procedure-chart"
      ref={wrapper}
      onKeyDownCapture={onKeyDown}
      role="group"
      aria-roledescription={t('procedure.chart.roleDescription')}
      aria-label={title}
      data-layout-width={layout.width}
      data-layout-height={layout.height}
    >
      <p className="visually-hidden" id="procedure-chart-help">
        {t('procedure.chart.help')}
      </p>
      <ReactFlow<ChartNode, ChartEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        colorMode={theme}
        onInit={(instance) => {
          // Start readable: the whole height if it fits at a legible zoom, from the left (the start).
          const el = wrapper.current;
          if (!el) return;
          const fitHeight = (el.clientHeight - 24) / layout.height;
          const fitAll = Math.min(fitHeight, (el.clientWidth - 24) / layout.width);
          if (fitAll >= 0.6) {
            void instance.fitView({ padding: 0.04, maxZoom: 1 });
            return;
          }
          const zoom = Math.min(1, Math.max(0.45, fitHeight));
          void instance.setViewport({ x: 12, y: Math.max(12, (el.clientHeight - layout.height * zoom) / 2), zoom });
        }}
        fitViewOptions={{ padding: 0.04 }}
        minZoom={0.1}
        maxZoom={2.5}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        selectNodesOnDrag={false}
        autoPanOnNodeFocus
        zoomOnDoubleClick={false}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => {
          if (node.type === 'step') onSelectStep(node.id);
        }}
        onPaneClick={() => onSelectStep(null)}
        ariaLabelConfig={{
          'node.a11yDescription.default': t('procedure.chart.help'),
          'node.a11yDescription.keyboardDisabled': t('procedure.chart.help'),
          'controls.ariaLabel': t('procedure.chart.controls'),
          'controls.zoomIn.ariaLabel': t('procedure.chart.zoomIn'),
          'controls.zoomOut.ariaLabel': t('procedure.chart.zoomOut'),
          'controls.fitView.ariaLabel': t('procedure.chart.fit'),
          'minimap.ariaLabel': t('procedure.chart.minimap'),
        }}
      >
        <Controls showInteractive={false} position="top-right" />
        {minimap ? <MiniMap pannable zoomable position="bottom-right" style={{ width: 150, height: 80 }} nodeClassName={(n) => (n.type === 'step' ? `pc-mini-step pc-state-${(n.data as StepData).mark}` : 'pc-mini-lane')} /> : null}
      </ReactFlow>
      <StickyLaneTitles layout={layout} titles={laneTitles} />
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {live}
      </div>
    </div>
  );
}
