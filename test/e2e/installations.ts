/**
 * Helpers for journeys between two installations: two browser contexts (two separate IndexedDB
 * origins' worth of data), each set up through the UI, and identities made as a user makes them.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { completeSetup, expect, navLink, type SetupOptions } from './fixtures';

/** Run `body` with two installations set up as given; both are closed afterwards, whatever happens. */
export async function withTwoInstallations(
  browser: Browser,
  setups: readonly [SetupOptions, SetupOptions],
  body: (alpha: Page, bravo: Page) => Promise<void>,
): Promise<void> {
  const contexts = [await browser.newContext(), await browser.newContext()] as const;
  try {
    const pages = [await contexts[0].newPage(), await contexts[1].newPage()] as const;
    await completeSetup(pages[0], setups[0]);
    await completeSetup(pages[1], setups[1]);
    await body(pages[0], pages[1]);
  } finally {
    await contexts[0].close();
    await contexts[1].close();
  }
}

/**
 * Create the installation's identity on the Exchange screen (a too-short passphrase is refused
 * first), check the backup that is handed out, and return the saved identity card and the
 * fingerprint the screen shows.
 */
export async function createIdentity(page: Page): Promise<{ card: string; fingerprint: string }> {
  await navLink(page, 'Exchange').click();
  await page.getByRole('button', { name: 'Create identity' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create identity' });
  await dialog.getByLabel('Passphrase', { exact: true }).fill('short');
  await dialog.getByRole('button', { name: 'Create and save backup' }).click();
  await expect(dialog.getByText('Choose a passphrase of at least 12 characters.')).toBeVisible();
  await dialog.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await dialog.getByLabel('Passphrase again').fill('correct horse battery staple');
  const backup = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Create and save backup' }).click();
  const backupFile = await backup;
  expect(backupFile.suggestedFilename()).toMatch(/identity-backup\.age$/);
  expect(readFileSync(await backupFile.path(), 'utf8')).toContain('-----BEGIN AGE ENCRYPTED FILE-----');

  const fingerprint = (await page.getByTestId('own-fingerprint').textContent()) ?? '';
  const cardDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save identity card' }).click();
  const card = readFileSync(await (await cardDownload).path(), 'utf8');
  return { card, fingerprint };
}
