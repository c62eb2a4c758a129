/**
 * Every built-in chart, drawn in the browser: a screenshot of each at a size that shows the whole
 * procedure (test-results/screenshots/chart-<key>.png, to be looked at), and checks in the page:
 * every step inside its lane, no two steps overlapping, lanes in level order, no label over a step.
 */
import type { Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

interface PackFile {
  readonly key: string;
  readonly title: { readonly en: string };
  readonly lanes: ReadonlyArray<{ readonly id: string; readonly level: 'technical' | 'operational' | 'political' }>;
  readonly steps: readonly unknown[];
  readonly flows: readonly unknown[];
}

const PACK_DIR = join(process.cwd(), 'shared/content/blueprint-pack');
const MANIFEST = JSON.parse(readFileSync(join(PACK_DIR, 'manifest.json'), 'utf8')) as { laneOrder: string };
/** The procedure files of the built-in pack (the app lists those the pack carries). */
const PACK_PROCEDURES: PackFile[] = readdirSync(join(PACK_DIR, 'procedures'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(PACK_DIR, 'procedures', f), 'utf8')) as PackFile);

/** The built-in procedures the app lists, each with its pack file. */
async function listedBuiltins(page: Page): Promise<PackFile[]> {
  const group = page.locator('.list-group').filter({ has: page.getByRole('heading', { name: 'EU procedures' }) });
  // The list is a live query: wait for it before reading the titles.
  await expect(group.locator('.record-title').first()).toBeVisible();
  const titles = await group.locator('.record-title').allTextContents();
  return titles.map((title) => {
    const file = PACK_PROCEDURES.find((p) => p.title.en === title);
    if (!file) throw new Error(`no pack file for the listed procedure ${title}`);
    return file;
  });
}

interface Box {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

async function geometry(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element, id: string) => {
      const r = el.getBoundingClientRect();
      return { id, x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const steps = [...document.querySelectorAll('.procedure-chart .react-flow__node-step')].map((el) => ({
      ...box(el, el.getAttribute('data-id') ?? ''),
      lane: el.querySelector('.pc-step-node')?.getAttribute('data-lane') ?? '',
    }));
    const lanes = [...document.querySelectorAll('.procedure-chart .react-flow__node-lane')].map((el) => box(el, (el.getAttribute('data-id') ?? '').replace(/^lane:/, '')));
    const labels = [...document.querySelectorAll('.procedure-chart .pc-flow-label rect')].map((el, i) => box(el, `label-${i}`));
    const bands = [...document.querySelectorAll('.procedure-chart .react-flow__node-band')].map((el) => box(el, el.getAttribute('data-id') ?? ''));
    return { steps, lanes, labels, bands };
  });
}

const overlap = (a: Box, b: Box, slack = 0.5) => a.x + slack < b.x + b.w && b.x + slack < a.x + a.w && a.y + slack < b.y + b.h && b.y + slack < a.y + a.h;
const inside = (a: Box, b: Box, slack = 1) => a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.w <= b.x + b.w + slack && a.y + a.h <= b.y + b.h + slack;

test('every built-in chart is readable: steps in their lanes, nothing overlapping', async ({ page }) => {
  test.setTimeout(60_000 + PACK_PROCEDURES.length * 20_000);
  await completeSetup(page);
  await navLink(page, 'Procedures').click();
  const levelRank = { technical: 0, operational: 1, political: 2 } as const;
  const order = MANIFEST.laneOrder === 'political-operational-technical' ? [2, 1, 0] : [0, 1, 2];
  const builtins = await listedBuiltins(page);
  expect(builtins.length).toBeGreaterThan(0);

  for (const procedure of builtins) {
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.locator('.record-link').filter({ hasText: procedure.title.en }).first().click();
    await expect(page.getByRole('heading', { level: 2, name: procedure.title.en })).toBeVisible();
    const chart = page.locator('.procedure-chart');
    await expect(chart.locator('.react-flow__node-step')).toHaveCount(procedure.steps.length);
    await expect(chart.locator('.pc-flow')).toHaveCount(procedure.flows.length);

    // Enlarge the page and the chart to the layout's size, fit, and take the picture.
    const width = Number(await chart.getAttribute('data-layout-width'));
    const height = Number(await chart.getAttribute('data-layout-height'));
    // The list pane, the navigation and the paddings take about 700 px beside the chart.
    await page.setViewportSize({ width: Math.min(4200, Math.max(1360, width + 720)), height: Math.min(3000, Math.max(860, height + 560)) });
    // Through the CSSOM: the page's CSP allows no inline style sheets.
    await chart.evaluate((el, h) => (el as HTMLElement).style.setProperty('height', `${h}px`), height + 40);
    await chart.getByRole('button', { name: 'Fit the whole procedure' }).click();
    await page.waitForTimeout(400);
    await chart.screenshot({ path: screenshotPath(`chart-${procedure.key}`) });

    const g = await geometry(page);
    expect(g.steps).toHaveLength(procedure.steps.length);
    for (const s of g.steps) {
      const lane = g.lanes.find((l) => l.id === s.lane);
      expect(lane, `${procedure.key}: lane of ${s.id}`).toBeDefined();
      expect(inside(s, lane!), `${procedure.key}: ${s.id} inside lane ${s.lane}`).toBe(true);
    }
    for (let i = 0; i < g.steps.length; i++) {
      for (let j = i + 1; j < g.steps.length; j++) expect(overlap(g.steps[i]!, g.steps[j]!), `${procedure.key}: ${g.steps[i]!.id} overlaps ${g.steps[j]!.id}`).toBe(false);
      for (const label of g.labels) expect(overlap(g.steps[i]!, label), `${procedure.key}: a label covers ${g.steps[i]!.id}`).toBe(false);
    }
    // Lanes stacked top to bottom in level order, grouped by level.
    const lanesByY = [...g.lanes].sort((a, b) => a.y - b.y);
    const levels = lanesByY.map((l) => levelRank[procedure.lanes.find((x) => x.id === l.id)!.level]);
    const ranks = levels.map((lv) => order.indexOf(lv));
    expect([...ranks].sort((a, b) => a - b), `${procedure.key}: lanes in level order`).toEqual(ranks);
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.reload();
  }
});

test('a procedure page prints as the whole chart on a landscape page, and reads in the dark theme', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Procedures').click();
  await page.locator('.record-link').filter({ hasText: 'Detection and escalation' }).click();
  await expect(page.locator('.procedure-chart .react-flow__node-step').first()).toBeVisible({ timeout: 30_000 });

  // Print: the interactive chart and the list give way to the whole chart and the step list.
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('.procedure-print');
  await expect(printed).toBeVisible();
  await expect(page.locator('.procedure-chart')).toBeHidden();
  await expect(printed.locator('svg.procedure-chart-svg .pc-step')).toHaveCount(28);
  const svgBox = await printed.locator('svg.procedure-chart-svg').boundingBox();
  expect(svgBox!.width).toBeGreaterThan(600);
  await page.screenshot({ path: screenshotPath('procedure-print'), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await page.emulateMedia({ media: 'screen' });

  // Dark theme.
  await navLink(page, 'Settings').click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await navLink(page, 'Procedures').click();
  await page.locator('.record-link').filter({ hasText: 'Detection and escalation' }).click();
  await page.locator('.procedure-chart .react-flow__node-step', { hasText: 'Take in the notifications' }).click();
  await page.screenshot({ path: screenshotPath('procedure-chart-dark') });
});
