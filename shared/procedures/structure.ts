/**
 * PURE: the structural rules of a swimlane procedure, beyond what the zod schema of one field can
 * say — ids unique, every reference resolves, decisions leave by exactly one flow per outcome,
 * start and end in their place, every step reachable. Used by the editor (live), by the JSON
 * import and by the exports that need a sound graph.
 *
 * Problems are values with a stable code, the JSON path of the offending part and the values the
 * sentence needs; `procedureEditor.issue.<code>` in the translation files turns them into words.
 * Errors make a procedure unsavable; warnings are shown but do not block (a national procedure is
 * often written over several sittings).
 */
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import type { ProcedureContent, ProcedureStep } from '../model/procedure';

export const STRUCTURE_ISSUE_CODES = [
  'duplicate-lane',
  'duplicate-step',
  'duplicate-flow',
  'duplicate-outcome',
  'unknown-lane',
  'unknown-step',
  'self-flow',
  'no-start',
  'no-end',
  'start-has-incoming',
  'end-has-outgoing',
  'decision-too-few-outcomes',
  'outcome-not-on-decision',
  'outcome-without-flow',
  'outcome-several-flows',
  'flow-unknown-outcome',
  'decision-flow-without-outcome',
  'flow-outcome-not-decision',
  'duplicate-sequence',
  'unreachable-step',
  'dead-end-step',
  'empty-lane',
  'no-title',
] as const;
export type StructureIssueCode = (typeof STRUCTURE_ISSUE_CODES)[number];

export interface ProcedureIssue {
  readonly severity: 'error' | 'warning';
  readonly code: StructureIssueCode | 'schema' | 'not-json' | 'wrong-format' | 'newer-format' | 'too-large';
  /** JSON path of the offending part, e.g. `steps[3].lane`; '' for the whole procedure. */
  readonly path: string;
  /** Values for the sentence (ids, names). */
  readonly params: Readonly<Record<string, string>>;
}

/** `['steps', 3, 'lane']` → `steps[3].lane`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

const error = (code: StructureIssueCode, path: readonly PropertyKey[], params: Record<string, string> = {}): ProcedureIssue => ({
  severity: 'error',
  code,
  path: formatPath(path),
  params,
});
const warning = (code: StructureIssueCode, path: readonly PropertyKey[], params: Record<string, string> = {}): ProcedureIssue => ({
  severity: 'warning',
  code,
  path: formatPath(path),
  params,
});

function duplicates<T extends { id: string }>(items: readonly T[], code: StructureIssueCode, collection: string, out: ProcedureIssue[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) out.push(error(code, [collection, i, 'id'], { id: item.id }));
    seen.add(item.id);
  });
}

/**
 * Every structural problem of a procedure's content, errors first in document order, then
 * warnings. An empty list: the procedure is sound.
 */
export function checkProcedureContent(content: ProcedureContent): ProcedureIssue[] {
  const out: ProcedureIssue[] = [];
  if (!content.title.en.trim() && !content.title.nl.trim()) out.push(error('no-title', ['title']));
  duplicates(content.lanes, 'duplicate-lane', 'lanes', out);
  duplicates(content.steps, 'duplicate-step', 'steps', out);
  duplicates(content.flows, 'duplicate-flow', 'flows', out);

  const lanes = new Set(content.lanes.map((l) => l.id));
  const steps = new Map<string, ProcedureStep>();
  for (const step of content.steps) if (!steps.has(step.id)) steps.set(step.id, step);

  content.steps.forEach((step, i) => {
    if (!lanes.has(step.lane)) out.push(error('unknown-lane', ['steps', i, 'lane'], { lane: step.lane }));
    if (step.kind === 'decision') {
      if (step.outcomes.length < 2) out.push(error('decision-too-few-outcomes', ['steps', i, 'outcomes'], { step: step.id }));
      const seen = new Set<string>();
      step.outcomes.forEach((o, k) => {
        if (seen.has(o.id)) out.push(error('duplicate-outcome', ['steps', i, 'outcomes', k, 'id'], { id: o.id }));
        seen.add(o.id);
      });
    } else if (step.outcomes.length > 0) {
      out.push(error('outcome-not-on-decision', ['steps', i, 'outcomes'], { step: step.id }));
    }
  });

  const sequenceKeys = new Set<string>();
  content.flows.forEach((flow, i) => {
    const from = steps.get(flow.from);
    const to = steps.get(flow.to);
    if (!from) out.push(error('unknown-step', ['flows', i, 'from'], { step: flow.from }));
    if (!to) out.push(error('unknown-step', ['flows', i, 'to'], { step: flow.to }));
    if (flow.from === flow.to) out.push(error('self-flow', ['flows', i, 'to'], { step: flow.to }));
    if (flow.kind !== 'sequence') {
      if (flow.outcome !== null) out.push(error('flow-outcome-not-decision', ['flows', i, 'outcome'], { outcome: flow.outcome }));
      return;
    }
    if (from && from.kind !== 'decision' && flow.outcome !== null) {
      out.push(error('flow-outcome-not-decision', ['flows', i, 'outcome'], { outcome: flow.outcome }));
    }
    if (from?.kind === 'decision') {
      if (flow.outcome === null) out.push(error('decision-flow-without-outcome', ['flows', i, 'outcome'], { step: from.id }));
      else if (!from.outcomes.some((o) => o.id === flow.outcome)) {
        out.push(error('flow-unknown-outcome', ['flows', i, 'outcome'], { outcome: flow.outcome, step: from.id }));
      }
    }
    if (to?.kind === 'start') out.push(error('start-has-incoming', ['flows', i, 'to'], { step: to.id }));
    if (from?.kind === 'end') out.push(error('end-has-outgoing', ['flows', i, 'from'], { step: from.id }));
    const key = `${flow.from}\u0000${flow.to}\u0000${flow.outcome ?? ''}`;
    if (sequenceKeys.has(key)) out.push(error('duplicate-sequence', ['flows', i], { from: flow.from, to: flow.to }));
    sequenceKeys.add(key);
  });

  content.steps.forEach((step, i) => {
    if (step.kind !== 'decision') return;
    step.outcomes.forEach((o, k) => {
      const leaving = content.flows.filter((f) => f.kind === 'sequence' && f.from === step.id && f.outcome === o.id).length;
      if (leaving === 0) out.push(error('outcome-without-flow', ['steps', i, 'outcomes', k], { outcome: o.id, step: step.id }));
      if (leaving > 1) out.push(error('outcome-several-flows', ['steps', i, 'outcomes', k], { outcome: o.id, step: step.id }));
    });
  });

  if (content.steps.length > 0) {
    if (!content.steps.some((s) => s.kind === 'start')) out.push(error('no-start', ['steps']));
    if (!content.steps.some((s) => s.kind === 'end')) out.push(error('no-end', ['steps']));
  }

  // Warnings: reachability from a start, dead ends, empty lanes. A message starts work in the lane
  // that receives it, so information flows count as much as sequence flows (as the content-pack
  // rules in shared/content/packRules.ts count them): a copied built-in procedure is not "broken".
  const next = new Map<string, string[]>();
  for (const f of content.flows) next.set(f.from, [...(next.get(f.from) ?? []), f.to]);
  const reached = new Set<string>();
  const queue = content.steps.filter((s) => s.kind === 'start').map((s) => s.id);
  while (queue.length) {
    const id = queue.shift() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  const hasStart = content.steps.some((s) => s.kind === 'start');
  content.steps.forEach((step, i) => {
    if (hasStart && !reached.has(step.id)) out.push(warning('unreachable-step', ['steps', i], { step: step.id }));
    if (step.kind !== 'end' && !(next.get(step.id)?.length)) out.push(warning('dead-end-step', ['steps', i], { step: step.id }));
  });
  content.lanes.forEach((lane, i) => {
    if (!content.steps.some((s) => s.lane === lane.id)) out.push(warning('empty-lane', ['lanes', i], { lane: lane.id }));
  });
  return [...out.filter((p) => p.severity === 'error'), ...out.filter((p) => p.severity === 'warning')];
}

export function hasErrors(issues: readonly ProcedureIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** The issue as a sentence in one language, led by its path: "steps[3].lane: no lane 'x' in this procedure". */
export function issueMessage(issue: ProcedureIssue, language: Language): string {
  const text = translate(language, `procedureEditor.issue.${issue.code}`, issue.params);
  return issue.path ? `${issue.path}: ${text}` : text;
}
