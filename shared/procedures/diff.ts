/**
 * PURE: what changed between two versions of a procedure — lanes, steps and flows added, removed
 * or changed, and for a changed part every field that differs, text in each language apart
 * (`title.en`, `title.nl`), so a reviewer sees that only the Dutch wording moved.
 *
 * Parts are matched by id: an id that stays is the same part, whatever else changed. The order of
 * lanes is a field (`position`), because it is the order of the swimlanes on the chart; the order
 * of steps and flows in the lists is not (the chart lays them out from the flows).
 */
import type { LocalizedText, ProcedureContent, ProcedureFlow, ProcedureLane, ProcedureStep } from '../model/procedure';

export interface FieldChange {
  /** `title.en`, `lane`, `checklist.nl`, `outcomes` … */
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export type PartKind = 'lane' | 'step' | 'flow';

export interface PartChange {
  readonly part: PartKind;
  readonly change: 'added' | 'removed' | 'changed';
  readonly id: string;
  /** A short name of the part (the step's English title or the lane's actor), from the newer side when it exists. */
  readonly name: LocalizedText;
  /** For `changed`: the fields that differ. For `added`/`removed`: every non-empty field, to show what came or went. */
  readonly fields: readonly FieldChange[];
}

export interface ProcedureDiff {
  readonly procedure: readonly FieldChange[];
  readonly parts: readonly PartChange[];
  readonly counts: Readonly<Record<'added' | 'removed' | 'changed', number>>;
}

type Flat = Readonly<Record<string, string>>;

const lines = (items: readonly LocalizedText[], language: 'en' | 'nl') => items.map((i) => i[language]).join('\n');
const both = (prefix: string, text: LocalizedText | null): Record<string, string> => ({
  [`${prefix}.en`]: text?.en ?? '',
  [`${prefix}.nl`]: text?.nl ?? '',
});

function flatLane(lane: ProcedureLane, index: number): Flat {
  return { position: String(index + 1), actor: lane.actor, level: lane.level, ...both('label', lane.label), roles: lane.roles.join(', ') };
}

function flatStep(step: ProcedureStep): Flat {
  return {
    lane: step.lane,
    kind: step.kind,
    ...both('title', step.title),
    ...both('text', step.text),
    citations: step.citations.join('; '),
    outcomes: step.outcomes.map((o) => `${o.id}: ${o.label.en} / ${o.label.nl}`).join('\n'),
    'checklist.en': lines(step.checklist, 'en'),
    'checklist.nl': lines(step.checklist, 'nl'),
    'reports.en': lines(step.reports, 'en'),
    'reports.nl': lines(step.reports, 'nl'),
  };
}

function flatFlow(flow: ProcedureFlow): Flat {
  return { from: flow.from, to: flow.to, kind: flow.kind, outcome: flow.outcome ?? '', ...both('label', flow.label) };
}

function flatProcedure(content: ProcedureContent): Flat {
  return {
    scope: content.scope,
    country: content.country,
    ...both('title', content.title),
    ...both('summary', content.summary),
    citations: content.citations.join('; '),
  };
}

function compareFlat(before: Flat, after: Flat): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((f) => (before[f] ?? '') !== (after[f] ?? ''))
    .map((f) => ({ field: f, before: before[f] ?? '', after: after[f] ?? '' }));
}

function compareParts<T extends { id: string }>(
  part: PartKind,
  before: readonly T[],
  after: readonly T[],
  flat: (item: T, index: number) => Flat,
  name: (item: T) => LocalizedText,
): PartChange[] {
  const old = new Map(before.map((item, i) => [item.id, { item, flat: flat(item, i) }]));
  const now = new Map(after.map((item, i) => [item.id, { item, flat: flat(item, i) }]));
  const out: PartChange[] = [];
  for (const [id, { item, flat: f }] of now) {
    const was = old.get(id);
    if (!was) out.push({ part, change: 'added', id, name: name(item), fields: compareFlat({}, f) });
    else {
      const fields = compareFlat(was.flat, f);
      if (fields.length) out.push({ part, change: 'changed', id, name: name(item), fields });
    }
  }
  for (const [id, { item, flat: f }] of old) {
    if (!now.has(id)) out.push({ part, change: 'removed', id, name: name(item), fields: compareFlat(f, {}) });
  }
  return out;
}

/** What changed from `before` to `after`. */
export function diffProcedures(before: ProcedureContent, after: ProcedureContent): ProcedureDiff {
  const steps = new Map([...before.steps, ...after.steps].map((s) => [s.id, s]));
  const stepName = (id: string) => steps.get(id)?.title ?? { en: id, nl: id };
  const parts = [
    ...compareParts('lane', before.lanes, after.lanes, flatLane, (l) => l.label ?? { en: l.actor, nl: l.actor }),
    ...compareParts('step', before.steps, after.steps, flatStep, (s) => s.title),
    ...compareParts('flow', before.flows, after.flows, flatFlow, (f) => ({
      en: `${stepName(f.from).en || f.from} → ${stepName(f.to).en || f.to}`,
      nl: `${stepName(f.from).nl || f.from} → ${stepName(f.to).nl || f.to}`,
    })),
  ];
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const p of parts) counts[p.change] += 1;
  return { procedure: compareFlat(flatProcedure(before), flatProcedure(after)), parts, counts };
}

export function isUnchanged(diff: ProcedureDiff): boolean {
  return diff.procedure.length === 0 && diff.parts.length === 0;
}
