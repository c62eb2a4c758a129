/**
 * The web build is an installable offline web app: a manifest, and a service worker that precaches
 * the whole app so that it starts with the network gone.
 */
import { completeSetup, expect, navLink, test } from './fixtures';
import { BUILTIN_PACK_PROCEDURES, SCENARIO_OPERATIONS } from './scenario';

test('the web app has a manifest and keeps working with the network gone', async ({ page, context }) => {
  await completeSetup(page);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (!link) return null;
    return (await (await fetch(link.href)).json()) as { name: string; display: string; icons: Array<{ sizes: string }> };
  });
  expect(manifest).toMatchObject({ name: 'Crisis Workbook', display: 'standalone' });
  expect(manifest?.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

  // Wait until the service worker controls the page and has precached everything.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Where we stand' })).toBeVisible();
  await navLink(page, 'Incident log').click();
  await expect(page.getByRole('link', { name: /BLUE HARBOUR/ })).toBeVisible();
  await context.setOffline(false);
});

test('the journal export downloads an NDJSON file marked as exercise', async ({ page }) => {
  await completeSetup(page, { startIn: 'exercise' });
  await navLink(page, 'Exchange').click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export journal' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^EXERCISE-journal-exercise-.*\.ndjson$/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  expect(JSON.parse(header!)).toMatchObject({ format: 'crisis-workbook-journal', workspace: 'exercise', marking: 'EXERCISE — OEFENING' });
  // The scenario's own operations, then the built-in content pack's (a procedure and its first
  // version each), and nothing else.
  const operations = lines.map((line) => JSON.parse(line) as { opId: string; origin: string; table: string });
  const scenarioIds = new Set(SCENARIO_OPERATIONS.map((op) => op.opId));
  expect(operations.filter((op) => scenarioIds.has(op.opId))).toHaveLength(SCENARIO_OPERATIONS.length);
  const rest = operations.filter((op) => !scenarioIds.has(op.opId));
  expect(rest).toHaveLength(2 * BUILTIN_PACK_PROCEDURES);
  for (const op of rest) {
    expect(op.origin).toBe('builtin');
    expect(['procedures', 'procedureVersions']).toContain(op.table);
  }
});
