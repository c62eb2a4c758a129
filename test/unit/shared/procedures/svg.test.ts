import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { layoutProcedure } from '../../../../shared/procedures/layout';
import { escapeXml, procedureLayoutToSvg, type SvgOptions } from '../../../../shared/procedures/svg';
import { sampleContent } from './sampleProcedure';

const options = (exercise: string | null): SvgOptions => ({
  language: 'en',
  titleBlock: { title: 'National escalation "Delta" <test> & co', version: 'Version 3', source: 'Netherlands', tlp: 'AMBER+STRICT', exercise },
  actorName: (id) => ({ csirt: 'National CSIRT', nca: 'Crisis authority & <co>', min: 'Minister' })[id] ?? id,
  levelName: (level) => ({ technical: 'Technical', operational: 'Operational', political: 'Political' })[level],
});

function parse(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) } }).parseFromString(svg, 'image/svg+xml');
  expect(errors).toEqual([]);
  return doc;
}

describe('procedureLayoutToSvg', () => {
  it('escapes text for XML', () => {
    expect(escapeXml(`a<b>&"c"'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;');
  });

  it('draws a well-formed standalone SVG with title block, lanes, shapes per kind and arrows', async () => {
    const layout = await layoutProcedure(sampleContent(), { language: 'en' });
    const svg = procedureLayoutToSvg(layout, options('EXERCISE'));
    const doc = parse(svg);
    const root = doc.documentElement;
    expect(root.nodeName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('font-family')).toContain('sans-serif');
    const texts = Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? '');
    expect(texts).toContain('National escalation "Delta" <test> & co');
    expect(texts).toContain('Version 3 · Netherlands');
    expect(texts).toContain('TLP:AMBER+STRICT');
    expect(texts).toContain('EXERCISE');
    expect(texts).toContain('TECHNICAL');
    const wrapped = Array.from(doc.getElementsByTagName('text')).map((t) => Array.from(t.getElementsByTagName('tspan')).map((s) => s.textContent).join(' '));
    expect(wrapped).toContain('Crisis authority & <co>');
    expect(doc.getElementsByTagName('polygon').length).toBe(1); // one decision
    const groups = Array.from(doc.getElementsByTagName('g')).map((g) => g.getAttribute('class'));
    for (const kind of ['start', 'task', 'decision', 'report', 'end']) expect(groups).toContain(`step step-${kind}`);
    const lines = Array.from(doc.getElementsByTagName('polyline'));
    expect(lines.length).toBe(7);
    expect(lines.filter((l) => l.getAttribute('stroke-dasharray')).length).toBe(1);
    expect(lines.every((l) => /^url\(#arrow-(sequence|information)\)$/.test(l.getAttribute('marker-end') ?? ''))).toBe(true);
    expect(texts).toContain('Yes');
  });

  it('is deterministic and has no EXERCISE marking outside the exercise workspace', async () => {
    const layout = await layoutProcedure(sampleContent(), { language: 'en' });
    const a = procedureLayoutToSvg(layout, options(null));
    expect(procedureLayoutToSvg(await layoutProcedure(sampleContent(), { language: 'en' }), options(null))).toBe(a);
    expect(a).not.toContain('EXERCISE');
    parse(a);
  });
});
