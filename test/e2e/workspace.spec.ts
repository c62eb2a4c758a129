import { completeSetup, expect, screenshotPath, test } from './fixtures';

const SCREENS = ['dashboard', 'procedures', 'contacts', 'incidents', 'exchange', 'settings'];

test('the exercise workspace says EXERCISE on every screen and keeps its data apart from the real one', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  const banner = page.getByTestId('exercise-banner');
  const switcher = page.getByRole('group', { name: 'Workspace' });

  // Real workspace: no banner, none of the scenario's data.
  await expect(switcher.getByRole('button', { name: 'Real' })).toHaveAttribute('aria-pressed', 'true');
  for (const screen of SCREENS) {
    await page.goto(`./#/${screen}`);
    await expect(page.locator('.shell-main h1').first()).toBeVisible();
    await expect(banner).toHaveCount(0);
  }
  await page.goto('./#/incidents');
  await expect(page.getByText('No incidents')).toBeVisible();
  await page.screenshot({ path: screenshotPath('incidents-real-empty-en'), fullPage: true });

  // Exercise workspace: banner everywhere, the BLUE HARBOUR scenario present.
  await switcher.getByRole('button', { name: 'Exercise' }).click();
  for (const screen of SCREENS) {
    await page.goto(`./#/${screen}`);
    await expect(page.locator('.shell-main h1').first()).toBeVisible();
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('EXERCISE');
  }
  await expect(page).toHaveTitle(/EXERCISE/);
  await page.goto('./#/incidents');
  await expect(page.getByRole('link', { name: /BLUE HARBOUR/ })).toBeVisible();

  // The marking is printed too: the banner stays in the print layout.
  await page.emulateMedia({ media: 'print' });
  await expect(banner).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // The choice of workspace is remembered.
  await page.reload();
  await expect(banner).toBeVisible();

  // Back to real: the exercise incident does not leak across.
  await switcher.getByRole('button', { name: 'Real' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('link', { name: /BLUE HARBOUR/ })).toHaveCount(0);
});
