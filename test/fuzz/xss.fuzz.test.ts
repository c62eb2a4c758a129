/**
 * Text crafted for cross-site scripting, in every field that the app shows or prints outside
 * React's escaping (issue 9): the procedure SVG (inserted as markup into the editor preview and the
 * print view), report Markdown (pasted into mail and chat clients that render it), Mermaid text
 * (rendered by wikis) and contact CSV exports (opened in spreadsheets: formula injection). The outputs are parsed and must contain no element, attribute, link or
 * directive that came from the input; the input must come out as text. A guard also fails when a
 * new raw-markup sink appears in the renderer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import MarkdownIt, { type Token } from 'markdown-it';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { guessMapping, parseCsv, readCsvRows, writeCsv } from '../../shared/contacts/csv';
import { newRecordId } from '../../shared/model/ids';
import { LEVELS } from '../../shared/model/levels';
import { TLP_LABELS } from '../../shared/model/tlp';
import { ProcedureContentSchema } from '../../shared/model/procedure';
import { layoutProcedure, type ProcedureLayout } from '../../shared/procedures/layout';
import { procedureToMermaid } from '../../shared/procedures/mermaid';
import { procedureLayoutToSvg } from '../../shared/procedures/svg';
import type { ReportDocument } from '../../shared/reports/document';
import { documentToMarkdown } from '../../shared/reports/markdown';
import { sampleContent } from '../unit/shared/procedures/sampleProcedure';
import { contactDraft } from '../unit/shared/contacts/contactArbitraries';
import { TEST_TIMEOUT_MS, fuzzParser, reportCounts } from './fuzzKit';
import { XSS_PAYLOADS, hostileText } from './hostile';

reportCounts('xss');

/** Hostile text weighted towards markup. */
const markupText = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...XSS_PAYLOADS) }, { weight: 3, arbitrary: hostileText });

// ---- SVG -------------------------------------------------------------------------------------------

/** Everything procedureLayoutToSvg writes itself; anything else came from the input. */
const SVG_ELEMENTS = new Set(['svg', 'title', 'defs', 'marker', 'path', 'rect', 'g', 'text', 'tspan', 'line', 'polyline', 'polygon']);
const SVG_ATTRIBUTES = new Set([
  'xmlns', 'version', 'width', 'height', 'viewBox', 'font-family', 'lang', 'role', 'aria-labelledby', 'id', 'refX', 'refY', 'markerWidth', 'markerHeight',
  'orient', 'd', 'fill', 'x', 'y', 'stroke', 'class', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'transform', 'x1', 'y1', 'x2', 'y2',
  'points', 'stroke-width', 'stroke-dasharray', 'marker-end', 'rx', 'fill-opacity',
]);

interface SvgNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<SvgNode>;
  readonly attributes?: ArrayLike<{ readonly name: string; readonly value: string }>;
}

/** Parses SVG text strictly and checks that every element and attribute is one the generator writes. */
function expectInertSvg(svg: string): ReturnType<DOMParser['parseFromString']> {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) } }).parseFromString(svg, 'image/svg+xml');
  expect(errors).toEqual([]);
  const stack: SvgNode[] = [doc.documentElement];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    // Elements (1), text (3) and the XML declaration's processing instruction only: no CDATA, comments or entities.
    expect([1, 3]).toContain(node.nodeType);
    if (node.nodeType !== 1) continue;
    expect(SVG_ELEMENTS.has(node.nodeName)).toBe(true);
    for (const attribute of Array.from(node.attributes ?? [])) {
      expect(SVG_ATTRIBUTES.has(attribute.name)).toBe(true);
      expect(attribute.value).not.toMatch(/javascript:|data:|<|>/i);
    }
    stack.push(...Array.from(node.childNodes));
  }
  // The hostile text is there, as text: XML's escapes only.
  expect(svg).not.toMatch(/<(script|img|iframe|style|foreignObject|a|image|use)\b/i);
  return doc;
}

const box = fc.record({ x: fc.double({ min: -1e6, max: 1e6, noNaN: true }), y: fc.double({ min: -1e6, max: 1e6, noNaN: true }), width: fc.double({ min: 0, max: 1e6, noNaN: true }), height: fc.double({ min: 0, max: 1e6, noNaN: true }) });
const layoutArb: fc.Arbitrary<ProcedureLayout> = fc
  .record({
    width: fc.double({ min: 0, max: 1e5, noNaN: true }),
    height: fc.double({ min: 0, max: 1e5, noNaN: true }),
    levelBands: fc.array(fc.tuple(box, fc.constantFrom(...LEVELS)).map(([b, level]) => ({ ...b, level })), { maxLength: 3 }),
    lanes: fc.array(fc.tuple(box, fc.constantFrom(...LEVELS), markupText, markupText).map(([b, level, id, actor]) => ({ ...b, level, id, actor })), { maxLength: 4 }),
    steps: fc.array(
      fc.tuple(box, markupText, fc.constantFrom('start' as const, 'end' as const, 'task' as const, 'decision' as const, 'report' as const), fc.array(markupText, { minLength: 1, maxLength: 3 })).map(([b, id, kind, titleLines]) => ({ ...b, id, lane: id, kind, titleLines })),
      { maxLength: 5 },
    ),
    flows: fc.array(
      fc.record({
        id: markupText,
        from: markupText,
        to: markupText,
        kind: fc.constantFrom('sequence' as const, 'information' as const),
        outcome: fc.option(markupText, { nil: null }),
        points: fc.array(fc.record({ x: fc.double({ min: -1e6, max: 1e6, noNaN: true }), y: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }), { maxLength: 4 }),
        label: fc.option(fc.tuple(box, fc.array(markupText, { minLength: 1, maxLength: 3 })).map(([b, lines]) => ({ ...b, lines })), { nil: null }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((l) => ({ ...l, orientation: 'horizontal' as const }));

describe('output escaping (SVG, Markdown, Mermaid, CSV)', () => {
  const output = fuzzParser('output escaping (SVG, Markdown, Mermaid, CSV)', 5);

  it('SVG: hostile text in every field of the title block, lanes, steps and flow labels stays text', () => {
    output.check(
      600,
      [layoutArb, fc.record({ title: markupText, version: markupText, source: markupText, note: markupText, exercise: fc.option(markupText, { nil: null }), tlp: fc.constantFrom(...TLP_LABELS) }), markupText, markupText],
      (layout, titleBlock, actor, level) => {
        const svg = procedureLayoutToSvg(layout, { language: 'en', titleBlock, actorName: () => actor, levelName: () => level });
        const doc = expectInertSvg(svg);
        // The title comes out as the input's text (minus what XML cannot carry; line ends normalised), not as markup.
        const plain = (t: string) => t.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[\s\u0085\u2028\u2029]+/g, '');
        expect(plain(doc.getElementsByTagName('title')[0]?.textContent ?? '')).toContain(plain(titleBlock.title));
      },
    );
  });

  it('SVG through the real layout: hostile procedure titles, lane names and flow labels stay text', { timeout: TEST_TIMEOUT_MS }, async () => {
    await output.checkAsync(20, [fc.array(markupText.filter((t) => t.trim().length > 0 && t.length <= 300), { minLength: 4, maxLength: 4 })], async (texts) => {
      const [a = 'a', b = 'b', c = 'c', d = 'd'] = texts;
      const base = sampleContent();
      const content = ProcedureContentSchema.parse({
        ...base,
        title: { en: a, nl: a },
        lanes: base.lanes.map((l) => ({ ...l, label: { en: b, nl: b } })),
        steps: base.steps.map((s) => ({ ...s, title: { en: c, nl: c } })),
        flows: base.flows.map((f) => (f.kind === 'information' ? { ...f, label: { en: d, nl: d } } : f)),
      });
      const layout = await layoutProcedure(content, { language: 'en' });
      expectInertSvg(procedureLayoutToSvg(layout, { language: 'en', titleBlock: { title: a, version: '', source: '', tlp: 'CLEAR', exercise: null }, actorName: () => b, levelName: (l) => l }));
      // Mermaid of the same procedure (for wikis): every line is one the writer makes, labels quoted.
      expectInertMermaid(procedureToMermaid(content, { language: 'en' }));
    });
  });

  it('Markdown: hostile text in every field of a report makes no HTML, link, image or autolink', () => {
    const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
    output.check(600, [fc.array(markupText, { minLength: 16, maxLength: 16 })], (t) => {
      const at = (i: number) => t[i % t.length] ?? '';
      const doc: ReportDocument = {
        kind: 'situation-report',
        language: 'en',
        tlp: 'AMBER',
        exerciseMarking: at(0),
        organisation: at(1),
        documentType: at(2),
        title: at(3),
        subtitle: at(4),
        facts: [{ label: at(5), value: at(6) }],
        sections: [
          {
            id: 's',
            title: at(7),
            blocks: [
              { type: 'paragraph', text: at(8) },
              { type: 'note', text: at(9) },
              { type: 'facts', heading: at(10), facts: [{ label: at(11), value: at(12) }] },
              { type: 'list', heading: at(13), items: [at(14), at(15)] },
              { type: 'entries', heading: at(1), entries: [{ datetime: '2026-03-01T08:00:00.000Z', time: at(2), kind: at(3), author: at(4), tlp: 'RED', text: at(5), details: [at(6)], note: at(7) }] },
              { type: 'table', heading: at(8), columns: [at(9), at(10)], rows: [[at(11), at(12)]] },
            ],
          },
        ],
        footer: at(13),
        pageHeader: at(14),
        pageFooter: at(15),
        fileStem: 'report',
      };
      const tokens = md.parse(documentToMarkdown(doc), {});
      const all: Token[] = [];
      for (const token of tokens) all.push(token, ...(token.children ?? []));
      for (const token of all) {
        expect(['html_block', 'html_inline', 'link_open', 'image', 'code_block', 'fence']).not.toContain(token.type);
      }
    });
  });

  it('Mermaid: hostile labels cannot add statements (click, init directives) or break out of their quotes', () => {
    output.check(600, [fc.array(markupText.filter((t) => t.trim().length > 0 && t.length <= 300), { minLength: 4, maxLength: 4 })], (texts) => {
      const [a = 'a', b = 'b', c = 'c', d = 'd'] = texts;
      const base = sampleContent();
      const content = ProcedureContentSchema.parse({
        ...base,
        title: { en: a, nl: a },
        lanes: base.lanes.map((l) => ({ ...l, label: { en: b, nl: b } })),
        steps: base.steps.map((s) => ({ ...s, title: { en: `${c}\nclick s_start href "javascript:alert(1)"`, nl: c } })),
        flows: base.flows.map((f) => (f.kind === 'information' ? { ...f, label: { en: d, nl: d } } : f)),
      });
      expectInertMermaid(procedureToMermaid(content, { language: 'en' }));
    });
  });
});

describe('CSV export', () => {
  const output = fuzzParser('output escaping (SVG, Markdown, Mermaid, CSV)', 5);
  const formula = fc.constantFrom('=HYPERLINK("javascript:alert(1)")', '=cmd|"/c calc"!A1', '+31 6 1234', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'=already", "''=twice");

  it('writes no cell a spreadsheet would run as a formula, and reads every value back', () => {
    output.check(500, [contactDraft, formula, formula, fc.constantFrom(',' as const, ';' as const, '\t' as const)], (draft, a, b, delimiter) => {
      const hostile = { ...draft, name: `${a}`.trim() || 'x', notes: b, position: a };
      const text = writeCsv([{ id: newRecordId(), draft: hostile }], 'real', delimiter);
      const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true }).data;
      for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      // …and the import takes the protection off again: the text comes back as it was.
      const parsed = parseCsv({ text, encoding: 'utf-8' });
      if (!parsed.ok) throw new Error(parsed.problem.code);
      const read = readCsvRows(parsed.value, guessMapping(parsed.value.headers), { country: 'NL', level: 'operational', tlp: 'AMBER' });
      expect([b, b.trim()]).toContain(read.ok ? read.value.contacts[0]?.draft.notes : null);
    });
  });
});

/** Every line of the Mermaid text has one of the shapes the writer makes; quoted labels hold no quote, `<`, `>` or line break. */
function expectInertMermaid(text: string): void {
  const label = '"[^"<>\\n]*"';
  const shapes = [
    /^---$/,
    new RegExp(`^title: ${label}$`),
    /^flowchart (LR|TD)$/,
    new RegExp(`^ {2}subgraph level_[a-z]+\\[${label}\\]$`),
    /^ {4}direction TB$/,
    new RegExp(`^ {4}subgraph lane_\\w+\\[${label}\\]$`),
    /^ {6}direction LR$/,
    new RegExp(`^ {6}s_\\w+(\\(\\[|\\[/|\\[|\\{|\\(\\()${label}(\\]\\)|/\\]|\\]|\\}|\\)\\))$`),
    /^ {4}end$/,
    /^ {2}end$/,
    new RegExp(`^ {2}s_\\w+ (-->|-\\.->)(\\|${label}\\|)? s_\\w+$`),
    /^ {2}classDef (report|decision) [a-z#0-9:,]+$/,
    /^ {2}class [\w,]+ (report|decision)$/,
  ];
  for (const line of text.trimEnd().split('\n')) expect(shapes.some((s) => s.test(line)), line).toBe(true);
  expect(text).not.toMatch(/^\s*(click|%%)/m);
}

// ---- the renderer's raw-markup sinks ---------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('raw markup in the renderer', () => {
  it('is inserted only in the two places that show the procedure SVG (escaped by procedureLayoutToSvg)', () => {
    const sinks = /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment|srcdoc/;
    const found = sourceFiles(join(process.cwd(), 'renderer', 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file: file.slice(process.cwd().length + 1), line: i + 1, text: line }))
        .filter((l) => sinks.test(l.text)),
    );
    expect(found.map((f) => f.file).sort()).toEqual(['renderer/src/features/procedures/editor/ProcedureActions.tsx', 'renderer/src/features/procedures/editor/ProcedureEditor.tsx']);
    // Both insert the `svg` string made by procedureLayoutToSvg (the files import it or its exportSvg wrapper).
    for (const f of found) {
      expect(f.text).toContain("__html: svg.replace(/^<\\?xml[^>]*>\\s*/, '')");
      expect(readFileSync(join(process.cwd(), f.file), 'utf8')).toMatch(/procedureLayoutToSvg|exportSvg/);
    }
  });
});
