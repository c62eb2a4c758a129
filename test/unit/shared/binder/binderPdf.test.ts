/**
 * The crisis binder as a real PDF (rendered by pdfmake under Node, read back with pdf.js): the TLP
 * label, "page X of Y" and the version on every page, the contents pointing at the pages where the
 * headings are, and names in Dutch, Greek and Polish surviving as text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBinder, type BinderDocument } from '../../../../shared/binder/binderDocument';
import { pageOfText } from '../../../../shared/binder/binderPdf';
import { renderBinder } from '../../../../renderer/src/features/binder/renderBinder';
import { callTree, directory, input, packProcedures, withLayouts } from './binderFixtures';
import { pdfLines } from './pdfText';

const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(['en', 'nl'] as const)('the rendered binder (%s)', (language) => {
  let document: BinderDocument;
  let bytes: Uint8Array;
  let pages: string[][];

  beforeAll(async () => {
    const contacts = directory();
    const result = buildBinder(
      input({ language, procedures: await withLayouts(packProcedures(2)), callTrees: [callTree(contacts)], walletCards: true, directory: true, contacts }),
    );
    if (!result.ok) throw new Error(result.refusal.code);
    document = result.document;
    bytes = await renderBinder(document);
    pages = await pdfLines(bytes);
  }, 120_000);

  it('is a PDF', () => {
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(pages.length).toBeGreaterThan(5);
  });

  it('carries the TLP label, page X of Y and the version date on every page, cover and contents included', () => {
    pages.forEach((lines, i) => {
      const text = lines.join('\n');
      expect(text, `page ${i + 1}`).toContain(`TLP:${document.tlp}`);
      expect(text, `page ${i + 1}`).toContain(pageOfText(document.running, i + 1, pages.length));
      expect(squash(text), `page ${i + 1}`).toContain(squash(document.running.version));
    });
  });

  it('lists in its contents the page on which each heading really stands', () => {
    const contentsTitle = language === 'nl' ? 'Inhoud' : 'Contents';
    const tocPage = pages.findIndex((lines) => lines.includes(contentsTitle));
    expect(tocPage).toBe(1);
    const toc = pages[tocPage]!;
    for (const heading of document.headings) {
      const entry = toc.find((l) => l.startsWith(heading) && /\d+$/.test(l) && l.slice(heading.length).trim().match(/^\d+$/));
      expect(entry, heading).toBeDefined();
      const listed = Number(/(\d+)$/.exec(entry!)![1]);
      const actual = pages.findIndex((lines, i) => i > tocPage && lines.includes(heading)) + 1;
      expect(listed, heading).toBe(actual);
    }
  });

  it('keeps Dutch, Greek and Polish names as text', () => {
    const all = pages.flat().join('\n');
    for (const name of ['Zoë IJzerman', 'Ingrid van IJsselstein', 'Γιώργος Παπαδόπουλος', 'Εθνική Αρχή Κυβερνοασφάλειας', 'Łukasz Żółkiewski', 'Ángel Ávila']) {
      expect(all).toContain(name);
    }
  });
});
