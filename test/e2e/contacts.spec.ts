import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

test('a contact with channels in fallback order is added, reordered, found and deleted', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Contacts').click();
  await expect(page.getByText('No contacts yet')).toBeVisible();

  await page.getByRole('button', { name: 'New contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await dialog.getByLabel('Name').fill('Sam Verbindings');
  await dialog.getByLabel('Organisation').fill('Ministerie van Justitie en Veiligheid');
  await dialog.getByLabel('Role').selectOption('liaison-officer');
  await dialog.getByLabel('Number or address').first().fill('+31 6 1234 5678');
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await dialog.getByLabel('Channel', { exact: true }).nth(1).selectOption('satellite-phone');
  await dialog.getByLabel('Number or address').nth(1).fill('+870 773 123 456');
  await dialog.getByLabel('When it fails / note').nth(1).fill('When mobile networks are down');
  // The satellite phone is to be tried first.
  await dialog.getByRole('button', { name: 'Move channel 2 up' }).click();
  await page.screenshot({ path: screenshotPath('contact-dialog-en'), fullPage: true });
  await dialog.getByRole('button', { name: 'Save' }).click();

  const ladder = page.locator('.channel-ladder li');
  await expect(ladder).toHaveCount(2);
  await expect(ladder.nth(0)).toContainText('Satellite phone');
  await expect(ladder.nth(0)).toContainText('When mobile networks are down');
  await expect(ladder.nth(1)).toContainText('+31 6 1234 5678');

  // Survives a reload, and the filter finds it by a number, ignoring case and accents.
  await page.reload();
  await page.getByLabel('Filter contacts').fill('773 123');
  await expect(page.getByRole('link', { name: /Sam Verbindings/ })).toBeVisible();
  await page.getByLabel('Filter contacts').fill('MINISTÉRIE');
  await expect(page.getByRole('link', { name: /Sam Verbindings/ })).toBeVisible();
  await page.getByLabel('Filter contacts').fill('nobody like this');
  await expect(page.getByText('No matches')).toBeVisible();
  await page.getByLabel('Filter contacts').fill('');

  // Editing changes the record in place.
  await page.getByRole('link', { name: /Sam Verbindings/ }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('Sam Verbindings-de Vries');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Sam Verbindings-de Vries' })).toBeVisible();

  // A contact without any channel is refused with a message.
  await page.getByRole('button', { name: 'New contact' }).click();
  const second = page.getByRole('dialog', { name: 'New contact' });
  await second.getByLabel('Name').fill('No Channel');
  await second.getByRole('button', { name: 'Save' }).click();
  await expect(second.getByText('Give at least one channel.')).toBeVisible();
  await second.getByRole('button', { name: 'Cancel' }).click();

  page.once('dialog', (confirm) => void confirm.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No contacts yet')).toBeVisible();
});
