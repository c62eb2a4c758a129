/**
 * The app lock in the browser build: turned on with a passphrase, locked by hand (button,
 * Ctrl+L, command palette), on start and after the idle time; the lock screen shows nothing of
 * the workbook; wrong passphrases make the next attempt wait.
 */
import type { Page } from '@playwright/test';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';
import { createIdentity } from './installations';

const PASSPHRASE = 'correct horse battery staple';

async function expectLocked(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Workbook locked' })).toBeVisible();
  // Nothing of the workbook: no navigation, no profile, no screen, no title beyond the product.
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('NCSC Lockland');
  expect(text).not.toContain('Jo Locker');
  expect(text).not.toContain('Settings');
  expect(text.split('\n').filter((line) => line.trim() !== '')).toEqual(['EXERCISE — OEFENING', 'Crisis Workbook', 'Workbook locked', 'Passphrase', 'Unlock']);
  expect(await page.title()).toBe('EXERCISE — OEFENING · Crisis Workbook');
}

async function unlock(page: Page) {
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workbook locked' })).toBeHidden();
}

test('the app lock hides the workbook and opens only with the passphrase', async ({ page }) => {
  test.setTimeout(120_000);
  // A controllable clock (time still flows), to skip the idle time at the end.
  await page.clock.install();
  await completeSetup(page, { organisation: 'NCSC Lockland', person: 'Jo Locker' });
  await navLink(page, 'Settings').click();
  const section = page.getByRole('region', { name: 'App lock' });
  await expect(section).toContainText('App lock is off.');
  await section.getByRole('button', { name: 'Turn on app lock' }).click();
  const enable = page.getByRole('dialog', { name: 'Turn on app lock' });
  await enable.getByLabel('Passphrase', { exact: true }).fill('too short');
  await enable.getByRole('button', { name: 'Turn on' }).click();
  await expect(enable.getByText('The passphrase needs at least 12 characters.')).toBeVisible();
  await enable.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await enable.getByLabel('Passphrase again').fill(PASSPHRASE);
  await expect(enable.getByLabel('Lock after a time without use')).toHaveValue('15');
  await enable.getByRole('button', { name: 'Turn on' }).click();
  await expect(section).toContainText('App lock is on.');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('app-lock-settings-en') });

  // Lock now: the button.
  await section.getByRole('button', { name: 'Lock now' }).click();
  await expectLocked(page);
  await page.screenshot({ path: screenshotPath('app-lock-screen-en'), fullPage: true });

  // Wrong passphrases: three are let through, then the next attempt waits.
  for (let i = 1; i <= 3; i++) {
    await page.getByLabel('Passphrase').fill(`wrong passphrase ${i}`);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByLabel('Passphrase')).toHaveValue('');
  }
  await expect(page.getByText(/Too many wrong attempts: try again in \d seconds?\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled({ timeout: 5_000 });
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // Ctrl+L locks; a restart starts locked.
  await page.keyboard.press('Control+l');
  await expectLocked(page);
  await unlock(page);
  await page.reload();
  await expectLocked(page);
  await unlock(page);

  // The command palette offers it too.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Search and commands' });
  await palette.getByRole('combobox', { name: 'Search the workbook' }).fill('>lock');
  await palette.getByRole('option', { name: /Lock the workbook/ }).click();
  await expectLocked(page);
  await unlock(page);

  // After the idle time (here 1 minute) it locks by itself.
  await navLink(page, 'Settings').click();
  await page.getByRole('region', { name: 'App lock' }).getByLabel('Lock after a time without use').selectOption('1');
  await expect(page.getByText('Lock time saved.')).toBeVisible();
  await page.clock.fastForward('00:30');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.clock.fastForward('00:40');
  await expectLocked(page);
  await unlock(page);

  // Turning it off needs the passphrase.
  await navLink(page, 'Settings').click();
  await page.getByRole('region', { name: 'App lock' }).getByRole('button', { name: 'Turn off app lock' }).click();
  const disable = page.getByRole('dialog', { name: 'Turn off app lock' });
  await disable.getByLabel('Passphrase').fill('not the passphrase');
  await disable.getByRole('button', { name: 'Turn off' }).click();
  await expect(disable.getByText('Wrong passphrase.')).toBeVisible();
  await disable.getByLabel('Passphrase').fill(PASSPHRASE);
  await disable.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByRole('region', { name: 'App lock' })).toContainText('App lock is off.');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

/** A text only this test writes into the logbook. */
const SEALED_TEXT = 'Quokka relay 4471 reports the substation breach';

/**
 * Every stored value of the workbook database, read with the raw IndexedDB API in the page (no
 * Dexie, no middleware): what a copy of the browser profile would show. Bytes are decoded as text.
 */
async function rawDatabaseText(page: Page, databaseName = 'crisis-workbook'): Promise<string> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    const rows = await Promise.all(
      names.map(
        (name) =>
          new Promise<unknown[]>((resolve, reject) => {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => resolve(request.result as unknown[]);
            request.onerror = () => reject(request.error ?? new Error('read failed'));
          }),
      ),
    );
    db.close();
    const decoder = new TextDecoder('utf-8', { fatal: false });
    return JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? decoder.decode(value) : value));
  }, databaseName);
}

test('content encryption keeps the workbook out of the IndexedDB files and opens with the passphrase', async ({ page }) => {
  test.setTimeout(180_000);
  await completeSetup(page, { organisation: 'NCSC Lockland', person: 'Jo Locker' });
  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  await page.getByLabel('Entry', { exact: true }).fill(SEALED_TEXT);
  await page.keyboard.press('Enter');
  const log = page.getByRole('list', { name: 'Log entries, oldest first' });
  await expect(log.getByRole('listitem').filter({ hasText: SEALED_TEXT })).toBeVisible();
  expect(await rawDatabaseText(page)).toContain(SEALED_TEXT);
  // Without content encryption, the search index is persisted, terms and all.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Search and commands' });
  await palette.getByRole('combobox', { name: 'Search the workbook' }).fill('Quokka relay');
  await expect(palette.getByRole('option', { name: /Quokka relay 4471/ })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect.poll(async () => /quokka/i.test(await rawDatabaseText(page, 'crisis-workbook-search-cache')), { timeout: 30_000 }).toBe(true);

  // Lock on, then content encryption on.
  await navLink(page, 'Settings').click();
  const section = page.getByRole('region', { name: 'App lock' });
  await section.getByRole('button', { name: 'Turn on app lock' }).click();
  const enable = page.getByRole('dialog', { name: 'Turn on app lock' });
  await enable.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await enable.getByLabel('Passphrase again').fill(PASSPHRASE);
  await enable.getByRole('button', { name: 'Turn on' }).click();
  const encryption = section.getByRole('checkbox', { name: "Encrypt the workbook's content on this device" });
  await expect(encryption).not.toBeChecked();
  await encryption.click();
  const encrypt = page.getByRole('dialog', { name: "Encrypt the workbook's content" });
  await encrypt.getByLabel('Passphrase').fill('not the passphrase');
  await encrypt.getByRole('button', { name: 'Encrypt' }).click();
  await expect(encrypt.getByText('Wrong passphrase.')).toBeVisible();
  await encrypt.getByLabel('Passphrase').fill(PASSPHRASE);
  await encrypt.getByRole('button', { name: 'Encrypt' }).click();
  await expect(section.getByText("The workbook's content is encrypted on this device.")).toBeVisible({ timeout: 60_000 });
  await expect(encryption).toBeChecked();
  const dismiss = page.locator('.notices').getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: 'docs/screenshots/app-lock-content-encryption-en.png' });

  const raw = await rawDatabaseText(page);
  expect(raw).not.toContain(SEALED_TEXT);
  expect(raw).not.toContain('NCSC Lockland');
  expect(raw).not.toContain('Jo Locker');
  expect(raw).toContain('$sealed');

  // An identity made now: its secret is kept sealed with the data key, no CryptoKey is stored.
  const identity = await createIdentity(page);
  const keysRow = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('crisis-workbook');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const row = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const request = db.transaction(['installationKeys'], 'readonly').objectStore('installationKeys').get('installation');
      request.onsuccess = () => resolve(request.result as Record<string, unknown>);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
    db.close();
    return { sealed: row['sealedSecret'] instanceof Uint8Array, cryptoKeys: Object.values(row).filter((v) => v instanceof CryptoKey).length };
  });
  expect(keysRow).toEqual({ sealed: true, cryptoKeys: 0 });
  await navLink(page, 'Settings').click();

  // The lock cannot go off while the content is encrypted.
  await section.getByRole('button', { name: 'Turn off app lock' }).click();
  const disable = page.getByRole('dialog', { name: 'Turn off app lock' });
  await disable.getByLabel('Passphrase').fill(PASSPHRASE);
  await disable.getByRole('button', { name: 'Turn off' }).click();
  await expect(disable.getByText('Turn off content encryption first', { exact: false })).toBeVisible();
  await disable.getByRole('button', { name: 'Cancel' }).click();

  // A restart: the lock screen first (nothing of the workbook), then everything is there.
  await page.reload();
  await expectLocked(page);
  await page.getByLabel('Passphrase').fill('wrong passphrase again');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('Wrong passphrase.')).toBeVisible();
  await unlock(page);
  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  await expect(log.getByRole('listitem').filter({ hasText: SEALED_TEXT })).toBeVisible();
  // The search index (built in a worker, which gets the key from the page) finds it too.
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox', { name: 'Search the workbook' }).fill('Quokka relay');
  await expect(palette.getByRole('option', { name: /Quokka relay 4471/ })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  // A new entry: the search worker reads it from the encrypted journal (with the key the page
  // gave it), and the persisted search index holds nothing of the workbook any more.
  await page.getByLabel('Entry', { exact: true }).fill('Wombat beacon 9902 confirms the ferry manifest');
  await page.keyboard.press('Enter');
  await expect(log.getByRole('listitem').filter({ hasText: 'Wombat beacon 9902' })).toBeVisible();
  await page.keyboard.press('Control+k');
  // The index catches up shortly after the write (decrypting in the worker); ask again until then.
  await expect(async () => {
    await palette.getByRole('combobox', { name: 'Search the workbook' }).fill('');
    await palette.getByRole('combobox', { name: 'Search the workbook' }).fill('Wombat beacon');
    await expect(palette.getByRole('option', { name: /Wombat beacon 9902/ })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect.poll(async () => /quokka|wombat/i.test(await rawDatabaseText(page, 'crisis-workbook-search-cache')), { timeout: 30_000 }).toBe(false);
  // The journal read with cursors (latest changes) and audited against the records, in Chromium;
  // the identity is there after the restart.
  await navLink(page, 'Exchange').click();
  await expect(page.getByTestId('own-fingerprint')).toHaveText(identity.fingerprint);
  await expect(page.getByRole('region', { name: 'Latest changes' }).getByRole('row')).not.toHaveCount(0);
  await page.getByRole('button', { name: 'Check integrity' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Journal and data agree' })).toBeVisible({ timeout: 30_000 });

  // Off again: every row in clear, then the lock may go off.
  await navLink(page, 'Settings').click();
  await section.getByRole("checkbox", { name: "Encrypt the workbook's content on this device" }).click();
  const decrypt = page.getByRole('dialog', { name: 'Store the content in clear again' });
  await decrypt.getByLabel('Passphrase').fill(PASSPHRASE);
  await decrypt.getByRole('button', { name: 'Decrypt' }).click();
  await expect(section.getByRole('checkbox', { name: "Encrypt the workbook's content on this device" })).not.toBeChecked();
  // Done when every row is rewritten (the checkbox is unticked as soon as decrypting starts).
  await expect(page.getByText("The workbook's content is stored in clear again.")).toBeVisible({ timeout: 60_000 });
  const clear = await rawDatabaseText(page);
  expect(clear).toContain(SEALED_TEXT);
  expect(clear).not.toContain('$sealed');
  await section.getByRole('button', { name: 'Turn off app lock' }).click();
  await disable.getByLabel('Passphrase').fill(PASSPHRASE);
  await disable.getByRole('button', { name: 'Turn off' }).click();
  await expect(section).toContainText('App lock is off.');
});
