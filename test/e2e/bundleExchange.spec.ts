/**
 * Two installations exchange signed, encrypted bundles crosswise: identity cards are swapped and
 * verified, each writes in the exercise incident, exports for the other, and imports the other's
 * bundle; both then show the same log. Concurrent edits of the same field show as a conflict in
 * the preview; a replayed bundle changes nothing; an altered one is refused with its reason.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, navLink, screenshotPath, test } from './fixtures';
import { createIdentity, openBundleFile, trustPeer, withTwoInstallations } from './installations';

const INSTALLATIONS = [
  { organisation: 'Alpha Crisis Centre', person: 'Ada Alpha' },
  { organisation: 'Bravo CSIRT', person: 'Bo Bravo' },
] as const;

async function writeEntry(page: Page, text: string) {
  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  await page.getByLabel('Entry', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Record entry' }).click();
  await expect(page.getByRole('list', { name: 'Log entries, oldest first' })).toContainText(text);
}

async function renameContact(page: Page, from: RegExp, to: string) {
  await navLink(page, 'Contacts').click();
  await page.getByRole('link', { name: from }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(to);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 2, name: to })).toBeVisible();
}

async function exportFor(page: Page, organisation: string): Promise<string> {
  await navLink(page, 'Exchange').click();
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export bundle…' });
  await dialog.getByLabel(new RegExp(organisation)).check();
  await dialog.getByLabel('Record the hand-over in the logbook of').selectOption({ label: '— no logbook entry —' });
  await expect(dialog.getByText(/The bundle will hold \d+ changes/)).toBeVisible();
  await page.screenshot({ path: screenshotPath('bundle-export-en'), fullPage: true });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Sign and save' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^EXERCISE-.*\.cwb$/);
  const path = join(tmpdir(), `${Date.now()}-${file.suggestedFilename()}`);
  writeFileSync(path, readFileSync(await file.path()));
  return path;
}

/**
 * Import the previewed bundle and close the "imported" dialog. These journeys compare logbooks
 * across installations, so no arrival entry is written (custody.spec.ts covers those).
 */
async function importAll(page: Page) {
  const preview = page.getByRole('dialog', { name: 'Import this bundle?' });
  await preview.getByLabel('Record the arrival in the logbook of').selectOption({ label: '— no logbook entry —' });
  await preview.getByRole('button', { name: 'Import all' }).click();
  await page.getByRole('dialog', { name: 'Bundle imported' }).locator('.button-row').getByRole('button', { name: 'Close' }).click();
}

test('two installations exchange bundles crosswise and converge', async ({ browser }) => {
  test.setTimeout(120_000);
  await withTwoInstallations(browser, INSTALLATIONS, async (a, b) => {
    const { card: cardA } = await createIdentity(a);
    const { card: cardB } = await createIdentity(b);
    await trustPeer(a, cardB, 'Bravo CSIRT');
    await trustPeer(b, cardA, 'Alpha Crisis Centre');

    await writeEntry(a, 'Alpha: port authority confirms the ransom note.');
    await writeEntry(b, 'Bravo: indicators shared with the CSIRTs network.');
    // The same field edited on both sides without either seeing the other: a conflict.
    await renameContact(a, /Alex Example/, 'Alex Example (Alpha)');
    await renameContact(b, /Alex Example/, 'Alex Example (Bravo)');

    const fromA = await exportFor(a, 'Bravo CSIRT');
    const fromB = await exportFor(b, 'Alpha Crisis Centre');

    await openBundleFile(b, fromA);
    const previewB = b.getByRole('dialog', { name: 'Import this bundle?' });
    await expect(previewB).toContainText('Alpha Crisis Centre');
    await expect(previewB.getByRole('row', { name: /Log entries/ })).toContainText('1');
    await expect(previewB.getByRole('row', { name: /Contacts/ }).locator('td').nth(3)).toHaveText('1');
    await b.screenshot({ path: screenshotPath('bundle-import-preview-en'), fullPage: true });
    await importAll(b);

    await openBundleFile(a, fromB);
    await importAll(a);

    // Both logbooks now hold both entries, in the same order.
    for (const page of [a, b]) {
      await navLink(page, 'Incident log').click();
      await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
      const log = page.getByRole('list', { name: 'Log entries, oldest first' });
      await expect(log).toContainText('Alpha: port authority confirms the ransom note.');
      await expect(log).toContainText('Bravo: indicators shared with the CSIRTs network.');
    }
    // Read once both timelines have resolved what their entries link to (procedure steps, etc.).
    const timeline = async (page: Page) => (await page.getByRole('list', { name: 'Log entries, oldest first' }).innerText()).replace(/Recorded .*\n?/g, '');
    await expect.poll(async () => (await timeline(a)) === (await timeline(b)), { timeout: 10_000 }).toBe(true);
    expect(await timeline(a)).not.toContain('not held here');
    // And the same winner of the concurrent rename.
    await navLink(a, 'Contacts').click();
    await navLink(b, 'Contacts').click();
    const namesA = await a.locator('.record-list .record-title').allInnerTexts();
    const namesB = await b.locator('.record-list .record-title').allInnerTexts();
    expect(namesA).toEqual(namesB);

    // Both show the same conflict; resolving it on one side clears it there and, sent on, on the other.
    for (const page of [a, b]) {
      await navLink(page, 'Exchange').click();
      await expect(page.getByRole('region', { name: /Conflicts to resolve/ }).locator('.conflict')).toHaveCount(1);
    }
    const conflictB = b.getByRole('region', { name: /Conflicts to resolve/ }).locator('.conflict');
    await expect(conflictB).toContainText('Alex Example (Alpha)');
    await expect(conflictB).toContainText('Alex Example (Bravo)');
    await b.screenshot({ path: screenshotPath('exchange-conflict-en'), fullPage: true });
    await conflictB.locator('li', { hasText: 'Alex Example (Bravo)' }).getByRole('button', { name: 'Keep this' }).click();
    await expect(b.getByText('No conflicts: every change that arrived could be merged.')).toBeVisible();
    const resolution = await exportFor(b, 'Alpha Crisis Centre');
    await openBundleFile(a, resolution);
    await importAll(a);
    await expect(a.getByText('No conflicts: every change that arrived could be merged.')).toBeVisible();
    await navLink(a, 'Contacts').click();
    await expect(a.getByRole('link', { name: /Alex Example \(Bravo\)/ })).toBeVisible();

    // Importing the same bundle again changes nothing, and says so.
    await openBundleFile(b, fromA);
    const again = b.getByRole('dialog', { name: 'Import this bundle?' });
    await expect(again.getByText('already here')).toBeVisible();
    await again.getByRole('button', { name: 'Cancel' }).click();

    // An altered bundle is refused with its reason.
    const bytes = readFileSync(fromA);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
    const altered = fromA.replace(/\.cwb$/, '-altered.cwb');
    writeFileSync(altered, bytes);
    await openBundleFile(b, altered);
    const refused = b.getByRole('dialog', { name: 'Bundle refused' });
    await expect(refused.getByRole('alert')).toContainText(/changed after it was signed|signature does not match/);
    await refused.locator('.button-row').getByRole('button', { name: 'Close' }).click();

    // The exchange log remembers what travelled, and why a bundle was turned away.
    const logB = b.getByRole('table', { name: 'Exchange log' });
    await expect(logB.getByRole('row', { name: /Sent/ })).toHaveCount(2);
    await expect(logB.getByRole('row', { name: /Sent/ }).first()).toContainText('Alpha Crisis Centre');
    await expect(logB.getByRole('row', { name: /Received/ }).first()).toContainText('Alpha Crisis Centre');
    await expect(logB.getByRole('row', { name: /Refused/ })).toContainText(/changed after it was signed|signature does not match/);

    // One incident with its logbook only: Alpha writes again and sends just that incident.
    await writeEntry(a, 'Alpha: terminals restored at the second operator.');
    await navLink(a, 'Exchange').click();
    await a.getByRole('button', { name: 'Export bundle…' }).click();
    const incidentExport = a.getByRole('dialog', { name: 'Export bundle…' });
    await incidentExport.getByLabel(/Bravo CSIRT/).check();
    await incidentExport.getByLabel('One incident, with its whole logbook').check();
    await expect(incidentExport.getByLabel('Incident', { exact: true })).toHaveValue(/.+/);
    await incidentExport.getByLabel('Record the hand-over in the logbook of').selectOption({ label: '— no logbook entry —' });
    const incidentDownload = a.waitForEvent('download');
    await incidentExport.getByRole('button', { name: 'Sign and save' }).click();
    const incidentFile = join(tmpdir(), `${Date.now()}-incident.cwb`);
    writeFileSync(incidentFile, readFileSync(await (await incidentDownload).path()));
    await openBundleFile(b, incidentFile);
    const incidentPreview = b.getByRole('dialog', { name: 'Import this bundle?' });
    await expect(incidentPreview.getByRole('row', { name: /Log entries/ }).locator('td').nth(1)).toHaveText('1');
    for (const other of ['Contacts', 'Procedures']) {
      await expect(incidentPreview.getByRole('row', { name: new RegExp(other) }).locator('td').nth(1)).toHaveText('0');
      await expect(incidentPreview.getByRole('row', { name: new RegExp(other) }).locator('td').nth(2)).toHaveText('0');
    }
    await importAll(b);
    await navLink(b, 'Incident log').click();
    await b.getByRole('link', { name: /BLUE HARBOUR/ }).click();
    await expect(b.getByRole('list', { name: 'Log entries, oldest first' })).toContainText('Alpha: terminals restored at the second operator.');

    // An exercise bundle cannot enter the real workspace.
    await b.getByRole('group', { name: 'Workspace' }).getByRole('button', { name: 'Real' }).click();
    await openBundleFile(b, fromA);
    await expect(b.getByRole('dialog', { name: 'Bundle refused' }).getByRole('alert')).toContainText('belongs to the other workspace');
  });
});

test('a bundle from a signer not yet verified waits in quarantine until the signer is verified', async ({ browser }) => {
  test.setTimeout(90_000);
  await withTwoInstallations(browser, INSTALLATIONS, async (a, b) => {
    await createIdentity(a);
    await createIdentity(b);

    // Alpha makes a plain bundle for anyone: AMBER content stays home, and the dialog says why.
    await navLink(a, 'Exchange').click();
    await a.getByRole('button', { name: 'Export bundle…' }).click();
    const dialog = a.getByRole('dialog', { name: 'Export bundle…' });
    await dialog.getByLabel(/Encrypt to the chosen peers/).uncheck();
    await expect(dialog.getByText(/records stay here: AMBER content leaves only in a bundle encrypted/)).toBeVisible();
    const download = a.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Sign and save' }).click();
    const file = await download;
    const path = join(tmpdir(), `${Date.now()}-${file.suggestedFilename()}`);
    writeFileSync(path, readFileSync(await file.path()));

    await openBundleFile(b, path);
    const refused = b.getByRole('dialog', { name: 'Bundle refused' });
    await expect(refused.getByRole('alert')).toContainText('not a verified peer');
    await expect(refused).toContainText('kept in quarantine');
    await refused.locator('.button-row').getByRole('button', { name: 'Close' }).click();

    const waiting = b.getByRole('region', { name: /Bundles/ }).locator('.quarantine .conflict');
    await expect(waiting).toHaveCount(1);
    await expect(waiting).toContainText('Alpha Crisis Centre');
    await expect(waiting.getByRole('button', { name: 'Check and import' })).toBeDisabled();
    await waiting.getByRole('button', { name: 'Add signer to keyring' }).click();
    await b.getByRole('row', { name: /Alpha Crisis Centre/ }).getByRole('button', { name: 'Verify' }).click();
    const verify = b.getByRole('dialog', { name: 'Verify Alpha Crisis Centre' });
    await verify.getByLabel('Every group of the fingerprint matched.').check();
    await verify.getByRole('button', { name: 'Record as verified' }).click();

    await waiting.getByRole('button', { name: 'Check and import' }).click();
    await importAll(b);
    await expect(b.locator('.quarantine')).toHaveCount(0);
    const logB = b.getByRole('table', { name: 'Exchange log' });
    await expect(logB.getByRole('row', { name: /In quarantine/ })).toContainText('Alpha Crisis Centre');
    await expect(logB.getByRole('row', { name: /Received/ })).toContainText('Alpha Crisis Centre');
  });
});
