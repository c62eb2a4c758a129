import { completeSetup, expect, test } from './fixtures';

test('every screen is reachable by keyboard, with a visible focus', async ({ page }) => {
  await completeSetup(page);
  const screens = ['Procedures', 'Contacts', 'Incident log', 'Exchange', 'Settings', 'Where we stand'];
  for (const [index, heading] of screens.entries()) {
    await page.keyboard.press(`Alt+${((index + 1) % 6) + 1}`);
    await expect(page.locator('.shell-main h1').first()).toHaveText(heading);
  }

  // Tab reaches the skip link first; it moves focus to the content.
  await page.goto('./#/incidents');
  await page.reload();
  await expect(page.locator('.shell-main h1').first()).toHaveText('Incident log');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  // Skipping does not navigate away.
  await expect(page.locator('.shell-main h1').first()).toHaveText('Incident log');

  // A log entry can be written without the mouse: Ctrl+Enter records it.
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Entry', { exact: true }).focus();
  await page.keyboard.type('Keyboard-only entry.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('list', { name: 'Log entries, oldest first' })).toContainText('Keyboard-only entry.');

  // Dialogs close with Escape and give focus back.
  await page.getByRole('button', { name: 'New incident' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'New incident' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
