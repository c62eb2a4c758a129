/**
 * The parsers the fuzz harness covers and the table of inputs tried per parser (no Vitest import:
 * the long run's global teardown uses it in the main process).
 */
import { join } from 'node:path';

export const PARSERS = [
  'bundle container',
  'bundle header',
  'bundle payload',
  'bundle import (DB)',
  'receipt',
  'identity card',
  'vCard',
  'CSV',
  'contact import (DB)',
  'procedure JSON',
  'content pack',
  'IPC arguments',
  'HLC',
  'output escaping (SVG, Markdown, Mermaid, CSV)',
] as const;
export type Parser = (typeof PARSERS)[number];

/** Where each test file leaves its counts for the long mode's closing table. */
export const COUNTS_DIR = join(process.cwd(), 'test-results', 'fuzz');

/** The table of inputs tried per parser. */
export function countTable(counts: ReadonlyMap<string, number>, title: string): string {
  const rows = PARSERS.filter((p) => counts.has(p)).map((p) => [p, (counts.get(p) ?? 0).toLocaleString('en-GB')] as const);
  const width = Math.max(6, ...rows.map(([p]) => p.length));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [
    title,
    `| ${'parser'.padEnd(width)} | inputs tried |`,
    `| ${'-'.repeat(width)} | -----------: |`,
    ...rows.map(([p, n]) => `| ${p.padEnd(width)} | ${n.padStart(12)} |`),
    `| ${'total'.padEnd(width)} | ${total.toLocaleString('en-GB').padStart(12)} |`,
    '',
  ].join('\n');
}

