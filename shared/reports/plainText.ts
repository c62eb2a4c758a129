/**
 * PURE: a report as plain text, for the logbook entry that records it ("Record in logbook"): the
 * logbook shows entry texts as they are, so Markdown escapes would only be noise there. Same
 * content and order as the printed and Markdown forms; indentation keeps entries readable.
 */
import { translate } from '../i18n/translate';
import type { DocBlock, DocEntry, ReportDocument } from './document';

function indentLines(text: string, indent: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(`\n${indent}`);
}

function entryText(e: DocEntry): string {
  const head = [e.time, e.kind, ...(e.author ? [e.author] : []), ...(e.tlp ? [`TLP:${e.tlp}`] : [])].join(' · ');
  const lines = [`- ${head}`, `  ${indentLines(e.text, '  ')}`, ...e.details.map((d) => `  ${indentLines(d, '  ')}`)];
  if (e.note) lines.push(`  (${indentLines(e.note, '  ')})`);
  return lines.join('\n');
}

function blockText(block: DocBlock): string {
  const heading = block.type !== 'paragraph' && block.type !== 'note' && block.heading ? `${block.heading}\n` : '';
  switch (block.type) {
    case 'paragraph':
      return indentLines(block.text, '');
    case 'note':
      return `(${indentLines(block.text, '')})`;
    case 'facts':
      return heading + block.facts.map((f) => `${f.label}: ${indentLines(f.value, '  ')}`).join('\n');
    case 'list':
      return heading + block.items.map((i) => `- ${indentLines(i, '  ')}`).join('\n');
    case 'entries':
      return heading + block.entries.map(entryText).join('\n');
    case 'table':
      return heading + block.rows.map((row) => `- ${block.columns.map((c, i) => `${c}: ${row[i] ?? '—'}`).join(' · ')}`).join('\n');
  }
}

/** The report as plain text, cut to `maxLength` characters with a note saying so. */
export function documentToPlainText(doc: ReportDocument, maxLength = Number.POSITIVE_INFINITY): string {
  const marking = [`TLP:${doc.tlp}`, ...(doc.exerciseMarking ? [doc.exerciseMarking] : [])].join(' · ');
  const parts = [
    marking,
    `${doc.title} — ${doc.subtitle}`,
    doc.organisation,
    doc.facts.map((f) => `${f.label}: ${f.value}`).join('\n'),
    ...doc.sections.map((s, i) => [`${i + 1}. ${s.title}`, ...s.blocks.map(blockText)].join('\n')),
    marking,
  ];
  const text = parts.join('\n\n');
  if (text.length <= maxLength) return text;
  const note = `\n\n${translate(doc.language, 'reports.note.truncated', { length: String(text.length) })}\n${marking}`;
  return `${text.slice(0, Math.max(0, maxLength - note.length - 1))}…${note}`;
}
