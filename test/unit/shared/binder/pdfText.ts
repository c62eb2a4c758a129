/** Reading a PDF's text back with pdf.js (its legacy build, for Node), page by page and line by line. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Each page's text as lines: items whose baselines lie within 3 pt joined left to right. */
export async function pdfLines(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const items = content.items
      .flatMap((item) => ('str' in item && item.str !== '' ? [{ x: item.transform[4] as number, y: item.transform[5] as number, s: item.str }] : []))
      .sort((a, b) => b.y - a.y);
    const rows: Array<Array<{ x: number; y: number; s: string }>> = [];
    for (const item of items) {
      const row = rows.at(-1);
      if (row && Math.abs(row[0]!.y - item.y) <= 3) row.push(item);
      else rows.push([item]);
    }
    pages.push(rows.map((row) => row.sort((a, b) => a.x - b.x).map((i) => i.s).join('').replace(/\s+/g, ' ').trim()));
  }
  await pdf.destroy();
  return pages;
}
