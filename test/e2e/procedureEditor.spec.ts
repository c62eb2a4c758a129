/**
 * The procedure editor: a new national procedure is written with live checks and a live chart,
 * saved with a note as version 1; a built-in procedure copied as a national one, edited, compared
 * across versions and exported from the procedure's toolbar.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

test('a new national procedure is written in the editor with live checks and saved as version 1', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Procedures').click();
  await page.getByRole('button', { name: 'New procedure' }).click();
  const editor = page.getByRole('dialog', { name: 'New national procedure' });
  await expect(editor.getByTestId('procedure-issues')).toContainText('the procedure needs a title in at least one language');
  await expect(editor.getByRole('button', { name: 'Save…' })).toBeDisabled();

  await editor.getByTestId('pe-title-en').fill('National escalation "Delta"');
  await editor.getByTestId('pe-title-nl').fill('Nationale opschaling "Delta"');
  await expect(editor.getByText('No problems found.')).toBeVisible();

  // A decision without outcomes is an error, named with its path.
  await editor.getByRole('button', { name: 'Add step' }).click();
  await editor.getByTestId('pe-step-2').getByLabel('Kind').selectOption('decision');
  await expect(editor.getByTestId('procedure-issues')).toContainText("steps[2].outcomes: the decision 'step-3' needs at least two outcomes");
  await editor.getByTestId('pe-step-2').getByLabel('Kind').selectOption('task');
  await editor.getByTestId('pe-step-2-title-en').fill('Assess the impact');
  await expect(editor.getByTestId('procedure-issues')).toContainText("step 'step-3' cannot be reached from a start step");
  await expect(editor.getByTestId('procedure-preview').locator('svg')).toBeVisible();
  await page.screenshot({ path: screenshotPath('procedure-editor-en'), fullPage: true });

  await editor.getByRole('button', { name: 'Save…' }).click();
  await editor.getByTestId('pe-note').fill('First draft');
  await editor.getByRole('button', { name: 'Save version' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('link', { name: /National escalation "Delta"/ })).toBeVisible();
});

test('a built-in procedure is copied as a national one, edited, saved as version 2, compared with version 1, and exported as SVG and PDF', async ({ page }) => {
  test.setTimeout(120_000);
  // The print dialog cannot be driven headless: count the calls, and print with page.pdf() below.
  await page.addInitScript(() => {
    const w = window as unknown as { printCalls: number; print: () => void };
    w.printCalls = 0;
    w.print = () => {
      w.printCalls += 1;
    };
  });
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Procedures').click();
  const builtin = page.locator('.list-group').filter({ has: page.getByRole('heading', { name: 'EU procedures' }) }).locator('.record-link').filter({ hasText: 'Detection and escalation' });
  await builtin.click();

  // Built-in procedures are read-only: the toolbar offers a copy instead of editing.
  const toolbar = page.getByRole('toolbar', { name: 'Procedure actions' });
  await expect(toolbar.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await toolbar.getByRole('button', { name: 'Copy as national procedure' }).click();
  const national = page.locator('.list-group').filter({ has: page.getByRole('heading', { name: 'National procedures' }) });
  await expect(national.locator('.record-link').filter({ hasText: 'Detection and escalation' })).toBeVisible();
  await expect(national.locator('.record-link').filter({ hasText: 'Detection and escalation' })).toHaveAttribute('aria-current', /page|true/);

  // Edit one step's English title and save it as version 2 with a note.
  await toolbar.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit procedure (becomes version 2)' });
  const stepTitle = editor.getByTestId('pe-step-1-title-en');
  const before = await stepTitle.inputValue();
  expect(before.length).toBeGreaterThan(0);
  await stepTitle.fill('Analyse the incident and log the first assessment');
  await expect(editor.getByText('No problems found.')).toBeVisible();
  await editor.getByRole('button', { name: 'Save…' }).click();
  await editor.getByTestId('pe-note').fill('First assessment goes to the logbook');
  await editor.getByRole('button', { name: 'Save version' }).click();
  await expect(editor).toBeHidden();

  // Both versions are kept; the comparison names the one changed step, before and after.
  await toolbar.getByRole('button', { name: 'Versions' }).click();
  const versions = page.getByRole('dialog', { name: /^Versions of Detection and escalation/ });
  await expect(versions.getByRole('table', { name: 'Saved versions; choose two to compare.' }).getByRole('row')).toHaveCount(3);
  await expect(versions).toContainText('First assessment goes to the logbook');
  const diff = versions.getByTestId('procedure-diff');
  await expect(diff.getByRole('heading', { name: 'Changes from version 1 to version 2' })).toBeVisible();
  await expect(diff).toContainText('0 added, 0 removed, 1 changed.');
  await expect(diff).toContainText(before);
  await expect(diff).toContainText('Analyse the incident and log the first assessment');
  await page.screenshot({ path: screenshotPath('procedure-versions-compared'), fullPage: true });
  await versions.getByRole('button', { name: 'Close' }).last().click();

  // SVG: a well-formed drawing with the lanes, the edited step, the version and the TLP marking.
  await toolbar.getByText('Export').click();
  const svgDownload = page.waitForEvent('download');
  await toolbar.getByRole('button', { name: 'Chart as SVG' }).click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toMatch(/\.svg$/);
  const svg = readFileSync(await svgFile.path(), 'utf8');
  const parseErrors: string[] = [];
  const parsed = new DOMParser({ errorHandler: { warning: () => undefined, error: (m: string) => parseErrors.push(m), fatalError: (m: string) => parseErrors.push(m) } }).parseFromString(svg, 'image/svg+xml');
  expect(parseErrors).toEqual([]);
  expect(parsed.documentElement?.nodeName).toBe('svg');
  // Long labels are wrapped over several <tspan> lines: read the drawing's text as a reader would.
  const drawnText = Array.from(parsed.getElementsByTagName('text'))
    .flatMap((node) => {
      const spans = Array.from(node.getElementsByTagName('tspan'));
      return spans.length > 0 ? spans.map((span) => span.textContent ?? '') : [node.textContent ?? ''];
    })
    .join(' ')
    .replace(/\s+/g, ' ');
  for (const text of ['Analyse the incident and log the first assessment', 'Version 2', 'TLP:CLEAR', 'EU-CyCLONe', 'CSIRTs network']) expect(drawnText).toContain(text);

  // PDF: the print layout with its title block, version and TLP marking on the page.
  await toolbar.getByText('Export').click();
  await toolbar.getByRole('button', { name: 'PDF (print layout)' }).click();
  const print = page.getByTestId('procedure-print');
  await expect(print).toBeAttached();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: screenshotPath('procedure-print-national'), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // poppler-utils is installed by .ci/run: the PDF's text is checked, not assumed.
  const pdfPath = join(mkdtempSync(join(tmpdir(), 'procedure-')), 'procedure.pdf');
  writeFileSync(pdfPath, pdf);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('TLP:CLEAR');
  expect(text).toContain('Version 2');
  expect(text).toContain('Analyse the incident and log the first assessment');
});
