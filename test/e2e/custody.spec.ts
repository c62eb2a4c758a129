/**
 * Chain of custody and TLP:RED between two installations: Alpha sends a bundle with a RED incident
 * chosen for Bravo only, hands it to a named courier and records that in its logbook; Bravo
 * imports it, records the arrival in its own logbook and saves a signed receipt; the receipt
 * travels back and Alpha's exchange log and logbook show it. A replayed receipt changes nothing;
 * a tampered one is refused with its reason.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, navLink, screenshotPath, test } from './fixtures';
import { createIdentity, keepDownload, openBundleFile, trustPeer, withTwoInstallations } from './installations';

const BLUE_HARBOUR = 'BLUE HARBOUR — ransomware at port logistics operators';
const RED_INCIDENT = 'Cable landing station sabotage';
const COURIER = 'Lt. Carla Courier';

async function openRedIncident(page: Page) {
  await navLink(page, 'Incident log').click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title').fill(RED_INCIDENT);
  await dialog.getByLabel('TLP label').selectOption('RED');
  await dialog.getByRole('button', { name: 'Open incident' }).click();
  await expect(page.getByRole('heading', { level: 2, name: RED_INCIDENT })).toBeVisible();
}

async function logbookOf(page: Page, title: string) {
  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: new RegExp(title.slice(0, 20)) }).click();
  return page.getByRole('list', { name: 'Log entries, oldest first' });
}

test('a RED record goes only to the recipient chosen for it; the courier, the arrival and the returned receipt are in both logbooks', async ({ browser }) => {
  test.setTimeout(120_000);
  await withTwoInstallations(
    browser,
    [
      { organisation: 'Alpha Crisis Centre', person: 'Ada Alpha' },
      { organisation: 'Bravo CSIRT', person: 'Bo Bravo' },
    ],
    async (a, b) => {
      const { card: cardA } = await createIdentity(a);
      const { card: cardB } = await createIdentity(b);
      await trustPeer(a, cardB, 'Bravo CSIRT');
      await trustPeer(b, cardA, 'Alpha Crisis Centre');
      await openRedIncident(a);

      // Export: the RED incident stays home until it is chosen for Bravo.
      await navLink(a, 'Exchange').click();
      await a.getByRole('button', { name: 'Export bundle…' }).click();
      const exportDialog = a.getByRole('dialog', { name: 'Export bundle…' });
      const red = exportDialog.getByRole('group', { name: 'TLP:RED records' });
      await expect(red.getByLabel(new RegExp(RED_INCIDENT))).toBeDisabled();
      await expect(red).toContainText('Choose recipients and keep encryption on');
      await exportDialog.getByLabel(/Bravo CSIRT/).check();
      await expect(exportDialog.getByText(/RED content leaves only to recipients chosen for that record/)).toBeVisible();
      // The incident and its first logbook entry (opening it) are both RED: each is chosen on its own.
      await red.getByLabel(new RegExp(RED_INCIDENT)).check();
      await expect(exportDialog.getByText(/1 record stays here: RED content leaves only to recipients chosen/)).toBeVisible();
      await red.getByLabel(/Incident opened at escalation level/).check();
      await expect(exportDialog.getByText(/RED content leaves only to recipients chosen/)).toHaveCount(0);
      await expect(exportDialog.locator('.export-summary')).toContainText('RED');
      await exportDialog.getByLabel('Carried by (courier or liaison officer)').fill(COURIER);
      await exportDialog.getByLabel('Record the hand-over in the logbook of').selectOption({ label: BLUE_HARBOUR });
      await a.screenshot({ path: screenshotPath('bundle-export-red-custody-en'), fullPage: true });
      const download = a.waitForEvent('download');
      await exportDialog.getByRole('button', { name: 'Sign and save' }).click();
      const bundle = await keepDownload(await download);
      const fingerprint = (await a.getByRole('table', { name: 'Exchange log' }).getByRole('row', { name: /Sent/ }).locator('td.mono').innerText()).trim();
      expect(fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      await expect(a.getByRole('table', { name: 'Exchange log' }).getByRole('row', { name: /Sent/ })).toContainText('No receipt yet');
      await expect(await logbookOf(a, BLUE_HARBOUR)).toContainText(`Bundle ${fingerprint}`);
      await expect(await logbookOf(a, BLUE_HARBOUR)).toContainText(`for Bravo CSIRT handed over to ${COURIER}`);

      // Bravo imports, records the arrival and who brought it, and saves the receipt.
      await openBundleFile(b, bundle);
      const preview = b.getByRole('dialog', { name: 'Import this bundle?' });
      await expect(preview).toContainText('RED');
      await preview.getByLabel('Brought by (courier or liaison officer)').fill(COURIER);
      await preview.getByLabel('Record the arrival in the logbook of').selectOption({ label: BLUE_HARBOUR });
      await preview.getByRole('button', { name: 'Import all' }).click();
      const done = b.getByRole('dialog', { name: 'Bundle imported' });
      await expect(done).toContainText('tells Alpha Crisis Centre that the bundle arrived intact');
      const receiptDownload = b.waitForEvent('download');
      await done.getByRole('button', { name: 'Save receipt…' }).click();
      const receiptFile = await receiptDownload;
      expect(receiptFile.suggestedFilename()).toBe(`EXERCISE-receipt-Alpha-Crisis-Centre-${fingerprint}.cwr`);
      const receipt = await keepDownload(receiptFile);
      await done.locator('.button-row').getByRole('button', { name: 'Close' }).click();
      await expect(await logbookOf(b, BLUE_HARBOUR)).toContainText(`Bundle ${fingerprint} from Alpha Crisis Centre (no. 1) received, brought by ${COURIER}`);
      await navLink(b, 'Incident log').click();
      await expect(b.getByRole('link', { name: new RegExp(RED_INCIDENT) })).toBeVisible();

      // The receipt comes back: Alpha's exchange log and logbook record it.
      await openBundleFile(a, receipt);
      await expect(a.getByText(`Receipt from Bravo CSIRT recorded for bundle ${fingerprint}.`)).toBeVisible();
      const logA = a.getByRole('table', { name: 'Exchange log' });
      await expect(logA.getByRole('row', { name: /Receipt/ }).first()).toContainText(`carried by ${COURIER}`);
      await expect(logA.getByRole('row', { name: /Sent/ })).toContainText('Receipt from Bravo CSIRT');
      await a.screenshot({ path: screenshotPath('exchange-log-receipt-en'), fullPage: true });
      await expect(await logbookOf(a, BLUE_HARBOUR)).toContainText(`Signed receipt from Bravo CSIRT: bundle ${fingerprint} received there`);

      // The same receipt again changes nothing; a changed one is refused.
      await openBundleFile(a, receipt);
      await expect(a.getByText('This receipt from Bravo CSIRT was recorded before: nothing changed.')).toBeVisible();
      const bytes = readFileSync(receipt);
      const at = bytes.indexOf('"applied":') + 10;
      bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
      const tampered = receipt.replace(/\.cwr$/, '-tampered.cwr');
      writeFileSync(tampered, bytes);
      await openBundleFile(a, tampered);
      const refused = a.getByRole('dialog', { name: 'Receipt refused' });
      await expect(refused.getByRole('alert')).toContainText('changed after it was signed');
      await refused.locator('.button-row').getByRole('button', { name: 'Close' }).click();
      await expect(logA.getByRole('row', { name: /Receipt refused/ })).toHaveCount(1);
    },
  );
});
