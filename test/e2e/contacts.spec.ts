import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

test('a contact with a PACE ladder is added, reordered, found, verified and deleted', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Contacts').click();
  await expect(page.getByText('No contacts yet')).toBeVisible();

  await page.getByRole('button', { name: 'New contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await dialog.getByLabel('Name', { exact: true }).fill('Sam Verbindings');
  await dialog.getByLabel('Organisation', { exact: true }).fill('Ministerie van Justitie en Veiligheid');
  await dialog.getByLabel('Position').fill('Liaison to the crisis centre');
  await dialog.getByRole('checkbox', { name: 'Liaison officer' }).check();
  await dialog.getByLabel('Number or address').first().fill('+31 6 1234 5678');
  await dialog.getByLabel('Give up after (minutes)').first().fill('15');
  await dialog.getByLabel('When it fails', { exact: true }).first().fill('Leave a message, then next');
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await dialog.getByLabel('Channel', { exact: true }).nth(1).selectOption('satellite-phone');
  await dialog.getByLabel('Number or address').nth(1).fill('+870 773 123 456');
  await dialog.getByLabel('Note', { exact: true }).nth(1).fill('When mobile networks are down');
  // The satellite phone is to be tried first.
  await dialog.getByRole('button', { name: 'Move channel 2 up' }).click();
  await page.screenshot({ path: screenshotPath('contact-dialog-en'), fullPage: true });
  await dialog.getByRole('button', { name: 'Save' }).click();

  const ladder = page.locator('.pace-ladder li');
  await expect(ladder).toHaveCount(2);
  await expect(ladder.nth(0)).toContainText('Satellite phone');
  await expect(ladder.nth(0)).toContainText('Primary');
  await expect(ladder.nth(0)).toContainText('Use now');
  await expect(ladder.nth(1)).toContainText('+31 6 1234 5678');
  await expect(ladder.nth(1)).toContainText('No answer within 15 minutes: next channel. Leave a message, then next');
  await expect(ladder.nth(1)).toContainText('Needs mobile network.');
  await expect(page.getByRole('status').filter({ hasText: 'Never verified.' })).toBeVisible();

  // Survives a reload, and the filter finds it by a number, ignoring case and accents.
  await page.reload();
  await page.getByLabel('Filter contacts').fill('773 123');
  await expect(page.getByRole('link', { name: /Sam Verbindings/ })).toBeVisible();
  await page.getByLabel('Filter contacts').fill('MINISTÉRIE');
  await expect(page.getByRole('link', { name: /Sam Verbindings/ })).toBeVisible();
  await page.getByLabel('Filter contacts').fill('nobody like this');
  await expect(page.getByText('No matches')).toBeVisible();
  await page.getByLabel('Filter contacts').fill('');

  // Verifying records who and how, and the entry is no longer stale.
  await page.getByRole('link', { name: /Sam Verbindings/ }).click();
  await expect(page.getByRole('link', { name: /Sam Verbindings/ })).toContainText('Verify');
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  const verify = page.getByRole('dialog', { name: 'Verify Sam Verbindings' });
  await verify.getByLabel('How', { exact: true }).selectOption('in-person');
  await verify.getByRole('button', { name: 'Record verification' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Verified .* by Jo Tester \(In person\)\./ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Sam Verbindings/ })).not.toContainText('Verify');

  // Editing changes the record in place.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Sam Verbindings-de Vries');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Sam Verbindings-de Vries' })).toBeVisible();

  // A contact without any channel is refused with a message.
  await page.getByRole('button', { name: 'New contact' }).click();
  const second = page.getByRole('dialog', { name: 'New contact' });
  await second.getByLabel('Name', { exact: true }).fill('No Channel');
  await second.getByRole('button', { name: 'Save' }).click();
  await expect(second.getByText('Give at least one channel.')).toBeVisible();
  await second.getByRole('button', { name: 'Cancel' }).click();

  page.once('dialog', (confirm) => void confirm.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No contacts yet')).toBeVisible();
});

test('the exercise directory groups persons under organisations, filters, and walks the verification round', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Contacts').click();
  const centre = page.getByRole('region', { name: 'Exercise National Cyber Crisis Centre' });
  await expect(centre.getByRole('link', { name: /Alex Example/ })).toBeVisible();
  await expect(centre.getByRole('link', { name: /Sam Oefening/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('directory-exercise-en'), fullPage: true });

  // Filters: EU-CyCLONe executives only; then stale entries only.
  await page.getByText('Filters').click();
  await page.getByLabel('Role').selectOption('eu-cyclone-executive');
  await expect(page.locator('.directory-row')).toHaveCount(1);
  await expect(page.getByRole('link', { name: /Sam Oefening/ })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('checkbox', { name: 'Only entries due for verification' }).check();
  await expect(page.getByRole('link', { name: /Kim Testpersoon/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Sam Oefening/ })).toHaveCount(0);

  // The organisation's detail lists its persons; a person links back to it.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('link', { name: /Alex Example/ }).click();
  await expect(page.getByRole('heading', { name: 'Channels (PACE ladder)' })).toBeVisible();
  await page.getByRole('article').getByRole('link', { name: 'Exercise National Cyber Crisis Centre' }).click();
  await expect(page.getByRole('heading', { name: 'Persons' })).toBeVisible();

  // The verification round: tick one off, skip another.
  await page.getByRole('link', { name: /^Verification round/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verification round' })).toBeVisible();
  const kim = page.getByRole('listitem', { name: /Kim Testpersoon/ });
  await kim.getByLabel('How Kim Testpersoon was verified').selectOption('call-back');
  await kim.getByLabel('Note on verifying Kim Testpersoon').fill('Desk number confirmed');
  await kim.getByRole('button', { name: 'Verified' }).click();
  await expect(kim).toContainText('Verified in this round');
  await page.getByRole('button', { name: 'Skip Robin Proef for now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /1 of \d+ verified in this round/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('verification-round-en'), fullPage: true });

  await page.getByRole('link', { name: 'Directory', exact: true }).click();
  await page.getByRole('link', { name: /Kim Testpersoon/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /by Jo Tester \(Call-back\)\..*Desk number confirmed/ })).toBeVisible();
});

test('wallet cards print with the PACE ladder and the TLP label on each card', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Contacts').click();
  await page.getByRole('link', { name: 'Wallet cards' }).click();
  await page.getByRole('checkbox', { name: /Alex Example/ }).check();
  await page.getByRole('checkbox', { name: 'CSIRT-EXERCISE · Netherlands' }).check();
  await page.getByRole('button', { name: 'Preview 2 cards' }).click();
  const preview = page.getByRole('dialog', { name: 'Wallet cards' });
  const cards = preview.getByRole('article');
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toContainText('TLP:AMBER');
  await expect(cards.first()).toContainText('EXERCISE');
  await expect(cards.filter({ hasText: 'Alex Example' })).toContainText('+870 000 000 103');
  await page.screenshot({ path: screenshotPath('wallet-cards-en'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await expect(cards.first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('wallet-cards-print-en'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await preview.getByRole('button', { name: 'Close' }).click();
  await expect(preview).toHaveCount(0);
});

test('the stale period is set in Settings and changes which entries are due', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Contacts').click();
  await expect(page.getByRole('link', { name: 'Verification round (6 stale)' })).toBeVisible();

  await navLink(page, 'Settings').click();
  const months = page.getByLabel('Directory entries are due for verification after (months)');
  await expect(months).toHaveValue('6');
  await months.fill('0');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('Whole months from 1 to 60.')).toBeVisible();
  await months.fill('60');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('Whole months from 1 to 60.')).toHaveCount(0);

  await navLink(page, 'Contacts').click();
  // The entries verified in December 2025 and March 2026 are no longer due; the never-verified are.
  await expect(page.getByRole('link', { name: 'Verification round (4 stale)' })).toBeVisible();
});
