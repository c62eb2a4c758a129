import { describe, expect, it } from 'vitest';
import { checkProcedureContent, formatPath, hasErrors, issueMessage } from '../../../../shared/procedures/structure';
import { BUILTIN_PACK } from '../../../../shared/content/builtinPack';
import { sampleContent } from './sampleProcedure';

const codes = (c: ReturnType<typeof sampleContent>) => checkProcedureContent(c).map((i) => `${i.severity}:${i.code}@${i.path}`);

describe('checkProcedureContent', () => {
  it('finds nothing wrong in a sound procedure', () => {
    expect(checkProcedureContent(sampleContent())).toEqual([]);
  });

  // A national procedure copied from a built-in one opens in the editor without a wall of warnings:
  // the editor's checks and the content-pack rules agree on what a sound procedure is.
  it.each(BUILTIN_PACK.procedures.map((p) => [p.key, p] as const))('finds nothing wrong in the built-in procedure %s', (_key, procedure) => {
    expect(checkProcedureContent(procedure).map((i) => `${i.severity}:${i.code}@${i.path}`)).toEqual([]);
  });

  it('counts an information flow as reaching the step that receives it', () => {
    const c = sampleContent();
    const into = c.flows.filter((f) => f.to === c.steps[2]!.id);
    expect(into.length).toBeGreaterThan(0);
    for (const f of into) f.kind = 'information';
    expect(codes(c).filter((code) => code.includes('unreachable'))).toEqual([]);
    c.flows = c.flows.filter((f) => f.to !== c.steps[2]!.id);
    expect(codes(c)).toContain('warning:unreachable-step@steps[2]');
  });

  it('formats paths like JSON paths', () => {
    expect(formatPath(['steps', 3, 'lane'])).toBe('steps[3].lane');
    expect(formatPath([])).toBe('');
  });

  it('names a step in an unknown lane with its path, in both languages', () => {
    const c = sampleContent();
    c.steps[3] = { ...c.steps[3]!, lane: 'x' };
    const issues = checkProcedureContent(c);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'unknown-lane', path: 'steps[3].lane' });
    expect(issueMessage(issues[0]!, 'en')).toBe("steps[3].lane: no lane 'x' in this procedure");
    expect(issueMessage(issues[0]!, 'nl')).toBe("steps[3].lane: geen baan 'x' in deze procedure");
  });

  it('checks ids, references and the decision outcomes', () => {
    const c = sampleContent();
    c.lanes.push({ ...c.lanes[0]! });
    c.steps.push({ ...c.steps[1]! });
    c.flows.push({ id: 'f8', from: 'nowhere', to: 'assess', kind: 'sequence', outcome: null, label: null });
    c.flows.push({ id: 'f9', from: 'assess', to: 'assess', kind: 'sequence', outcome: null, label: null });
    c.flows = c.flows.filter((f) => f.id !== 'f4');
    const found = codes(c);
    expect(found).toEqual(
      expect.arrayContaining([
        'error:duplicate-lane@lanes[3].id',
        'error:duplicate-step@steps[7].id',
        'error:unknown-step@flows[6].from',
        'error:self-flow@flows[7].to',
        'error:outcome-without-flow@steps[2].outcomes[1]',
      ]),
    );
  });

  it('wants outcomes only on decisions, and every decision flow to carry one', () => {
    const c = sampleContent();
    c.steps[1] = { ...c.steps[1]!, outcomes: [{ id: 'a', label: { en: 'A', nl: 'A' } }] };
    c.flows[2] = { ...c.flows[2]!, outcome: null };
    c.flows[0] = { ...c.flows[0]!, outcome: 'zz' };
    c.flows[3] = { ...c.flows[3]!, outcome: 'maybe' };
    expect(codes(c)).toEqual(
      expect.arrayContaining([
        'error:outcome-not-on-decision@steps[1].outcomes',
        'error:decision-flow-without-outcome@flows[2].outcome',
        'error:flow-outcome-not-decision@flows[0].outcome',
        'error:flow-unknown-outcome@flows[3].outcome',
      ]),
    );
  });

  it('wants a start and an end in place, and warns of unreachable and dead-end steps', () => {
    const c = sampleContent();
    c.flows.push({ id: 'back', from: 'end', to: 'start', kind: 'sequence', outcome: null, label: null });
    c.steps.push({ id: 'lonely', lane: 'nca', kind: 'task', title: { en: 'L', nl: 'L' }, text: { en: '', nl: '' }, citations: [], outcomes: [], checklist: [], reports: [] });
    const found = codes(c);
    expect(found).toContain('error:start-has-incoming@flows[7].to');
    expect(found).toContain('error:end-has-outgoing@flows[7].from');
    expect(found).toContain('warning:unreachable-step@steps[7]');
    expect(found).toContain('warning:dead-end-step@steps[7]');
    // errors come before warnings
    const severities = checkProcedureContent(c).map((i) => i.severity);
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
    const noEnds = sampleContent();
    noEnds.steps = noEnds.steps.filter((s) => s.kind !== 'end' && s.kind !== 'start');
    expect(codes(noEnds)).toEqual(expect.arrayContaining(['error:no-start@steps', 'error:no-end@steps']));
  });

  it('accepts an empty draft but not one without a title', () => {
    const c = { ...sampleContent(), lanes: [], steps: [], flows: [] };
    expect(hasErrors(checkProcedureContent(c))).toBe(false);
    expect(codes({ ...c, title: { en: ' ', nl: '' } })).toEqual(['error:no-title@title']);
  });
});
