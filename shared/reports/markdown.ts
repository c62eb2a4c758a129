/**
 * PURE: a report as Markdown, for pasting into an e-mail or a Matrix client (Element renders
 * CommonMark with GitHub tables). The Markdown is meant to read well as plain text too, since an
 * e-mail may never be rendered.
 *
 * Invariant: text that comes from people (entry texts, names, titles, reasons, notes — and, to be
 * safe, the translations too) never produces Markdown structure. Every character that can open
 * inline markup is backslash-escaped wherever it occurs (`\ ` * _ [ ] < # | ~`, and `&` where it
 * would start an entity); at the start of a line, where block structure begins, also `>`, `+`,
 * `-`, `=` and the `.`/`)` after a number (lists, block quotes, setext headings, thematic breaks).
 * Lines are trimmed (leading spaces would make code blocks), blank lines dropped (they would end
 * the list item or paragraph the text is in), and line breaks inside a text become hard breaks
 * indented to stay inside their block. Control characters are removed. The test suite checks
 * this against a CommonMark parser with random text (test/unit/shared/reports/markdown.test.ts).
 * Bare URLs are left as they are; clients that turn them into links do so outside Markdown.
 */
import type { DocBlock, DocEntry, ReportDocument } from './document';

const ALWAYS_ESCAPED = /[\\`*_[\]<#|~]/g;
const ENTITY_START = /&(?=#?[A-Za-z0-9]+;)/g;
// C0 controls except tab and line feed (carriage returns are line ends, handled by splitting), and DEL.
const CONTROL = /[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F]/g;

function escapeCharacters(line: string): string {
  return line.replace(ALWAYS_ESCAPED, '\\$&').replace(ENTITY_START, '\\&');
}

/** Escape what could start block structure at the beginning of a line. */
function escapeLineStart(line: string): string {
  const ordered = /^(\d{1,9})([.)])/.exec(line);
  if (ordered) return `${ordered[1] ?? ''}\\${line.slice(ordered[1]?.length ?? 0)}`;
  return /^[>+\-=]/.test(line) ? `\\${line}` : line;
}

/** The lines of a text, cleaned: control characters removed, trimmed, blank lines dropped. */
export function textLines(text: string): string[] {
  return text
    .replace(CONTROL, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Text for a place where a block may begin (a paragraph, a list item's content): every line is
 * escaped as a line start; lines after the first are joined by hard breaks and indented by
 * `indent`, so they stay in the same block.
 */
export function markdownBlockText(text: string, indent = ''): string {
  return textLines(text)
    .map((line) => escapeLineStart(escapeCharacters(line)))
    .join(`\\\n${indent}`);
}

/**
 * Text that follows other text on its line (after `**Label:**`, a heading's `## `), where no block
 * can begin: the first line needs no line-start escape, later lines do, as in `markdownBlockText`.
 */
export function markdownInlineText(text: string, indent = ''): string {
  return textLines(text)
    .map((line, i) => (i === 0 ? escapeCharacters(line) : escapeLineStart(escapeCharacters(line))))
    .join(`\\\n${indent}`);
}

/** Text on one line only (headings, table cells): line breaks become " / ". */
export function markdownOneLine(text: string): string {
  return textLines(text).map(escapeCharacters).join(' / ');
}

function entryMarkdown(entry: DocEntry): string {
  const indent = '  ';
  const head = [`**${markdownOneLine(entry.time)}**`, markdownOneLine(entry.kind)];
  if (entry.author) head.push(markdownOneLine(entry.author));
  if (entry.tlp) head.push(`TLP:${entry.tlp}`);
  const lines = [`- ${head.join(' · ')}`];
  const body = markdownBlockText(entry.text, indent);
  if (body) lines.push(`${indent}${body}`);
  for (const detail of entry.details) {
    const text = markdownBlockText(detail, indent);
    if (text) lines.push(`${indent}${text}`);
  }
  if (entry.note) lines.push(`${indent}*${markdownInlineText(entry.note, indent)}*`);
  // Hard breaks between the parts of one entry, so they stay one list item.
  return lines.join('\\\n');
}

function blockMarkdown(block: DocBlock): string[] {
  const out: string[] = [];
  if (block.type !== 'paragraph' && block.type !== 'note' && block.heading) out.push(`### ${markdownOneLine(block.heading)}`);
  switch (block.type) {
    case 'paragraph': {
      const text = markdownBlockText(block.text);
      if (text) out.push(text);
      break;
    }
    case 'note': {
      const text = markdownInlineText(block.text);
      if (text) out.push(`*${text}*`);
      break;
    }
    case 'facts':
      out.push(block.facts.map((f) => `- **${markdownOneLine(f.label)}:** ${markdownInlineText(f.value, '  ')}`).join('\n'));
      break;
    case 'list':
      out.push(block.items.map((item) => `- ${markdownBlockText(item, '  ') || '—'}`).join('\n'));
      break;
    case 'entries':
      out.push(block.entries.map(entryMarkdown).join('\n'));
      break;
    case 'table': {
      const cell = (text: string) => markdownOneLine(text) || '—';
      out.push(
        [
          `| ${block.columns.map(cell).join(' | ')} |`,
          `| ${block.columns.map(() => '---').join(' | ')} |`,
          ...block.rows.map((row) => `| ${block.columns.map((_, i) => cell(row[i] ?? '')).join(' | ')} |`),
        ].join('\n'),
      );
      break;
    }
  }
  return out;
}

/** The whole report as Markdown, ending in a newline. Blocks are separated by blank lines. */
export function documentToMarkdown(doc: ReportDocument): string {
  const marking = [`**TLP:${doc.tlp}**`];
  if (doc.exerciseMarking) marking.push(`**${markdownOneLine(doc.exerciseMarking)}**`);
  const parts: string[] = [
    marking.join(' · '),
    `# ${markdownOneLine(`${doc.title} — ${doc.subtitle}`)}`,
    markdownBlockText(doc.organisation),
    doc.facts.map((f) => `- **${markdownOneLine(f.label)}:** ${markdownInlineText(f.value, '  ')}`).join('\n'),
  ];
  doc.sections.forEach((section, index) => {
    parts.push(`## ${index + 1}. ${markdownOneLine(section.title)}`);
    for (const block of section.blocks) parts.push(...blockMarkdown(block));
  });
  // The blank line before `---` matters: right under a paragraph it would make that a heading.
  parts.push('---', [...marking, markdownInlineText(doc.footer)].join(' · '));
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
