/**
 * Schema 5 → 6: a procedure of schema 5 was a list of steps, each with its level and a free-text
 * actor. It becomes a swimlane model: one lane per distinct (level, actor), steps as tasks in their
 * lane, joined in their old order by sequence flows. Records already in the new shape (they have
 * `lanes`) are returned unchanged; unknown fields are kept.
 */
import type { ProcedureFlow, ProcedureLane, ProcedureStep } from '../../model/procedure';

export interface LegacyStep {
  id: string;
  level: 'technical' | 'operational' | 'political';
  actor: string;
  text: { en: string; nl: string };
  citations: string[];
}

export function upcastProcedureV5ToV6<T extends Record<string, unknown>>(record: T): T {
  if (Array.isArray(record['lanes']) || !Array.isArray(record['steps'])) return record;
  return {
    ...record,
    key: typeof record['key'] === 'string' ? record['key'] : `national.${typeof record['id'] === 'string' ? record['id'].toLowerCase() : 'procedure'}`,
    pack: record['pack'] ?? null,
    version: typeof record['version'] === 'number' ? record['version'] : 1,
    copiedFrom: record['copiedFrom'] ?? null,
    ...swimlanesFromLegacySteps(record['steps'] as LegacyStep[]),
  };
}

/** Steps of the schema-5 shape as lanes, steps and sequence flows of the swimlane model. */
export function swimlanesFromLegacySteps(legacy: readonly LegacyStep[]): { lanes: ProcedureLane[]; steps: ProcedureStep[]; flows: ProcedureFlow[] } {
  const lanes: ProcedureLane[] = [];
  const laneOf = new Map<string, string>();
  for (const step of legacy) {
    const key = `${step.level}\u0000${step.actor}`;
    if (laneOf.has(key)) continue;
    const id = `lane-${lanes.length + 1}`;
    laneOf.set(key, id);
    lanes.push({ id, actor: actorId(step.actor, lanes.length + 1), level: step.level, label: { en: step.actor, nl: step.actor }, roles: [] });
  }
  const steps = legacy.map((step, i): ProcedureStep => ({
    id: partId(step.id, i),
    lane: laneOf.get(`${step.level}\u0000${step.actor}`) ?? 'lane-1',
    kind: 'task' as const,
    title: { en: firstWords(step.text.en), nl: firstWords(step.text.nl) },
    text: step.text,
    citations: step.citations,
    outcomes: [],
    checklist: [],
    reports: [],
  }));
  const flows = steps.slice(1).map((step, i): ProcedureFlow => ({
    id: `flow-${i + 1}`,
    from: steps[i]!.id,
    to: step.id,
    kind: 'sequence' as const,
    outcome: null,
    label: null,
  }));
  return { lanes, steps, flows };
}


/** An actor id from a free-text name: lower-case letters and digits joined by hyphens. */
function actorId(name: string, n: number): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return slug.length > 0 ? `national-${slug}`.slice(0, 64) : `national-actor-${n}`;
}

function partId(id: string, i: number): string {
  const clean = id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 64);
  return clean.length > 0 ? clean : `step-${i + 1}`;
}

/** A short chart title from the step text: its first sentence, at most 80 characters. */
function firstWords(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s/)[0] ?? text;
  return sentence.length <= 80 ? sentence : `${sentence.slice(0, 77).trimEnd()}…`;
}
