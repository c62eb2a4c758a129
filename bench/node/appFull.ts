/**
 * The real-app measurements on the FULL dataset (20 incidents, 100,000 log entries spread over
 * them, 5,000 contacts, 300 procedures), in the built web app served on 127.0.0.1:
 *
 *  cold-start  a returning user opens the app: a new page load at `#/dashboard` in a profile that
 *              already holds the dataset and whose service worker is installed. Timed from the
 *              navigation's start (performance.now() of the new document) to the first animation
 *              frame in which
 *                `heading`      the dashboard's main heading (h1) is there;
 *                `data`         its "In this workspace" card shows every figure (no "…"), the
 *                               incidents and contacts figures equal the dataset's counts, and the
 *                               "Latest log entries" card lists entries;
 *                `interactive`  a click on the navigation's "Incidents" link, made in the frame
 *                               `data` was seen, has been answered: the link is marked the current
 *                               page (aria-current="page"). A busy main thread shows here.
 *  search      issue 10's global search (command palette, Ctrl+K): 100 queries from the dataset
 *              (bench/node/searchQueries.ts) typed (`fill`, as pasted) into the input named
 *              "Search the workbook"; each from its `input` event to the first animation frame in
 *              which the listbox "Search results" says `data-search-state="done"` after having
 *              changed since that event (its results are those of this query). The input is
 *              cleared between queries (not timed). Median, 95th percentile (nearest rank), max.
 *              Before them (untimed), the palette is given time to finish indexing: see
 *              `waitForSearchIndex`.
 *              When the build has no such palette, the measurement reports `unavailable`.
 *
 * Both prepare the same way, untimed: the app's first-run setup through its form (English, start
 * in Real), the service worker installed, the dataset's operations written into the app's
 * database (bench/common/rawSeed.ts), 2 s on about:blank. Both end by reading the replica back
 * (counts, operations, the digest of the incidents and log entries) and refuse a run whose
 * replica is not exactly the dataset.
 *
 * Page-side functions are serialised by Playwright: they use nothing from this module.
 */
import type { Locator, Page } from '@playwright/test';
import type { ReplicaCheck } from '../common/protocol';
import { seedDatabase } from '../common/rawSeed';
import { completeSetup, readReplica, type AppLabels } from './openIncident';
import type { SearchQuery } from './searchQueries';
import { percentile } from './stats';

export interface FullAppTarget {
  /** Base URL of the built web app, ending in `/`. */
  readonly url: string;
  /** The full dataset's operations file, relative to `url`. */
  readonly operationsUrl: string;
  readonly labels: AppLabels;
  readonly expected: {
    readonly incidents: number;
    readonly logEntries: number;
    readonly contacts: number;
    readonly operations: number;
    /** recordDigest of the incidents and log entries (what readReplica digests). */
    readonly logbookDigest: string;
  };
  readonly searchQueries: readonly SearchQuery[];
  /** How many of them to type (all in a full run, a few in the smoke run). */
  readonly searchQueryCount: number;
}

export interface AppRun {
  readonly figures: Readonly<Record<string, number>>;
  readonly replica: ReplicaCheck;
  readonly details?: unknown;
  readonly unavailable?: string;
}

const DATABASE_NAME = 'crisis-workbook';
const WORKSPACE = 'real';
const SETTLE_MS = 2_000;
const COLD_TIMEOUT_MS = 120_000;
const QUERY_TIMEOUT_MS = 30_000;
/** Issue 10's names for the palette (the brief's contract with the search engineer). */
const SEARCH_INPUT_NAME = 'Search the workbook';
const SEARCH_RESULTS_NAME = 'Search results';
/** Words in every logbook of the dataset (bench/node/dataset.ts sentence templates). */
const WARM_UP_QUERIES = ['SITREP', 'Decision'];
const WARM_UP_LIMIT_MS = 120_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (ms: number) => Math.round(ms * 10) / 10;

// ---- page side (serialised: self-contained) --------------------------------------------------------

interface ColdConfig {
  readonly incidents: number;
  readonly contacts: number;
  readonly navHref: string;
  readonly timeoutMs: number;
}

interface ColdMarks {
  heading: number | null;
  data: number | null;
  interactive: number | null;
  clickedAt: number | null;
  serviceWorker: boolean;
  domContentLoaded: number | null;
  figures: string[];
  timedOut: boolean;
}

declare global {
  interface Window {
    __benchCold?: { readonly marks: ColdMarks; readonly done: Promise<ColdMarks> };
    __benchSearch?: Promise<{ ms: number; count: number | null }>;
  }
}

function coldProbe(config: ColdConfig): void {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  const marks: ColdMarks = { heading: null, data: null, interactive: null, clickedAt: null, serviceWorker: navigator.serviceWorker?.controller != null, domContentLoaded: null, figures: [], timedOut: false };
  let finish: (marks: ColdMarks) => void = () => undefined;
  const done = new Promise<ColdMarks>((resolve) => (finish = resolve));
  const digits = (text: string | null | undefined) => (text ?? '').replace(/\D/g, '');
  const started = performance.now();
  const check = () => {
    const now = performance.now();
    const dashboard = document.querySelector('.dashboard');
    if (marks.heading === null && dashboard?.querySelector('h1')) marks.heading = now;
    if (marks.data === null && dashboard) {
      const figures = [...document.querySelectorAll('section[aria-labelledby="holdings"] dd')].map((dd) => (dd.textContent ?? '').trim());
      const links = [...document.querySelectorAll('section[aria-labelledby="holdings"] dt a')].map((a) => a.getAttribute('href'));
      const figureOf = (href: string) => figures[links.indexOf(href)];
      const recent = document.querySelectorAll('section[aria-labelledby="recent-log"] li').length;
      if (figures.length >= 4 && figures.every((f) => f !== '' && !f.includes('…')) && digits(figureOf('#/incidents')) === String(config.incidents) && digits(figureOf('#/contacts')) === String(config.contacts) && recent > 0) {
        marks.data = now;
        marks.figures = figures;
        const link = document.querySelector(`.shell-nav a[href="${config.navHref}"]`);
        if (link instanceof HTMLElement) {
          marks.clickedAt = performance.now();
          link.click();
        }
      }
    }
    if (marks.data !== null && marks.interactive === null && document.querySelector(`.shell-nav a[href="${config.navHref}"][aria-current="page"]`)) marks.interactive = now;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (navigation && navigation.domContentLoadedEventEnd > 0) marks.domContentLoaded = navigation.domContentLoadedEventEnd;
    if (marks.interactive !== null) return finish(marks);
    if (now - started > config.timeoutMs) {
      marks.timedOut = true;
      return finish(marks);
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  window.__benchCold = { marks, done };
}

/** Arms one search: from the next `input` event to the frame the results listbox is done after changing. */
function armSearch(probe: { resultsName: string; timeoutMs: number }): void {
  const listbox = (): Element | null => {
    const boxes = [...document.querySelectorAll('[role="listbox"]')];
    const named = boxes.find((box) => {
      const label = box.getAttribute('aria-label');
      if (label !== null) return label.trim() === probe.resultsName;
      const by = box.getAttribute('aria-labelledby');
      return by !== null && by.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ') === probe.resultsName;
    });
    return named ?? null;
  };
  window.__benchSearch = new Promise((resolve, reject) => {
    let typedAt = 0;
    let changed = false;
    const observer = new MutationObserver((mutations) => {
      const box = listbox();
      if (mutations.some((m) => box !== null && (m.target === box || box.contains(m.target) || [...m.addedNodes].includes(box)))) changed = true;
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      const box = listbox();
      reject(new Error(`the search results did not finish within ${probe.timeoutMs} ms (state ${box?.getAttribute('data-search-state') ?? 'no listbox'}, changed ${changed})`));
    }, probe.timeoutMs);
    const check = () => {
      const box = listbox();
      if (box && changed && box.getAttribute('data-search-state') === 'done') {
        clearTimeout(timer);
        observer.disconnect();
        const count = box.getAttribute('data-result-count');
        resolve({ ms: performance.now() - typedAt, count: count === null ? null : Number(count) });
      } else requestAnimationFrame(check);
    };
    const onInput = () => {
      typedAt = performance.now();
      document.removeEventListener('input', onInput, true);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      requestAnimationFrame(check);
    };
    document.addEventListener('input', onInput, true);
  });
}

// ---- runner side ---------------------------------------------------------------------------------

async function prepare(page: Page, app: FullAppTarget, log: (line: string) => void, id: string, setUp = true): Promise<number> {
  if (setUp) await completeSetup(page, app);
  const seeded = await page.evaluate(seedDatabase, { url: new URL(app.operationsUrl, app.url).href, databaseName: DATABASE_NAME, batchSize: 10_000 });
  if (seeded.operations !== app.expected.operations) throw new Error(`seeded ${seeded.operations} operations, expected ${app.expected.operations}`);
  log(`${id}: seeded ${seeded.operations} operations in ${(seeded.ms / 1000).toFixed(1)} s`);
  await page.goto('about:blank');
  await sleep(SETTLE_MS);
  return round(seeded.ms);
}

async function checkedReplica(page: Page, app: FullAppTarget): Promise<ReplicaCheck> {
  const replica = await page.evaluate(readReplica, { databaseName: DATABASE_NAME, workspace: WORKSPACE });
  const { expected } = app;
  const problems: string[] = [];
  if (replica.incidents !== expected.incidents) problems.push(`${replica.incidents} incidents, expected ${expected.incidents}`);
  if (replica.logEntries !== expected.logEntries) problems.push(`${replica.logEntries} log entries, expected ${expected.logEntries}`);
  if (replica.operations !== expected.operations) problems.push(`${replica.operations} operations, expected ${expected.operations}`);
  if (replica.conflicts !== 0) problems.push(`${replica.conflicts} conflicts, expected none`);
  if (replica.digest !== expected.logbookDigest) problems.push(`logbook digest ${replica.digest}, expected ${expected.logbookDigest}`);
  if (problems.length > 0) throw new Error(`the app's replica does not hold the dataset: ${problems.join('; ')}`);
  return replica;
}

export async function runColdStart(page: Page, app: FullAppTarget, log: (line: string) => void): Promise<AppRun> {
  const seedMs = await prepare(page, app, log, 'cold-start');
  await page.addInitScript(coldProbe, { incidents: app.expected.incidents, contacts: app.expected.contacts, navHref: '#/incidents', timeoutMs: COLD_TIMEOUT_MS });
  await page.goto(`${app.url}#/dashboard`);
  const marks = await page.evaluate(() => {
    if (!window.__benchCold) throw new Error('the cold-start probe is not installed');
    return window.__benchCold.done;
  });
  if (marks.timedOut || marks.heading === null || marks.data === null || marks.interactive === null) throw new Error(`the dashboard was not interactive within ${COLD_TIMEOUT_MS / 1000} s: ${JSON.stringify(marks)}`);
  const replica = await checkedReplica(page, app);
  return {
    figures: { heading: marks.heading, data: marks.data, interactive: marks.interactive },
    replica,
    details: {
      serviceWorker: marks.serviceWorker,
      seedMs,
      domContentLoadedMs: marks.domContentLoaded === null ? null : round(marks.domContentLoaded),
      clickAnsweredMs: marks.clickedAt === null ? null : round(marks.interactive - marks.clickedAt),
      dashboardFigures: marks.figures,
    },
  };
}

/** Opens the palette (Ctrl+K; Meta+K on macOS) and returns its input, or null when the build has none. */
async function openPalette(page: Page) {
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+K' : 'Control+K');
  const input = page.getByRole('combobox', { name: SEARCH_INPUT_NAME }).or(page.getByRole('searchbox', { name: SEARCH_INPUT_NAME })).first();
  const opened = await input.waitFor({ state: 'visible', timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  return opened ? input : null;
}

/** Types `text` into the palette and returns the time and result count the probe saw. */
async function searchOnce(page: Page, input: Locator, text: string): Promise<{ ms: number; count: number | null }> {
  await input.fill('');
  await sleep(60);
  await page.evaluate(armSearch, { resultsName: SEARCH_RESULTS_NAME, timeoutMs: QUERY_TIMEOUT_MS });
  await input.fill(text);
  return page.evaluate(() => {
    if (!window.__benchSearch) throw new Error('the search probe is not armed');
    return window.__benchSearch;
  });
}

/**
 * The palette may still be indexing the 100,000 entries after the page has loaded (it answers, with
 * fewer results, meanwhile). The timed queries measure search on a ready index: before them, words
 * every logbook of the dataset holds are typed every 2 s until each has results and the same count
 * twice in a row (at most 120 s). How long that took is in the details.
 */
async function waitForSearchIndex(page: Page, input: Locator): Promise<{ ms: number; stable: boolean; counts: (number | null)[] }> {
  const started = Date.now();
  let previous: (number | null)[] = [];
  for (;;) {
    const counts: (number | null)[] = [];
    for (const text of WARM_UP_QUERIES) counts.push((await searchOnce(page, input, text)).count);
    const stable = counts.every((count, i) => count !== null && count > 0 && count === previous[i]);
    if (stable || Date.now() - started > WARM_UP_LIMIT_MS) return { ms: Date.now() - started, stable, counts };
    previous = counts;
    await sleep(2_000);
  }
}

export async function runSearch(page: Page, app: FullAppTarget, log: (line: string) => void): Promise<AppRun> {
  // First whether the build has the palette at all: no need to seed 100,000 entries to learn it has not.
  await completeSetup(page, app);
  await sleep(500);
  if ((await openPalette(page)) === null) {
    const replica = await page.evaluate(readReplica, { databaseName: DATABASE_NAME, workspace: WORKSPACE });
    return { figures: {}, replica, unavailable: `the app has no global search yet: Ctrl+K showed no input named "${SEARCH_INPUT_NAME}" (issue 10)` };
  }
  const seedMs = await prepare(page, app, log, 'search', false);
  await page.goto(`${app.url}#/dashboard`);
  await page.locator('.dashboard h1').waitFor({ timeout: 60_000 });
  await sleep(1_500);
  const input = await openPalette(page);
  if (input === null) throw new Error('the search palette opened before the seed, not after it');
  const warmUp = await waitForSearchIndex(page, input);
  log(`search: results stable after ${(warmUp.ms / 1000).toFixed(1)} s${warmUp.stable ? '' : ' (NOT stable: measuring anyway)'}`);
  const queries = app.searchQueries.slice(0, app.searchQueryCount);
  const timed: { text: string; source: string; ms: number; results: number | null }[] = [];
  for (const query of queries) {
    const { ms, count } = await searchOnce(page, input, query.text);
    timed.push({ ...query, ms: round(ms), results: count });
  }
  const times = timed.map((q) => q.ms);
  const replica = await checkedReplica(page, app);
  log(`search: ${timed.length} queries, ${timed.filter((q) => (q.results ?? 0) > 0).length} with results`);
  return {
    figures: { first: times[0] ?? Number.NaN, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) },
    replica,
    details: { seedMs, warmUp, queries: timed },
  };
}
