/**
 * Shared end-to-end fixtures: every test fails on an uncaught page error or a missing translation,
 * and starts from a fresh browser profile (Playwright gives each test a new context).
 */
import { test as base, expect, type Page } from '@playwright/test';

export const MISSING_KEY_MARKER = 'crisis-workbook: missing translation';

export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && msg.text().includes(MISSING_KEY_MARKER)) problems.push(msg.text());
      });
      await use(problems);
      expect(problems, 'page errors or missing translations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export interface SetupOptions {
  readonly language?: 'en' | 'nl';
  readonly startIn?: 'exercise' | 'real';
  readonly organisation?: string;
  readonly person?: string;
}

/** Complete the first-run setup through the UI. */
export async function completeSetup(page: Page, options: SetupOptions = {}): Promise<void> {
  const { language = 'en', startIn = 'exercise', organisation = 'NCSC Testland', person = 'Jo Tester' } = options;
  await page.goto('./');
  await page.getByRole('radio', { name: language === 'nl' ? 'Nederlands' : 'English' }).check();
  const nl = language === 'nl';
  await page.getByLabel(nl ? 'Organisatie' : 'Organisation').fill(organisation);
  await page.getByLabel(nl ? 'Uw naam' : 'Your name').fill(person);
  await page.getByRole('radio', { name: startIn === 'exercise' ? (nl ? /^Oefening/ : /^Exercise/) : nl ? /^Echt/ : /^Real/ }).check();
  await page.getByRole('button', { name: nl ? 'Werkboek starten' : 'Start the workbook' }).click();
  await expect(page.getByRole('heading', { level: 1, name: nl ? 'Waar we staan' : 'Where we stand' })).toBeVisible();
}

/** A link of the main navigation (other links on a screen may carry the same name). */
export function navLink(page: Page, name: string | RegExp) {
  return page.getByRole('navigation', { name: /Main navigation|Hoofdnavigatie/ }).getByRole('link', { name });
}

/** Where screenshots of the main screens go (kept as CI artefacts). */
export function screenshotPath(name: string): string {
  return `test-results/screenshots/${name}.png`;
}
