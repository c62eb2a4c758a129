/**
 * The procedures screen: every built-in procedure opens as a swimlane chart; a step opens its
 * details (actor, points with the Dutch source text, contacts who hold the actor's roles); the
 * keyboard walks the steps; the outline shows the same procedure; the reference pages cite their
 * points with the Dutch source text beside the English digest.
 */
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

test('every built-in procedure opens as a chart, and a step leads to its details', async ({ page }) => {
  test.setTimeout(180_000);
  await completeSetup(page);
  await navLink(page, 'Procedures').click();
  const eu = page.locator('.list-group').filter({ has: page.getByRole('heading', { name: 'EU procedures' }) });
  // The list is a live query: wait for it before reading the titles.
  await expect(eu.locator('.record-title').first()).toBeVisible();
  const titles = await eu.locator('.record-title').allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(1);
  await expect(eu.locator('.record-link').first()).toContainText(/Pack \d+\.\d+\.\d+/);

  for (const title of titles) {
    await eu.locator('.record-link').filter({ hasText: title }).first().click();
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    const chart = page.getByRole('group', { name: `Flowchart of ${title}` });
    const steps = chart.locator('.react-flow__node-step');
    await expect(steps.first()).toBeVisible({ timeout: 30_000 });
    // Select the second step: its details open beside the chart.
    const second = steps.nth(1);
    const label = (await second.getAttribute('aria-label')) ?? '';
    await second.click();
    const panel = page.getByRole('complementary', { name: 'Step details' });
    await expect(panel.getByRole('heading', { level: 3 })).toBeVisible();
    expect(label).toContain((await panel.getByRole('heading', { level: 3 }).textContent()) ?? '##');
    await expect(panel.getByRole('heading', { name: 'Responsible actor' })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Points of the Recommendation' })).toBeVisible();
    // The address holds the step, so the details survive a reload.
    expect(page.url()).toMatch(/#\/procedures\/[0-9A-Z]{26}~/);
  }
});

test('a step shows the Dutch source text of its points and the contacts who hold its roles', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Procedures').click();
  await page.locator('.record-link').filter({ hasText: 'Detection and escalation' }).click();
  const chart = page.locator('.procedure-chart');
  await chart.locator('.react-flow__node-step', { hasText: 'Take in the notifications' }).click();
  const panel = page.getByRole('complementary', { name: 'Step details' });
  await expect(panel.getByRole('heading', { level: 3, name: 'Take in the notifications' })).toBeVisible();
  await expect(panel.getByText('EU-CyCLONe', { exact: false }).first()).toBeVisible();

  // Citation: the Dutch source text beside the English digest.
  const source = panel.locator('blockquote.source-nl[lang="nl"]').first();
  await expect(source).toBeVisible();
  await expect(source).toContainText(/\w{4,}/);
  await expect(panel.locator('.source-en').first()).toBeVisible();

  // Contacts who hold the lane's roles (the exercise directory has an EU-CyCLONe officer).
  const contact = panel.locator('.step-contacts a').filter({ hasText: 'Alex Example' });
  await expect(contact).toBeVisible();
  await expect(panel.locator('.step-contacts')).toContainText(/Mobile|Landline|Satellite|Email|Secure|Radio|In person/i);
  await page.screenshot({ path: screenshotPath('procedure-step-details'), fullPage: true });
  await contact.click();
  await expect(page).toHaveURL(/#\/contacts\/[0-9A-Z]{26}$/);
  await expect(page.getByRole('heading', { name: 'Alex Example' }).first()).toBeVisible();
});

test('the keyboard walks the chart along the flows and the outline shows the same procedure', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Procedures').click();
  await page.locator('.record-link').filter({ hasText: 'Detection and escalation' }).click();
  const chart = page.locator('.procedure-chart');
  const start = chart.locator('.react-flow__node-step').first();
  await expect(start).toBeVisible({ timeout: 30_000 });
  await start.focus();
  await page.keyboard.press('Enter');
  const panelHeading = page.getByRole('complementary', { name: 'Step details' }).getByRole('heading', { level: 3 });
  await expect(panelHeading).toHaveText('Significant incident comes to light');
  await start.focus();
  await page.keyboard.press('ArrowRight');
  await expect(panelHeading).toHaveText('Analyse the incident');
  await expect(chart.locator('[aria-live="polite"]')).toContainText('Step 2 of');
  await expect(page.locator('.react-flow__node-step:focus')).toHaveAttribute('data-id', 'assess');
  await page.keyboard.press('ArrowLeft');
  await expect(panelHeading).toHaveText('Significant incident comes to light');
  await page.keyboard.press('Escape');
  await expect(panelHeading).toHaveCount(0);

  // The outline: levels, lanes, steps in reading order; a decision lists its outcomes.
  await page.getByRole('button', { name: 'Outline', exact: true }).click();
  const outline = page.locator('.procedure-outline');
  await expect(outline.getByRole('heading', { level: 3, name: 'Technical' })).toBeVisible();
  await expect(outline.getByRole('heading', { level: 4, name: 'EU-CyCLONe' })).toBeVisible();
  const decision = outline.locator('.outline-step').filter({ has: page.locator('.outline-step-button', { hasText: 'Activate EU-CyCLONe?' }) });
  // Its two outcomes, each with where it leads.
  await expect(decision.locator('.outline-exits li strong')).toHaveCount(2);
  await decision.getByRole('button', { name: /Activate EU-CyCLONe\?/ }).click();
  await expect(panelHeading).toHaveText('Activate EU-CyCLONe?');
  await page.screenshot({ path: screenshotPath('procedure-outline'), fullPage: true });
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(chart.locator('.react-flow__node-step').first()).toBeVisible();
});

test('reference pages cite their points with the Dutch source text; the Annex II actors are listed', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Procedures').click();
  const reference = page.getByRole('navigation', { name: 'Reference' });
  const links = reference.getByRole('link');
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(1);
  await reference.locator('a[href$="reference%3Aactors"]').click();
  await expect(page).toHaveURL(/#\/procedures\/reference%3Aactors$/);
  const table = page.getByRole('table', { name: /Every actor of Annex II/ });
  await expect(table.getByRole('rowheader').filter({ hasText: 'EU-CyCLONe' }).first()).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(await table.locator('tbody tr').count());
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(15);
  const firstSource = table.locator('details.citation').first();
  if ((await firstSource.getAttribute('open')) === null) await firstSource.locator('summary').click();
  await expect(firstSource.locator('blockquote[lang="nl"]').first()).toBeVisible();
  await expect(firstSource.locator('.source-en').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('reference-actors'), fullPage: true });

  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const name = (await link.textContent()) ?? '';
    await link.click();
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    await expect(page.locator('.reference-page .citation').first()).toBeAttached();
  }
});

test('in Dutch the chart, the outline and the step details speak Dutch', async ({ page }) => {
  await completeSetup(page, { language: 'nl' });
  await navLink(page, 'Procedures').click();
  await page.locator('.record-link').filter({ hasText: 'Detectie en opschaling' }).first().click();
  const chart = page.getByRole('group', { name: /^Stroomschema van Detectie en opschaling/ });
  await expect(chart.locator('.react-flow__node-step').first()).toBeVisible({ timeout: 30_000 });
  await expect(chart.locator('.pc-level-title').first()).toHaveText(/Technisch|Operationeel|Politiek/i);
  await chart.locator('.react-flow__node-step').nth(1).click();
  const panel = page.getByRole('complementary', { name: 'Details van de stap' });
  await expect(panel.getByRole('heading', { name: 'Verantwoordelijke actor' })).toBeVisible();
  await expect(panel.getByText('Nederlandse brontekst (zoals gepubliceerd)').first()).toBeVisible();
  await page.getByRole('button', { name: 'Overzicht', exact: true }).click();
  await expect(page.locator('.procedure-outline h3').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('procedure-outline-nl') });
});
