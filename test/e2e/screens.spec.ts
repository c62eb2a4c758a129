/**
 * Every main screen in both workspaces, themes and languages, with screenshots kept as artefacts
 * and an accessibility check (axe-core) that fails on serious or critical violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';
import { BLUE_HARBOUR_ENTRIES } from './scenario';

const SCREENS = ['dashboard', 'procedures', 'contacts', 'incidents', 'exchange', 'settings'] as const;

async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    'serious accessibility violations',
  ).toEqual([]);
}

for (const language of ['en', 'nl'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`main screens of the exercise workspace, ${language}, ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await completeSetup(page, { language, startIn: 'exercise' });
      for (const screen of SCREENS) {
        await page.goto(`./#/${screen}`);
        await expect(page.locator('.shell-main h1').first()).toBeVisible();
        await expect(page.getByTestId('exercise-banner')).toBeVisible();
        await page.screenshot({ path: screenshotPath(`${screen}-exercise-${language}-${theme}`), fullPage: true });
        await expectAccessible(page, `${screen} ${language} ${theme}`);
      }
    });
  }
}

test('detail views of the exercise scenario', async ({ page }) => {
  await completeSetup(page);
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).first().click();
  await expect(page.getByRole('heading', { name: /BLUE HARBOUR/, level: 2 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Log entries, oldest first' }).getByRole('listitem')).toHaveCount(BLUE_HARBOUR_ENTRIES);
  await page.screenshot({ path: screenshotPath('incident-detail-exercise-en'), fullPage: true });
  await expectAccessible(page, 'incident detail');

  await navLink(page, 'Procedures').click();
  const drill = page.getByRole('link', { name: /Exercise drill/ });
  const drillTitle = (await drill.locator('.record-title').textContent()) ?? '';
  await drill.click();
  // The flowchart opens with its lanes laid out (in a worker), one node per step.
  const chart = page.getByRole('group', { name: `Flowchart of ${drillTitle}` });
  await expect(chart.locator('.react-flow__node-step').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: screenshotPath('procedure-detail-exercise-en'), fullPage: true });
  await expectAccessible(page, 'procedure detail');

  await navLink(page, 'Contacts').click();
  await page.getByRole('link', { name: /CSIRT-EXERCISE/ }).click();
  await expect(page.getByRole('heading', { name: 'Channels (PACE ladder)' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('contact-detail-exercise-en'), fullPage: true });
  await expectAccessible(page, 'contact detail');
});
