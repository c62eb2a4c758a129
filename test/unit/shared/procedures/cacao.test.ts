/**
 * The CACAO export checked against the rules of the OASIS CACAO 2.0 JSON schemas
 * (oasis-open/cacao-json-schemas: playbook.json, workflows/*.json, commands/manual.json,
 * agent-target/organization.json, data-markings/marking-tlp.json), written out here as checks.
 */
import { describe, expect, it } from 'vitest';
import { CACAO_TLP_MARKINGS, procedureToCacao, uuidV5, type CacaoPlaybook } from '../../../../shared/procedures/cacao';
import { sampleContent } from './sampleProcedure';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
const id = (prefix: string) => new RegExp(`^${prefix}--${UUID}$`);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const STEP_COMMON = ['type', 'name', 'description', 'external_references', 'delay', 'timeout', 'step_variables', 'owner', 'on_completion', 'on_success', 'on_failure', 'step_extensions'];
const STEP_KEYS: Record<string, string[]> = {
  start: STEP_COMMON,
  end: STEP_COMMON,
  action: [...STEP_COMMON, 'commands', 'agent', 'targets', 'in_args', 'out_args'],
  parallel: [...STEP_COMMON, 'next_steps'],
  'switch-condition': [...STEP_COMMON, 'switch', 'cases'],
};
const PLAYBOOK_KEYS = ['type', 'spec_version', 'id', 'name', 'description', 'playbook_types', 'playbook_activities', 'created_by', 'created', 'modified', 'labels', 'markings', 'data_marking_definitions', 'workflow_start', 'workflow', 'agent_definitions', 'target_definitions', 'playbook_variables', 'external_references'];

type Obj = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function validateCacao(p: CacaoPlaybook): string[] {
  const errors: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) errors.push(what);
  };
  for (const k of Object.keys(p)) need(PLAYBOOK_KEYS.includes(k), `unknown playbook property ${k}`);
  for (const k of ['type', 'spec_version', 'id', 'name', 'created_by', 'created', 'modified', 'workflow_start', 'workflow']) need(k in p, `missing ${k}`);
  need(p['type'] === 'playbook', 'type');
  need(p['spec_version'] === 'cacao-2.0', 'spec_version');
  need(id('playbook').test(str(p['id'])), 'id');
  need(id('identity').test(str(p['created_by'])), 'created_by');
  need(TIMESTAMP.test(str(p['created'])) && TIMESTAMP.test(str(p['modified'])), 'timestamps');
  need(str(p['modified']) >= str(p['created']), 'modified before created');
  if ('playbook_types' in p) need(Array.isArray(p['playbook_activities']) && (p['playbook_activities'] as unknown[]).length >= 1, 'playbook_activities needs one');
  const markings = p['markings'] as string[];
  const definitions = p['data_marking_definitions'] as Record<string, Obj>;
  for (const m of markings) {
    need(id('marking-tlp').test(m), `marking id ${m}`);
    const def = definitions[m];
    need(def?.['type'] === 'marking-tlp' && def['id'] === m && typeof def['created_by'] === 'string' && TIMESTAMP.test(String(def['created'])), `marking ${m}`);
    need(['TLP:RED', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:GREEN', 'TLP:CLEAR'].includes(String(def?.['tlpv2_level'])), 'tlpv2_level');
  }
  const agents = (p['agent_definitions'] ?? {}) as Record<string, Obj>;
  need(Object.keys(agents).length >= 1, 'agent_definitions minProperties 1');
  for (const [k, a] of Object.entries(agents)) {
    need(id('organization').test(k) || id('individual').test(k), `agent key ${k}`);
    need(typeof a['name'] === 'string' && a['name'] !== '' && a['type'] === k.split('--')[0], `agent ${k}`);
  }
  const workflow = p['workflow'] as Record<string, Obj>;
  const activities = new Set<string>();
  let starts = 0;
  for (const [key, step] of Object.entries(workflow)) {
    const type = String(step['type']);
    need(id(type).test(key), `step key ${key} does not fit type ${type}`);
    need(type in STEP_KEYS, `step type ${type}`);
    for (const k of Object.keys(step)) need(STEP_KEYS[type]?.includes(k) ?? false, `${key}: unknown property ${k}`);
    if (type === 'start') starts++;
    if (type === 'end') need(!('on_completion' in step || 'on_success' in step || 'on_failure' in step), `${key}: end with a next step`);
    else {
      need(typeof step['on_completion'] === 'string', `${key}: no on_completion`);
      need(!('on_success' in step || 'on_failure' in step), `${key}: on_completion with on_success/on_failure`);
    }
    const refs: string[] = [];
    if (typeof step['on_completion'] === 'string') refs.push(step['on_completion']);
    if (type === 'action') {
      const commands = step['commands'] as Obj[];
      need(Array.isArray(commands) && commands.length >= 1, `${key}: commands`);
      for (const c of commands) {
        need(c['type'] === 'manual' && typeof c['command'] === 'string' && (c['command']).length > 0, `${key}: manual command`);
        for (const k of Object.keys(c)) need(['type', 'description', 'version', 'playbook_activity', 'external_references', 'command', 'command_b64'].includes(k), `${key}: command property ${k}`);
        activities.add(String(c['playbook_activity']));
      }
      need(typeof step['agent'] === 'string' && String(step['agent']) in agents, `${key}: agent not defined`);
    }
    if (type === 'parallel') {
      const next = step['next_steps'] as string[];
      need(next.length >= 2, `${key}: next_steps needs two`);
      refs.push(...next);
    }
    if (type === 'switch-condition') {
      need(typeof step['switch'] === 'string', `${key}: switch`);
      refs.push(...Object.values(step['cases'] as Record<string, string>));
      for (const [name, v] of Object.entries((step['step_variables'] ?? {}) as Record<string, Obj>)) {
        need(/^__[a-zA-Z_][a-zA-Z0-9_-]{0,199}__$/.test(name) && typeof v['type'] === 'string', `${key}: variable ${name}`);
        for (const k of Object.keys(v)) need(['type', 'description', 'value', 'constant', 'external'].includes(k), `${key}: variable property ${k}`);
      }
    }
    for (const r of refs) need(r in workflow, `${key}: refers to missing step ${r}`);
  }
  need(starts === 1, 'exactly one start step');
  need(workflow[str(p['workflow_start'])]?.['type'] === 'start', 'workflow_start is not a start step');
  for (const a of (p['playbook_activities'] ?? []) as string[]) need(activities.has(a), `activity ${a} not reflected in a step`);
  return errors;
}

const options = { key: 'national.nl.escalation', version: 3, tlp: 'AMBER' as const, created: '2026-01-05T09:00:00.000Z', modified: '2026-03-10T08:00:00.000Z', issuer: 'NCSC-NL', language: 'en' as const };

describe('procedureToCacao', () => {
  it('makes RFC 9562 version 5 UUIDs', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('writes a playbook that keeps the CACAO 2.0 schema rules', () => {
    const playbook = procedureToCacao(sampleContent(), options);
    expect(validateCacao(playbook)).toEqual([]);
    expect(playbook['markings']).toEqual([CACAO_TLP_MARKINGS.AMBER]);
    expect(playbook['playbook_types']).toEqual(['notification', 'mitigation']);
    expect(playbook['name']).toBe('National escalation "Delta" <test> & co');
  });

  it('maps steps: start, actions with manual commands by the lane actor, a switch per decision, ends', () => {
    const playbook = procedureToCacao(sampleContent(), options);
    const workflow = playbook['workflow'] as Record<string, Obj>;
    const byName = (name: string) => Object.entries(workflow).find(([, s]) => s['name'] === name)!;
    const [startKey, start] = byName('Incident detected');
    expect(playbook['workflow_start']).toBe(startKey);
    const [assessKey, assess] = byName('Assess [impact]');
    expect(start['on_completion']).toBe(assessKey);
    expect(assess['commands']).toEqual([{ type: 'manual', command: 'Assess [impact]: Assess impact. Use the #1 matrix.', playbook_activity: 'step-sequence' }]);
    expect(String(assess['description'])).toContain('Checklist: Scope known');
    expect((playbook['agent_definitions'] as Record<string, Obj>)[String(assess['agent'])]).toEqual({ type: 'organization', name: 'National CSIRT', description: 'Technical' });
    const [, decision] = byName('Escalate?');
    expect(decision['type']).toBe('switch-condition');
    const cases = decision['cases'] as Record<string, string>;
    expect(Object.keys(cases)).toEqual(['yes', 'no']);
    expect(workflow[cases['yes']!]?.['name']).toBe('Situation report');
    expect(workflow[cases['no']!]?.['type']).toBe('end');
    const [, sitrep] = byName('Situation report');
    expect(String(sitrep['description'])).toContain('Information to Minister: Brief the minister (Sitrep "v1")');
  });

  it('is deterministic, keeps one id across versions, marks exercises and every TLP label', () => {
    const a = procedureToCacao(sampleContent(), options);
    expect(JSON.stringify(procedureToCacao(sampleContent(), options))).toBe(JSON.stringify(a));
    const next = procedureToCacao(sampleContent(), { ...options, version: 4, modified: '2026-04-01T00:00:00.000Z', exercise: true, tlp: 'RED' });
    expect(next['id']).toBe(a['id']);
    expect(next['labels']).toContain('exercise');
    expect(next['labels']).toContain('procedure-version:4');
    expect(str(next['name'])).toMatch(/^\[EXERCISE\] /);
    for (const tlp of ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const) {
      expect(validateCacao(procedureToCacao(sampleContent(), { ...options, tlp }))).toEqual([]);
    }
  });

  it('stays valid for forks, several starts, dead ends and an empty draft', () => {
    const c = sampleContent();
    c.steps.push({ id: 'start2', lane: 'nca', kind: 'start', title: { en: 'Call received', nl: 'Melding' }, text: { en: '', nl: '' }, citations: [], outcomes: [], checklist: [], reports: [] });
    c.steps.push({ id: 'dangling', lane: 'nca', kind: 'task', title: { en: 'Dangling', nl: 'Los' }, text: { en: '', nl: '' }, citations: [], outcomes: [], checklist: [], reports: [] });
    c.flows.push({ id: 'fork', from: 'assess', to: 'dangling', kind: 'sequence', outcome: null, label: null });
    c.flows.push({ id: 's2', from: 'start2', to: 'escalate', kind: 'sequence', outcome: null, label: null });
    expect(validateCacao(procedureToCacao(c, options))).toEqual([]);
    const empty = { ...sampleContent(), lanes: [], steps: [], flows: [] };
    const emptyPlaybook = procedureToCacao(empty, options);
    expect(validateCacao(emptyPlaybook).filter((e) => !e.startsWith('agent_definitions'))).toEqual([]);
  });
});
