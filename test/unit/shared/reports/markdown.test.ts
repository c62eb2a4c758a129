/**
 * Markdown escaping, checked against a real CommonMark parser with GitHub tables and
 * strikethrough (markdown-it, as chat clients and mail tools render): user text must come out as
 * exactly the text it was — never a heading, list, quote, table, code, emphasis, link or HTML.
 */
import fc from 'fast-check';
import MarkdownIt, { type Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { DocBlock, ReportDocument } from '../../../../shared/reports/document';
import { documentToMarkdown, markdownBlockText, markdownInlineText, markdownOneLine, textLines } from '../../../../shared/reports/markdown';

// html: true so that HTML in user text would show up as html tokens; linkify off: bare URLs are
// the client's business (see markdown.ts).
const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** Pieces that mean something in Markdown, mixed with ordinary text by the generators. */
const TRICKY = [
  '#', '## ', '###### x', '- ', '* ', '+ ', '1. ', '2) ', '10.', '> ', '>', '|', '| --- |', '|---|', '---', '===', '***', '___', '- - -',
  '`', '```', '~~~', '~~', '~', '*', '_', '**', '__', '[', ']', '(', ')', '![', '[a](b)', '[a]: /url', '<', '>', '<div>', '<b>', '</b>',
  '<!--', '-->', '<http://example.org>', '&amp;', '&#35;', '&#x23;', '&copy;', '&', '\\', '\\\\', '\n', '\r\n', '\r', '\n\n', '    ',
  '\t', ' ', 'a', 'word', 'R&D', ':', '!', '-', '=', '.', '1', '$$', '\u0000', '\u00a0', '\u2028', 'é', '😀',
];
const trickyText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), { maxLength: 14 })
  .map((parts) => parts.join(''));
const visibleText = trickyText.filter((t) => textLines(t).length > 0);

/** The text a paragraph's inline token shows, with hard breaks as line feeds. */
function inlineText(token: Token | undefined): string {
  return (token?.children ?? []).map((c) => (c.type === 'hardbreak' || c.type === 'softbreak' ? '\n' : c.content)).join('');
}

describe('escaping of user text', () => {
  // Legend: [user text, Markdown written]. Each would otherwise become structure.
  it.each([
    ['# Heading', '\\# Heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['12) item', '12\\) item'],
    ['> quote', '\\> quote'],
    ['a > b', 'a > b'],
    ['<script>alert(1)</script>', '\\<script>alert(1)\\</script>'],
    ['a | b', 'a \\| b'],
    ['**bold** _it_ `code` ~~gone~~', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~'],
    ['[link](http://x)', '\\[link\\](http://x)'],
    ['&amp; and R&D', '\\&amp; and R&D'],
    ['C:\\temp\\', 'C:\\\\temp\\\\'],
    ['title\n===', 'title\\\n\\==='],
    ['    indented code', 'indented code'],
    ['one\n\n\ntwo', 'one\\\ntwo'],
  ])('%j → %j', (text, markdown) => {
    expect(markdownBlockText(text)).toBe(markdown);
    const tokens = md.parse(markdown, {});
    expect(tokens.map((t) => t.type)).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
    expect(inlineText(tokens[1])).toBe(textLines(text).join('\n'));
  });

  it('keeps continuation lines inside their list item', () => {
    const item = `- ${markdownBlockText('first\n- second\n# third', '  ')}`;
    const tokens = md.parse(item, {});
    expect(tokens.filter((t) => t.type === 'list_item_open')).toHaveLength(1);
    expect(tokens.some((t) => t.type === 'heading_open')).toBe(false);
  });

  it('writes one-line text for headings and table cells, line breaks as " / "', () => {
    expect(markdownOneLine('a\nb | c')).toBe('a / b \\| c');
    expect(markdownInlineText('first line\n- second')).toBe('first line\\\n\\- second');
  });

  it('never produces Markdown structure from text where a block begins, and keeps the text (property)', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const markdown = markdownBlockText(text);
        const tokens = md.parse(markdown, {});
        if (textLines(text).length === 0) {
          expect(tokens).toEqual([]);
          return;
        }
        expect(tokens.map((t) => t.type)).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
        expect(tokens[1]?.children?.every((c) => ['text', 'hardbreak'].includes(c.type))).toBe(true);
        expect(inlineText(tokens[1])).toBe(textLines(text).join('\n'));
        expect(md.render(markdown)).toMatch(/^<p>(?:[^<]|<br>)*<\/p>\n$/);
      }),
      { numRuns: 2_000 },
    );
  });
});

// ---- whole documents ---------------------------------------------------------------------------

/** A document using every kind of block, with the given texts in every place people write. */
function documentWith(text: (slot: string) => string): ReportDocument {
  const blocks: DocBlock[] = [
    { type: 'paragraph', text: text('paragraph') },
    { type: 'note', text: text('note') },
    { type: 'facts', heading: text('facts heading'), facts: [{ label: text('fact label'), value: text('fact value') }, { label: 'Label', value: text('value 2') }] },
    { type: 'list', heading: text('list heading'), items: [text('item 1'), text('item 2')] },
    {
      type: 'entries',
      heading: null,
      entries: [
        { datetime: '2025-11-03T08:00:00.000Z', time: text('time'), kind: text('kind'), author: text('author'), tlp: 'AMBER', text: text('entry'), details: [text('detail')], note: text('entry note') },
        { datetime: '2025-11-03T08:00:00.000Z', time: text('time 2'), kind: text('kind 2'), author: null, tlp: null, text: text('entry 2'), details: [], note: null },
      ],
    },
    { type: 'table', heading: text('table heading'), columns: [text('column'), 'B'], rows: [[text('cell'), text('cell 2')], [text('cell 3'), 'x']] },
  ];
  return {
    kind: 'situation-report',
    language: 'en',
    tlp: 'AMBER+STRICT',
    exerciseMarking: 'EXERCISE — OEFENING',
    organisation: text('organisation'),
    documentType: 'Situation report',
    title: text('title'),
    subtitle: text('subtitle'),
    facts: [{ label: 'Incident', value: text('incident') }],
    sections: [
      { id: 'one', title: text('section title'), blocks },
      { id: 'two', title: 'Second', blocks: [{ type: 'paragraph', text: 'fixed' }] },
    ],
    footer: text('footer'),
    pageHeader: text('page header'),
    pageFooter: text('page footer'),
    fileStem: 'x',
  };
}

/** The structure of a token stream: blocks with their nesting, and the markup inside inline runs. */
function structure(tokens: readonly Token[]): string[] {
  return tokens.flatMap((t) => {
    const block = `${t.type}:${t.tag}:${t.level}`;
    if (t.type !== 'inline') return [block];
    const markup = (t.children ?? []).filter((c) => !['text', 'hardbreak', 'softbreak'].includes(c.type)).map((c) => c.type);
    return [block, ...markup.map((m) => `  ${m}`)];
  });
}

describe('a whole report as Markdown', () => {
  it('has the same structure whatever people wrote into it (property)', () => {
    const reference = structure(md.parse(documentToMarkdown(documentWith(() => 'x')), {}));
    expect(reference).toContain('table_open:table:0');
    expect(reference).toContain('bullet_list_open:ul:0');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), visibleText), visibleText, (texts, fallback) => {
        const markdown = documentToMarkdown(documentWith((slot) => texts[slot] ?? fallback));
        expect(structure(md.parse(markdown, {}))).toEqual(reference);
      }),
      { numRuns: 500 },
    );
  });

  it('starts and ends with the label and the exercise marking', () => {
    const markdown = documentToMarkdown(documentWith(() => 'x'));
    expect(markdown.split('\n')[0]).toBe('**TLP:AMBER+STRICT** · **EXERCISE — OEFENING**');
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('**TLP:AMBER+STRICT** · **EXERCISE — OEFENING** · x');
    const html = md.render(markdown);
    expect(html).toContain('<h1>x — x</h1>');
    expect(html).toContain('<h2>1. x</h2>');
    expect(html).toContain('<hr>');
  });
});
