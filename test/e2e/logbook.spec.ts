/**
 * The logbook of an incident (issue 4), as a crisis officer uses it: entries added fast with the
 * keyboard (kind and TLP shortcuts), a retrospective entry refused without a justification and
 * accepted with one, one entry corrected and another withdrawn (all four stay visible, marked),
 * filters by kind and by text, an EU classified exchange recorded as a fact only, an attachment
 * recorded by its SHA-256 fingerprint; and the timeline with 100,000 entries: it opens at the
 * newest, keeps only the rows in view in the page, and scrolls and filters without long pauses.
 */
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';
import { BLUE_HARBOUR_ENTRIES } from './scenario';

const BLUE_HARBOUR = /BLUE HARBOUR/;

async function openBlueHarbour(page: Page) {
  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: BLUE_HARBOUR }).click();
  await expect(page.getByRole('heading', { level: 2, name: BLUE_HARBOUR })).toBeVisible();
}

/** Dismiss the confirmations, which would cover the timeline in a screenshot. */
async function dismissNotices(page: Page) {
  const dismiss = page.locator('.notices').getByRole('button', { name: /^(Dismiss|Sluiten)$/ });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

/**
 * Frame part of the logbook for a screenshot: the details of the form folded away, and the
 * screen's content pane (only it, so the header and the exercise banner stay in the picture)
 * scrolled to put `selector` at the top.
 */
async function frame(page: Page, selector: string) {
  await dismissNotices(page);
  const more = page.getByRole('button', { name: /^(More details|Meer details)/ });
  if ((await more.getAttribute('aria-expanded')) === 'true') await more.click();
  await page.locator(selector).evaluate((element) => {
    const main = document.getElementById('main');
    if (main) main.scrollTop += element.getBoundingClientRect().top - main.getBoundingClientRect().top - 8;
  });
}

/** A datetime-local value some minutes before now, in the browser's (and this machine's) zone. */
function minutesAgo(minutes: number): string {
  const d = new Date(Date.now() - minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test('fast capture, a retrospective entry, a correction and a withdrawal, filters, an EUCI note and an attachment by hash', async ({ page }) => {
  test.setTimeout(90_000);
  await completeSetup(page);
  await openBlueHarbour(page);

  const entry = page.getByLabel('Entry', { exact: true });
  const form = page.getByRole('form', { name: 'New log entry' });
  const kind = form.getByLabel('Kind', { exact: true });
  const tlp = form.getByLabel('TLP label', { exact: true });
  const log = page.getByRole('list', { name: 'Log entries, oldest first' });
  const item = (text: string) => log.getByRole('listitem').filter({ hasText: text });

  // The cursor is in the quick entry when the incident opens; the keys are on the controls.
  await expect(entry).toBeFocused();
  await expect(kind).toHaveAttribute('aria-keyshortcuts', /Alt\+D/);
  await expect(tlp).toHaveAttribute('aria-keyshortcuts', /Alt\+Shift\+R/);
  await expect(form.getByText('Alt+O/D/A/I/U/S/H/E')).toBeVisible();

  // Alt+D, type, Enter: a decision, with the incident's label.
  await page.keyboard.press('Alt+D');
  await expect(kind).toHaveValue('decision');
  await page.keyboard.type('Ferry operators asked to switch to manual manifests.');
  await page.keyboard.press('Enter');
  await expect(item('Ferry operators asked')).toContainText('Decision');
  await expect(item('Ferry operators asked')).toContainText('TLP:AMBER');
  await expect(entry).toHaveValue('');
  await expect(entry).toBeFocused();

  // Alt+I and Alt+Shift+R: a message received, RED; Ctrl+Enter records too. The kind stays, the
  // label returns to the incident's.
  await page.keyboard.press('Alt+I');
  await page.keyboard.press('Alt+Shift+R');
  await expect(tlp).toHaveValue('RED');
  await page.keyboard.type('Liaison officer of the port authority names a suspect insider.');
  await page.keyboard.press('Control+Enter');
  await expect(item('names a suspect insider')).toContainText('Message received');
  await expect(item('names a suspect insider')).toContainText('TLP:RED');
  await expect(kind).toHaveValue('communication-in');
  await expect(tlp).toHaveValue('AMBER');

  // Several in a row, as fast as they are typed; Shift+Enter makes a second line.
  for (const [key, text] of [
    ['Alt+A', 'Backup terminal at quay 3 started.'],
    ['Alt+O', 'Havenmeester geïnformeerd over de coördinatie met Gdańsk.'],
    ['Alt+U', 'Notification sent to the national CSIRTs.'],
  ] as const) {
    await page.keyboard.press(key);
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await expect(log).toContainText(text);
  }
  await page.keyboard.press('Alt+S');
  await page.keyboard.type('SITREP 2: two terminals back.');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('Next report at 18:00.');
  await page.keyboard.press('Enter');
  await expect(item('SITREP 2')).toContainText('Situation report');
  await expect(item('SITREP 2')).toContainText('Next report at 18:00.');

  // A retrospective entry: two hours late, refused without a justification, which gets the cursor.
  await page.keyboard.press('Alt+M');
  const more = form.getByRole('button', { name: /More details/ });
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await form.getByLabel('When it happened').fill(minutesAgo(120));
  await expect(form.getByText(/more than 30 minutes after the event is retrospective and needs a justification/)).toBeVisible();
  await form.getByLabel('When the information was received').fill(minutesAgo(10));
  await form.getByLabel('Received by').selectOption('courier');
  await page.keyboard.press('Alt+H');
  await entry.fill('Night shift handed over the list of affected terminals.');
  await entry.press('Enter');
  const justification = form.getByLabel(/Why it is recorded late/);
  // The field holds whole minutes, so the delay is 2 h 0 min, or 2 h 1 min when a minute turns meanwhile.
  await expect(form.getByText(/This entry is recorded 2 h [01] min after it happened \(more than 30 minutes\): say why\./)).toBeVisible();
  await expect(justification).toBeFocused();
  await expect(log).not.toContainText('Night shift handed over');
  await justification.fill('The handover note came by courier from the night shift.');
  await justification.press('Control+Enter');
  const handover = item('Night shift handed over');
  await expect(handover).toContainText('Handover');
  await expect(handover).toContainText('Retrospective');
  await expect(handover).toContainText(/Written 2 h [01] min after it happened\. Why: The handover note came by courier from the night shift\./);
  await expect(handover).toContainText(/Received .* by courier/);
  await expect(handover).toContainText('Recorded');

  // Correct one entry: a reason is required; both entries stay, each says what happened.
  await item('Ferry operators asked').getByRole('button', { name: 'Correct…' }).click();
  const correctDialog = page.getByRole('dialog', { name: 'Correct a log entry' });
  await expect(correctDialog.getByLabel('Corrected entry')).toBeFocused();
  await correctDialog.getByLabel('Corrected entry').fill('Ferry and barge operators asked to switch to manual manifests.');
  await correctDialog.getByRole('button', { name: 'Record correction' }).click();
  await expect(correctDialog.getByText('Please fill this in.')).toBeVisible();
  await correctDialog.getByLabel('Reason').fill('Barge operators were in the request too.');
  await correctDialog.getByRole('button', { name: 'Record correction' }).click();
  await expect(correctDialog).toHaveCount(0);
  const original = item('Ferry operators asked');
  await expect(original).toContainText('Corrected');
  await expect(original.locator('.entry-text.superseded')).toContainText('Ferry operators asked');
  await expect(original).toContainText('Corrected on');
  await expect(item('Ferry and barge operators')).toContainText(/Corrects the entry of .*: Barge operators were in the request too\./);

  // Withdraw another; a withdrawn entry offers nothing more to correct.
  await item('names a suspect insider').getByRole('button', { name: 'Withdraw…' }).click();
  const withdrawDialog = page.getByRole('dialog', { name: 'Withdraw a log entry' });
  await withdrawDialog.getByLabel('Reason').fill('Not confirmed; the source retracted it.');
  await withdrawDialog.getByRole('button', { name: 'Record withdrawal' }).click();
  await expect(withdrawDialog).toHaveCount(0);
  const withdrawn = item('names a suspect insider').filter({ hasText: 'Withdrawn on' });
  await expect(withdrawn).toContainText('Withdrawn');
  await expect(withdrawn.locator('.entry-text.superseded')).toBeVisible();
  await expect(withdrawn.getByRole('button', { name: 'Correct…' })).toHaveCount(0);
  await expect(item('Withdraws the entry of')).toContainText('Not confirmed; the source retracted it.');

  // From the corrected entry to its correction: it gets the focus.
  await original.getByRole('button', { name: 'show the correction' }).click();
  await expect(item('Ferry and barge operators')).toBeFocused();
  await dismissNotices(page);
  await page.getByRole('group', { name: /^Timeline: scroll/ }).screenshot({ path: screenshotPath('timeline-corrections-en') });

  // The database holds both versions: the original unchanged, the correction pointing at it.
  const stored = await page.evaluate(
    () =>
      new Promise<Array<{ id: string; text: string; corrects: { entryId: string; mode: string } | null }>>((resolve, reject) => {
        const request = indexedDB.open('crisis-workbook');
        request.onerror = () => reject(request.error ?? new Error('open failed'));
        request.onsuccess = () => {
          const all = request.result.transaction('logEntries').objectStore('logEntries').getAll();
          all.onsuccess = () => {
            resolve(all.result as Array<{ id: string; text: string; corrects: { entryId: string; mode: string } | null }>);
            request.result.close();
          };
        };
      }),
  );
  const ferry = stored.find((e) => e.text === 'Ferry operators asked to switch to manual manifests.');
  expect(ferry).toBeDefined();
  expect(stored.find((e) => e.text.startsWith('Ferry and barge'))?.corrects).toMatchObject({ entryId: ferry?.id, mode: 'correction' });

  // Filters: by kind, then by text (case and diacritics do not matter), with the count.
  const filters = page.getByRole('search', { name: 'Filter the logbook' });
  await filters.getByRole('group', { name: 'Show only these kinds' }).getByRole('button', { name: 'Decision' }).click();
  await expect(filters.getByRole('status')).toHaveText(`3 of ${BLUE_HARBOUR_ENTRIES + 9} entries shown`);
  for (const row of await log.getByRole('listitem').all()) await expect(row).toContainText('Decision');
  // An entry recorded while the filters hide it: the timeline says so, and shows it on request.
  await page.keyboard.press('Alt+O');
  await page.keyboard.type('Crane operators on standby.');
  await page.keyboard.press('Enter');
  await expect(page.getByText('The entry you recorded is hidden by the filters.')).toBeVisible();
  await expect(log).not.toContainText('Crane operators on standby.');
  await page.getByRole('button', { name: 'Clear the filters and show it' }).click();
  await expect(item('Crane operators on standby.')).toBeFocused();
  await expect(filters.getByRole('status')).toHaveText(`${BLUE_HARBOUR_ENTRIES + 10} entries`);
  await filters.getByRole('searchbox').fill('GEINFORMEERD coordinatie gdansk');
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(log).toContainText('Havenmeester geïnformeerd over de coördinatie met Gdańsk.');
  await filters.getByRole('searchbox').fill('');
  await expect(filters.getByRole('status')).toHaveText(`${BLUE_HARBOUR_ENTRIES + 10} entries`);

  // An EU classified exchange: the form says plainly that EUCI is never written here; only the
  // fact is recorded.
  const euci = form.getByRole('group', { name: 'EU classified information (pt. 76)' });
  await expect(euci).toContainText('Never write EU classified information (RESTREINT UE/EU RESTRICTED or higher) in this workbook');
  await euci.getByLabel('Classified information was exchanged: record the fact only').check();
  await euci.getByLabel('Highest classification exchanged').selectOption('confidentiel-ue');
  await euci.getByLabel('With whom').fill('EU-CyCLONe officer, exercise member state B');
  await euci.getByLabel('Over which accredited channel').fill('Accredited secure telephone');
  await page.keyboard.press('Alt+O');
  await page.keyboard.type('Briefing on attribution received; content classified, not recorded here.');
  await page.keyboard.press('Enter');
  const note = item('Briefing on attribution');
  await expect(note).toContainText('EUCI exchanged');
  await expect(note).toContainText('EU classified information (CONFIDENTIEL UE/EU CONFIDENTIAL) exchanged with EU-CyCLONe officer, exercise member state B over Accredited secure telephone');
  await expect(note).toContainText('The information itself is not in the workbook.');

  // An attachment by fingerprint: the SHA-256 is computed in the window; the file is not kept.
  const file = Buffer.from('RANSOM NOTE (exercise): all your containers are belong to us.\n');
  const sha256 = createHash('sha256').update(file).digest('hex');
  await expect(form.getByRole('group', { name: 'Attachments by fingerprint' })).toContainText('The file itself is not kept in the workbook');
  await form.getByLabel('Files to fingerprint').setInputFiles({ name: 'ransom-note.txt', mimeType: 'text/plain', buffer: file });
  await expect(form.getByText(`SHA-256 ${sha256}`)).toBeVisible();
  // And links: a contact, and the second step of the exercise procedure.
  await form.getByLabel('Contacts concerned').selectOption({ label: 'CSIRT-EXERCISE' });
  await form.getByLabel('Procedure', { exact: true }).selectOption({ label: 'Exercise drill: escalating a significant incident' });
  await form.getByLabel('Step', { exact: true }).selectOption({ index: 2 });
  await form.getByRole('button', { name: 'Link step' }).click();
  await expect(form.getByRole('list', { name: 'Linked procedure steps' })).toContainText('Exercise drill: escalating a significant incident — 2. Notify the CSIRTs network');
  await expect(more).toContainText('3 filled in');
  await page.keyboard.press('Alt+N');
  await page.keyboard.type('Ransom note photographed at terminal 2.');
  await page.keyboard.press('Enter');
  await expect(item('Ransom note photographed')).toContainText(`ransom-note.txt`);
  await expect(item('Ransom note photographed')).toContainText(`SHA-256 ${sha256.slice(0, 12)}…`);
  await expect(item('Ransom note photographed').getByRole('link', { name: 'CSIRT-EXERCISE' })).toHaveAttribute('href', /^#\/contacts\//);
  await expect(item('Ransom note photographed').getByRole('link', { name: /2\. Notify the CSIRTs network/ })).toHaveAttribute('href', /^#\/procedures\//);

  // The whole logbook, details open, marks and notes shown: no serious accessibility violation.
  const axe = await new AxeBuilder({ page }).include('.logbook').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await frame(page, '.logbook');
  await page.screenshot({ path: screenshotPath('logbook-entry-en') });
  await frame(page, '.timeline-filters');
  await page.screenshot({ path: screenshotPath('timeline-en') });
  await page.getByRole('group', { name: /^Timeline: scroll/ }).screenshot({ path: screenshotPath('timeline-entries-en') });
});

test('the logbook in Dutch, dark theme: shortcuts, the retrospective rule and the EUCI section speak Dutch', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await completeSetup(page, { language: 'nl' });
  await navLink(page, 'Incidentlogboek').click();
  await page.getByRole('link', { name: BLUE_HARBOUR }).click();
  const form = page.getByRole('form', { name: 'Nieuwe logregel' });
  // The shortcuts listen once the logbook is on screen.
  await expect(form.getByLabel('Soort', { exact: true })).toBeVisible();
  await page.keyboard.press('Alt+E');
  await expect(form.getByLabel('Soort', { exact: true })).toHaveValue('escalation');
  await page.keyboard.press('Alt+M');
  await form.getByLabel('Wanneer het gebeurde').fill(minutesAgo(45));
  await expect(form.getByText(/meer dan 30 minuten na de gebeurtenis/).first()).toBeVisible();
  await expect(form.getByRole('group', { name: 'EU-gerubriceerde informatie (pt. 76)' })).toContainText('Schrijf nooit EU-gerubriceerde informatie');
  await expect(form.getByText('Alt+O/D/A/I/U/S/H/E')).toBeVisible();
  await page.locator('.euci-section').evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await page.screenshot({ path: screenshotPath('logbook-details-nl-dark') });
  await frame(page, '.timeline-filters');
  await page.screenshot({ path: screenshotPath('timeline-nl-dark') });
});

/**
 * What every log entry written straight into IndexedDB below has in common (a record as the
 * journal stores it, shared/model/records.ts); handed into the page, where the spec's functions
 * cannot be called.
 */
const SEEDED_ENTRY = {
  origin: 'builtin',
  tlp: 'AMBER',
  deleted: false,
  receivedAt: null,
  channel: null,
  retrospective: null,
  corrects: null,
  links: { contacts: [], procedureSteps: [] },
  attachments: [],
  classified: null,
  incidentChange: null,
  chain: null,
} as const;

/** Entries written straight into IndexedDB, as a long crisis (or an import) leaves them. */
async function seedEntries(page: Page, count: number): Promise<void> {
  await page.evaluate(async ({ n, common }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('crisis-workbook');
      request.onerror = () => reject(request.error ?? new Error('open failed'));
      request.onsuccess = () => resolve(request.result);
    });
    const incidents = await new Promise<Array<{ id: string; title: string; workspace: string }>>((resolve) => {
      const all = db.transaction('incidents').objectStore('incidents').getAll();
      all.onsuccess = () => resolve(all.result as Array<{ id: string; title: string; workspace: string }>);
    });
    const incident = incidents.find((i) => i.title.startsWith('BLUE HARBOUR'));
    if (!incident) throw new Error('no BLUE HARBOUR');
    const kinds = ['observation', 'decision', 'action', 'communication-in', 'communication-out', 'situation-report', 'handover', 'escalation'];
    const words = ['terminal', 'port', 'outage', 'CSIRT', 'fuel', 'recovery', 'backup', 'operator', 'confirmed', 'container', 'haven', 'geïnformeerd', 'Gdańsk'];
    const t0 = Date.parse('2025-11-04T00:00:00.000Z');
    const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const id = (i: number) => {
      let s = '';
      for (let v = i, k = 0; k < 16; k++, v = Math.floor(v / 32)) s = crockford[v % 32] + s;
      return `01KSEED0EX${s}`;
    };
    const batch = 10_000;
    for (let start = 0; start < n; start += batch) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('logEntries', 'readwrite');
        const store = tx.objectStore('logEntries');
        for (let i = start; i < Math.min(n, start + batch); i++) {
          const at = new Date(t0 + i * 15_000).toISOString();
          store.put({
            ...common,
            id: id(i),
            workspace: incident.workspace,
            createdAt: at,
            updatedAt: at,
            hlc: `${at}-0000-builtin`,
            incidentId: incident.id,
            kind: kinds[i % kinds.length],
            text: `Seeded entry ${i + 1}: ${Array.from({ length: 8 + (i % 30) }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(' ')}`,
            occurredAt: at,
            author: `Officer ${(i % 12) + 1}, exercise authority`,
          });
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
    }
    db.close();
  }, { n: count, common: SEEDED_ENTRY });
}

test('100,000 entries: the timeline opens at the newest, keeps a few rows in the page, scrolls and filters without long pauses', async ({ page }) => {
  test.setTimeout(240_000);
  const count = Number(process.env['TIMELINE_E2E_ENTRIES'] ?? 100_000);
  await completeSetup(page);
  await seedEntries(page, count);

  const started = Date.now();
  await openBlueHarbour(page);
  const log = page.getByRole('list', { name: 'Log entries, oldest first' });
  await expect(log).toContainText(`Seeded entry ${count}:`, { timeout: 60_000 });
  const openMs = Date.now() - started;
  const rendered = await log.getByRole('listitem').count();
  expect(rendered).toBeLessThan(60);
  await expect(log.getByRole('listitem').last()).toHaveAttribute('aria-setsize', String(count + BLUE_HARBOUR_ENTRIES));

  // Scroll from the end to the start in steps a hand on a wheel would make, frame by frame, and
  // time the frames.
  const scroll = await page.getByRole('group', { name: /^Timeline: scroll/ }).evaluate(async (scroller) => {
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      scroller.scrollTop -= 400;
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    // Then jump to the very start, as Home does.
    const jump = performance.now();
    scroller.scrollTop = 0;
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    frames.sort((a, b) => a - b);
    return { median: frames[Math.floor(frames.length / 2)]!, p95: frames[Math.floor(frames.length * 0.95)]!, max: frames[frames.length - 1]!, jumpMs: performance.now() - jump };
  });
  // At the start: the scenario's own first entry, which happened before all the seeded ones.
  await expect(log).toContainText('Telephone call from Harbour Logistics One');
  expect(await log.getByRole('listitem').count()).toBeLessThan(60);

  // The scrollbar dragged into the middle, then further: the rows landing there fill the view at
  // once and stay where they are while they are measured; the wheel then moves them by exactly
  // what it scrolled, also when rows not seen before come in above them.
  const jumps = await page.getByRole('group', { name: /^Timeline: scroll/ }).evaluate(async (scroller) => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const rows = () => {
      const top = scroller.getBoundingClientRect().top;
      return [...scroller.querySelectorAll('[role="listitem"]')].map((row) => ({ id: row.id, top: row.getBoundingClientRect().top - top, bottom: row.getBoundingClientRect().bottom - top }));
    };
    const inMiddle = () => rows().find((row) => row.bottom > scroller.clientHeight / 2) ?? null;
    const results: { covered: boolean; tops: number[]; scrolledBy: number | null }[] = [];
    for (const fraction of [0.5, 0.1, 0.9]) {
      scroller.scrollTop = fraction * (scroller.scrollHeight - scroller.clientHeight);
      await frame();
      await frame();
      const landed = inMiddle();
      const tops: number[] = [];
      let covered = true;
      for (let i = 0; i < 10; i++) {
        const now = rows();
        covered &&= now.length > 0 && now[0]!.top <= 0.5 && now[now.length - 1]!.bottom >= scroller.clientHeight - 0.5;
        tops.push(Math.round(now.find((row) => row.id === landed?.id)?.top ?? Number.NaN));
        await frame();
      }
      const before = inMiddle();
      scroller.scrollTop -= 600;
      for (let i = 0; i < 5; i++) await frame();
      const after = before ? rows().find((row) => row.id === before.id) : undefined;
      results.push({ covered, tops, scrolledBy: before && after ? Math.round(after.top - before.top) : null });
    }
    return results;
  });
  for (const jump of jumps) {
    expect(jump.covered).toBe(true);
    expect(new Set(jump.tops).size, `the landed rows moved: ${jump.tops.join(', ')}`).toBe(1);
    expect(jump.scrolledBy).not.toBeNull();
    expect(Math.abs(jump.scrolledBy! - 600)).toBeLessThanOrEqual(1);
  }

  // Filter by text: the count and the rows follow.
  const filters = page.getByRole('search', { name: 'Filter the logbook' });
  const filterStarted = Date.now();
  await filters.getByRole('searchbox').fill('gdansk geinformeerd');
  await expect(filters.getByRole('status')).toHaveText(/^[0-9,]+ of [0-9,]+ entries shown$/);
  const filterMs = Date.now() - filterStarted;
  await filters.getByRole('group', { name: 'Show only these kinds' }).getByRole('button', { name: 'Escalation' }).click();
  await expect(filters.getByRole('status')).toHaveText(/of [0-9,]+ entries shown/);

  const figures = { entries: count, openMs, renderedRows: rendered, scrollFrameMs: scroll, textFilterMs: filterMs };
  test.info().annotations.push({ type: 'timeline figures', description: JSON.stringify(figures) });
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/timeline-figures.json', `${JSON.stringify(figures, null, 2)}\n`);
});

/**
 * One entry written straight into IndexedDB, then announced the way Dexie announces a write made
 * in another tab (its BroadcastChannel), so the timeline's live query delivers the new list as it
 * does after a sync or an import.
 */
async function arrive(page: Page, entry: { id: string; occurredAt: string; text: string }): Promise<void> {
  await page.evaluate(async ({ id, occurredAt, text, common }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('crisis-workbook');
      request.onerror = () => reject(request.error ?? new Error('open failed'));
      request.onsuccess = () => resolve(request.result);
    });
    const incidents = await new Promise<Array<{ id: string; title: string; workspace: string }>>((resolve) => {
      const all = db.transaction('incidents').objectStore('incidents').getAll();
      all.onsuccess = () => resolve(all.result as Array<{ id: string; title: string; workspace: string }>);
    });
    const incident = incidents.find((i) => i.title.startsWith('BLUE HARBOUR'));
    if (!incident) throw new Error('no BLUE HARBOUR');
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('logEntries', 'readwrite');
      tx.objectStore('logEntries').put({
        ...common,
        id,
        workspace: incident.workspace,
        createdAt: occurredAt,
        updatedAt: occurredAt,
        hlc: `${occurredAt}-0000-builtin`,
        incidentId: incident.id,
        kind: 'observation',
        text,
        occurredAt,
        author: 'Officer 1, exercise authority',
      });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    db.close();
    // Dexie's cross-tab notice (a range over everything): every live query reads again.
    const channel = new BroadcastChannel('x-storagemutated-1');
    channel.postMessage({ all: { from: -Infinity, to: [[]], d: 1 } });
    channel.close();
  }, { ...entry, common: SEEDED_ENTRY });
}

test('the timeline follows a new entry while the reader is at the end, and keeps the entries in view in place when an older one arrives', async ({ page }) => {
  const seeded = 400;
  await completeSetup(page);
  await seedEntries(page, seeded);
  await openBlueHarbour(page);
  const log = page.getByRole('list', { name: 'Log entries, oldest first' });
  const scroller = page.getByRole('group', { name: /^Timeline: scroll/ });
  await expect(log).toContainText(`Seeded entry ${seeded}:`);
  const total = seeded + BLUE_HARBOUR_ENTRIES;
  const inView = (text: string) =>
    scroller.evaluate((element, text) => {
      const area = element.getBoundingClientRect();
      return [...element.querySelectorAll('[role="listitem"]')].some((row) => {
        const box = row.getBoundingClientRect();
        return (row.textContent ?? '').includes(text) && box.bottom > area.top && box.top < area.bottom;
      });
    }, text);

  // At the end, a newer entry arrives (as from a sync): the timeline follows it.
  await arrive(page, { id: '01KSEED1000000000000000001', occurredAt: '2025-11-06T12:00:00.000Z', text: 'Newest arrival from a partner installation.' });
  await expect(log.getByRole('listitem').last()).toHaveAttribute('aria-setsize', String(total + 1));
  await expect.poll(() => inView('Newest arrival from a partner installation.')).toBe(true);

  // Halfway up, an older entry arrives (as from an import): what the reader sees does not move.
  await scroller.evaluate((element) => {
    element.scrollTop = element.scrollHeight * 0.4;
  });
  await page.waitForTimeout(300); // the rows that landed are measured
  const before = await scroller.evaluate((element) => {
    const top = element.getBoundingClientRect().top;
    const row = [...element.querySelectorAll('[role="listitem"]')].find((r) => r.getBoundingClientRect().top >= top);
    if (!row) throw new Error('no row in view');
    return { id: row.id, top: row.getBoundingClientRect().top - top, posinset: Number(row.getAttribute('aria-posinset')) };
  });
  await arrive(page, { id: '01KSEED1000000000000000002', occurredAt: '2025-11-04T00:00:05.000Z', text: 'Older entry from an imported bundle.' });
  await expect(log.getByRole('listitem').last()).toHaveAttribute('aria-setsize', String(total + 2));
  const row = page.locator(`[id="${before.id}"]`);
  // Its place in the whole moved by one (the older entry sorts before it); its place on screen did not.
  await expect(row).toHaveAttribute('aria-posinset', String(before.posinset + 1));
  await page.waitForTimeout(300);
  const after = await row.evaluate((element) => element.getBoundingClientRect().top - (element.closest('[role="group"]')?.getBoundingClientRect().top ?? 0));
  expect(Math.abs(after - before.top), `the row in view moved from ${before.top} to ${after}`).toBeLessThanOrEqual(1);
});
