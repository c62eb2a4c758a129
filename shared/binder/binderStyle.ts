/**
 * PURE: page geometry of the crisis binder (points, 1/72 inch) and the names of its table layouts,
 * whose drawing rules live in binderPdf.ts.
 */

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Left, top, right, bottom: room for the running header (TLP) and footer (page X of Y). */
export const BINDER_MARGINS: readonly [number, number, number, number] = [42, 62, 42, 52];

/** ISO/IEC 7810 ID-1 (a bank card): 85.6 × 54 mm, two across and four down on a page. */
export const WALLET_CARD = {
  width: (85.6 / 25.4) * 72,
  height: (54 / 25.4) * 72,
  padding: 7,
  columns: 2,
  rows: 4,
  maxChannels: 6,
} as const;

/** Table layout of the card sheets: every card bordered by a dashed cut line. */
export const CUT_LINES_LAYOUT = 'binderCutLines';
