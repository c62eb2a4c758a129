/**
 * Helpers for journeys between two installations: two browser contexts (two separate IndexedDB
 * origins' worth of data), each set up through the UI, and identities made as a user makes them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from '@playwright/test';
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

/** Add a peer's identity card to the keyring and record it as verified after the fingerprint check. */
export async function trustPeer(page: Page, card: string, organisation: string): Promise<void> {
  await navLink(page, 'Exchange').click();
  await page.getByRole('button', { name: 'Add identity card' }).click();
  const add = page.getByRole('dialog', { name: 'Add identity card' });
  await add.getByLabel('Identity card').fill(card);
  await add.getByRole('button', { name: 'Add to keyring' }).click();
  await page.getByRole('row', { name: new RegExp(organisation) }).getByRole('button', { name: 'Verify' }).click();
  const verify = page.getByRole('dialog', { name: `Verify ${organisation}` });
  await verify.getByLabel('Every group of the fingerprint matched.').check();
  await verify.getByRole('button', { name: 'Record as verified' }).click();
  await expect(page.getByRole('row', { name: new RegExp(organisation) })).toContainText('Verified');
}

/** Pick a file (bundle or receipt) with the Exchange screen's import button. */
export async function openBundleFile(page: Page, path: string): Promise<void> {
  await navLink(page, 'Exchange').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import bundle or receipt…' }).click();
  await (await chooser).setFiles(path);
}

/** Keep a download under a stable temporary path (Playwright deletes its own copies with the context). */
export async function keepDownload(download: Download): Promise<string> {
  const path = join(tmpdir(), `${Date.now()}-${download.suggestedFilename()}`);
  writeFileSync(path, readFileSync(await download.path()));
  return path;
}
