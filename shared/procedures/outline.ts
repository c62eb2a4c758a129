/**
 * A procedure as text: the order in which a reader meets its steps, and for each step where the
 * work goes next. Used by the outline view (screen readers, small screens, print), by the chart's
 * keyboard navigation and announcements, and by the step list of a run.
 */
import type { Level } from '../model/levels';
import type { ProcedureContent, ProcedureFlow, ProcedureLane, ProcedureStep } from '../model/procedure';

/**
 * Steps in reading order: from the steps nothing leads to (in the order written), breadth first
 * along sequence flows (a decision's outcomes in the order of its outcomes), then along information
 * flows; steps reached by neither follow in the order written.
 */
export function readingOrder(content: ProcedureContent): ProcedureStep[] {
  const byId = new Map(content.steps.map((s) => [s.id, s]));
  const outgoing = (step: ProcedureStep): ProcedureFlow[] => {
    const order = new Map(step.outcomes.map((o, i) => [o.id, i]));
    const rank = (f: ProcedureFlow) => (f.kind === 'sequence' ? 0 : 1000) + (order.get(f.outcome ?? '') ?? 500);
    return content.flows
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.from === step.id && byId.has(f.to))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  };
  const hasIncoming = new Set(content.flows.filter((f) => f.kind === 'sequence' && f.from !== f.to).map((f) => f.to));
  const roots = content.steps.filter((s) => s.kind === 'start' || !hasIncoming.has(s.id));
  const seen = new Set<string>();
  const order: ProcedureStep[] = [];
  const queue: ProcedureStep[] = [];
  const visit = (s: ProcedureStep) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    queue.push(s);
  };
  for (const root of roots.sort((a, b) => (a.kind === 'start' ? 0 : 1) - (b.kind === 'start' ? 0 : 1))) {
    visit(root);
    while (queue.length > 0) {
      const s = queue.shift();
      if (!s) break;
      order.push(s);
      for (const f of outgoing(s)) {
        const next = byId.get(f.to);
        if (next) visit(next);
      }
    }
  }
  for (const s of content.steps) if (!seen.has(s.id)) order.push(s);
  return order;
}

export interface OutlineExit {
  readonly flow: ProcedureFlow;
  readonly to: ProcedureStep;
  readonly toLane: ProcedureLane | undefined;
}

export interface OutlineStep {
  readonly step: ProcedureStep;
  /** 1-based place in reading order. */
  readonly number: number;
  readonly lane: ProcedureLane | undefined;
  /** Where the work goes next (sequence flows), a decision's by outcome. */
  readonly next: readonly OutlineExit[];
  /** Messages the step sends (information flows). */
  readonly sends: readonly OutlineExit[];
  /** Messages the step receives (information flows), with their sender. */
  readonly receives: ReadonlyArray<{ readonly flow: ProcedureFlow; readonly from: ProcedureStep }>;
}

export interface OutlineLane {
  readonly lane: ProcedureLane;
  readonly steps: readonly OutlineStep[];
}

export interface OutlineLevel {
  readonly level: Level;
  readonly lanes: readonly OutlineLane[];
}

export interface ProcedureOutline {
  /** Every step in reading order. */
  readonly steps: readonly OutlineStep[];
  /** Levels in the given order, lanes in the procedure's order, steps in reading order. */
  readonly levels: readonly OutlineLevel[];
}

export function procedureOutline(content: ProcedureContent, levelOrder: readonly Level[]): ProcedureOutline {
  const order = readingOrder(content);
  const byId = new Map(content.steps.map((s) => [s.id, s]));
  const lanes = new Map(content.lanes.map((l) => [l.id, l]));
  const number = new Map(order.map((s, i) => [s.id, i + 1]));
  const exits = (step: ProcedureStep, kind: ProcedureFlow['kind']): OutlineExit[] => {
    const outcomeOrder = new Map(step.outcomes.map((o, i) => [o.id, i]));
    return content.flows
      .filter((f) => f.from === step.id && f.kind === kind && byId.has(f.to))
      .sort((a, b) => (outcomeOrder.get(a.outcome ?? '') ?? 99) - (outcomeOrder.get(b.outcome ?? '') ?? 99) || (number.get(a.to) ?? 0) - (number.get(b.to) ?? 0))
      .map((flow) => {
        const to = byId.get(flow.to) as ProcedureStep;
        return { flow, to, toLane: lanes.get(to.lane) };
      });
  };
  const steps: OutlineStep[] = order.map((step, i) => ({
    step,
    number: i + 1,
    lane: lanes.get(step.lane),
    next: exits(step, 'sequence'),
    sends: exits(step, 'information'),
    receives: content.flows
      .filter((f) => f.to === step.id && f.kind === 'information' && byId.has(f.from))
      .map((flow) => ({ flow, from: byId.get(flow.from) as ProcedureStep })),
  }));
  const levels: OutlineLevel[] = levelOrder
    .map((level) => ({
      level,
      lanes: content.lanes
        .filter((l) => l.level === level)
        .map((lane) => ({ lane, steps: steps.filter((s) => s.step.lane === lane.id) })),
    }))
    .filter((l) => l.lanes.length > 0);
  return { steps, levels };
}
