/**
 * Reports from the logbook (issue 4) on the exercise incident BLUE HARBOUR: the situation report
 * for the operational level — its sections and content, the TLP label in the running header and
 * footer, what prints (emulated print media, screenshot), a PDF with the label on every page, the
 * Markdown download, and recording it in the logbook. Plus the political level's shorter report
 * and a Dutch shift handover.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { completeSetup, expect, screenshotPath, test } from './fixtures';
import { blueHarbourEntriesOfKind } from './scenario';

const ENTRY_TEXT = 'Telephone call from Harbour Logistics One (fictitious): terminal operating system unreachable, ransom note on all workstations.';
const DECISION = 'Request EU Cybersecurity Reserve services for both port operators?';

function hasCommand(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function openBlueHarbour(page: Page, language: 'en' | 'nl' = 'en') {
  await completeSetup(page, { language, startIn: 'exercise' });
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).first().click();
  await expect(page.getByRole('heading', { name: /BLUE HARBOUR/, level: 2 })).toBeVisible();
}

async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A datetime-local value some hours from now. */
function inHours(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

test('situation report for the operational level: content, TLP on every page, print, PDF, Markdown, logbook', async ({ page }) => {
  await openBlueHarbour(page);
  await page.getByRole('button', { name: 'Situation report…' }).click();
  const view = page.getByRole('dialog', { name: /Situation report/ });
  await expect(view).toBeVisible();
  // The app behind the view is inert while it is open.
  await expect(page.locator('#root')).toHaveAttribute('inert', '');

  // Options: the whole incident, operational level, a decision needed, the next report.
  await view.getByRole('button', { name: 'Whole incident' }).click();
  await expect(view.getByRole('radio', { name: /^Operational/ })).toBeChecked();
  const options = view.getByRole('form', { name: 'Report options' });
  await options.getByLabel('Decisions needed').fill(`${DECISION}\nActivate the national crisis structure at ministerial level?`);
  await options.getByLabel('Next report due').fill(inHours(4));

  const doc = view.getByTestId('report-document');
  await expect(doc.getByRole('heading', { level: 1 })).toHaveText('Situation report no. 2');
  await expect(doc.getByText('BLUE HARBOUR — ransomware at port logistics operators').first()).toBeVisible();
  await expect(doc.getByRole('heading', { level: 2 })).toHaveText([
    '1. What happened',
    '2. Current assessment',
    '3. Measures taken',
    '4. Decisions needed',
    '5. Running clocks and deadlines',
    '6. Next report',
  ]);
  await expect(doc.getByTestId('report-section-happened')).toContainText(ENTRY_TEXT);
  await expect(doc.getByTestId('report-section-happened')).toContainText('Not listed at this level: Situation report: 1.');
  await expect(doc.getByTestId('report-section-measures')).toContainText('Incident treated as significant (pt. 7).');
  await expect(doc.getByTestId('report-section-decisions')).toContainText(DECISION);
  await expect(doc.getByTestId('report-section-assessment')).toContainText('Large-scale cybersecurity incident');
  await expect(doc).toContainText('Operational level (Recommendation, pt. 55(b))');
  await expect(doc).toContainText('Jo Tester, NCSC Testland');
  await expect(doc.getByTestId('report-running-header')).toContainText('TLP:AMBER');
  await expect(doc.getByTestId('report-running-header')).toContainText('EXERCISE — OEFENING');
  await expect(doc.getByTestId('report-running-footer')).toContainText('TLP:AMBER');
  await expect(doc.getByTestId('report-running-footer')).toContainText('EXERCISE — OEFENING');
  await expect(view.getByText('Label of this report: TLP:AMBER')).toBeVisible();
  await page.screenshot({ path: screenshotPath('sitrep-view-en') });
  await expectAccessible(page, 'report view');

  // Print: only the report, with its running header and footer.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await expect(view.getByRole('button', { name: 'Print…' })).toBeHidden();
  await expect(options).toBeHidden();
  await expect(doc.getByTestId('report-running-header')).toHaveCSS('position', 'fixed');
  await expect(doc.getByTestId('report-running-footer')).toHaveCSS('position', 'fixed');
  // A screenshot is one long page, not paper: make the viewport A4-wide and as tall as the report,
  // so the fixed header and footer stand at its top and bottom as on a single sheet.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 794, height: 1123 });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 794, height: Math.max(height, 1123) });
  await page.screenshot({ path: screenshotPath('sitrep-print-en'), fullPage: true });
  if (viewport) await page.setViewportSize(viewport);

  // PDF as Chromium prints it (Electron's printToPDF is the same engine and options).
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pdfPath = join(mkdtempSync(join(tmpdir(), 'sitrep-')), 'sitrep.pdf');
  writeFileSync(pdfPath, pdf);
  const pages = Number(/\/Type\s*\/Pages\b[^>]*?\/Count (\d+)/s.exec(pdf.toString('latin1'))?.[1] ?? '0');
  expect(pages, 'the report runs over more than one page').toBeGreaterThan(1);
  if (hasCommand('pdftotext')) {
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    const pageTexts = text.split('\f').filter((p) => p.trim() !== '');
    expect(pageTexts).toHaveLength(pages);
    for (const [i, pageText] of pageTexts.entries()) {
      const lines = pageText.split('\n').filter((l) => l.trim() !== '');
      // The label heads and foots every page; the exercise marking stands on every page too.
      expect(lines[0], `first line of page ${i + 1}`).toContain('TLP:AMBER');
      // The last line is the page number in the margin; the running footer stands just above it.
      expect(lines.at(-2), `foot of page ${i + 1}`).toContain('TLP:AMBER');
      expect(lines.at(-1)?.trim(), `page number of page ${i + 1}`).toMatch(new RegExp(`^${i + 1}\\s*/\\s*${pages}$`));
      expect(pageText, `page ${i + 1}`).toContain('EXERCISE — OEFENING');
      expect(pageText).not.toContain('Record in logbook');
    }
    expect(text).toContain('Telephone call from Harbour Logistics One');
    // The pages as paper, for people to look at (kept with the other screenshots).
    if (hasCommand('pdftoppm')) execFileSync('pdftoppm', ['-r', '70', '-png', pdfPath, screenshotPath('sitrep-pdf-en').replace(/\.png$/, '')]);
  } else {
    test.info().annotations.push({ type: 'skipped-check', description: 'pdftotext not installed: page texts not extracted (apt-get install poppler-utils)' });
  }
  await page.emulateMedia({ media: 'screen' });

  // Markdown, as a download.
  const [download] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Save Markdown…' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^EXERCISE-blue-harbour-ransomware-sitrep-2-operational-\d{8}-\d{4}\.md$/);
  const markdown = readFileSync(await download.path(), 'utf8');
  expect(markdown.split('\n')[0]).toBe('**TLP:AMBER** · **EXERCISE — OEFENING**');
  expect(markdown).toContain('# Situation report no. 2 — BLUE HARBOUR — ransomware at port logistics operators');
  expect(markdown).toContain('## 1. What happened');
  expect(markdown).toContain(ENTRY_TEXT);
  expect(markdown).toContain(`- ${DECISION}`);
  expect(markdown.trimEnd().split('\n').at(-1)).toMatch(/^\*\*TLP:AMBER\*\* · \*\*EXERCISE — OEFENING\*\* · Situation report no\. 2/);
  await expect(view.getByRole('status')).toContainText('Markdown saved: EXERCISE-blue-harbour');

  // Recorded in the logbook as a situation report; the view keeps showing report no. 2.
  await view.getByRole('button', { name: 'Record in logbook' }).click();
  await expect(view.getByRole('status')).toHaveText('Situation report recorded in the logbook.');
  await expect(view.getByRole('button', { name: 'Recorded in the logbook' })).toBeDisabled();
  await expect(doc.getByRole('heading', { level: 1 })).toHaveText('Situation report no. 2');
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();
  await expect(page.getByRole('button', { name: 'Situation report…' })).toBeFocused();
  await expect(page.getByText(/^TLP:AMBER · EXERCISE — OEFENING\s+Situation report no\. 2 — BLUE HARBOUR/).first()).toBeAttached();

  // The next report is number 3.
  await page.getByRole('button', { name: 'Situation report…' }).click();
  await expect(page.getByTestId('report-document').getByRole('heading', { level: 1 })).toHaveText('Situation report no. 3');
});

test('the political level gets the short report: escalations and decisions only (dark theme)', async ({ page }) => {
  // The sheet stays white in the dark theme: it shows what will be printed.
  await page.emulateMedia({ colorScheme: 'dark' });
  await openBlueHarbour(page);
  await page.getByRole('button', { name: 'Situation report…' }).click();
  const view = page.getByRole('dialog', { name: /Situation report/ });
  await view.getByRole('button', { name: 'Whole incident' }).click();
  await view.getByRole('radio', { name: /^Political/ }).check();
  const doc = view.getByTestId('report-document');
  await expect(doc).toContainText('Political level (Recommendation, pt. 55(c))');
  await expect(doc.getByTestId('report-section-happened')).not.toContainText(ENTRY_TEXT);
  await expect(doc.getByTestId('report-section-happened')).toContainText(
    `Not listed at this level: Message received: 1; Observation: 2; Action: ${blueHarbourEntriesOfKind('action')}; Message sent: 1; Situation report: 1.`,
  );
  await expect(doc.getByTestId('report-section-measures')).toContainText('Incident treated as significant (pt. 7).');
  await expect(doc.getByTestId('report-section-measures')).not.toContainText('Head of crisis team, exercise authority');
  await expect(doc).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await page.screenshot({ path: screenshotPath('sitrep-political-en-dark') });
  await expectAccessible(page, 'political report, dark theme');
});

test('a shift handover in Dutch', async ({ page }) => {
  await openBlueHarbour(page, 'nl');
  await page.getByRole('button', { name: 'Overdracht…' }).click();
  const view = page.getByRole('dialog', { name: /Dienstoverdracht/ });
  const options = view.getByRole('form', { name: 'Instellingen van het rapport' });
  await options.getByLabel('Aandachtspunten voor de volgende dienst').fill('Om 06:00 de haven van Rotterdam (fictief) terugbellen.');
  await options.getByLabel('Wijzigingen sinds').fill('2025-11-03T08:00');
  const doc = view.getByTestId('report-document');
  await expect(doc.getByRole('heading', { level: 1 })).toHaveText('Dienstoverdracht');
  await expect(doc.getByRole('heading', { level: 2 })).toHaveText([
    '1. De situatie nu',
    '2. Wijzigingen van het incident',
    '3. Logregels',
    '4. Openstaande verzoeken en acties',
    '5. Lopende klokken en termijnen',
    '6. Aandachtspunten voor de volgende dienst',
  ]);
  await expect(doc.getByTestId('report-section-notes')).toContainText('Om 06:00 de haven van Rotterdam (fictief) terugbellen.');
  await expect(doc.getByTestId('report-running-footer')).toContainText('TLP:AMBER');
  await expect(doc).toContainText('OEFENING');
  await page.screenshot({ path: screenshotPath('handover-nl') });
  await expectAccessible(page, 'handover view');
});

test('the lessons-learned report, once lessons are recorded at closure', async ({ page }) => {
  await openBlueHarbour(page);
  await expect(page.getByRole('button', { name: 'Lessons learned report' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Record lessons learned…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lessons learned' });
  await dialog.getByLabel('What went well').fill('The fallback telephone list reached both port operators within the hour.');
  await dialog.getByLabel('What did not go well').fill('Nobody on duty knew who may request the EU Cybersecurity Reserve.');
  await dialog.getByLabel('Actions').fill('Name a deputy for Reserve requests — Head of crisis team — 2026-01-31');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Lessons learned report' }).click();
  const view = page.getByRole('dialog', { name: /Lessons learned/ });
  const doc = view.getByTestId('report-document');
  await expect(doc.getByRole('heading', { level: 2 })).toHaveText(['1. The incident', '2. What went well', '3. What did not go well', '4. Actions']);
  await expect(doc.getByTestId('report-section-went-well')).toContainText('The fallback telephone list reached both port operators within the hour.');
  await expect(doc.getByRole('table')).toContainText('Name a deputy for Reserve requests');
  await expect(doc.getByRole('table')).toContainText('31 Jan 2026');
  await expect(doc.getByTestId('report-running-header')).toContainText('TLP:AMBER');
  // Lessons are not a logbook kind of their own: nothing to record.
  await expect(view.getByRole('button', { name: 'Record in logbook' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('lessons-report-en') });
});
