/**
 * End-to-end tests: the built renderer (web build, browser platform) in Debian's Chromium, the
 * engine Electron embeds. Playwright's own browser download is not used.
 */
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two runs (e.g. two engineers' checkouts) share a machine.
const PORT = Number(process.env['E2E_PORT'] ?? 41731);
const headed = Boolean(process.env['HEADED']);
// E2E_DIST serves a build made elsewhere (`vite build --outDir /tmp/x`), so that engineers sharing
// a checkout do not overwrite each other's dist/renderer.
const DIST = process.env['E2E_DIST'];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: process.env['E2E_ARTIFACTS'] ?? 'test-results/e2e-artifacts',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env['CI']),
  reporter: [['list'], ['json', { outputFile: process.env['E2E_JSON'] ?? 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    headless: !headed,
    viewport: { width: 1360, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        ...(headed ? [] : ['--headless']),
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --config vite.renderer.config.ts --host 127.0.0.1 --port ${PORT} --strictPort${DIST ? ` --outDir ${DIST}` : ''}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
