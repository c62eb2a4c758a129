/**
 * The three users of the workbook (issue 10), each through a short journey of their own, in
 * Dutch and in English, at 1280×800 and 1920×1080: a crisis authority that runs an incident, a
 * liaison officer who prepares for a trip with lines down, and a desk officer who looks things up.
 * Every screen on the way passes axe (no serious or critical violation) and a layout check (the
 * page does not scroll sideways; no control or heading runs past the box that clips it), and is
 * kept as a screenshot for review (test-results/screenshots/journey-*.png).
 *
 * Texts come from the translation files, so the same journey runs in both languages.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshotPath, test } from './fixtures';

type Language = 'en' | 'nl';
type Tree = { [key: string]: string | Tree };
const LOCALES: Record<Language, Tree> = {
  en: JSON.parse(readFileSync('shared/i18n/locales/en.json', 'utf8')) as Tree,
  nl: JSON.parse(readFileSync('shared/i18n/locales/nl.json', 'utf8')) as Tree,
};

/** A text of the app in `language`, with i18next's `{{name}}` values filled in. */
function tr(language: Language, key: string, values: Record<string, string> = {}): string {
  let node: string | Tree | undefined = LOCALES[language];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no text ${key} in ${language}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

async function setUp(page: Page, language: Language, role: string): Promise<void> {
  await page.goto('./');
  await page.getByRole('radio', { name: language === 'nl' ? 'Nederlands' : 'English' }).check();
  await page.getByLabel(tr(language, 'profile.organisation')).fill('NCSC Testland');
  await page.getByLabel(tr(language, 'profile.person')).fill('Jo Tester');
  await page.getByLabel(tr(language, 'profile.role')).selectOption(role);
  await page.getByRole('radio', { name: new RegExp(`^${tr(language, 'workspace.exercise')}`) }).check();
  await page.getByRole('button', { name: tr(language, 'setup.submit') }).click();
  await expect(page.getByRole('heading', { level: 1, name: tr(language, 'dashboard.title') })).toBeVisible();
}

/** axe, the layout check and a screenshot of what is on screen now. */
async function review(page: Page, name: string): Promise<void> {
  const found = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = found.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const layout = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Parts made to scroll sideways (wide tables, the swimlane chart) may hold controls beyond
    // their edge; anything else must end inside the box that clips it (the pane, the window).
    const sideways = '.table-scroll, .react-flow, .timeline-scroll, [data-scrolls-sideways]';
    const cutOff = [...document.querySelectorAll<HTMLElement>('button, a, input, select, textarea, h1, h2, h3')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || el.closest(sideways)) return false;
        let right = width;
        for (let a = el.parentElement; a; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') right = Math.min(right, a.getBoundingClientRect().right);
        }
        return box.right > right + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('aria-label') || ''}”`);
    return { pageScrollsSideways: document.documentElement.scrollWidth > width + 1, cutOff };
  });
  expect(layout, name).toEqual({ pageScrollsSideways: false, cutOff: [] });
  await page.screenshot({ path: screenshotPath(`journey-${name}`) });
}

for (const language of ['en', 'nl'] as const) {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    test.describe(`${language} ${size}`, () => {
      test.use({ viewport });

      test(`crisis authority: where we stand with IPCR mode, the guide, a decision logged by keyboard (${language}, ${size})`, async ({ page }) => {
        test.setTimeout(90_000);
        await setUp(page, language, 'cyber-crisis-authority');
        const incidents = page.getByRole('region', { name: new RegExp(tr(language, 'dashboard.openIncidents')) });
        await expect(incidents.getByRole('link', { name: /BLUE HARBOUR/ })).toBeVisible();
        await expect(incidents).toContainText(`${tr(language, 'incidentField.ipcr')}:`);
        await review(page, `authority-dashboard-${language}-${size}`);

        // F1 opens the guide for the installation's role.
        await page.keyboard.press('F1');
        const help = page.getByRole('dialog', { name: tr(language, 'help.title') });
        await expect(help.getByRole('tab', { name: tr(language, 'help.guides.authority.title') })).toHaveAttribute('aria-selected', 'true');
        await expect(help).toContainText(tr(language, 'help.guides.authority.escalate.title'));
        await review(page, `authority-guide-${language}-${size}`);
        await help.getByRole('listitem').filter({ hasText: tr(language, 'help.guides.authority.open.title') }).getByRole('button').click();
        await expect(help).toHaveCount(0);
        await expect(page.locator('.shell-main h1').first()).toHaveText(tr(language, 'nav.incidents'));

        // Open the incident and record a decision by keyboard: Alt+D, type, Enter.
        await page.getByRole('link', { name: /BLUE HARBOUR/ }).first().click();
        // The quick entry has the cursor once the incident is open: only then do the keys reach it.
        const form = page.getByRole('form', { name: tr(language, 'log.formLabel') });
        await expect(form.getByLabel(tr(language, 'log.field.text'), { exact: true })).toBeFocused();
        await page.keyboard.press('Alt+D');
        await expect(form.getByLabel(tr(language, 'log.field.kind'), { exact: true })).toHaveValue('decision');
        await page.keyboard.type(`Decision ${language}: activate the national crisis team.`);
        await page.keyboard.press('Enter');
        await expect(page.getByRole('list', { name: tr(language, 'log.timelineLabel') })).toContainText(`Decision ${language}: activate the national crisis team.`);
        await review(page, `authority-incident-${language}-${size}`);
      });

      test(`liaison officer: the shortcuts, the guide, an outage declared and the exchange (${language}, ${size})`, async ({ page }) => {
        test.setTimeout(90_000);
        await setUp(page, language, 'liaison-officer');

        // "?" shows the keyboard shortcuts; arrow keys move between the help's tabs.
        await page.keyboard.press('?');
        const help = page.getByRole('dialog', { name: tr(language, 'help.title') });
        const shortcutsTab = help.getByRole('tab', { name: tr(language, 'shortcuts.title') });
        await expect(shortcutsTab).toHaveAttribute('aria-selected', 'true');
        await expect(help.getByRole('table', { name: tr(language, 'shortcuts.context.logbook') })).toBeVisible();
        await review(page, `liaison-shortcuts-${language}-${size}`);
        await shortcutsTab.focus();
        await page.keyboard.press('ArrowLeft');
        await expect(help.getByRole('tab', { name: tr(language, 'help.guides.desk.title') })).toBeFocused();
        await page.keyboard.press('ArrowLeft');
        await expect(help.getByRole('tab', { name: tr(language, 'help.guides.liaison.title') })).toHaveAttribute('aria-selected', 'true');
        await expect(help).toContainText(tr(language, 'help.guides.liaison.verify.title'));
        await page.keyboard.press('Escape');
        await expect(help).toHaveCount(0);

        // Lines down: internet and mobile. The dashboard says so.
        const card = page.getByRole('region', { name: tr(language, 'outage.title') });
        await card.getByRole('switch', { name: new RegExp(tr(language, 'outage.infra.internet')) }).check();
        await card.getByRole('switch', { name: new RegExp(tr(language, 'outage.infra.mobile-network')) }).check();
        await card.getByRole('button', { name: tr(language, 'outage.declare') }).click();
        await expect(card.getByRole('status')).toHaveText(tr(language, 'outage.cardActive_other', { count: '2' }));
        await review(page, `liaison-dashboard-outage-${language}-${size}`);

        // The exchange: identity, keyring, bundles.
        await page.keyboard.press('Alt+5');
        await expect(page.locator('.shell-main h1').first()).toHaveText(tr(language, 'exchange.title'));
        await expect(page.getByRole('heading', { name: tr(language, 'keyring.title') })).toBeVisible();
        await review(page, `liaison-exchange-${language}-${size}`);
      });

      test(`desk officer: a misspelt contact found and opened, a procedure's chart (${language}, ${size})`, async ({ page }) => {
        test.setTimeout(90_000);
        await setUp(page, language, 'desk-officer');

        // Ctrl+K, a contact of the exercise, Enter opens it where it lives.
        await page.keyboard.press('Control+K');
        const palette = page.getByRole('dialog', { name: tr(language, 'search.dialogLabel') });
        const input = palette.getByRole('combobox');
        // A misspelt name of the exercise's directory.
        await input.fill('voorbeld');
        const results = palette.getByRole('listbox');
        await expect(results).toHaveAttribute('data-search-state', 'done');
        await expect(results).toHaveAttribute('data-index-state', 'ready');
        await expect(results.getByRole('option').first()).toContainText('Bo Voorbeeld');
        await review(page, `desk-palette-${language}-${size}`);
        await page.keyboard.press('Enter');
        await expect(palette).toHaveCount(0);
        await expect(page.getByRole('heading', { name: 'Bo Voorbeeld' })).toBeVisible();
        await review(page, `desk-contact-${language}-${size}`);

        // A procedure and its chart.
        await page.keyboard.press('Alt+2');
        await page.locator('.procedures-list .record-list a').first().click();
        await expect(page.locator('.react-flow__node').first()).toBeVisible();
        await review(page, `desk-procedure-${language}-${size}`);
      });
    });
  }
}
