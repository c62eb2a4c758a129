/**
 * Contact import and export end to end: a vCard 3.0 file from an address book previewed and
 * imported, a malformed file refused with its line and nothing imported, an Outlook CSV with
 * semicolons mapped and imported, and an export whose TLP must be confirmed, read back.
 * The buttons live in the contacts screen's header (<ContactInteropActions />).
 */
import { readFileSync } from 'node:fs';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

const fixture = (name: string) => new URL(`../fixtures/contacts/${name}`, import.meta.url).pathname;

test('a vCard file is previewed, imported in one go, and a malformed one is refused with its line', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Contacts').click();

  // A malformed file: refused, naming the line, nothing imported.
  await page.getByRole('button', { name: 'Import contacts…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  let chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(fixture('malformed-end-missing.vcf'));
  await expect(dialog.getByRole('alert')).toContainText('line 6: END:VCARD missing for the card that begins here');
  await expect(dialog.getByRole('alert')).toContainText('Nothing was imported.');
  await page.screenshot({ path: screenshotPath('contact-import-malformed'), fullPage: true });

  // An Apple Contacts vCard 3.0 file with Greek and Polish contacts.
  chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(fixture('apple-3.0.vcf'));
  const preview = dialog.getByRole('table', { name: 'Contacts in the file' });
  await expect(preview.getByRole('row')).toHaveCount(3);
  await expect(preview.getByRole('row', { name: /Γιώργος Παπαδόπουλος/ })).toContainText('New');
  await expect(preview.getByRole('row', { name: /CERT Polska/ })).toContainText('New');
  await expect(dialog.getByText('2 new')).toBeVisible();
  await page.screenshot({ path: screenshotPath('contact-import-preview'), fullPage: true });
  // Untick one: only the other is imported.
  await preview.getByRole('checkbox', { name: 'Import CERT Polska' }).uncheck();
  await dialog.getByRole('button', { name: 'Import 1 contact' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Contacts imported from apple-3.0.vcf: 1 added, 0 updated.' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Γιώργος Παπαδόπουλος/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /CERT Polska/ })).toHaveCount(0);

  // The same file again: Γιώργος is a duplicate now, CERT Polska still new.
  await page.getByRole('button', { name: 'Import contacts…' }).click();
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('dialog', { name: 'Import contacts' }).getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(fixture('apple-3.0.vcf'));
  const again = page.getByRole('dialog', { name: 'Import contacts' }).getByRole('table', { name: 'Contacts in the file' });
  await expect(again.getByRole('row', { name: /Γιώργος Παπαδόπουλος/ })).toContainText('Duplicate');
  await expect(again.getByRole('row', { name: /Γιώργος Παπαδόπουλος/ })).toContainText('Same name as Γιώργος Παπαδόπουλος');
  await page.getByRole('dialog', { name: 'Import contacts' }).getByRole('button', { name: 'Import 1 contact' }).click();
  await expect(page.getByRole('link', { name: /CERT Polska/ })).toBeVisible();
  await page.getByRole('link', { name: /Γιώργος Παπαδόπουλος/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Γιώργος Παπαδόπουλος' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('contact-imported'), fullPage: true });
});

test('an Outlook CSV with semicolons is mapped and imported, and an export asks to confirm its TLP', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Contacts').click();
  await page.getByRole('button', { name: 'Import contacts…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  // Outlook records no TLP label: these contacts get the one chosen here (AMBER by default).
  await expect(dialog.getByLabel('TLP')).toHaveValue('AMBER');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(fixture('outlook-semicolon-windows1252.csv'));
  await expect(dialog.getByText('Separator: semicolon; text: Windows-1252.')).toBeVisible();
  await expect(dialog.getByLabel('Import column E-mail Address as')).toHaveValue('channel:email');
  await expect(dialog.getByLabel('Import column First Name as')).toHaveValue('field:givenName');
  // The notes column is left out on purpose.
  await dialog.getByLabel('Import column Notes as').selectOption('ignore');
  await page.screenshot({ path: screenshotPath('contact-import-mapping'), fullPage: true });
  await dialog.getByRole('button', { name: 'Show what will be imported' }).click();
  await expect(dialog.getByText('3 new')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import 3 contacts' }).click();
  await expect(page.getByRole('link', { name: /Zoë de Vries/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /François Dupont/ })).toBeVisible();

  // Export: the contacts are AMBER, so the file must be confirmed as AMBER before it is written.
  await page.getByRole('button', { name: 'Export contacts…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export contacts' });
  await expect(exportDialog.getByText('The file will hold 3 contacts. Highest label:')).toBeVisible();
  await expect(exportDialog.locator('.export-summary')).toContainText('TLP:AMBER');
  const submit = exportDialog.getByRole('button', { name: 'Export', exact: true });
  await expect(submit).toBeDisabled();
  await exportDialog.getByRole('checkbox', { name: /I will handle this file as TLP:AMBER/ }).check();
  await page.screenshot({ path: screenshotPath('contact-export'), fullPage: true });
  const download = page.waitForEvent('download');
  await submit.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text).toContain('FN:Zoë de Vries');
  expect(text).toContain('X-CRISIS-TLP:AMBER');
  expect(text.match(/BEGIN:VCARD/g)).toHaveLength(3);
  await expect(page.getByRole('status').filter({ hasText: '3 contacts exported to' })).toBeVisible();
});

test('in Dutch, a Google Contacts CSV shows its unreadable row by number and column, and the rest imports', async ({ page }) => {
  await completeSetup(page, { startIn: 'real', language: 'nl' });
  await navLink(page, 'Contacten').click();
  await page.getByRole('button', { name: 'Contacten importeren…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Contacten importeren' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Bestand kiezen…' }).click();
  await (await chooser).setFiles(fixture('google-contacts.csv'));
  await expect(dialog.getByText('Scheidingsteken: komma; tekst: UTF-8.')).toBeVisible();
  await expect(dialog.getByLabel('Kolom Phone 1 - Value importeren als')).toHaveValue('typed:phone');
  await dialog.getByRole('button', { name: 'Tonen wat wordt geïmporteerd' }).click();
  await expect(dialog.getByText('3 nieuw')).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: "rij 5: kolom 'E-mail 1 - Value' is geen e-mailadres: ‘bram at example.nl’" })).toBeVisible();
  await page.screenshot({ path: screenshotPath('contact-import-preview-nl'), fullPage: true });
  await dialog.getByRole('button', { name: '3 contacten importeren' }).click();
  await expect(page.getByRole('link', { name: /Małgorzata Grzegorczyk-Łęcka/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Ĳsbrand van der Berg/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Bram Jansen/ })).toHaveCount(0);
});
