/**
 * PURE (Electron types only): `report:printToPdf` — the desktop app's "Save as PDF" for reports.
 * The calling window is rendered with Chromium's printToPDF, so the report's print stylesheet
 * applies exactly as on paper (A4 from the CSS `@page` rule, TLP label in the running header and
 * footer of every page), then saved atomically where the user chooses. The Electron calls arrive
 * as ports from `registerIpc.ts` (glue), so the order of steps and the checks run under Vitest.
 *
 * Order: the save dialog first — a cancelled dialog costs no rendering — then the rendering, then
 * the write. The chosen path is used as it is: adding ".pdf" behind the user's back could
 * overwrite a file the overwrite confirmation never asked about.
 */
import type { FileFilter, PrintToPDFOptions } from 'electron';
import type { Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';
import { MAX_FILE_BYTES, type PrintToPdfRequest, type SavedFile } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { Logger } from '../log';

/**
 * `preferCSSPageSize`: the report's `@page` rule sets A4 and its margins (the page box must leave
 * room for the running header and footer). Tagged PDF and an outline from the headings make the
 * file usable with a screen reader and navigable; both are marked experimental by Electron and
 * only add structure.
 */
export const REPORT_PDF_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
  generateTaggedPDF: true,
  generateDocumentOutline: true,
};

export interface PrintToPdfPorts {
  /** Ask where to save (a native save dialog); the chosen path, or null when cancelled. */
  chooseTarget(options: { title: string; suggestedName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Render the calling window to PDF with the given options. */
  render(options: PrintToPDFOptions): Promise<Uint8Array>;
  /** Write the bytes so that the file is whole or untouched (atomic write). */
  write(path: string, bytes: Uint8Array): Promise<void>;
}

export function pdfFilters(language: Language): FileFilter[] {
  return [
    { name: translate(language, 'reports.filterPdf'), extensions: ['pdf'] },
    { name: translate(language, 'menu.filterAll'), extensions: ['*'] },
  ];
}

/** What Chromium returns is checked before it is written: a PDF, and not absurdly large. */
export function checkRenderedPdf(bytes: Uint8Array): Result<Uint8Array> {
  const magic = String.fromCharCode(...bytes.subarray(0, 5));
  if (magic !== '%PDF-') return err('internal', 'printToPDF did not return a PDF');
  if (bytes.byteLength > MAX_FILE_BYTES) return err('file-too-large', `${bytes.byteLength} bytes`);
  return ok(bytes);
}

export async function printToPdf(
  request: PrintToPdfRequest,
  language: Language,
  ports: PrintToPdfPorts,
  logger: Pick<Logger, 'warn'>,
): Promise<Result<SavedFile | null>> {
  const target = await ports.chooseTarget({ title: translate(language, 'reports.savePdfTitle'), suggestedName: request.suggestedName, filters: pdfFilters(language) });
  if (target === null) return ok(null);
  const rendered = checkRenderedPdf(await ports.render(REPORT_PDF_OPTIONS));
  if (!rendered.ok) return rendered;
  try {
    await ports.write(target, rendered.value);
  } catch (error) {
    logger.warn('saving a report PDF failed', error);
    return err('file-write-failed', error instanceof Error ? error.message : String(error));
  }
  return ok({ location: target });
}
