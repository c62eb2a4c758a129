/**
 * Chromium for the benchmark: Debian's /usr/bin/chromium (or CHROMIUM_PATH) driven by Playwright,
 * headless, with the flags of docs toolchain.md. Every measurement runs in a browser started on a
 * new, empty profile directory on disk, removed afterwards: IndexedDB then starts cold and lives
 * on disk as it does for users (Playwright's `browser.newContext()` would keep it in memory).
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface ProfileRun<T> {
  readonly value: T;
  /** Chromium's full version. */
  readonly chromiumVersion: string;
}

/**
 * Start Chromium on a fresh profile, open the harness (or the peer page) at `url` and wait until it is ready (or,
 * with `url` null, leave the page blank for `body` to navigate), run `body` and close everything.
 * Errors in the page reject with the page's message.
 */
export async function inFreshProfile<T>(url: string | null, body: (page: Page) => Promise<T>, log: (line: string) => void): Promise<ProfileRun<T>> {
  const profile = await mkdtemp(join(tmpdir(), 'crisis-workbook-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    // Each distinct message once (PouchDB warns about its own deprecated calls on every batch).
    const seen = new Set<string>();
    page.on('console', (message) => {
      const line = `page ${message.type()}: ${message.text()}`;
      if ((message.type() === 'error' || message.type() === 'warning') && !seen.has(line)) {
        seen.add(line);
        log(line);
      }
    });
    if (url !== null) {
      await page.goto(url);
      // The harness and the peer page both say so when their script has loaded.
      await page.waitForFunction(() => document.body?.dataset['ready'] === 'true', undefined, { timeout: 30_000 });
    }
    // The user agent string is reduced (156.0.0.0); the browser object knows the full version.
    const chromiumVersion = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    const value = await body(page);
    return { value, chromiumVersion };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
