/**
 * Global search and the command palette (issue 10), as a tired crisis officer uses them, keyboard
 * only: Ctrl+K, a query with a typo and without its diacritics, results grouped by kind with the
 * words marked, Enter opens the result where it lives — a Dutch log entry just written, a contact,
 * a procedure step — and ">" lists the app's actions; a group shows five results and more on
 * request. The palette passes axe in both themes; the screenshots of both themes are kept.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

const DUTCH_ENTRY = 'Coördinatie met de havenmeester van Rotterdam gestart; noodprocedure voor de containerterminal actief.';

function palette(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Search and commands' });
  return {
    dialog,
    input: dialog.getByRole('combobox', { name: 'Search the workbook' }),
    results: dialog.getByRole('listbox', { name: 'Search results' }),
  };
}

/** Type a query and wait until its results are on screen (the listbox says so: see CommandPalette). */
async function search(page: Page, text: string) {
  const { input, results } = palette(page);
  await input.fill(text);
  await expect(results).toHaveAttribute('data-search-state', 'done');
  await expect(results).toHaveAttribute('data-index-state', 'ready');
  return results;
}

async function expectAccessible(page: Page, label: string) {
  const found = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = found.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('Ctrl+K finds a Dutch log entry, a contact and a procedure step despite typos and missing accents, and opens them in place', async ({ page }) => {
  test.setTimeout(90_000);
  await completeSetup(page);

  // A Dutch entry in the exercise incident, written as usual: the index takes it in.
  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  await page.getByLabel('Entry', { exact: true }).fill(DUTCH_ENTRY);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Log entries, oldest first' })).toContainText('havenmeester');
  await navLink(page, 'Dashboard').click();

  // Ctrl+K from anywhere; the field has the focus.
  await page.keyboard.press('Control+K');
  const { dialog, input, results } = palette(page);
  await expect(dialog).toBeVisible();
  await expect(input).toBeFocused();

  // No accent, a letter missing in each word.
  await search(page, 'cordinatie havenmeestr');
  const entries = results.getByRole('group', { name: 'Log entries' });
  await expect(entries.getByRole('option')).toHaveCount(1);
  await expect(entries.getByRole('option').first()).toContainText('Coördinatie met de havenmeester');
  await expect(entries.locator('mark').first()).toHaveText('Coördinatie');
  await expect(results).toHaveAttribute('data-result-count', '1');
  await expect(input).toHaveAttribute('aria-activedescendant', await entries.getByRole('option').first().getAttribute('id') ?? 'none');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: /BLUE HARBOUR/ })).toBeVisible();
  // The entry itself is brought into view and gets the focus, so a screen reader reads it.
  const target = page.locator('.timeline-entry.is-target');
  await expect(target).toContainText('havenmeester van Rotterdam');
  await expect(target).toBeFocused();

  // A contact, by a misspelt name; grouped apart from its channels.
  await page.keyboard.press('Control+K');
  await search(page, 'voorbeld');
  await expect(results.getByRole('group', { name: 'Contacts' }).getByRole('option').first()).toContainText('Bo Voorbeeld');
  await expect(results.getByRole('group', { name: 'Channels' })).toContainText('b.voorbeeld@ministry.example');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/contacts\/.+/);
  await expect(page.getByRole('heading', { name: 'Bo Voorbeeld' })).toBeVisible();

  // A procedure step by its Dutch title, with a typo; the arrow keys reach it.
  await page.keyboard.press('Control+K');
  await search(page, 'procedurele afsprken');
  const steps = results.getByRole('group', { name: 'Procedure steps' });
  await expect(steps.getByRole('option').first()).toContainText('Procedurele afspraken maken');
  const options = results.getByRole('option');
  const stepIndex = await options.evaluateAll((all) => all.findIndex((o) => o.textContent?.includes('Procedurele afspraken maken')));
  for (let i = 0; i < stepIndex; i++) await page.keyboard.press('ArrowDown');
  await expect(steps.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/procedures\/[^/]+~arrangements$/);
  await expect(page.locator('#step-panel-title')).toContainText(/procedural arrangements/i);

  // Escape closes and gives the focus back.
  await page.getByRole('button', { name: /^Search/ }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Search/ })).toBeFocused();
});

test('the palette lists actions after ">", and runs one from the keyboard', async ({ page }) => {
  await completeSetup(page);
  await page.keyboard.press('Control+K');
  const { dialog, input, results } = palette(page);
  // Empty: the actions.
  await expect(results.getByRole('group', { name: 'Commands' })).toContainText('Go to Contacts');
  await input.fill('> contacts');
  await expect(results.getByRole('option').first()).toHaveText(/Go to Contacts/);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.shell-main h1').first()).toHaveText('Contacts');

  await page.keyboard.press('Control+K');
  await input.fill('>theme');
  await expect(results.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.keyboard.press('Control+K');
  await input.fill('> new incident');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'New incident' })).toBeVisible();
});

test('a group shows a few results first, and more on request', async ({ page }) => {
  await completeSetup(page);
  await page.keyboard.press('Control+K');
  const results = await search(page, 'exercise');
  const channels = results.getByRole('group', { name: 'Channels' });
  await expect(channels.getByRole('option')).toHaveCount(6);
  const more = channels.getByRole('option', { name: /^Show \d+ more/ });
  await expect(more).toBeVisible();
  const moreId = await more.getAttribute('id');
  const index = await results.getByRole('option').evaluateAll((all, id) => all.findIndex((o) => o.id === id), moreId);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(more).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect.poll(() => channels.getByRole('option').count()).toBeGreaterThan(6);
  // Words too common to search for are said to be so.
  await palette(page).input.fill('the from');
  await expect(palette(page).dialog.getByRole('status')).toContainText('too common');
});

test('the palette in both themes: accessible, readable', async ({ page }) => {
  test.setTimeout(90_000);
  await completeSetup(page);
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      // Through the palette's own action, as a user switches.
      await page.keyboard.press('Control+K');
      await palette(page).input.fill('>theme');
      await page.keyboard.press('Enter');
    }
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.keyboard.press('Control+K');
    await search(page, 'csirt notify');
    await expectAccessible(page, `palette with results, ${theme}`);
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: screenshotPath(`search-palette-${theme}`) });
    await palette(page).input.fill('>');
    await expectAccessible(page, `palette with actions, ${theme}`);
    await page.keyboard.press('Escape');
  }
});
