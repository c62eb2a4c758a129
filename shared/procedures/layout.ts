/**
 * Layout of a procedure as a swimlane flowchart: lanes are horizontal rows (one per actor), grouped
 * into level bands in a fixed order, and the work flows from left to right. Pure: no DOM, runs in
 * Node (tests, exports) and in the renderer (chart), and returns absolute geometry that every
 * drawing of a procedure (the interactive chart, the SVG/PDF export) shares.
 *
 * How ELK is used (and why not partitions or compound lanes):
 * - ELK partitions constrain *layers*, i.e. columns when the flow runs left to right, so they cannot
 *   keep an actor's steps in one row while the work moves back and forth between actors; compound
 *   lane nodes are laid out by the layered algorithm themselves, which places them side by side
 *   by their edges instead of stacking them in a fixed order.
 * - So the layout runs ELK's layered algorithm twice. Pass 1 lays out the flat graph (all steps,
 *   all flows, with their labels) to find the columns: the order of work, with crossing
 *   minimisation and space for the labels. The rows follow from the lanes: every step is placed in
 *   its lane's row (steps of one lane in the same column are stacked in pass 1's order).
 *   Pass 2 gives ELK these positions with the interactive strategies for cycle breaking,
 *   layering, crossing minimisation and node placement, which keep the columns and rows, and lets
 *   it route every flow orthogonally and place every label around the fixed steps.
 * - Pass 2 keeps the rows as given; should a step nevertheless leave its row (ELK moves a step when
 *   a long edge needs room), the lane gaps are widened and pass 2 runs again.
 *
 * Level order, top to bottom: technical, operational, political (the order of the Recommendation
 * and of `LEVELS`); within a level the lanes keep the procedure's order.
 */
import type { ElkExtendedEdge, ElkLabel, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import { LEVELS, type Level } from '../model/levels';
import type { FlowKind, ProcedureContent, ProcedureStep, StepKind } from '../model/procedure';

export type LayoutLanguage = 'en' | 'nl';

export interface ProcedureLayoutOptions {
  /** The language whose titles and labels are measured (and returned as wrapped lines). */
  readonly language?: LayoutLanguage;
  /** Order of the level bands from top to bottom; default technical, operational, political. */
  readonly levelOrder?: readonly Level[];
  /** An ELK instance to use (e.g. one in a worker); default the bundled synchronous ELK. */
  readonly elk?: ElkLike;
}

/** The part of ELK's API the layout uses. */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export interface LayoutPoint {
  readonly x: number;
  readonly y: number;
}

export interface LayoutBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LevelBandLayout extends LayoutBox {
  readonly level: Level;
}

/** A lane's row, header included (the header is the left `LAYOUT_METRICS.laneHeaderWidth`). */
export interface LaneLayout extends LayoutBox {
  readonly id: string;
  readonly level: Level;
  readonly actor: string;
}

export interface StepLayout extends LayoutBox {
  readonly id: string;
  readonly lane: string;
  readonly kind: StepKind;
  /** The step's title in the layout language, wrapped to fit the shape. */
  readonly titleLines: readonly string[];
}

export interface FlowLabelLayout extends LayoutBox {
  /** The label text (outcome and/or message) wrapped to the label's width. */
  readonly lines: readonly string[];
}

export interface FlowLayout {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: FlowKind;
  readonly outcome: string | null;
  /** The route from the source's border to the target's border, orthogonal segments. */
  readonly points: readonly LayoutPoint[];
  readonly label: FlowLabelLayout | null;
}

export interface ProcedureLayout {
  readonly width: number;
  readonly height: number;
  /** Lanes are rows and the work runs left to right. */
  readonly orientation: 'horizontal';
  readonly levelBands: readonly LevelBandLayout[];
  readonly lanes: readonly LaneLayout[];
  readonly steps: readonly StepLayout[];
  readonly flows: readonly FlowLayout[];
}

/** Sizes the drawings rely on (font sizes in px match the text measurement below). */
export const LAYOUT_METRICS = {
  /** The column at the left of a level band that carries the level's name (written vertically). */
  levelHeaderWidth: 32,
  /** The column at the left of each lane that carries the actor's name. */
  laneHeaderWidth: 168,
  /** Space between the lane header and the first step, and after the last step. */
  contentPaddingX: 28,
  /** Space above and below the steps inside a lane (flows between lanes run here). */
  lanePaddingY: 30,
  /** Gap between steps of one lane in the same column. */
  stackGap: 22,
  minLaneContentHeight: 48,
  stepFontSize: 13,
  stepLineHeight: 16,
  labelFontSize: 11,
  labelLineHeight: 14,
} as const;

interface ShapeSpec {
  readonly width: number;
  /** Width available to the title inside the shape. */
  readonly textWidth: number;
  readonly minHeight: number;
  /** Height added to the text's height (padding, the document's wave, the diamond's corners). */
  readonly padding: number;
  /** The text sits in the middle half of a diamond: its height counts twice. */
  readonly textScale: number;
}

const SHAPES: Record<StepKind, ShapeSpec> = {
  start: { width: 148, textWidth: 124, minHeight: 44, padding: 16, textScale: 1 },
  end: { width: 148, textWidth: 124, minHeight: 44, padding: 16, textScale: 1 },
  task: { width: 180, textWidth: 160, minHeight: 56, padding: 20, textScale: 1 },
  report: { width: 180, textWidth: 156, minHeight: 64, padding: 30, textScale: 1 },
  decision: { width: 208, textWidth: 112, minHeight: 92, padding: 24, textScale: 1.9 },
};

const LABEL_MAX_WIDTH = 150;
const LABEL_PADDING_X = 8;
const LABEL_PADDING_Y = 4;

/**
 * Width of a text in px, estimated without a DOM: average advance per character class of a
 * sans-serif face (system-ui/Arial family). Generous, so that drawn text fits its box.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[iljtf.,:;'|!()[\] ]/.test(ch)) em += 0.32;
    else if (/[mwMW@]/.test(ch)) em += 0.86;
    else if (/[A-Z0-9]/.test(ch)) em += 0.66;
    else em += 0.56;
  }
  return Math.ceil(em * fontSize);
}

/** Greedy word wrap by estimated width; a word longer than the line is cut. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const words = text.trim().split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (estimateTextWidth(candidate, fontSize) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (estimateTextWidth(rest, fontSize) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && estimateTextWidth(`${rest.slice(0, cut)}-`, fontSize) > maxWidth) cut -= 1;
      lines.push(`${rest.slice(0, cut)}-`);
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

function pick(text: { en: string; nl: string } | null | undefined, language: LayoutLanguage): string {
  if (!text) return '';
  return text[language] || text.en || text.nl;
}

/** The text a flow's label shows: the decision outcome, the message, or both. */
export function flowLabelText(content: ProcedureContent, flow: ProcedureContent['flows'][number], language: LayoutLanguage): string {
  const parts: string[] = [];
  if (flow.outcome) {
    const decision = content.steps.find((s) => s.id === flow.from);
    const outcome = decision?.outcomes.find((o) => o.id === flow.outcome);
    parts.push(outcome ? pick(outcome.label, language) : flow.outcome);
  }
  const label = pick(flow.label, language);
  if (label) parts.push(label);
  return parts.join(': ');
}

function stepSize(step: ProcedureStep, language: LayoutLanguage): { width: number; height: number; lines: string[] } {
  const shape = SHAPES[step.kind];
  const lines = wrapText(pick(step.title, language) || step.id, shape.textWidth, LAYOUT_METRICS.stepFontSize);
  const textHeight = lines.length * LAYOUT_METRICS.stepLineHeight * shape.textScale;
  return { width: shape.width, height: Math.max(shape.minHeight, Math.ceil(textHeight + shape.padding)), lines };
}

/** Circles and diamonds are met at their middle; rectangles anywhere along a side. */
function centredPorts(kind: StepKind): boolean {
  return kind === 'decision' || kind === 'start' || kind === 'end';
}

const portIn = (id: string) => `${id}::in`;
const portOut = (id: string, exit: Exit = 'east') => `${id}::${exit}`;

/** Which corner of a decision's diamond a flow leaves by; every other shape is left to the east. */
type Exit = 'east' | 'north' | 'south';

/**
 * A decision's outcomes leave by different corners of the diamond, as in a paper flowchart: an
 * outcome whose next step lies in a lane below leaves by the bottom corner, one above by the top
 * corner, the rest by the right corner; two outcomes never share a corner while one is free, so
 * their labels stand apart.
 */
function decisionExits(
  steps: ReadonlyArray<ProcedureStep>,
  flows: ReadonlyArray<ProcedureContent['flows'][number]>,
  laneRank: ReadonlyMap<string, number>,
): Map<string, Exit> {
  const exits = new Map<string, Exit>();
  const stepById = new Map(steps.map((s) => [s.id, s]));
  for (const step of steps) {
    if (step.kind !== 'decision') continue;
    const order = new Map(step.outcomes.map((o, i) => [o.id, i]));
    const leaving = flows
      .filter((f) => f.from === step.id)
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (order.get(a.f.outcome ?? '') ?? 99) - (order.get(b.f.outcome ?? '') ?? 99) || a.i - b.i)
      .map((x) => x.f);
    const taken = new Set<Exit>();
    for (const flow of leaving) {
      const here = laneRank.get(step.lane) ?? 0;
      const there = laneRank.get(stepById.get(flow.to)?.lane ?? '') ?? here;
      if (flow.outcome === null) {
        exits.set(flow.id, 'east');
        continue;
      }
      const wanted: Exit = there > here ? 'south' : there < here ? 'north' : 'east';
      const exit = !taken.has(wanted) ? wanted : (['east', 'south', 'north'] as const).find((e) => !taken.has(e)) ?? 'east';
      taken.add(exit);
      exits.set(flow.id, exit);
    }
  }
  return exits;
}

const BASE_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  'elk.spacing.nodeNode': '30',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.labelNode': '6',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.layered.spacing.edgeNodeBetweenLayers': '18',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
  'elk.edgeLabels.inline': 'false',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.thoroughness': '12',
  'elk.randomSeed': '1',
};

const INTERACTIVE_OPTIONS: Record<string, string> = {
  'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
  'elk.layered.layering.strategy': 'INTERACTIVE',
  'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
  'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
};

interface Prepared {
  readonly steps: ReadonlyArray<ProcedureStep & { size: { width: number; height: number; lines: string[] } }>;
  readonly flows: ReadonlyArray<{ flow: ProcedureContent['flows'][number]; exit: Exit; labelLines: string[]; labelSize: { width: number; height: number } | null }>;
  readonly laneOrder: ReadonlyArray<ProcedureContent['lanes'][number]>;
}

function prepare(content: ProcedureContent, language: LayoutLanguage, levelOrder: readonly Level[]): Prepared {
  const laneIds = new Set(content.lanes.map((l) => l.id));
  const laneOrder = content.lanes
    .map((lane, index) => ({ lane, index }))
    .sort((a, b) => levelIndex(levelOrder, a.lane.level) - levelIndex(levelOrder, b.lane.level) || a.index - b.index)
    .map((x) => x.lane);
  const laneRank = new Map(laneOrder.map((l, i) => [l.id, i]));
  // Model order: by lane, then as written. ELK keeps it where it does not cost crossings.
  const steps = content.steps
    .filter((s) => laneIds.has(s.lane))
    .map((s, index) => ({ s, index }))
    .sort((a, b) => (laneRank.get(a.s.lane) ?? 0) - (laneRank.get(b.s.lane) ?? 0) || a.index - b.index)
    .map(({ s }) => ({ ...s, size: stepSize(s, language) }));
  const stepIds = new Set(steps.map((s) => s.id));
  const flowsIn = content.flows.filter((f) => stepIds.has(f.from) && stepIds.has(f.to));
  const exits = decisionExits(steps, flowsIn, laneRank);
  const flows = flowsIn.map((flow) => {
    const exit = exits.get(flow.id) ?? 'east';
    const text = flowLabelText(content, flow, language);
    if (!text) return { flow, exit, labelLines: [], labelSize: null };
    const lines = wrapText(text, LABEL_MAX_WIDTH, LAYOUT_METRICS.labelFontSize);
    const width = Math.max(...lines.map((l) => estimateTextWidth(l, LAYOUT_METRICS.labelFontSize))) + 2 * LABEL_PADDING_X;
    const height = lines.length * LAYOUT_METRICS.labelLineHeight + 2 * LABEL_PADDING_Y;
    return { flow, exit, labelLines: lines, labelSize: { width, height } };
  });
  return { steps, flows, laneOrder };
}

function levelIndex(order: readonly Level[], level: Level): number {
  const i = order.indexOf(level);
  return i === -1 ? order.length : i;
}

function elkGraph(prepared: Prepared, positions: ReadonlyMap<string, LayoutPoint> | null, routeHints?: ReadonlyMap<string, LayoutPoint[]>): ElkNode {
  const children: ElkNode[] = prepared.steps.map((step) => {
    const { width, height } = step.size;
    const node: ElkNode = { id: step.id, width, height };
    if (centredPorts(step.kind)) {
      const ports: ElkPort[] = [
        { id: portIn(step.id), width: 0, height: 0, x: 0, y: height / 2, layoutOptions: { 'elk.port.side': 'WEST' } },
        { id: portOut(step.id), width: 0, height: 0, x: width, y: height / 2, layoutOptions: { 'elk.port.side': 'EAST' } },
      ];
      if (step.kind === 'decision') {
        ports.push(
          { id: portOut(step.id, 'north'), width: 0, height: 0, x: width / 2, y: 0, layoutOptions: { 'elk.port.side': 'NORTH' } },
          { id: portOut(step.id, 'south'), width: 0, height: 0, x: width / 2, y: height, layoutOptions: { 'elk.port.side': 'SOUTH' } },
        );
      }
      node.ports = ports;
      node.layoutOptions = { 'elk.portConstraints': 'FIXED_POS' };
    }
    const at = positions?.get(step.id);
    if (at) {
      node.x = at.x;
      node.y = at.y;
    }
    return node;
  });
  const kindOf = new Map(prepared.steps.map((s) => [s.id, s.kind]));
  const edges: ElkExtendedEdge[] = prepared.flows.map(({ flow, exit, labelLines, labelSize }) => {
    const labels: ElkLabel[] = labelSize
      ? [{ id: `${flow.id}::label`, text: labelLines.join(' '), width: labelSize.width, height: labelSize.height, layoutOptions: { 'elk.edgeLabels.placement': flow.outcome ? 'TAIL' : 'HEAD' } }]
      : [];
    const edge: ElkExtendedEdge = {
      id: flow.id,
      sources: [centredPorts(kindOf.get(flow.from) ?? 'task') ? portOut(flow.from, exit) : flow.from],
      targets: [centredPorts(kindOf.get(flow.to) ?? 'task') ? portIn(flow.to) : flow.to],
      labels,
    };
    const route = positions && routeHints?.get(flow.id);
    if (route) edge.sections = [{ id: `${flow.id}::s`, startPoint: route[0]!, endPoint: route[route.length - 1]!, bendPoints: route.slice(1, -1) }];
    return edge;
  });
  return { id: 'procedure', layoutOptions: positions ? { ...BASE_OPTIONS, ...INTERACTIVE_OPTIONS } : BASE_OPTIONS, children, edges };
}

let sharedElk: Promise<ElkLike> | null = null;
/** The bundled ELK, loaded on first use (the renderer passes an ELK running in a worker instead). */
function defaultElk(): Promise<ElkLike> {
  sharedElk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => {
    const elk = new ELK();
    return { layout: (graph: ElkNode) => elk.layout<ElkNode>(graph) };
  });
  return sharedElk;
}

/** Columns from pass 1: steps whose horizontal extents overlap share a column. */
function columnsOf(nodes: ReadonlyArray<{ id: string; x: number; width: number; y: number }>): Map<string, number> {
  const sorted = [...nodes].sort((a, b) => a.x - b.x || a.y - b.y || (a.id < b.id ? -1 : 1));
  const column = new Map<string, number>();
  let current = -1;
  let right = -Infinity;
  for (const n of sorted) {
    if (n.x >= right) {
      current += 1;
      right = n.x + n.width;
    } else right = Math.max(right, n.x + n.width);
    column.set(n.id, current);
  }
  return column;
}

interface Rows {
  readonly positions: Map<string, LayoutPoint>;
  /** A first route for each flow that runs through the gaps between lanes, for ELK to refine. */
  readonly routes: Map<string, LayoutPoint[]>;
  readonly laneTops: number[];
  readonly laneHeights: number[];
}

function rows(prepared: Prepared, pass1: ElkNode, lanePaddingY: number): Rows {
  const placed = (pass1.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0 }));
  const byId = new Map(placed.map((p) => [p.id, p]));
  const column = columnsOf(placed);
  const positions = new Map<string, LayoutPoint>();
  const laneTops: number[] = [];
  const laneHeights: number[] = [];
  let top = 0;
  for (const lane of prepared.laneOrder) {
    const cells = new Map<number, Array<(typeof prepared.steps)[number]>>();
    for (const step of prepared.steps) {
      if (step.lane !== lane.id) continue;
      const c = column.get(step.id) ?? 0;
      const cell = cells.get(c) ?? [];
      cell.push(step);
      cells.set(c, cell);
    }
    const cellHeight = (cell: ReadonlyArray<(typeof prepared.steps)[number]>) =>
      cell.reduce((sum, s) => sum + s.size.height, 0) + Math.max(0, cell.length - 1) * LAYOUT_METRICS.stackGap;
    let content: number = LAYOUT_METRICS.minLaneContentHeight;
    for (const cell of cells.values()) content = Math.max(content, cellHeight(cell));
    for (const cell of cells.values()) {
      cell.sort((a, b) => (byId.get(a.id)?.y ?? 0) - (byId.get(b.id)?.y ?? 0));
      let y = top + lanePaddingY + (content - cellHeight(cell)) / 2;
      for (const step of cell) {
        const p = byId.get(step.id);
        positions.set(step.id, { x: p?.x ?? 0, y: Math.round(y) });
        y += step.size.height + LAYOUT_METRICS.stackGap;
      }
    }
    const height = content + 2 * lanePaddingY;
    laneTops.push(top);
    laneHeights.push(height);
    top += height;
  }
  const routes = new Map<string, LayoutPoint[]>();
  const laneIndex = new Map(prepared.laneOrder.map((l, i) => [l.id, i]));
  const stepById = new Map(prepared.steps.map((s) => [s.id, s]));
  const half = 24;
  for (const { flow, exit } of prepared.flows) {
    const from = stepById.get(flow.from);
    const to = stepById.get(flow.to);
    const a = positions.get(flow.from);
    const b = positions.get(flow.to);
    if (!from || !to || !a || !b) continue;
    const start =
      exit === 'east' ? { x: a.x + from.size.width, y: a.y + from.size.height / 2 } : { x: a.x + from.size.width / 2, y: exit === 'north' ? a.y : a.y + from.size.height };
    const end = { x: b.x, y: b.y + to.size.height / 2 };
    const span = (column.get(flow.to) ?? 0) - (column.get(flow.from) ?? 0);
    if (span === 1) continue;
    const li = laneIndex.get(from.lane) ?? 0;
    const lj = laneIndex.get(to.lane) ?? 0;
    // Along the source lane's padding: the lower one towards a lane below, else the upper one.
    const gapY = lj > li ? (laneTops[li + 1] ?? 0) - lanePaddingY / 2 : (laneTops[li] ?? 0) + lanePaddingY / 2;
    const out = exit === 'east' ? [{ x: start.x + half, y: start.y }, { x: start.x + half, y: gapY }] : [{ x: start.x, y: gapY }];
    routes.set(flow.id, [start, ...out, { x: end.x - half, y: gapY }, { x: end.x - half, y: end.y }, end]);
  }
  return { positions, routes, laneTops, laneHeights };
}

/**
 * Lane boundaries from where pass 2 really put the steps: the planned ones where they hold, else
 * halfway between the lanes' steps. Null when the steps of two lanes overlap vertically.
 */
function laneBounds(prepared: Prepared, planned: Rows, placed: ReadonlyMap<string, LayoutBox>): Array<{ top: number; bottom: number }> | null {
  const n = prepared.laneOrder.length;
  const extent = prepared.laneOrder.map((lane) => {
    let min = Infinity;
    let max = -Infinity;
    for (const s of prepared.steps) {
      if (s.lane !== lane.id) continue;
      const box = placed.get(s.id);
      if (!box) continue;
      min = Math.min(min, box.y);
      max = Math.max(max, box.y + box.height);
    }
    return { min, max };
  });
  const boundaries: number[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const plannedBoundary = (planned.laneTops[i + 1] ?? 0);
    let above = -Infinity;
    for (let j = 0; j <= i; j++) above = Math.max(above, extent[j]?.max ?? -Infinity);
    let below = Infinity;
    for (let j = i + 1; j < n; j++) below = Math.min(below, extent[j]?.min ?? Infinity);
    if (above > below - 8) return null;
    boundaries.push(above + 4 <= plannedBoundary && plannedBoundary <= below - 4 ? plannedBoundary : Math.round((above + below) / 2));
  }
  const first = Math.min(0, (extent[0]?.min ?? 0) - 8);
  const lastPlanned = (planned.laneTops[n - 1] ?? 0) + (planned.laneHeights[n - 1] ?? 0);
  const last = Math.max(lastPlanned, (extent[n - 1]?.max ?? 0) + 8);
  const edges = [first, ...boundaries, last];
  return prepared.laneOrder.map((_, i) => ({ top: edges[i] ?? 0, bottom: edges[i + 1] ?? 0 }));
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

const boxesOverlap = (a: LayoutBox, b: LayoutBox, margin: number) =>
  a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;

/**
 * ELK places end labels next to their edge's end, where two labels at one step can fall on each
 * other or on a neighbouring step. Each label keeps ELK's place when that is free; otherwise it
 * moves to the first free place beside a segment of its own route (an outcome near the decision,
 * a message near its receiver).
 */
function placeLabels(flows: FlowLayout[], steps: readonly StepLayout[]): FlowLayout[] {
  const stepFree = (box: LayoutBox) => !steps.some((s) => boxesOverlap(box, s, 3));
  const options = flows.map((flow) => {
    const label = flow.label;
    if (!label) return [];
    const { width: w, height: h } = label;
    const candidates: LayoutBox[] = [label];
    const segments = flow.points.slice(1).map((b, i) => ({ a: flow.points[i] as LayoutPoint, b }));
    if (flow.outcome === null) segments.reverse();
    // Preferred places first (by the end the label belongs to), then every 16 px along the route.
    for (const fine of [false, true]) {
      for (const { a, b } of segments) {
        if (Math.abs(a.y - b.y) < 0.5) {
          const left = Math.min(a.x, b.x);
          const right = Math.max(a.x, b.x);
          if (right - left < w + 8) continue;
          const xs = fine ? range(left + 4, right - w - 4, 16) : flow.outcome === null ? [right - w - 12, (left + right - w) / 2, left + 12] : [left + 12, (left + right - w) / 2, right - w - 12];
          if (flow.outcome === null && fine) xs.reverse();
          for (const x of xs) candidates.push({ x, y: a.y - h - 3, width: w, height: h }, { x, y: a.y + 3, width: w, height: h });
        } else if (Math.abs(a.x - b.x) < 0.5) {
          const upper = Math.min(a.y, b.y);
          const lower = Math.max(a.y, b.y);
          if (lower - upper < h + 8) continue;
          const ys = fine ? range(upper + 4, lower - h - 4, 12) : [(upper + lower - h) / 2, upper + 6, lower - h - 6];
          for (const y of ys) candidates.push({ x: a.x + 4, y, width: w, height: h }, { x: a.x - w - 4, y, width: w, height: h });
        }
      }
    }
    return candidates.filter(stepFree);
  });
  // The labels with the fewest free places choose first (ties in flow order): a label on a short
  // route is not pushed aside by one that could have gone elsewhere.
  const order = flows.map((_, i) => i).filter((i) => flows[i]?.label).sort((a, b) => (options[a]?.length ?? 0) - (options[b]?.length ?? 0) || a - b);
  const taken: LayoutBox[] = [];
  const chosen = new Map<number, LayoutBox>();
  for (const i of order) {
    const label = flows[i]?.label;
    if (!label) continue;
    const pick = options[i]?.find((box) => !taken.some((t) => boxesOverlap(box, t, 2))) ?? label;
    taken.push(pick);
    chosen.set(i, pick);
  }
  return flows.map((flow, i) => {
    const box = chosen.get(i);
    if (!flow.label || !box || box === flow.label) return flow;
    return { ...flow, label: { ...flow.label, x: Math.round(box.x), y: Math.round(box.y) } };
  });
}

/** Lay out a procedure (see the module comment). Deterministic: the same content gives the same geometry. */
export async function layoutProcedure(content: ProcedureContent, options: ProcedureLayoutOptions = {}): Promise<ProcedureLayout> {
  const language = options.language ?? 'en';
  const levelOrder = options.levelOrder ?? LEVELS;
  const elk = options.elk ?? (await defaultElk());
  const prepared = prepare(content, language, levelOrder);
  const offsetX = LAYOUT_METRICS.levelHeaderWidth + LAYOUT_METRICS.laneHeaderWidth + LAYOUT_METRICS.contentPaddingX;

  const pass1 = prepared.steps.length > 0 ? await elk.layout(elkGraph(prepared, null)) : { id: 'procedure', children: [], edges: [] };

  let lanePaddingY: number = LAYOUT_METRICS.lanePaddingY;
  let planned = rows(prepared, pass1, lanePaddingY);
  let pass2: ElkNode = pass1;
  let bounds: Array<{ top: number; bottom: number }> | null = null;
  let placed = new Map<string, LayoutBox>();
  for (let attempt = 0; attempt < 4; attempt++) {
    pass2 = prepared.steps.length > 0 ? await elk.layout(elkGraph(prepared, planned.positions, planned.routes)) : pass1;
    placed = new Map((pass2.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 }]));
    bounds = laneBounds(prepared, planned, placed);
    if (bounds) break;
    lanePaddingY = Math.round(lanePaddingY * 1.6);
    planned = rows(prepared, pass1, lanePaddingY);
  }
  // Should ELK ever interleave two lanes' steps, fall back to the planned rows (tests guard this).
  const laneRows = bounds ?? prepared.laneOrder.map((_, i) => ({ top: planned.laneTops[i] ?? 0, bottom: (planned.laneTops[i] ?? 0) + (planned.laneHeights[i] ?? 0) }));
  // Geometry in ELK's vertical coordinates first; shifted below once the outer lanes are known.
  const rawSteps: StepLayout[] = prepared.steps.map((s) => {
    const box = placed.get(s.id) ?? { x: 0, y: 0, width: s.size.width, height: s.size.height };
    return { id: s.id, lane: s.lane, kind: s.kind, x: box.x + offsetX, y: box.y, width: box.width, height: box.height, titleLines: s.size.lines };
  });
  const elkEdges = new Map((pass2.edges ?? []).map((e) => [e.id, e]));
  const rawFlows: FlowLayout[] = placeLabels(
    prepared.flows.map(({ flow, labelLines }) => {
      const edge = elkEdges.get(flow.id);
      const points: LayoutPoint[] = [];
      for (const section of edge?.sections ?? []) {
        for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
          const q = { x: p.x + offsetX, y: p.y };
          const last = points[points.length - 1];
          if (!last || last.x !== q.x || last.y !== q.y) points.push(q);
        }
      }
      const l = edge?.labels?.[0];
      const label: FlowLabelLayout | null = l && labelLines.length > 0 ? { x: (l.x ?? 0) + offsetX, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0, lines: labelLines } : null;
      return { id: flow.id, from: flow.from, to: flow.to, kind: flow.kind, outcome: flow.outcome, points, label };
    }),
    rawSteps,
  );

  // Flows may run just above the first lane or below the last; the outer lanes grow to hold them.
  let top = laneRows[0]?.top ?? 0;
  let bottom = laneRows[laneRows.length - 1]?.bottom ?? 0;
  for (const f of rawFlows) {
    for (const p of f.points) {
      top = Math.min(top, p.y - 10);
      bottom = Math.max(bottom, p.y + 10);
    }
    if (f.label) {
      top = Math.min(top, f.label.y - 4);
      bottom = Math.max(bottom, f.label.y + f.label.height + 4);
    }
  }
  const first = laneRows[0];
  const last = laneRows[laneRows.length - 1];
  if (first) first.top = Math.floor(top);
  if (last) last.bottom = Math.ceil(bottom);
  const shiftY = -(first?.top ?? 0);
  const steps: StepLayout[] = rawSteps.map((s) => ({ ...s, y: s.y + shiftY }));
  const flows: FlowLayout[] = rawFlows.map((f) => ({
    ...f,
    points: f.points.map((p) => ({ x: p.x, y: p.y + shiftY })),
    label: f.label ? { ...f.label, y: f.label.y + shiftY } : null,
  }));

  let right = offsetX + 120;
  for (const s of steps) right = Math.max(right, s.x + s.width);
  for (const f of flows) {
    for (const p of f.points) right = Math.max(right, p.x);
    if (f.label) right = Math.max(right, f.label.x + f.label.width);
  }
  const width = Math.ceil(right + LAYOUT_METRICS.contentPaddingX);
  const laneX = LAYOUT_METRICS.levelHeaderWidth;
  const lanes: LaneLayout[] = prepared.laneOrder.map((lane, i) => {
    const row = laneRows[i] ?? { top: 0, bottom: 0 };
    return { id: lane.id, level: lane.level, actor: lane.actor, x: laneX, y: row.top + shiftY, width: width - laneX, height: row.bottom - row.top };
  });
  const levelBands: LevelBandLayout[] = [];
  for (const lane of lanes) {
    const band = levelBands[levelBands.length - 1];
    if (band && band.level === lane.level) levelBands[levelBands.length - 1] = { ...band, height: lane.y + lane.height - band.y };
    else levelBands.push({ level: lane.level, x: 0, y: lane.y, width, height: lane.height });
  }
  const height = lanes.length > 0 ? Math.ceil(Math.max(...lanes.map((l) => l.y + l.height))) : 0;
  return { width, height, orientation: 'horizontal', levelBands, lanes, steps, flows };
}
