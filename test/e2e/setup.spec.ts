import { completeSetup, expect, screenshotPath, test } from './fixtures';

test('first-run setup asks who uses the workbook and opens the dashboard', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Set up this workbook' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('setup-en'), fullPage: true });

  // Submitting empty is refused with a message at the field, and nothing is stored.
  await page.getByRole('button', { name: 'Start the workbook' }).click();
  await expect(page.getByLabel('Organisation')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: 'Set up this workbook' })).toBeVisible();

  await completeSetup(page, { organisation: 'NCSC Testland', person: 'Jo Tester' });
  await expect(page.locator('.whoami')).toContainText('Jo Tester');
  await expect(page.locator('.whoami')).toContainText('NCSC Testland');

  // The profile is stored: a reload goes straight to the workbook, not to the setup.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Where we stand' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Set up this workbook' })).toHaveCount(0);
});

test('setup in Dutch shows the workbook in Dutch', async ({ page }) => {
  await completeSetup(page, { language: 'nl' });
  await expect(page.getByRole('navigation', { name: 'Hoofdnavigatie' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Incidentlogboek/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});
