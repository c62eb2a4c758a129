/**
 * The rules a content pack must meet beyond its schema, checked on the built-in pack by the tests
 * and on every imported pack before it is installed. `checkPack` returns every violation it finds
 * (an empty list: the pack is sound), so an author sees all problems at once.
 */
import { LEVELS, type Level } from '../model/levels';
import type { LocalizedText, ProcedureStep } from '../model/procedure';
import { citationKeys } from './citations';
import type { ContentPack, PackProcedure, SourcePoints } from './packSchema';

export const PACK_RULES = [
  'duplicate-id',
  'text-missing',
  'citation-missing',
  'citation-malformed',
  'citation-unknown-point',
  'lane-actor-unknown',
  'lane-order',
  'step-lane-unknown',
  'flow-endpoint-unknown',
  'flow-into-start',
  'flow-out-of-end',
  'information-flow-same-lane',
  'start-count',
  'end-missing',
  'unreachable-step',
  'dead-end',
  'decision-outcomes-too-few',
  'decision-outcome-unconnected',
  'decision-outcome-ambiguous',
  'decision-flow-without-outcome',
  'flow-outcome-unknown',
  'outcomes-on-non-decision',
  'scope-not-eu',
  'reference-actor-unknown',
  'actor-level-not-stated',
] as const;
export type PackRule = (typeof PACK_RULES)[number];

export interface PackViolation {
  readonly rule: PackRule;
  /** Where: "procedure eu.detection-escalation / step notify", "actor cert-eu", "reference principles". */
  readonly where: string;
  readonly message: string;
}

/** Every rule violation in the pack; empty when the pack is sound. */
export function checkPack(pack: ContentPack): PackViolation[] {
  const out: PackViolation[] = [];
  const add = (rule: PackRule, where: string, message: string) => out.push({ rule, where, message });
  const actors = new Set<string>();

  const text = (where: string, what: string, value: LocalizedText | null | undefined) => {
    if (!value) return;
    if (value.en.trim() === '') add('text-missing', where, `${what}: English text is empty`);
    if (value.nl.trim() === '') add('text-missing', where, `${what}: Dutch text is empty`);
  };
  const cite = (where: string, citations: readonly string[], required: boolean) => {
    if (required && citations.length === 0) add('citation-missing', where, 'cites no point of the Recommendation');
    for (const c of citations) checkCitation(c, pack.points, (rule, message) => add(rule, where, message));
  };

  // ---- manifest
  text('manifest', 'title', pack.manifest.title);
  text('manifest', 'description', pack.manifest.description);
  text('manifest', 'publisher', pack.manifest.publisher);
  text('manifest', 'source title', pack.manifest.source.title);
  text('manifest', 'changes', pack.manifest.changes);

  // ---- actors
  for (const actor of pack.actors) {
    const where = `actor ${actor.id}`;
    if (actors.has(actor.id)) add('duplicate-id', where, `actor id ${actor.id} is used twice`);
    actors.add(actor.id);
    text(where, 'name', actor.name);
    text(where, 'short name', actor.shortName);
    text(where, 'role', actor.role);
    text(where, 'level note', actor.levelNote);
    actor.legalReferences.forEach((r, i) => text(where, `legal reference ${i + 1}`, r));
    cite(where, actor.citations, true);
    if (actor.levels.length > 0 && !actor.levels.includes(actor.level) && !actor.levelNote) {
      add('actor-level-not-stated', where, `lane level ${actor.level} is not among the levels Annex II states and no note says why`);
    }
    if (actor.levels.length === 0 && !actor.levelNote) {
      add('actor-level-not-stated', where, 'Annex II states no level and no note explains the lane level chosen');
    }
  }

  // ---- reference pages
  const pageIds = new Set<string>();
  for (const page of pack.reference) {
    const where = `reference ${page.id}`;
    if (pageIds.has(page.id)) add('duplicate-id', where, `page id ${page.id} is used twice`);
    pageIds.add(page.id);
    text(where, 'title', page.title);
    text(where, 'summary', page.summary);
    cite(where, page.citations, true);
    const blockIds = new Set<string>();
    for (const block of page.blocks) {
      const bw = `${where} / block ${block.id}`;
      if (blockIds.has(block.id)) add('duplicate-id', bw, `block id ${block.id} is used twice`);
      blockIds.add(block.id);
      text(bw, 'heading', block.heading);
      text(bw, 'text', block.text);
      cite(bw, block.citations, true);
      for (const a of block.actors) if (!actors.has(a)) add('reference-actor-unknown', bw, `actor ${a} is not in the catalogue`);
    }
    if (page.matrix) {
      text(where, 'matrix caveat', page.matrix.caveat);
      page.matrix.phases.forEach((p) => text(where, `phase ${p.id}`, p.label));
      for (const row of page.matrix.rows) {
        if (!actors.has(row.actor)) add('reference-actor-unknown', where, `matrix row: actor ${row.actor} is not in the catalogue`);
        text(where, `matrix note for ${row.actor}`, row.note);
      }
    }
  }

  // ---- procedures
  const keys = new Set<string>();
  for (const procedure of pack.procedures) {
    if (keys.has(procedure.key)) add('duplicate-id', `procedure ${procedure.key}`, `procedure key ${procedure.key} is used twice`);
    keys.add(procedure.key);
    checkProcedure(procedure, pack, actors, add);
  }
  return out;
}

function checkCitation(citation: string, points: SourcePoints, add: (rule: PackRule, message: string) => void): void {
  const keys = citationKeys(citation);
  if (!keys) {
    add('citation-malformed', `citation "${citation}" cannot be read`);
    return;
  }
  for (const key of keys) {
    if (!points.points[key]) add('citation-unknown-point', `citation "${citation}": point ${key} is not in points.json`);
  }
}

function levelRank(level: Level, order: ContentPack['manifest']['laneOrder']): number {
  const i = LEVELS.indexOf(level);
  return order === 'technical-operational-political' ? i : LEVELS.length - 1 - i;
}

function checkProcedure(
  procedure: PackProcedure,
  pack: ContentPack,
  actors: ReadonlySet<string>,
  add: (rule: PackRule, where: string, message: string) => void,
): void {
  const at = `procedure ${procedure.key}`;
  const text = (where: string, what: string, value: LocalizedText | null | undefined) => {
    if (!value) return;
    if (value.en.trim() === '') add('text-missing', where, `${what}: English text is empty`);
    if (value.nl.trim() === '') add('text-missing', where, `${what}: Dutch text is empty`);
  };
  const cite = (where: string, citations: readonly string[]) => {
    if (citations.length === 0) add('citation-missing', where, 'cites no point of the Recommendation');
    for (const c of citations) checkCitation(c, pack.points, (rule, message) => add(rule, where, message));
  };

  if (procedure.scope !== 'eu' || procedure.country !== 'EU') add('scope-not-eu', at, 'a pack procedure has scope "eu" and country "EU"');
  text(at, 'title', procedure.title);
  text(at, 'summary', procedure.summary);
  cite(at, procedure.citations);

  // ids are unique across lanes, steps and flows, so a reference to one can never be ambiguous
  const seen = new Set<string>();
  const unique = (kind: string, id: string) => {
    if (seen.has(id)) add('duplicate-id', `${at} / ${kind} ${id}`, `id ${id} is used twice in the procedure`);
    seen.add(id);
  };

  const lanes = new Map<string, Level>();
  let rank = -1;
  for (const lane of procedure.lanes) {
    unique('lane', lane.id);
    lanes.set(lane.id, lane.level);
    const lw = `${at} / lane ${lane.id}`;
    if (!actors.has(lane.actor)) add('lane-actor-unknown', lw, `actor ${lane.actor} is not in the catalogue`);
    text(lw, 'label', lane.label);
    const r = levelRank(lane.level, pack.manifest.laneOrder);
    if (r < rank) add('lane-order', lw, `lane at level ${lane.level} is out of the pack's lane order (${pack.manifest.laneOrder})`);
    rank = Math.max(rank, r);
  }

  const steps = new Map<string, ProcedureStep>();
  for (const step of procedure.steps) {
    unique('step', step.id);
    steps.set(step.id, step);
    const sw = `${at} / step ${step.id}`;
    if (!lanes.has(step.lane)) add('step-lane-unknown', sw, `lane ${step.lane} does not exist`);
    text(sw, 'title', step.title);
    text(sw, 'text', step.text);
    step.checklist.forEach((c, i) => text(sw, `checklist item ${i + 1}`, c));
    step.reports.forEach((r, i) => text(sw, `report ${i + 1}`, r));
    step.outcomes.forEach((o) => text(sw, `outcome ${o.id}`, o.label));
    cite(sw, step.citations);
    if (step.kind === 'decision') {
      if (step.outcomes.length < 2) add('decision-outcomes-too-few', sw, 'a decision has at least two outcomes');
    } else if (step.outcomes.length > 0) {
      add('outcomes-on-non-decision', sw, `a ${step.kind} step has no outcomes`);
    }
  }

  const starts = procedure.steps.filter((s) => s.kind === 'start');
  if (starts.length !== 1) add('start-count', at, `a procedure has exactly one start step, found ${starts.length}`);
  if (!procedure.steps.some((s) => s.kind === 'end')) add('end-missing', at, 'a procedure has at least one end step');

  const outgoing = new Map<string, string[]>();
  const outcomeFlows = new Map<string, Map<string, number>>();
  for (const flow of procedure.flows) {
    unique('flow', flow.id);
    const fw = `${at} / flow ${flow.id}`;
    text(fw, 'label', flow.label);
    const from = steps.get(flow.from);
    const to = steps.get(flow.to);
    if (!from) add('flow-endpoint-unknown', fw, `step ${flow.from} does not exist`);
    if (!to) add('flow-endpoint-unknown', fw, `step ${flow.to} does not exist`);
    if (!from || !to) continue;
    if (to.kind === 'start') add('flow-into-start', fw, 'no flow leads into the start step');
    if (from.kind === 'end') add('flow-out-of-end', fw, 'no flow leaves an end step');
    if (flow.kind === 'information' && from.lane === to.lane) {
      add('information-flow-same-lane', fw, 'an information flow travels between two actors (lanes)');
    }
    outgoing.set(from.id, [...(outgoing.get(from.id) ?? []), to.id]);
    if (from.kind === 'decision') {
      if (flow.outcome === null) {
        add('decision-flow-without-outcome', fw, `a flow leaving decision ${from.id} names its outcome`);
      } else if (!from.outcomes.some((o) => o.id === flow.outcome)) {
        add('flow-outcome-unknown', fw, `decision ${from.id} has no outcome ${flow.outcome}`);
      } else {
        const counts = outcomeFlows.get(from.id) ?? new Map<string, number>();
        counts.set(flow.outcome, (counts.get(flow.outcome) ?? 0) + 1);
        outcomeFlows.set(from.id, counts);
      }
    } else if (flow.outcome !== null) {
      add('flow-outcome-unknown', fw, `step ${from.id} is not a decision; the flow carries no outcome`);
    }
  }

  for (const step of procedure.steps) {
    const sw = `${at} / step ${step.id}`;
    if (step.kind === 'decision') {
      for (const outcome of step.outcomes) {
        const n = outcomeFlows.get(step.id)?.get(outcome.id) ?? 0;
        if (n === 0) add('decision-outcome-unconnected', sw, `outcome ${outcome.id} leaves by no flow`);
        if (n > 1) add('decision-outcome-ambiguous', sw, `outcome ${outcome.id} leaves by ${n} flows`);
      }
    }
    if (step.kind !== 'end' && (outgoing.get(step.id) ?? []).length === 0) {
      add('dead-end', sw, 'a step other than an end leads somewhere');
    }
  }

  // reachability from the start, over sequence and information flows alike (a message starts work)
  const start = starts[0];
  if (start) {
    const reached = new Set<string>([start.id]);
    const queue = [start.id];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      for (const next of outgoing.get(id) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const step of procedure.steps) {
      if (!reached.has(step.id)) add('unreachable-step', `${at} / step ${step.id}`, 'the step cannot be reached from the start');
    }
  }
}
