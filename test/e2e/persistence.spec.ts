/**
 * A record written in the UI is in IndexedDB for real: it survives a full reload and a browser
 * restart on the same profile, and the change journal holds an operation for it.
 */
import { chromium } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';
import { BLUE_HARBOUR_ENTRIES } from './scenario';

async function openIncidentWithEntry(page: Page, title: string, entry: string) {
  await navLink(page, 'Incident log').click();
  await page.getByRole('button', { name: 'New incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'New incident' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Escalation level').selectOption('significant-incident');
  await dialog.getByRole('button', { name: 'Open incident' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await page.getByLabel('Entry', { exact: true }).fill(entry);
  await page.getByLabel('Entry', { exact: true }).press('Control+Enter');
  await expect(page.getByRole('list', { name: 'Log entries, oldest first' })).toContainText(entry);
}

async function storedRecords(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ incidents: string[]; entries: string[]; operations: number; carriedEntries: number }>((resolve, reject) => {
        const request = indexedDB.open('crisis-workbook');
        request.onerror = () => reject(request.error ?? new Error('open failed'));
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['incidents', 'logEntries', 'operations', 'carriedClocks'], 'readonly');
          const incidents = tx.objectStore('incidents').getAll();
          const entries = tx.objectStore('logEntries').getAll();
          const operations = tx.objectStore('operations').count();
          // A log entry carries its own creation (shared/journal/carriedCreation.ts), listed in the
          // clock lists (shared/journal/clockLists.ts).
          const lists = tx.objectStore('carriedClocks').getAll();
          tx.oncomplete = () => {
            const carried = (lists.result as Array<{ ids: string[] }>).reduce((sum, list) => sum + list.ids.length, 0);
            resolve({
              incidents: (incidents.result as Array<{ title: string; workspace: string }>).filter((i) => i.workspace === 'real').map((i) => i.title),
              entries: (entries.result as Array<{ text: string; workspace: string }>).filter((e) => e.workspace === 'real').map((e) => e.text),
              operations: operations.result + carried,
              carriedEntries: carried,
            });
            db.close();
          };
        };
      }),
  );
}

test('an incident and a log entry written in the UI are still there after a full reload', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await openIncidentWithEntry(page, 'Power outage at a data centre', 'Backup generators started at 06:52.');
  await page.screenshot({ path: screenshotPath('incident-written-en'), fullPage: true });

  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Power outage at a data centre' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Log entries, oldest first' })).toContainText('Backup generators started at 06:52.');

  const stored = await storedRecords(page);
  expect(stored.incidents).toEqual(['Power outage at a data centre']);
  // Opening the incident wrote its first entry; then the one typed in.
  expect(stored.entries).toEqual(['Incident opened at escalation level: Significant incident.', 'Backup generators started at 06:52.']);
  // Profile, scenario, incident and both entries: every write left an operation in the journal
  // (the entries' creations carried by the entries themselves).
  expect(stored.operations).toBeGreaterThanOrEqual(5);
  expect(stored.carriedEntries).toBeGreaterThanOrEqual(2);

  // The integrity check agrees, from the user's side.
  await navLink(page, 'Exchange').click();
  await page.getByRole('button', { name: 'Check integrity' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Journal and data agree' })).toBeVisible();
});

test('an empty log entry is refused with a message and nothing is stored', async ({ page }) => {
  await completeSetup(page, { startIn: 'exercise' });
  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  await page.getByRole('button', { name: 'Record entry' }).click();
  await expect(page.getByText('Please fill this in.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Log entries, oldest first' }).getByRole('listitem')).toHaveCount(BLUE_HARBOUR_ENTRIES);
});

/** A browser on a profile of its own on disk, as the officer's installation: it outlives a close. */
function launchOnProfile(profile: string, baseURL: string | undefined, locale?: string) {
  return chromium.launchPersistentContext(profile, {
    ...(locale ? { locale } : {}),
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    baseURL: baseURL ?? '',
    viewport: { width: 1360, height: 860 },
  });
}

/** A profile on disk where the officer set up the workbook and wrote one incident; browser closed. */
async function installationOnDisk(baseURL: string | undefined, title: string, entry: string) {
  const profile = mkdtempSync(join(tmpdir(), 'workbook-profile-'));
  const launch = () => launchOnProfile(profile, baseURL);
  try {
    const context = await launch();
    const page = context.pages()[0] ?? (await context.newPage());
    await completeSetup(page, { startIn: 'real' });
    await openIncidentWithEntry(page, title, entry);
    await context.close();
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return { profile, launch };
}

test('data survives closing and restarting the browser on the same profile', async ({ baseURL }) => {
  const { profile, launch } = await installationOnDisk(baseURL, 'Restart survivor', 'Written before the restart.');
  try {
    const context = await launch();
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('./#/incidents');
    await page.getByRole('link', { name: /Restart survivor/ }).click();
    await expect(page.getByRole('list', { name: 'Log entries, oldest first' })).toContainText('Written before the restart.');
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

/**
 * Overwrite the LevelDB manifest of the app's IndexedDB store with noise, as a power cut in the
 * middle of a write can leave it: Chromium then finds the store corrupt at its next open and
 * clears it (the state the crash tests saw Chromium 156 reach after a SIGKILL).
 */
function damageStore(profile: string): void {
  const base = join(profile, 'Default', 'IndexedDB');
  const store = readdirSync(base).find((d) => d.startsWith('http_127.0.0.1_') && d.endsWith('.indexeddb.leveldb'));
  if (!store) throw new Error(`no IndexedDB store of the app in ${base}`);
  const manifests = readdirSync(join(base, store)).filter((f) => f.startsWith('MANIFEST-'));
  expect(manifests.length).toBeGreaterThan(0);
  for (const manifest of manifests) {
    const path = join(base, store, manifest);
    writeFileSync(path, randomBytes(Math.max(64, statSync(path).size)));
  }
}

test('after a crash that left the store damaged, the officer is told the data on this computer was lost and how to get it back', async ({ baseURL }) => {
  const { profile, launch } = await installationOnDisk(baseURL, 'Before the power cut', 'Written before the store was damaged.');
  try {
    damageStore(profile);
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('./');
    const notice = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'The workbook’s data on this computer was lost' }) });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('listitem')).toHaveText([/Set up this installation again/, /Settings → Backup/, /bundles from your partners/, /logbook of every open incident/]);
    // The way on has the keyboard focus.
    await expect(page.getByRole('button', { name: 'Continue' })).toBeFocused();
    await notice.getByText('What the browser engine reported').click();
    // Chromium's own words on the loss.
    await expect(notice.locator('code')).toContainText(/corrupt/i);
    await page.screenshot({ path: screenshotPath('store-cleared-after-crash-en'), fullPage: true });

    // Nothing of the old workbook is shown as if it were there; the way on is a new setup.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Set up this workbook' })).toBeVisible();
    const left = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(left).toEqual(['crisis-workbook']);
    await completeSetup(page, { startIn: 'real' });
    await expect(page.getByRole('heading', { name: 'The workbook’s data on this computer was lost' })).toHaveCount(0);
    await context.close();

    // The loss is told once: the next start is an ordinary one.
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('./');
    await expect(navLink(page, 'Incident log')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'The workbook’s data on this computer was lost' })).toHaveCount(0);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the same notice in Dutch, for a browser in Dutch', async ({ baseURL }) => {
  const { profile } = await installationOnDisk(baseURL, 'Voor de stroomuitval', 'Geschreven voordat de opslag beschadigd raakte.');
  try {
    damageStore(profile);
    // Before setup there is no profile language yet: the browser's language decides.
    const context = await launchOnProfile(profile, baseURL, 'nl-NL');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('./');
    const notice = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'De gegevens van het werkboek op deze computer zijn verloren' }) });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('heading', { name: 'Zo gaat u verder' })).toBeVisible();
    await expect(notice.getByRole('listitem')).toHaveText([/Stel deze installatie opnieuw in/, /Instellingen → Back-up/, /bundels van uw partners/, /logboek van elk open incident/]);
    await notice.getByText('Wat de browsermotor meldde').click();
    await expect(notice.locator('code')).toContainText(/corrupt/i);
    await page.screenshot({ path: screenshotPath('store-cleared-after-crash-nl'), fullPage: true });
    await page.getByRole('button', { name: 'Verder' }).click();
    await expect(page.getByRole('heading', { name: 'Dit werkboek instellen' })).toBeVisible();
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
