import { completeSetup, expect, navLink, test } from './fixtures';

test('switching language in settings translates the whole workbook and survives a reload', async ({ page }) => {
  await completeSetup(page, { language: 'en' });
  await navLink(page, 'Settings').click();
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdnavigatie' })).toContainText('Incidentlogboek');
  await expect(page.getByRole('status').filter({ hasText: 'Profiel opgeslagen.' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

  // Dates follow the language too.
  await navLink(page, 'Incidentlogboek').click();
  await expect(page.getByText(/Begonnen 3 nov 2025/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidentlogboek' })).toBeVisible();

  // And back.
  await navLink(page, 'Instellingen').click();
  await page.getByLabel('Taal').selectOption('en');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
