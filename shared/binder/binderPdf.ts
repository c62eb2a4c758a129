/**
 * PURE: what turns a `BinderDocument` (plain data) into the definition pdfmake renders: the running
 * header with the TLP label on every page (cover and contents included), the footer with the
 * version, the organisation and "page X of Y", and the binder's table layouts. These are functions,
 * which is why they are added here, after the plain document has crossed to where it is rendered.
 */
import type { BinderDocument, BinderRunning } from './binderDocument';
import { tlpLabelCell } from './binderDocument';
import { BINDER_MARGINS, CUT_LINES_LAYOUT } from './binderStyle';
import type { Content } from './pdfTypes';

type Line = { readonly dash?: { readonly length: number; readonly space: number } } | undefined;

/** pdfmake's table layout: callbacks per line and cell (node and index, as pdfmake passes them). */
export interface TableLayout {
  hLineWidth?: (i: number, node: TableNode) => number;
  vLineWidth?: (i: number, node: TableNode) => number;
  hLineColor?: (i: number, node: TableNode) => string;
  vLineColor?: (i: number, node: TableNode) => string;
  hLineStyle?: (i: number, node: TableNode) => Line;
  vLineStyle?: (i: number, node: TableNode) => Line;
  paddingLeft?: (i: number, node: TableNode) => number;
  paddingRight?: (i: number, node: TableNode) => number;
  paddingTop?: (i: number, node: TableNode) => number;
  paddingBottom?: (i: number, node: TableNode) => number;
  fillColor?: (row: number, node: TableNode, column: number) => string | null;
}

interface TableNode {
  readonly table: { readonly body: readonly unknown[][]; readonly headerRows?: number };
}

/** The binder's named table layouts (the document refers to them by name). */
export const BINDER_TABLE_LAYOUTS: Readonly<Record<string, TableLayout>> = {
  // Dashed cut lines around every wallet card; no padding, so a card is exactly 85.6 × 54 mm.
  [CUT_LINES_LAYOUT]: {
    hLineWidth: () => 0.6,
    vLineWidth: () => 0.6,
    hLineColor: () => '#64748b',
    vLineColor: () => '#64748b',
    hLineStyle: () => ({ dash: { length: 4, space: 3 } }),
    vLineStyle: () => ({ dash: { length: 4, space: 3 } }),
    paddingLeft: () => 0,
    paddingRight: () => 0,
    paddingTop: () => 0,
    paddingBottom: () => 0,
  },
  // Tables of the call trees: light rules, the header row shaded, alternate rows tinted.
  binderGrid: {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length || i === (node.table.headerRows ?? 0) ? 0.8 : 0.4),
    vLineWidth: () => 0,
    hLineColor: () => '#94a3b8',
    paddingTop: () => 3,
    paddingBottom: () => 3,
    fillColor: (row, node) => (row >= (node.table.headerRows ?? 0) && row % 2 === 0 ? '#f8fafc' : null),
  },
  exerciseBox: {
    hLineWidth: () => 2,
    vLineWidth: () => 2,
    hLineColor: () => '#b91c1c',
    vLineColor: () => '#b91c1c',
  },
};

/**
 * Running texts are clipped: one long unbroken word (an organisation's name) would otherwise take
 * the whole line and squeeze the TLP label and the page number off the page.
 */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The header of every page: the binder's title (and EXERCISE) on the left, the TLP label on the right. */
export function runningHeader(running: BinderRunning): Content {
  const [left, , right] = BINDER_MARGINS;
  return {
    margin: [left, 22, right, 0],
    columns: [
      {
        width: '*',
        text: [{ text: clip(running.title, 80), color: '#334155' }, ...(running.exercise ? [{ text: `   ${running.exercise}`, color: '#b91c1c', bold: true }] : [])],
        fontSize: 8.5,
        margin: [0, 3, 0, 0],
      },
      { width: 'auto', table: { body: [[tlpLabelCell(running.tlp, 10)]] }, layout: 'noBorders' },
    ],
  };
}

/** "Page 3 of 12". */
export function pageOfText(running: BinderRunning, page: number, pages: number): string {
  return running.pageOf.replace('{{page}}', String(page)).replace('{{pages}}', String(pages));
}

/** The footer of every page: organisation and version on the left, the TLP label and page X of Y on the right. */
export function runningFooter(running: BinderRunning, page: number, pages: number): Content {
  const [left, , right] = BINDER_MARGINS;
  return {
    margin: [left, 16, right, 0],
    columnGap: 12,
    columns: [
      { width: '*', text: `${clip(running.organisation, 50)} · ${running.version}`, fontSize: 7.5, color: '#475569' },
      { width: 'auto', text: `TLP:${running.tlp}`, fontSize: 7.5, bold: true, color: '#0f172a' },
      { width: 'auto', text: pageOfText(running, page, pages), fontSize: 7.5, bold: true, color: '#0f172a' },
    ],
  };
}

/** What pdfmake's `createPdf` takes for the binder. */
export type BinderPdfDefinition = BinderDocument['definition'] & {
  readonly header: () => Content;
  readonly footer: (currentPage: number, pageCount: number) => Content;
};

export function binderPdfDefinition(document: BinderDocument): BinderPdfDefinition {
  return {
    ...document.definition,
    header: () => runningHeader(document.running),
    footer: (page, pages) => runningFooter(document.running, page, pages),
  };
}
