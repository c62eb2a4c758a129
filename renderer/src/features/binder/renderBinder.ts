/**
 * Renders a crisis binder (a `BinderDocument` from shared/binder) into PDF bytes with pdfmake.
 *
 * The library and its fonts (Roboto: Latin, Greek and Cyrillic, so Dutch, Greek and Polish names
 * print as written) are loaded on first use with a dynamic import, so they stay out of the main
 * bundle; the same code runs in the web build, the desktop app, the binder worker and under Node
 * in the tests. pdfmake never fetches anything: every URL and local path is refused, so a value in
 * the data cannot make the renderer reach out.
 */
import type PdfMakeLibrary from 'pdfmake/build/pdfmake.js';
import type { BinderDocument } from '../../../../shared/binder/binderDocument';
import { BINDER_TABLE_LAYOUTS, binderPdfDefinition } from '../../../../shared/binder/binderPdf';

type PdfMake = typeof PdfMakeLibrary;

let loading: Promise<PdfMake> | null = null;

/** pdfmake with the Roboto fonts, loaded once. */
function loadPdfMake(): Promise<PdfMake> {
  loading ??= (async () => {
    const [lib, fonts] = await Promise.all([import('pdfmake/build/pdfmake.js'), import('pdfmake/build/vfs_fonts.js')]);
    const pdfMake = lib.default;
    pdfMake.addVirtualFileSystem(fonts.default);
    pdfMake.setUrlAccessPolicy(() => false);
    pdfMake.localAccessPolicy = () => false;
    pdfMake.addTableLayouts(BINDER_TABLE_LAYOUTS);
    return pdfMake;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * The binder as PDF bytes. `onProgress` receives the share of pages laid out (0–1); pdfmake lays
 * out synchronously, so the dialog renders in a worker (binder.worker.ts) to stay responsive.
 */
export async function renderBinder(document: BinderDocument, onProgress?: (share: number) => void): Promise<Uint8Array> {
  const pdfMake = await loadPdfMake();
  // createPdf takes the table layouts and the progress callback from the instance, not its options.
  pdfMake.setProgressCallback(onProgress);
  try {
    const bytes = await pdfMake.createPdf(binderPdfDefinition(document)).getBuffer();
    // pdfmake hands back a Buffer (Node's, or its polyfill in the browser): copy into a plain array.
    return new Uint8Array(bytes);
  } finally {
    pdfMake.setProgressCallback(undefined);
  }
}
