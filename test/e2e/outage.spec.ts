import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

test('with internet and mobile network down, an authority’s satellite phone is promoted everywhere', async ({ page }) => {
  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Contacts').click();

  // An authority with three channels: secure e-mail, mobile, satellite phone.
  await page.getByRole('button', { name: 'New contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await dialog.getByLabel('Kind', { exact: true }).selectOption('organisation');
  await dialog.getByLabel('Name', { exact: true }).fill('Testland Cyber Crisis Authority');
  await dialog.getByLabel('Kind of organisation').selectOption('cyber-crisis-authority');
  await dialog.getByRole('checkbox', { name: 'Cyber crisis management authority' }).check();
  await dialog.getByLabel('Channel', { exact: true }).first().selectOption('secure-email');
  await dialog.getByLabel('Number or address').first().fill('duty@authority.example');
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await dialog.getByLabel('Channel', { exact: true }).nth(1).selectOption('mobile');
  await dialog.getByLabel('Number or address').nth(1).fill('+31 6 5555 0101');
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await dialog.getByLabel('Channel', { exact: true }).nth(2).selectOption('satellite-phone');
  await dialog.getByLabel('Number or address').nth(2).fill('+870 555 0101');
  await dialog.getByRole('button', { name: 'Save' }).click();

  const ladder = page.locator('.pace-ladder li');
  await expect(ladder.nth(0)).toHaveClass(/current/);
  const row = page.getByRole('link', { name: /Testland Cyber Crisis Authority/ });
  await expect(row).toContainText('Secure e-mail: duty@authority.example');

  // Declare internet and mobile network down from the header indicator.
  await page.getByRole('button', { name: 'No outage declared' }).click();
  const panel = page.getByRole('dialog', { name: 'Outage mode' });
  await panel.getByRole('switch', { name: /Internet/ }).check();
  await panel.getByRole('switch', { name: /Mobile network/ }).check();
  await panel.getByRole('button', { name: 'Save outage state' }).click();
  await expect(panel).toHaveCount(0);

  await expect(page.getByRole('button', { name: 'Outage: internet and mobile network down' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Outage mode: internet and mobile network down.' })).toBeVisible();
  await expect(row).toContainText('Satellite phone: +870 555 0101');
  await expect(ladder.nth(2)).toHaveClass(/current/);
  await expect(ladder.nth(2)).toContainText('Use now');
  await expect(ladder.nth(0)).toContainText('Down: needs internet.');
  await expect(ladder.nth(1)).toContainText('Down: needs mobile network.');
  await page.screenshot({ path: screenshotPath('outage-directory-en'), fullPage: true });

  // The dashboard shows the outage state; ending it there brings the first channel back.
  await navLink(page, 'Dashboard').click();
  const card = page.getByRole('region', { name: 'Outage mode' });
  await expect(card.getByRole('status')).toHaveText('2 infrastructures are declared down.');
  await page.screenshot({ path: screenshotPath('outage-dashboard-en'), fullPage: true });
  await card.getByRole('switch', { name: /Internet/ }).uncheck();
  await card.getByRole('switch', { name: /Mobile network/ }).uncheck();
  await card.getByRole('button', { name: 'Save outage state' }).click();
  await expect(card.getByRole('status')).toHaveText('Nothing is declared down.');
  await navLink(page, 'Contacts').click();
  await expect(page.getByRole('link', { name: /Testland Cyber Crisis Authority/ })).toContainText('Secure e-mail: duty@authority.example');
});

test('a contact with no working channel is unreachable, with a courier proposal; the outage can be logged in an incident', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Dashboard').click();
  const card = page.getByRole('region', { name: 'Outage mode' });
  for (const name of [/Internet/, /Mobile network/, /Fixed telephony/, /Mains power/]) await card.getByRole('switch', { name }).check();
  await card.getByRole('checkbox', { name: "Also record this in an incident's log" }).check();
  await card.getByLabel('Incident', { exact: true }).selectOption({ label: 'BLUE HARBOUR — ransomware at port logistics operators' });
  await card.getByRole('button', { name: 'Save outage state' }).click();
  await expect(card.getByRole('status')).toHaveText('4 infrastructures are declared down.');

  await navLink(page, 'Contacts').click();
  await page.getByRole('link', { name: /Kim Testpersoon/ }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Unreachable — send a courier or liaison officer to Exercise National Cyber Crisis Centre, Exercise Street 1, The Hague',
  );
  await page.screenshot({ path: screenshotPath('outage-unreachable-en'), fullPage: true });

  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  await expect(page.getByText('Outage declared: internet, mobile network, fixed telephony and mains power down.')).toBeVisible();

  // The same in the dark theme: the PACE ladder of a person reachable only by satellite phone.
  await navLink(page, 'Settings').click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await navLink(page, 'Contacts').click();
  await page.getByRole('link', { name: /Alex Example/ }).click();
  await expect(page.locator('.pace-rung.current')).toContainText('+870 000 000 103');
  await page.screenshot({ path: screenshotPath('outage-ladder-en-dark') });
});
