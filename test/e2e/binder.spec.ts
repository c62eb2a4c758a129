/**
 * The crisis binder (issue 10, paper): from the Procedures screen, choose two procedures and the
 * directory, make the PDF, and read it back with pdf.js: it is a PDF, its contents lists what was
 * chosen, and every page carries the TLP label and "page X of Y". Screenshots of the dialog (en, nl)
 * go to docs/screenshots.
 */
import { readFile } from 'node:fs/promises';
import { pdfLines } from '../unit/shared/binder/pdfText';
import { completeSetup, expect, navLink, test } from './fixtures';

test('a crisis binder with two procedures and the directory downloads as one PDF with contents and TLP on every page', async ({ page }) => {
  test.setTimeout(120_000);
  await completeSetup(page);
  await navLink(page, 'Procedures').click();
  await page.getByRole('button', { name: 'Crisis binder' }).click();
  const dialog = page.getByRole('dialog', { name: 'Crisis binder' });
  await expect(dialog).toBeVisible();

  await dialog.getByRole('button', { name: 'None', exact: true }).click();
  const procedures = dialog.getByRole('group', { name: 'Procedures' }).getByRole('checkbox');
  await expect(procedures.first()).toBeVisible();
  const chosen = [(await procedures.nth(0).locator('xpath=..').innerText()).split(' · ')[0]!.trim(), (await procedures.nth(1).locator('xpath=..').innerText()).split(' · ')[0]!.trim()];
  await procedures.nth(0).check();
  await procedures.nth(1).check();
  await expect(dialog.getByText(/^2 of \d+ chosen$/)).toBeVisible();
  await dialog.getByRole('checkbox', { name: /^Call trees/ }).uncheck();
  await dialog.getByRole('checkbox', { name: /^Wallet cards/ }).uncheck();
  await expect(dialog.getByRole('checkbox', { name: /^Contact directory/ })).toBeChecked();
  // The label follows the content; a lower one needs a confirmation before the PDF can be made.
  const label = dialog.getByLabel('TLP label', { exact: true });
  const contentTlp = await label.inputValue();
  await page.screenshot({ path: 'docs/screenshots/binder-dialog-en.png' });
  if (contentTlp !== 'CLEAR') {
    await label.selectOption('CLEAR');
    await expect(dialog.getByRole('button', { name: 'Make the PDF' })).toBeDisabled();
    await label.selectOption(contentTlp);
  }
  await expect(dialog.getByRole('button', { name: 'Make the PDF' })).toBeEnabled();

  // The pages are laid out in a worker, so the dialog (and its progress line) stays responsive.
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await dialog.getByRole('button', { name: 'Make the PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^crisis-binder-exercise-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = new Uint8Array(await readFile(await file.path()));
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(/Crisis binder saved as/)).toBeVisible();
  expect(workers.some((url) => url.includes('binder.worker'))).toBe(true);

  const pages = await pdfLines(bytes);
  expect(pages.length).toBeGreaterThan(4);
  const toc = pages[1]!;
  expect(toc).toContain('Contents');
  for (const title of chosen) expect(toc.some((line) => line.startsWith(title)), title).toBe(true);
  expect(toc.some((line) => /^Contact directory \d+$/.test(line))).toBe(true);
  expect(toc.some((line) => line.startsWith('Call trees'))).toBe(false);
  pages.forEach((lines, i) => {
    const text = lines.join('\n');
    expect(text, `page ${i + 1}`).toContain(`TLP:${contentTlp}`);
    expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text, `page ${i + 1}`).toContain('EXERCISE');
  });
});

test('the crisis binder dialog in Dutch, opened from the command palette', async ({ page }) => {
  test.setTimeout(150_000);
  await completeSetup(page, { language: 'nl' });
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog').filter({ has: page.getByRole('combobox') });
  await palette.getByRole('combobox').fill('>crisismap');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Crisismap' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: /^Contactgids/ })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Pdf maken' })).toBeEnabled();
  await page.screenshot({ path: 'docs/screenshots/binder-dialog-nl.png' });
  // Nothing chosen: the dialog refuses with a reason instead of making an empty PDF.
  await dialog.getByRole('button', { name: 'Geen', exact: true }).click();
  for (const name of [/^Belbomen/, /^Zakkaarten/, /^Contactgids/]) await dialog.getByRole('checkbox', { name }).uncheck();
  await dialog.getByRole('button', { name: 'Pdf maken' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/Niets om af te drukken/);

  // Everything: the dialog shows its progress and stays responsive while the binder is made.
  await dialog.getByRole('button', { name: 'Alle', exact: true }).click();
  for (const name of [/^Belbomen/, /^Zakkaarten/, /^Contactgids/]) await dialog.getByRole('checkbox', { name }).check();
  const download = page.waitForEvent('download', { timeout: 110_000 });
  await dialog.getByRole('button', { name: 'Pdf maken' }).click();
  const status = dialog.getByRole('status');
  await expect(status).toContainText(/Schema's tekenen|Pagina's/);
  await expect(dialog.getByRole('checkbox', { name: /^Contactgids/ })).toBeDisabled();
  await expect(status).toContainText(/Pagina's/, { timeout: 60_000 });
  await page.screenshot({ path: 'docs/screenshots/binder-progress-nl.png' });
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^crisis-binder-exercise-.*\.pdf$/);
  await expect(page.getByText(/Crisismap opgeslagen als/)).toBeVisible();
});
