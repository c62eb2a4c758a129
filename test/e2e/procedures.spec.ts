import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

test('a national procedure is written in both languages and shown in lanes by level', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Procedures').click();
  await page.getByRole('button', { name: 'New procedure' }).click();
  const dialog = page.getByRole('dialog', { name: 'New procedure' });
  await dialog.getByLabel('Title (English)').fill('National escalation to the crisis committee');
  await dialog.getByLabel('Title (Dutch)').fill('Nationale opschaling naar het crisiscomité');
  await dialog.getByLabel('Points cited').first().fill('pt. 10; pt. 13');

  // A citation that is not a point of the Recommendation is refused.
  await dialog.getByLabel('Actor').fill('National CSIRT');
  await dialog.getByLabel('Step (English)').fill('Report the significant incident to the national crisis centre.');
  await dialog.getByLabel('Points cited').nth(1).fill('article nine');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(/Write points as/)).toBeVisible();
  await dialog.getByLabel('Points cited').nth(1).fill('pt. 49');

  await dialog.getByRole('button', { name: 'Add step' }).click();
  await dialog.getByLabel('Level').nth(1).selectOption('political');
  await dialog.getByLabel('Actor').nth(1).fill('Prime Minister');
  await dialog.getByLabel('Step (English)').nth(1).fill('Convene the ministerial crisis committee.');
  await dialog.getByLabel('Step (Dutch)').nth(1).fill('Roep de ministeriële crisiscommissie bijeen.');
  await dialog.getByRole('button', { name: 'Save' }).click();

  const lanes = page.getByRole('table', { name: 'Steps of the procedure by level' });
  await expect(lanes).toBeVisible();
  await expect(lanes.locator('td.level-operational .step-card')).toContainText('National CSIRT');
  await expect(lanes.locator('td.level-political .step-card')).toContainText('Convene the ministerial crisis committee.');
  await expect(page.getByText('Based on pt. 10; pt. 13')).toBeVisible();
  await page.screenshot({ path: screenshotPath('procedure-national-en'), fullPage: true });

  // In Dutch the Dutch text shows; a step without Dutch text falls back to English.
  await navLink(page, 'Settings').click();
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('button', { name: 'Save' }).click();
  await navLink(page, 'Procedures').click();
  await page.getByRole('link', { name: /Nationale opschaling/ }).click();
  const lanesNl = page.getByRole('table', { name: 'Stappen van de procedure per niveau' });
  await expect(lanesNl.locator('td.level-political .step-card')).toContainText('Roep de ministeriële crisiscommissie bijeen.');
  await expect(lanesNl.locator('td.level-operational .step-card')).toContainText('Report the significant incident');
});
