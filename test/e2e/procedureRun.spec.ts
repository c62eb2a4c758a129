/**
 * Running a procedure on an incident: start it from the procedure, tick, skip and block steps
 * (a reason is required), see the chart's marks and where the incident stands, find every action
 * in the incident's logbook, run another procedure from the incident page, and close a run.
 */
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

const INCIDENT = 'BLUE HARBOUR — ransomware at port logistics operators';

test('a procedure runs on an incident and every step action is a logbook entry', async ({ page }) => {
  test.setTimeout(90_000);
  await completeSetup(page);
  await navLink(page, 'Procedures').click();
  await page.locator('.record-link').filter({ hasText: 'Detection and escalation' }).click();
  await page.getByRole('button', { name: 'Start on incident…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Start “Detection and escalation/ });
  const option = await dialog.locator('option', { hasText: INCIDENT }).getAttribute('value');
  await dialog.getByLabel('Incident').selectOption(option ?? '');
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();

  await expect(page.getByRole('heading', { level: 2, name: /^Run: Detection and escalation/ })).toBeVisible();
  await expect(page).toHaveURL(/#\/procedures\/run%3A[0-9A-Z]{26}$/);
  const stands = page.getByRole('region', { name: 'Where the incident stands' });
  await expect(stands.getByRole('button', { name: 'Significant incident comes to light' })).toBeVisible();
  const panel = page.getByRole('complementary', { name: 'Step details' });
  const chart = page.locator('.procedure-chart');
  await expect(chart.locator('.react-flow__node-step[data-id="start"] .pc-step-node')).toHaveAttribute('data-mark', 'current', { timeout: 30_000 });

  // Tick the start.
  await expect(panel.getByRole('heading', { level: 3, name: 'Significant incident comes to light' })).toBeVisible();
  await panel.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(chart.locator('.react-flow__node-step[data-id="start"] .pc-step-node')).toHaveAttribute('data-mark', 'done');

  // Skip the analysis: a reason is required.
  await stands.getByRole('button', { name: 'Analyse the incident' }).click();
  await expect(panel.getByRole('heading', { level: 3, name: 'Analyse the incident' })).toBeVisible();
  await panel.getByRole('button', { name: 'Skip…' }).click();
  await panel.getByRole('button', { name: 'Skip the step' }).click();
  await expect(panel.getByText('Give a reason.')).toBeVisible();
  await panel.getByLabel('Why is this step skipped?').fill('Analysed by the sector CSIRT already');
  await panel.getByRole('button', { name: 'Skip the step' }).click();
  await expect(chart.locator('.react-flow__node-step[data-id="assess"] .pc-step-node')).toHaveAttribute('data-mark', 'skipped');

  // Block the notification of the CSIRTs network.
  await stands.getByRole('button', { name: 'Notify the CSIRTs network' }).click();
  await panel.getByRole('button', { name: 'Blocked…' }).click();
  await panel.getByLabel('What blocks this step?').fill('Secure mail to the CSIRTs network is down');
  await panel.getByRole('button', { name: 'Mark blocked' }).click();
  await expect(chart.locator('.react-flow__node-step[data-id="notify-csirts"] .pc-step-node')).toHaveAttribute('data-mark', 'blocked');
  await expect(stands.getByText('Blocked at “Notify the CSIRTs network”: Secure mail to the CSIRTs network is down')).toBeVisible();
  await expect(page.locator('#run-progress-label')).toContainText('2 of 28 steps settled (1 done, 1 skipped), 1 blocked');
  await page.screenshot({ path: screenshotPath('procedure-run'), fullPage: true });

  // The step list shows every state.
  const list = page.getByRole('region', { name: 'Steps' });
  await expect(list.getByRole('row').filter({ has: page.getByRole('button', { name: 'Analyse the incident', exact: true }) })).toContainText('Skipped');

  // The incident page lists the run and its progress; the logbook holds every action.
  await page.getByRole('link', { name: INCIDENT }).click();
  const runs = page.getByRole('region', { name: 'Procedures run on this incident' });
  await expect(runs.getByRole('link', { name: /Detection and escalation/ })).toBeVisible();
  await expect(runs).toContainText('2/28 steps');
  await expect(runs).toContainText('1 blocked');
  const log = page.locator('section.logbook');
  await expect(log.getByText('Started the procedure “Detection and escalation of an incident that may become large-scale” (version 1).')).toBeVisible();
  await expect(log.getByText('Done: “Significant incident comes to light”.')).toBeVisible();
  await expect(log.getByText('Skipped “Analyse the incident”: Analysed by the sector CSIRT already')).toBeVisible();
  const blocked = log.locator('.timeline-card').filter({ hasText: 'Blocked at “Notify the CSIRTs network”' }).last();
  await expect(blocked).toBeVisible();
  // The entry links the step; the link leads to the procedure.
  await expect(blocked.getByRole('link', { name: 'Notify the CSIRTs network' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('procedure-run-logbook'), fullPage: true });

  // Run another procedure from the incident page, then abandon it with a reason.
  await runs.getByLabel('Procedure').selectOption({ label: 'Exercise drill: escalating a significant incident' });
  await runs.getByRole('button', { name: 'Run a procedure' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Run: Exercise drill: escalating a significant incident' })).toBeVisible();
  await page.getByRole('button', { name: 'Abandon the run…' }).click();
  await page.getByRole('button', { name: 'Abandon the run', exact: true }).click();
  await expect(page.getByText('Give a reason.')).toBeVisible();
  await page.getByLabel('Why is the run abandoned?').fill('Drill replaced by the EU procedure');
  await page.getByRole('button', { name: 'Abandon the run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Where the incident stands' })).toContainText('The run was abandoned.');
  await expect(page.getByRole('button', { name: 'Done', exact: true })).toHaveCount(0);
});
