/**
 * The state of an incident and its clocks: escalating needs a reason and lands in the logbook with
 * what changed; a request for Reserve services is recorded; the Reserve clock counts down on the
 * incident and on the dashboard and is stopped with a reason; the logbook's chains stay intact.
 */
import type { Page } from '@playwright/test';
import { expect, navLink, screenshotPath, test, completeSetup } from './fixtures';

async function openBlueHarbour(page: Page) {
  await navLink(page, 'Incident log').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incident log' })).toBeVisible();
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /BLUE HARBOUR/ })).toBeVisible();
}

test('escalate with a reason, request Reserve services, start and stop the Reserve clock', async ({ page }) => {
  test.setTimeout(90_000);
  await completeSetup(page);
  await openBlueHarbour(page);
  const timeline = page.getByRole('list', { name: 'Log entries, oldest first' });

  // The built-in entries predate the chains; the check says so and finds nothing wrong.
  await expect(page.getByTestId('chain-status')).toContainText('Logbook intact');

  // Escalation needs a reason.
  await page.getByRole('button', { name: 'Change state…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the state of the incident' });
  await dialog.getByLabel('Escalation level').selectOption('cyber-crisis');
  await dialog.getByLabel('IPCR', { exact: true }).selectOption('information-sharing');
  await dialog.getByLabel('The Presidency opened a monitoring page on the IPCR web platform').check();
  await dialog.getByLabel('Impact on service delivery').selectOption('high');
  await dialog.getByLabel('EU-CyCLONe', { exact: true }).selectOption('activated');
  await dialog.getByRole('button', { name: 'Record the change' }).click();
  await expect(dialog.getByText('Say why the state changes: it goes into the logbook.')).toBeVisible();
  await dialog.getByLabel('Reason for the change').fill('Fuel supply to hospitals at risk in three member states.');
  await dialog.getByRole('button', { name: 'Record the change' }).click();
  await expect(dialog).toHaveCount(0);

  const state = page.getByRole('region', { name: 'State of the incident' });
  await expect(state).toContainText('Cyber crisis');
  await expect(state).toContainText('Information-sharing mode');
  await expect(state).toContainText('Monitoring page open on the IPCR web platform');
  await expect(state).toContainText('Impact on service delivery: High');
  await expect(timeline).toContainText('Fuel supply to hospitals at risk in three member states.');
  await expect(timeline).toContainText('Large-scale cybersecurity incident → Cyber crisis');
  await expect(timeline).toContainText('Not involved → Activated');

  // A request for Reserve services.
  await page.getByRole('button', { name: 'Record a request…' }).click();
  const request = page.getByRole('dialog', { name: 'Record a request for assistance' });
  await request.getByLabel('Asked of').fill('European Commission (Reserve)');
  await request.getByLabel('Description').fill('Incident response for two port operators.');
  await request.getByRole('button', { name: 'Save' }).click();
  await expect(state).toContainText('EU Cybersecurity Reserve services (pt. 55(b)(v))');
  await expect(timeline).toContainText('Request: EU Cybersecurity Reserve services (pt. 55(b)(v)) asked of European Commission (Reserve)');

  // The Reserve clock, on the incident and on the dashboard.
  await page.getByRole('button', { name: 'Start a clock…' }).click();
  const start = page.getByRole('dialog', { name: 'Start a clock' });
  await expect(start.getByLabel('Deadline')).toHaveValue('reserve-deployment');
  await expect(start).toContainText('pt. 55(b)(v)');
  await start.getByRole('button', { name: 'Start the clock' }).click();
  const clocks = page.getByRole('region', { name: 'Clocks' });
  await expect(clocks).toContainText('EU Cybersecurity Reserve: services deployed');
  await expect(clocks.locator('.clock-remaining')).toHaveText(/^(1 day|23 h \d+ min) left$/);
  await expect(timeline).toContainText('Clock started: EU Cybersecurity Reserve: services deployed');
  await page.screenshot({ path: screenshotPath('incident-state-en'), fullPage: true });

  await navLink(page, 'Dashboard').click();
  const running = page.getByRole('region', { name: /Running clocks/ });
  await expect(running).toContainText('BLUE HARBOUR');
  await expect(running).toContainText('EU Cybersecurity Reserve: services deployed');
  await page.screenshot({ path: screenshotPath('dashboard-clocks-en'), fullPage: true });

  await openBlueHarbour(page);
  await page.getByRole('region', { name: 'Clocks' }).getByRole('button', { name: 'Stop…' }).click();
  const stop = page.getByRole('dialog', { name: /Stop the clock/ });
  await stop.getByLabel('Why it stops').fill('Reserve team on site at both operators.');
  await stop.getByRole('button', { name: 'Stop the clock' }).click();
  await expect(page.getByRole('region', { name: 'Clocks' }).locator('.clock-remaining')).toContainText('Stopped in time');
  await expect(timeline).toContainText('Clock stopped: EU Cybersecurity Reserve: services deployed. Reserve team on site at both operators.');

  // Every entry written here is chained; the chain checks out.
  await expect(page.getByTestId('chain-status')).toContainText(/Logbook intact: 1 chain, 4 entries/);
  await navLink(page, 'Dashboard').click();
  await expect(page.getByRole('region', { name: /Running clocks/ })).toContainText('No clock is running');
});
