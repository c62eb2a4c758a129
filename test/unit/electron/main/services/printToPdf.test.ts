import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomically } from '../../../../../electron/main/services/atomicWrite';
import { checkRenderedPdf, pdfFilters, printToPdf, REPORT_PDF_OPTIONS, type PrintToPdfPorts } from '../../../../../electron/main/services/printToPdf';
import { ok } from '../../../../../shared/ipc/result';

const PDF = new TextEncoder().encode('%PDF-1.7\n%fake report\n%%EOF\n');
const REQUEST = { suggestedName: 'EXERCISE-blue-harbour-sitrep-2-operational-20251103-1300.pdf' };

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'print-to-pdf-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function ports(overrides: Partial<PrintToPdfPorts> = {}) {
  return {
    chooseTarget: vi.fn<PrintToPdfPorts['chooseTarget']>(() => Promise.resolve(join(folder, 'report.pdf'))),
    render: vi.fn<PrintToPdfPorts['render']>(() => Promise.resolve(PDF)),
    write: vi.fn<PrintToPdfPorts['write']>((path, bytes) => writeFileAtomically(path, bytes)),
    ...overrides,
  };
}

const quiet = () => ({ warn: vi.fn() });

describe('printToPdf', () => {
  it('asks where to save, renders with the report options, and writes the PDF there', async () => {
    const p = ports();
    const result = await printToPdf(REQUEST, 'nl', p, quiet());
    expect(result).toEqual(ok({ location: join(folder, 'report.pdf') }));
    expect(p.chooseTarget).toHaveBeenCalledWith({ title: 'Het rapport als pdf opslaan', suggestedName: REQUEST.suggestedName, filters: pdfFilters('nl') });
    expect(p.render).toHaveBeenCalledWith(REPORT_PDF_OPTIONS);
    expect(new Uint8Array(await readFile(join(folder, 'report.pdf')))).toEqual(PDF);
    // Atomic: no temporary file left beside it.
    expect(await readdir(folder)).toEqual(['report.pdf']);
  });

  it('renders nothing when the dialog is cancelled', async () => {
    const p = ports({ chooseTarget: vi.fn(() => Promise.resolve(null)) });
    expect(await printToPdf(REQUEST, 'en', p, quiet())).toEqual(ok(null));
    expect(p.render).not.toHaveBeenCalled();
    expect(p.write).not.toHaveBeenCalled();
  });

  it('refuses to write what is not a PDF', async () => {
    const p = ports({ render: vi.fn(() => Promise.resolve(new TextEncoder().encode('<html>'))) });
    const result = await printToPdf(REQUEST, 'en', p, quiet());
    expect(!result.ok && result.error.code).toBe('internal');
    expect(p.write).not.toHaveBeenCalled();
  });

  it('reports a failed write as file-write-failed and logs it', async () => {
    const logger = quiet();
    const p = ports({ write: vi.fn(() => Promise.reject(new Error('EROFS: read-only file system'))) });
    const result = await printToPdf(REQUEST, 'en', p, logger);
    expect(result).toEqual({ ok: false, error: { code: 'file-write-failed', detail: 'EROFS: read-only file system' } });
    expect(logger.warn).toHaveBeenCalled();
  });

  it('prints A4 as the report stylesheet lays it out, without Chromium’s own header and footer', () => {
    expect(REPORT_PDF_OPTIONS).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true, displayHeaderFooter: false });
    expect(pdfFilters('en')).toEqual([
      { name: 'Report (PDF)', extensions: ['pdf'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('checks the rendered bytes', () => {
    expect(checkRenderedPdf(PDF).ok).toBe(true);
    expect(checkRenderedPdf(new Uint8Array()).ok).toBe(false);
  });
});
