import { describe, expect, it } from 'vitest';
import { mermaidLabel, procedureToMermaid } from '../../../../shared/procedures/mermaid';
import { sampleContent } from './sampleProcedure';

/** A light check of Mermaid flowchart syntax: balanced subgraphs, nodes declared once, edges between declared nodes. */
function checkSyntax(text: string) {
  const lines = text.trimEnd().split('\n');
  const body = lines[0] === '---' ? lines.slice(lines.indexOf('---', 1) + 1) : lines;
  expect(body[0]).toMatch(/^flowchart (LR|TD)$/);
  let depth = 0;
  const nodes = new Set<string>();
  for (const raw of body.slice(1)) {
    const line = raw.trim();
    if (line.startsWith('subgraph ')) depth++;
    else if (line === 'end') depth--;
    else if (line.startsWith('direction ') || line.startsWith('classDef ') || line.startsWith('class ')) continue;
    else if (/ (-->|-\.->)/.test(line)) {
      const m = /^(\w+) (-->|-\.->)(\|"[^"]*"\|)? (\w+)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(nodes.has(m![1]!) && nodes.has(m![4]!), line).toBe(true);
    } else {
      const m = /^(\w+)(\(\[|\[\/|\[|\{|\(\()"([^"]*)"(\]\)|\/\]|\]|\}|\)\))$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(nodes.has(m![1]!)).toBe(false);
      nodes.add(m![1]!);
    }
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  return nodes;
}

describe('procedureToMermaid', () => {
  it('writes lanes grouped by level, shapes per kind, dashed information flows and outcome labels', () => {
    const text = procedureToMermaid(sampleContent(), { language: 'en' });
    const nodes = checkSyntax(text);
    expect(nodes.size).toBe(7);
    expect(text).toContain('subgraph level_technical["Technical"]');
    expect(text).toContain('subgraph lane_csirt["National CSIRT"]');
    expect(text).toContain('s_start(["Incident detected"])');
    expect(text).toContain('s_escalate{"Escalate?"}');
    expect(text).toContain('s_sitrep[/"Situation report"/]');
    expect(text).toContain('s_end(("Done"))');
    expect(text).toContain('s_escalate -->|"Yes"| s_sitrep');
    expect(text).toContain('s_sitrep -.->|"Sitrep #34;v1#34;"| s_brief');
    expect(text.indexOf('level_technical')).toBeLessThan(text.indexOf('level_operational'));
    expect(text.indexOf('level_operational')).toBeLessThan(text.indexOf('level_political'));
  });

  it('escapes quotes, brackets and line breaks', () => {
    expect(mermaidLabel('a "b" <c> #d\ne')).toBe('a #34;b#34; #60;c#62; #35;d e');
    const text = procedureToMermaid(sampleContent(), { language: 'nl' });
    expect(text).toContain('title: "Nationale opschaling #34;Delta#34; #60;test#62; & co"');
    expect(text).toContain('s_assess["Impact {beoordelen}"]');
    checkSyntax(text);
  });

  it('is deterministic and makes unique ids from awkward part ids', () => {
    const c = sampleContent();
    c.steps.push({ ...c.steps[1]!, id: 'assess.' });
    c.steps.push({ ...c.steps[1]!, id: 'assess-' });
    expect(procedureToMermaid(c, { language: 'en' })).toBe(procedureToMermaid(c, { language: 'en' }));
    const nodes = checkSyntax(procedureToMermaid(c, { language: 'en' }));
    expect(nodes).toEqual(new Set([...nodes]));
    expect(nodes.size).toBe(9);
  });
});
