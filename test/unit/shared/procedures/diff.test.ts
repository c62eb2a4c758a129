import { describe, expect, it } from 'vitest';
import { diffProcedures, isUnchanged } from '../../../../shared/procedures/diff';
import { sampleContent } from './sampleProcedure';

describe('diffProcedures', () => {
  it('sees no change between equal versions', () => {
    const diff = diffProcedures(sampleContent(), sampleContent());
    expect(isUnchanged(diff)).toBe(true);
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('lists added, removed and changed parts, field by field and per language', () => {
    const before = sampleContent();
    const after = sampleContent();
    after.title = { ...after.title, nl: 'Nieuwe titel' };
    after.steps[1] = { ...after.steps[1]!, title: { ...after.steps[1]!.title, en: 'Assess the impact' }, checklist: [...after.steps[1]!.checklist, { en: 'Owner known', nl: 'Eigenaar bekend' }] };
    after.steps = after.steps.filter((s) => s.id !== 'brief');
    after.steps.push({ id: 'notify', lane: 'nca', kind: 'report', title: { en: 'Notify EU-CyCLONe', nl: 'EU-CyCLONe informeren' }, text: { en: '', nl: '' }, citations: [], outcomes: [], checklist: [], reports: [] });
    after.lanes = [after.lanes[1]!, after.lanes[0]!, after.lanes[2]!];
    after.flows[4] = { ...after.flows[4]!, to: 'notify' };

    const diff = diffProcedures(before, after);
    expect(diff.procedure).toEqual([{ field: 'title.nl', before: before.title.nl, after: 'Nieuwe titel' }]);
    const assess = diff.parts.find((p) => p.id === 'assess');
    expect(assess?.change).toBe('changed');
    expect(assess?.fields).toEqual([
      { field: 'title.en', before: 'Assess [impact]', after: 'Assess the impact' },
      { field: 'checklist.en', before: 'Scope known', after: 'Scope known\nOwner known' },
      { field: 'checklist.nl', before: 'Omvang bekend', after: 'Omvang bekend\nEigenaar bekend' },
    ]);
    expect(diff.parts.find((p) => p.id === 'brief')).toMatchObject({ part: 'step', change: 'removed' });
    expect(diff.parts.find((p) => p.id === 'notify')).toMatchObject({ part: 'step', change: 'added', name: { en: 'Notify EU-CyCLONe' } });
    expect(diff.parts.find((p) => p.id === 'csirt')?.fields).toEqual([{ field: 'position', before: '1', after: '2' }]);
    const flow = diff.parts.find((p) => p.id === 'f5');
    expect(flow?.fields).toEqual([{ field: 'to', before: 'brief', after: 'notify' }]);
    expect(flow?.name.en).toBe('Situation report → Notify EU-CyCLONe');
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 4 });
  });
});
