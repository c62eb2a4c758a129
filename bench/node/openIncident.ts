/**
 * Issue 4's figure, in the REAL app (the built web app, dist/renderer, served on 127.0.0.1):
 * "time to open an incident with 100,000 entries and to filter it", and issue 8's "no timeline
 * frame over 50 ms" while scrolling it.
 *
 * One run, in a browser on a fresh profile:
 *  1. not timed: the first-run setup through the app's own form (English, start in `real`), as a
 *     user does it; the service worker installs. Then the open-incident dataset
 *     (bench/node/openIncidentDataset.ts: 20 incidents, every log entry in the first one, with
 *     real chain links) is written into the app's database `crisis-workbook` with the raw
 *     IndexedDB API in batches: the records AND their journal operations, as an import would
 *     leave them (the journal audit finds nothing to rebuild differently).
 *  2. timed: a new page load straight at the incident's address (`#/incidents/<id>`), as after a
 *     restart or reload. From the navigation's start (performance.now() of the new document) to
 *     the frame in which the incident's title is there (`header`), the timeline shows the newest
 *     entry in its scroll area (`timeline`), and the chain status shows its verdict (`chain`,
 *     which must be "intact": the app verifies every link when an incident opens).
 *  3. timed: free-text filter queries typed (`fill`, i.e. as pasted) into the timeline's search
 *     box, each from its `input` event to the frame in which the list holds exactly the entries
 *     the app's own filter function leaves (aria-setsize of the rows, or no list for no match);
 *     the filter is cleared between queries. First query, median, 95th percentile, max.
 *  4. timed: frame times (requestAnimationFrame deltas) while the mouse wheel scrolls the
 *     timeline back from its end (steady, then fast), and while the scroll position jumps as when
 *     the scrollbar is dragged. 95th percentile and max.
 *  5. not timed: the replica is read back (counts and the SHA-256 of every record) and must be
 *     exactly the dataset.
 *
 * The page-side functions below are serialised by Playwright: they use nothing from this module.
 */
import type { Page } from '@playwright/test';
import type { ReplicaCheck } from '../common/protocol';
import type { FilterQuery, OpenIncidentMeta } from './openIncidentDataset';
import { seedDatabase } from '../common/rawSeed';
import { percentile } from './stats';

/** Where the app is served and what it will find. */
export interface AppTarget {
  /** Base URL of the built web app, ending in `/`. */
  readonly url: string;
  /** The operations file, relative to `url`. */
  readonly operationsUrl: string;
  readonly meta: OpenIncidentMeta;
  /** The app's English labels the measurement looks for (from shared/i18n/locales/en.json). */
  readonly labels: AppLabels;
}

export interface AppLabels {
  /** `log.timelineLabel`: the timeline list's accessible name. */
  readonly timeline: string;
  readonly setupLanguage: string;
  readonly setupOrganisation: string;
  readonly setupPerson: string;
  /** `workspace.real`: the start-in choice begins with it. */
  readonly setupReal: string;
  readonly setupSubmit: string;
}

export interface OpenIncidentDetails {
  /** Whether the service worker served the timed page load (as for a returning user). */
  readonly serviceWorker: boolean;
  readonly seedMs: number;
  readonly domContentLoadedMs: number | null;
  readonly chainText: string;
  readonly queries: readonly (FilterQuery & { readonly ms: number })[];
  readonly clearMs: readonly number[];
  /** Frames while nothing happens, just before the wheel: what a frame costs here at rest. */
  readonly idle: FrameStats;
  readonly wheel: FrameStats & { readonly scrolledPx: number; readonly entriesPassed: number | null };
  readonly jumps: FrameStats;
}

export interface FrameStats {
  readonly frames: number;
  readonly over50ms: number;
  readonly p95: number;
  readonly max: number;
}

export interface OpenIncidentRun {
  readonly figures: Readonly<Record<string, number>>;
  readonly replica: ReplicaCheck;
  readonly details: OpenIncidentDetails;
}

const DATABASE_NAME = 'crisis-workbook';
const WORKSPACE = 'real';
/** After the seed: let the storage finish what it wrote before the timed load. */
const SETTLE_MS = 2_000;
/** After the incident opened: idle time the timeline uses to fold the search text. */
const BEFORE_FILTER_MS = 1_500;
const OPEN_TIMEOUT_MS = 300_000;
const FILTER_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (ms: number) => Math.round(ms * 10) / 10;

// ---- page side (serialised: self-contained) ------------------------------------------------------

interface OpenProbeConfig {
  readonly newestText: string;
  readonly timelineLabel: string;
  readonly timeoutMs: number;
}

interface OpenMarks {
  header: number | null;
  timeline: number | null;
  chain: number | null;
  chainIntact: boolean | null;
  chainText: string | null;
  /** aria-setsize of the newest entry's row (the number of entries the timeline holds). */
  setSize: number | null;
  serviceWorker: boolean;
  domContentLoaded: number | null;
  timedOut: boolean;
}

interface FilterProbe {
  readonly expected: number;
  readonly timelineLabel: string;
  readonly timeoutMs: number;
}

declare global {
  interface Window {
    __benchOpen?: { readonly marks: OpenMarks; readonly done: Promise<OpenMarks> };
    __benchFilter?: Promise<number>;
    __benchFrames?: { stop(): number[] };
  }
}

/**
 * Installed before the app's scripts in every document (addInitScript): checks on every animation
 * frame whether the incident's title, the newest entry (visible in its scroll area) and the chain
 * verdict are on screen, and notes the time of the first frame each was.
 */
function openProbe(config: OpenProbeConfig): void {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  const marks: OpenMarks = {
    header: null,
    timeline: null,
    chain: null,
    chainIntact: null,
    chainText: null,
    setSize: null,
    serviceWorker: navigator.serviceWorker?.controller != null,
    domContentLoaded: null,
    timedOut: false,
  };
  let finish: (marks: OpenMarks) => void = () => undefined;
  const done = new Promise<OpenMarks>((resolve) => (finish = resolve));
  const listSelector = `[aria-label=${JSON.stringify(config.timelineLabel)}]`;
  const scrollerOf = (element: Element): Element | null => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) return node;
    }
    return null;
  };
  const inView = (row: Element): boolean => {
    const rect = row.getBoundingClientRect();
    if (rect.height === 0) return false;
    const scroller = scrollerOf(row);
    const area = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    return rect.bottom > area.top && rect.top < area.bottom;
  };
  const started = performance.now();
  const check = () => {
    const now = performance.now();
    if (marks.header === null && document.getElementById('incident-title')) marks.header = now;
    if (marks.timeline === null) {
      const list = document.querySelector(listSelector);
      // The newest entry is at the end; look only at the last rows (a virtualised list renders few).
      const rows = list ? list.children : null;
      for (let i = (rows?.length ?? 0) - 1; rows && i >= 0 && i >= rows.length - 80; i -= 1) {
        const row = rows[i];
        if (row && row.textContent?.includes(config.newestText) && inView(row)) {
          marks.timeline = now;
          marks.setSize = Number(row.getAttribute('aria-setsize') ?? rows.length);
          break;
        }
      }
    }
    if (marks.chain === null) {
      const status = document.querySelector('[data-testid="chain-status"]');
      if (status) {
        marks.chain = now;
        marks.chainText = (status.textContent ?? '').replace(/\s+/g, ' ').trim();
        marks.chainIntact = status.classList.contains('intact') && status.getAttribute('role') !== 'alert';
      }
    }
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (navigation && navigation.domContentLoadedEventEnd > 0) marks.domContentLoaded = navigation.domContentLoadedEventEnd;
    if (marks.timeline !== null && marks.chain !== null) return finish(marks);
    if (now - started > config.timeoutMs) {
      marks.timedOut = true;
      return finish(marks);
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  window.__benchOpen = { marks, done };
}

/** Arms the measurement of one filter change: from the next `input` event to the frame showing `expected` entries. */
function armFilter(probe: FilterProbe): void {
  const listSelector = `[aria-label=${JSON.stringify(probe.timelineLabel)}]`;
  const shown = (): number => {
    const list = document.querySelector(listSelector);
    if (!list) return 0; // no match: the timeline says so instead of showing a list
    const row = list.querySelector('[aria-setsize]');
    return row ? Number(row.getAttribute('aria-setsize')) : list.children.length;
  };
  window.__benchFilter = new Promise<number>((resolve, reject) => {
    let typedAt = 0;
    const timer = setTimeout(() => reject(new Error(`the timeline did not show ${probe.expected} entries within ${probe.timeoutMs} ms (it shows ${shown()})`)), probe.timeoutMs);
    const check = () => {
      if (shown() === probe.expected) {
        clearTimeout(timer);
        resolve(performance.now() - typedAt);
      } else requestAnimationFrame(check);
    };
    const onInput = () => {
      typedAt = performance.now();
      document.removeEventListener('input', onInput, true);
      requestAnimationFrame(check);
    };
    document.addEventListener('input', onInput, true);
  });
}

function startFrames(): void {
  const deltas: number[] = [];
  let last: number | null = null;
  let running = true;
  const tick = (time: number) => {
    if (last !== null) deltas.push(time - last);
    last = time;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__benchFrames = {
    stop: () => {
      running = false;
      return deltas;
    },
  };
}

/** Marks the timeline's scroll container (`data-bench-scroller`) and says where it is. */
function markScroller(timelineLabel: string): { scrollTop: number; scrollHeight: number; clientHeight: number; firstIndex: number | null } {
  const list = document.querySelector(`[aria-label=${JSON.stringify(timelineLabel)}]`);
  if (!list) throw new Error('no timeline list');
  let scroller: HTMLElement | null = null;
  for (let node = list.parentElement; node && node !== document.body; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) {
      scroller = node;
      break;
    }
  }
  if (!scroller) throw new Error('the timeline has no scroll area of its own');
  scroller.setAttribute('data-bench-scroller', '');
  // The first row in view, by its place in the list (data-index of a virtualised row).
  const top = scroller.getBoundingClientRect().top;
  const first = [...list.children].find((row) => row.getBoundingClientRect().bottom > top);
  const index = first?.getAttribute('data-index');
  return { scrollTop: scroller.scrollTop, scrollHeight: scroller.scrollHeight, clientHeight: scroller.clientHeight, firstIndex: index == null ? null : Number(index) };
}

/** What the `real` workspace holds, read with the raw IndexedDB API (digest as bench/common/recordDigest.ts). */
export async function readReplica(input: { databaseName: string; workspace: string }): Promise<{ incidents: number; logEntries: number; operations: number; conflicts: number; digest: string }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(input.databaseName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
  });
  const ask = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('request failed'));
    });
  try {
    const tx = db.transaction(['incidents', 'logEntries', 'operations', 'conflicts', 'carriedClocks'], 'readonly');
    const incidents = (await ask(tx.objectStore('incidents').index('workspace').getAll(input.workspace))) as { id: string }[];
    // Log entries have no index by workspace alone (schema version 8): the compound one answers it.
    const logEntries = (await ask(tx.objectStore('logEntries').index('[workspace+createdAt]').getAll(IDBKeyRange.bound([input.workspace], [input.workspace, []])))) as { id: string }[];
    // [workspace+hlc]: every key [workspace, <string>] lies between [workspace] and [workspace, []].
    const allOperations = await ask(tx.objectStore('operations').index('[workspace+hlc]').count(IDBKeyRange.bound([input.workspace], [input.workspace, []])));
    // The built-in procedure pack is installed in every workspace (procedures and their versions);
    // the dataset is everything else.
    let builtinOperations = 0;
    for (const table of ['procedures', 'procedureVersions']) {
      const rows = (await ask(tx.objectStore('operations').index('[table+recordId]').getAll(IDBKeyRange.bound([table], [table, []])))) as { workspace: string; origin: string }[];
      builtinOperations += rows.filter((op) => op.workspace === input.workspace && op.origin === 'builtin').length;
    }
    // Log entries that carry their creation (shared/journal/carriedCreation.ts) are in the journal too.
    // Their clocks and ids are in the clock lists (shared/journal/clockLists.ts).
    const lists = (await ask(tx.objectStore('carriedClocks').index('workspace').getAll(input.workspace))) as { ids: string[] }[];
    const carried = lists.reduce((sum, list) => sum + list.ids.length, 0);
    const operations = allOperations - builtinOperations + carried;
    const conflicts = await ask(tx.objectStore('conflicts').index('workspace').count(input.workspace));
    // shared/journal/canonical.ts canonicalJson: keys sorted, undefined members left out.
    const sortKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortKeys);
      if (value !== null && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
          const member = (value as Record<string, unknown>)[key];
          if (member !== undefined) out[key] = sortKeys(member);
        }
        return out;
      }
      return value;
    };
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const lines: string[] = [];
    for (const record of [...incidents].sort(byId)) lines.push(`incidents\t${JSON.stringify(sortKeys(record))}\n`);
    // The record without the creation it carries.
    const entryOf = (row: { id: string; creation?: unknown }) => {
      const record = { ...row };
      delete record.creation;
      return record;
    };
    for (const record of [...logEntries].sort(byId)) lines.push(`logEntries\t${JSON.stringify(sortKeys(entryOf(record)))}\n`);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(lines.join('')));
    return {
      incidents: incidents.length,
      logEntries: logEntries.length,
      operations,
      conflicts,
      digest: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''),
    };
  } finally {
    db.close();
  }
}

// ---- runner side -----------------------------------------------------------------------------

function frameStats(deltas: readonly number[]): FrameStats {
  if (deltas.length === 0) throw new Error('no animation frames were recorded');
  return {
    frames: deltas.length,
    over50ms: deltas.filter((d) => d > 50).length,
    p95: round(percentile(deltas, 95)),
    max: round(Math.max(...deltas)),
  };
}

/** The first-run setup through the app's form, as a user (and test/e2e/fixtures.ts `completeSetup`) does it. */
export async function completeSetup(page: Page, app: Pick<AppTarget, 'url' | 'labels'>): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('radio', { name: app.labels.setupLanguage }).check();
  await page.getByLabel(app.labels.setupOrganisation, { exact: true }).fill('Benchmark Reading Authority');
  await page.getByLabel(app.labels.setupPerson, { exact: true }).fill('Bench Reader');
  await page.getByRole('radio', { name: new RegExp(`^${app.labels.setupReal}`) }).check();
  await page.getByRole('button', { name: app.labels.setupSubmit }).click();
  // Setup navigates to the dashboard once the installation is written.
  await page.waitForFunction(() => location.hash === '#/dashboard' && document.getElementById('setup-title') === null, undefined, { timeout: 60_000 });
  // Let the service worker finish installing, so that the timed load is a returning user's.
  await page.evaluate(() =>
    Promise.race([navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : Promise.resolve(false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]),
  );
}

async function filterOnce(page: Page, app: AppTarget, text: string, expected: number): Promise<number> {
  const box = page.locator('section[aria-labelledby="log-title"]').getByRole('searchbox');
  await page.evaluate(armFilter, { expected, timelineLabel: app.labels.timeline, timeoutMs: FILTER_TIMEOUT_MS });
  await box.fill(text);
  return page.evaluate(() => {
    if (!window.__benchFilter) throw new Error('the filter probe is not armed');
    return window.__benchFilter;
  });
}

async function recordFrames(page: Page, body: () => Promise<void>): Promise<number[]> {
  await page.evaluate(startFrames);
  await body();
  await sleep(400); // the frames that finish the last scroll
  return page.evaluate(() => window.__benchFrames?.stop() ?? []);
}

export async function runOpenIncident(page: Page, app: AppTarget, log: (line: string) => void): Promise<OpenIncidentRun> {
  const { meta } = app;
  const total = meta.logEntries;

  await completeSetup(page, app);
  const seeded = await page.evaluate(seedDatabase, { url: new URL(app.operationsUrl, app.url).href, databaseName: DATABASE_NAME, batchSize: 10_000 });
  if (seeded.operations !== meta.operations) throw new Error(`seeded ${seeded.operations} operations, expected ${meta.operations}`);
  log(`open-incident: seeded ${seeded.operations} operations in ${(seeded.ms / 1000).toFixed(1)} s`);
  await page.goto('about:blank');
  await sleep(SETTLE_MS);

  // 2. Open the incident: a fresh page load at its address.
  await page.addInitScript(openProbe, { newestText: meta.newest.text, timelineLabel: app.labels.timeline, timeoutMs: OPEN_TIMEOUT_MS });
  await page.goto(`${app.url}#/incidents/${encodeURIComponent(meta.incidentId)}`);
  const marks = await page.evaluate(() => {
    if (!window.__benchOpen) throw new Error('the open probe is not installed');
    return window.__benchOpen.done;
  });
  if (marks.timedOut || marks.timeline === null || marks.chain === null || marks.header === null) {
    throw new Error(`the incident did not open within ${OPEN_TIMEOUT_MS / 1000} s: ${JSON.stringify(marks)}`);
  }
  if (!marks.chainIntact) throw new Error(`the chain status is not "intact": ${marks.chainText ?? ''}`);
  if (marks.setSize !== total) throw new Error(`the timeline holds ${marks.setSize ?? '?'} entries, expected ${total}`);

  // 3. Filter.
  await sleep(BEFORE_FILTER_MS);
  const queries: (FilterQuery & { ms: number })[] = [];
  const clearMs: number[] = [];
  for (const query of meta.queries) {
    queries.push({ ...query, ms: round(await filterOnce(page, app, query.text, query.expected)) });
    clearMs.push(round(await filterOnce(page, app, '', total)));
  }
  const filterTimes = queries.map((q) => q.ms);

  // 4. Scroll: the wheel back from the end (steady reading, then fast), then jumps as with the scrollbar.
  await sleep(500);
  const before = await page.evaluate(markScroller, app.labels.timeline);
  const scroller = page.locator('[data-bench-scroller]');
  await scroller.scrollIntoViewIfNeeded();
  const box = await scroller.boundingBox();
  const viewport = page.viewportSize();
  if (!box) throw new Error('the timeline scroll area has no box');
  await page.mouse.move(box.x + box.width / 2, Math.min(box.y + box.height / 2, (viewport?.height ?? 720) - 10));
  const idleFrames = await recordFrames(page, () => sleep(600));
  const wheelFrames = await recordFrames(page, async () => {
    for (let i = 0; i < 40; i += 1) {
      await page.mouse.wheel(0, -400);
      await sleep(30);
    }
    for (let i = 0; i < 25; i += 1) {
      await page.mouse.wheel(0, -3_000);
      await sleep(10);
    }
  });
  const after = await page.evaluate(markScroller, app.labels.timeline);
  const scrolledPx = before.scrollTop - after.scrollTop;
  if (scrolledPx < Math.min(2_000, before.scrollTop)) throw new Error(`the wheel scrolled the timeline by ${scrolledPx} px only`);
  const jumpFrames = await recordFrames(page, async () => {
    for (const fraction of [0.5, 0.1, 0.9, 0.3, 0.7, 0.0]) {
      await page.evaluate(
        ({ fraction }) => {
          const element = document.querySelector('[data-bench-scroller]');
          if (element) element.scrollTop = fraction * (element.scrollHeight - element.clientHeight);
        },
        { fraction },
      );
      await sleep(250);
    }
  });
  const wheel = frameStats(wheelFrames);
  const jumps = frameStats(jumpFrames);

  // 5. Read the replica back.
  const replica = await page.evaluate(readReplica, { databaseName: DATABASE_NAME, workspace: WORKSPACE });
  const problems: string[] = [];
  if (replica.incidents !== meta.incidents) problems.push(`${replica.incidents} incidents, expected ${meta.incidents}`);
  if (replica.logEntries !== meta.logEntries) problems.push(`${replica.logEntries} log entries, expected ${meta.logEntries}`);
  if (replica.operations !== meta.operations) problems.push(`${replica.operations} operations, expected ${meta.operations}`);
  if (replica.conflicts !== 0) problems.push(`${replica.conflicts} conflicts, expected none`);
  if (replica.digest !== meta.digest) problems.push(`record digest ${replica.digest}, expected ${meta.digest}`);
  if (problems.length > 0) throw new Error(`the replica does not hold the open-incident dataset: ${problems.join('; ')}`);

  return {
    figures: {
      header: marks.header,
      timeline: marks.timeline,
      chain: marks.chain,
      filterFirst: filterTimes[0] ?? Number.NaN,
      filterP50: percentile(filterTimes, 50),
      filterP95: percentile(filterTimes, 95),
      filterMax: Math.max(...filterTimes),
      scrollFrameP95: wheel.p95,
      scrollFrameMax: wheel.max,
      jumpFrameMax: jumps.max,
    },
    replica,
    details: {
      serviceWorker: marks.serviceWorker,
      seedMs: round(seeded.ms),
      domContentLoadedMs: marks.domContentLoaded === null ? null : round(marks.domContentLoaded),
      chainText: marks.chainText ?? '',
      queries,
      clearMs,
      idle: frameStats(idleFrames),
      wheel: { ...wheel, scrolledPx: Math.round(scrolledPx), entriesPassed: before.firstIndex !== null && after.firstIndex !== null ? before.firstIndex - after.firstIndex : null },
      jumps,
    },
  };
}
