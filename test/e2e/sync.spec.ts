/**
 * Two browser installations sync through a WebDAV hub without anyone carrying a file: a real
 * Apache httpd with mod_dav on 127.0.0.1 serves the built web app at / and the hub at /hub/ (the
 * web app's CSP lets it reach its own origin only), both set up the hub on the Exchange screen's
 * Destinations section, and an entry written on one appears in the other's logbook.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { apacheMissing, createApacheHub, type ApacheHub } from '../integration/sync/apacheHub';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';
import { createIdentity, trustPeer } from './installations';

const APP = process.env['SYNC_E2E_APP'] ?? join(process.cwd(), 'dist', 'renderer');
const missing = apacheMissing() ?? (existsSync(join(APP, 'index.html')) ? null : `no built web app in ${APP} (npm run build:renderer)`);
if (missing && process.env['CI']) throw new Error(`CI must run the sync end-to-end test: ${missing}`);

const ALPHA = { organisation: 'Alpha Crisis Centre', person: 'Ada Alpha' } as const;
const BRAVO = { organisation: 'Bravo CSIRT', person: 'Bo Bravo' } as const;

let hub: ApacheHub | null = null;

test.beforeAll(async () => {
  if (missing) return;
  hub = await createApacheHub({ app: APP });
  await hub.start();
});

test.afterAll(async () => {
  await hub?.dispose();
});

async function installation(browser: Browser, origin: string) {
  const context = await browser.newContext({ baseURL: `${origin}/` });
  return { context, page: await context.newPage() };
}

async function addHub(page: Page, server: ApacheHub, peer: string) {
  await navLink(page, 'Exchange').click();
  const section = page.getByRole('region', { name: 'Destinations' });
  await section.getByRole('button', { name: 'Add destination' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a sync destination' });
  await expect(dialog.getByText('In a browser, only a hub at the address the workbook is served from can be used')).toBeVisible();
  await dialog.getByRole('radio', { name: /^WebDAV hub/ }).check();
  await dialog.getByLabel('Name', { exact: true }).fill('Exercise hub');
  await dialog.getByLabel('Hub address').fill(server.url);
  await dialog.getByLabel('User name (empty if the hub needs none)').fill(server.username);
  await dialog.getByLabel('Password', { exact: true }).fill(server.password);
  await expect(dialog.getByText('Kept for this browser session only')).toBeVisible();
  await dialog.getByLabel(new RegExp(peer)).check();
  await dialog.getByRole('button', { name: 'Add destination' }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByTestId('destination-row')).toContainText('Exercise hub');
}

async function syncNow(page: Page) {
  await navLink(page, 'Exchange').click();
  const row = page.getByRole('region', { name: 'Destinations' }).getByTestId('destination-row');
  const button = row.getByRole('button', { name: 'Sync now' });
  // The scheduler may be running this destination already: wait for that run, then for ours.
  await expect(button).toBeEnabled();
  await button.click();
  await expect(button).toBeEnabled();
  await expect(row).toContainText('Last synced');
  return row;
}

test.describe('sync through a WebDAV hub', () => {
  test.skip(missing !== null, missing ?? '');

  test('an entry written in one installation reaches the other through the hub', async ({ browser }) => {
    const server = hub!;
    const alpha = await installation(browser, server.origin);
    const bravo = await installation(browser, server.origin);
    try {
      await completeSetup(alpha.page, ALPHA);
      await completeSetup(bravo.page, BRAVO);
      const alphaId = await createIdentity(alpha.page);
      const bravoId = await createIdentity(bravo.page);
      await trustPeer(alpha.page, bravoId.card, BRAVO.organisation);
      await trustPeer(bravo.page, alphaId.card, ALPHA.organisation);
      await addHub(alpha.page, server, BRAVO.organisation);
      await addHub(bravo.page, server, ALPHA.organisation);

      const text = `Sitrep via the hub ${Date.now()}`;
      await navLink(alpha.page, 'Incident log').click();
      await alpha.page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
      await alpha.page.getByLabel('Entry', { exact: true }).fill(text);
      await alpha.page.getByRole('button', { name: 'Record entry' }).click();
      await expect(alpha.page.getByRole('list', { name: 'Log entries, oldest first' })).toContainText(text);

      const started = Date.now();
      const alphaRow = await syncNow(alpha.page);
      await expect(alphaRow).toContainText(/Bundles sent: \d+, received: \d+/);
      const files = await server.files();
      expect(files.some((f) => f.endsWith('.cwb'))).toBe(true);
      expect(files.some((f) => f.endsWith('.partial'))).toBe(false);

      const bravoRow = await syncNow(bravo.page);
      // (Bravo's scheduler may have fetched it a moment earlier by itself: then this run found nothing new.)
      await expect(bravoRow).toContainText(/Bundles sent: \d+, received: \d+/);
      process.stdout.write(`[sync latency] web app, two "Sync now" presses through the hub: ${Date.now() - started} ms\n`);
      const perPeer = bravo.page.getByTestId('peer-sync-table');
      await expect(perPeer.getByRole('row', { name: new RegExp(ALPHA.organisation) })).not.toContainText('never');
      await bravo.page.screenshot({ path: screenshotPath('sync-destinations-en'), fullPage: true });

      await navLink(bravo.page, 'Incident log').click();
      await bravo.page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
      await expect(bravo.page.getByRole('list', { name: 'Log entries, oldest first' })).toContainText(text);

      // The dashboard shows the peer's sync state too.
      await navLink(bravo.page, 'Dashboard').click();
      await expect(bravo.page.getByTestId('sync-card')).toContainText(ALPHA.organisation);
    } finally {
      await alpha.context.close();
      await bravo.context.close();
    }
  });
});
