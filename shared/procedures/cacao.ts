/**
 * PURE: a procedure as an OASIS CACAO Security Playbooks v2.0 playbook (JSON), so that CSIRT
 * tooling that reads CACAO (SOAR platforms, playbook editors) can import the national procedure.
 *
 * Mapping (CACAO 2.0 sections in brackets):
 * - The playbook (3.1): `id` is `playbook--<UUIDv5 of the procedure key>`, the same for every
 *   version, because CACAO identifies a version of a playbook by `modified` under one id; the
 *   version number is also among the `labels`. `created_by` is a STIX identity id derived from the
 *   issuing organisation. TLP 2.0 markings use the standard marking-tlp definitions of section 9.
 * - Steps (4): a start step becomes `start`, an end step `end`, task and report steps become
 *   `action` steps with one `manual` command (5.1) carrying the step's text, done by the lane's
 *   actor as an `organization` agent (7.2). A decision becomes a `switch-condition` on a step
 *   variable holding the outcome chosen, with one case per outcome. A step with several outgoing
 *   sequence flows goes on through a `parallel` step. Information flows are not control flow in
 *   CACAO: they are written into the sending step's description.
 * - Every step id is a UUIDv5 of the procedure key and the step id, so the same procedure always
 *   gives the same playbook.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { toHex, utf8 } from '../crypto/bytes';
import type { LocalizedText, ProcedureContent, ProcedureLane, ProcedureStep } from '../model/procedure';
import type { Tlp } from '../model/tlp';
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';

/** The namespace of this project's UUIDv5 ids (a fixed random UUID). */
export const CACAO_NAMESPACE = '6f1d3c52-8a47-4e0b-9b7e-2f5c8d1a4e93';

/** RFC 9562 UUID version 5 (SHA-1 of namespace and name). */
export function uuidV5(name: string, namespace: string = CACAO_NAMESPACE): string {
  const ns = namespace.replace(/-/g, '');
  const nsBytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) nsBytes[i] = Number.parseInt(ns.slice(i * 2, i * 2 + 2), 16);
  const nameBytes = utf8(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(nsBytes, 0);
  input.set(nameBytes, 16);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = toHex(hash);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The standard TLP 2.0 data marking definitions of CACAO 2.0 (section 9.2), by label. */
export const CACAO_TLP_MARKINGS: Readonly<Record<Tlp, string>> = {
  CLEAR: 'marking-tlp--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-tlp--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-tlp--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-tlp--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-tlp--e828b379-4e03-4974-9ac4-e53a884c97c1',
};
const TLP_MARKING_CREATOR = 'identity--5abe695c-7bd5-4c31-8824-2528696cdbf1';
const TLP_MARKING_CREATED = '2022-10-01T00:00:00.000Z';

export interface CacaoOptions {
  readonly key: string;
  readonly version: number;
  readonly tlp: Tlp;
  /** When the procedure was first made and when this version was saved (ISO instants, milliseconds). */
  readonly created: string;
  readonly modified: string;
  /** Who issues the playbook, e.g. "NCSC-NL" — named in the created_by identity id. */
  readonly issuer: string;
  readonly language: Language;
  readonly actorName?: (lane: ProcedureLane) => string;
  /** Exported from the exercise workspace: labelled as such. */
  readonly exercise?: boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type CacaoPlaybook = { [key: string]: Json };

function pick(text: LocalizedText | null, language: Language): string {
  if (!text) return '';
  return text[language] || text[language === 'en' ? 'nl' : 'en'];
}

const variableName = (stepId: string) => `__outcome_${stepId.replace(/[^a-zA-Z0-9_-]/g, '_')}__`;

export function procedureToCacao(content: ProcedureContent, options: CacaoOptions): CacaoPlaybook {
  const { language, key } = options;
  const actorName = options.actorName ?? ((lane: ProcedureLane) => pick(lane.label, language) || lane.actor);
  const lanes = new Map(content.lanes.map((l) => [l.id, l]));
  const steps = new Map(content.steps.map((s) => [s.id, s]));
  const sequence = content.flows.filter((f) => f.kind === 'sequence' && steps.has(f.from) && steps.has(f.to));

  const starts = content.steps.filter((s) => s.kind === 'start');
  const cacaoType = (step: ProcedureStep): string => {
    if (step.kind === 'end') return 'end';
    if (step.kind === 'decision') return 'switch-condition';
    if (step.kind === 'start' && starts.length === 1) return 'start';
    return 'action';
  };
  const stepRef = (step: ProcedureStep) => `${cacaoType(step)}--${uuidV5(`${key}:step:${step.id}`)}`;
  const syntheticEnd = `end--${uuidV5(`${key}:end`)}`;
  const syntheticStart = `start--${uuidV5(`${key}:start`)}`;
  let needsEnd = false;
  const workflow: Record<string, { [key: string]: Json }> = {};

  const agentRef = (lane: ProcedureLane) => `organization--${uuidV5(`actor:${lane.actor}`)}`;
  const agents: Record<string, Json> = {};
  for (const lane of content.lanes) {
    agents[agentRef(lane)] ??= {
      type: 'organization',
      name: actorName(lane),
      description: translate(language, `level.${lane.level}`),
    };
  }

  /** Where to go after a step: its one successor, a parallel step for several, the end for none. */
  const onward = (step: ProcedureStep): string => {
    const next = sequence.filter((f) => f.from === step.id).map((f) => steps.get(f.to) as ProcedureStep);
    if (next.length === 1) return stepRef(next[0] as ProcedureStep);
    needsEnd = true;
    if (next.length === 0) return syntheticEnd;
    const parallel = `parallel--${uuidV5(`${key}:parallel:${step.id}`)}`;
    workflow[parallel] = {
      type: 'parallel',
      name: `${pick(step.title, language)} →`,
      next_steps: next.map(stepRef),
      on_completion: syntheticEnd,
    };
    return parallel;
  };

  const describe = (step: ProcedureStep): string => {
    const parts = [pick(step.text, language)];
    const checklist = step.checklist.map((c) => pick(c, language)).filter(Boolean);
    if (checklist.length) parts.push(`${translate(language, 'procedureExport.checklist')}: ${checklist.join('; ')}`);
    const reports = step.reports.map((r) => pick(r, language)).filter(Boolean);
    if (reports.length) parts.push(`${translate(language, 'procedureExport.reports')}: ${reports.join('; ')}`);
    for (const info of content.flows.filter((f) => f.kind === 'information' && f.from === step.id)) {
      const to = steps.get(info.to);
      const toLane = to ? lanes.get(to.lane) : undefined;
      if (!to || !toLane) continue;
      const what = pick(info.label, language);
      parts.push(translate(language, 'procedureExport.informationTo', { actor: actorName(toLane), step: pick(to.title, language), what: what ? ` (${what})` : '' }));
    }
    if (step.citations.length) parts.push(`${translate(language, 'procedureExport.basedOn')} ${step.citations.join('; ')}`);
    return parts.filter(Boolean).join('\n');
  };

  const activities = new Set<string>();
  for (const step of content.steps) {
    const id = stepRef(step);
    const name = pick(step.title, language) || step.id;
    const type = cacaoType(step);
    if (type === 'end') {
      workflow[id] = { type: 'end', name };
      continue;
    }
    if (type === 'start') {
      workflow[id] = { type: 'start', name, on_completion: onward(step) };
      continue;
    }
    if (type === 'switch-condition') {
      const cases: Record<string, Json> = {};
      for (const outcome of step.outcomes) {
        const flow = sequence.find((f) => f.from === step.id && f.outcome === outcome.id);
        const target = flow ? steps.get(flow.to) : undefined;
        if (target) cases[outcome.id] = stepRef(target);
      }
      needsEnd = true;
      workflow[id] = {
        type: 'switch-condition',
        name,
        description: describe(step),
        switch: variableName(step.id),
        cases,
        step_variables: {
          [variableName(step.id)]: {
            type: 'string',
            description: step.outcomes.map((o) => `${o.id}: ${pick(o.label, language)}`).join('; '),
          },
        },
        on_completion: syntheticEnd,
      };
      continue;
    }
    const lane = lanes.get(step.lane);
    const activity = step.kind === 'report' ? 'deliver-content' : 'step-sequence';
    activities.add(activity);
    const command = [name, pick(step.text, language)].filter(Boolean).join(': ').replace(/\s+/g, ' ').trim();
    const action: { [key: string]: Json } = {
      type: 'action',
      name,
      description: describe(step),
      commands: [{ type: 'manual', command, playbook_activity: activity }],
      agent: lane ? agentRef(lane) : '',
      on_completion: onward(step),
    };
    if (!lane) {
      // A draft step in no lane: done by the issuer itself.
      const own = `organization--${uuidV5(`issuer:${options.issuer}`)}`;
      agents[own] ??= { type: 'organization', name: options.issuer };
      action['agent'] = own;
    }
    workflow[id] = action;
  }

  let workflowStart: string;
  const only = starts.length === 1 ? starts[0] : undefined;
  if (only) workflowStart = stepRef(only);
  else {
    workflowStart = syntheticStart;
    const first = starts.length > 0 ? starts : content.steps.slice(0, 1);
    if (first.length === 1) workflow[syntheticStart] = { type: 'start', on_completion: stepRef(first[0] as ProcedureStep) };
    else if (first.length === 0) {
      needsEnd = true;
      workflow[syntheticStart] = { type: 'start', on_completion: syntheticEnd };
    } else {
      needsEnd = true;
      const parallel = `parallel--${uuidV5(`${key}:parallel:start`)}`;
      workflow[parallel] = { type: 'parallel', next_steps: first.map(stepRef), on_completion: syntheticEnd };
      workflow[syntheticStart] = { type: 'start', on_completion: parallel };
    }
  }
  if (needsEnd) workflow[syntheticEnd] = { type: 'end', name: translate(language, 'procedureExport.end') };

  const hasReports = content.steps.some((s) => s.kind === 'report') || content.flows.some((f) => f.kind === 'information');
  // Types from CACAO's vocabulary oblige at least one activity, each reflected in a step: a
  // draft without actions names neither.
  const types = activities.size > 0 ? [...(hasReports ? ['notification'] : []), 'mitigation'] : [];
  const marking = CACAO_TLP_MARKINGS[options.tlp];
  const summary = pick(content.summary, language);
  const citations = content.citations.length ? `${translate(language, 'procedureExport.basedOn')} ${content.citations.join('; ')}` : '';
  const labels = ['crisis-workbook', `procedure-key:${key}`, `procedure-version:${options.version}`, `scope:${content.scope}`, `country:${content.country}`];
  if (options.exercise) labels.push('exercise');

  return {
    type: 'playbook',
    spec_version: 'cacao-2.0',
    id: `playbook--${uuidV5(`playbook:${key}`)}`,
    name: `${options.exercise ? `${translate(language, 'procedureExport.exercisePrefix')} ` : ''}${pick(content.title, language) || key}`,
    description: [summary, citations].filter(Boolean).join('\n') || (pick(content.title, language) || key),
    ...(types.length > 0 ? { playbook_types: types, playbook_activities: [...activities].sort() } : {}),
    created_by: `identity--${uuidV5(`issuer:${options.issuer}`)}`,
    created: options.created,
    modified: options.modified < options.created ? options.created : options.modified,
    labels,
    markings: [marking],
    data_marking_definitions: {
      [marking]: { type: 'marking-tlp', id: marking, created_by: TLP_MARKING_CREATOR, created: TLP_MARKING_CREATED, tlpv2_level: `TLP:${options.tlp}` },
    },
    workflow_start: workflowStart,
    workflow: workflow,
    ...(Object.keys(agents).length > 0 ? { agent_definitions: agents } : {}),
  };
}
