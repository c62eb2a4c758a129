import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

test('a call round runs through the tree with the channel that works now, and lands in the incident log', async ({ page }) => {
  await completeSetup(page);
  // Mobile network down: the officer's satellite phone is what to dial.
  await page.getByRole('button', { name: 'No outage declared' }).click();
  const panel = page.getByRole('dialog', { name: 'Outage mode' });
  await panel.getByRole('switch', { name: /Mobile network/ }).check();
  await panel.getByRole('button', { name: 'Save outage state' }).click();

  await navLink(page, 'Contacts').click();
  await page.getByRole('link', { name: 'Call trees' }).click();
  await page.getByRole('link', { name: /Exercise national cyber crisis team/ }).click();
  const tree = page.locator('.call-tree');
  await expect(tree.locator('.call-tree-node')).toHaveCount(5);
  await expect(tree.locator('.call-tree-node').first()).toContainText('Alex Example');
  await expect(tree.locator('.call-tree-node').first()).toContainText('Secure messaging: @alex.example');
  await page.screenshot({ path: screenshotPath('call-tree-exercise-en'), fullPage: true });

  // The printed tree: TLP and EXERCISE marking, channels for the current outage.
  await page.getByRole('link', { name: 'Print call tree' }).click();
  const preview = page.getByRole('dialog', { name: 'Call tree: Exercise national cyber crisis team' });
  const doc = preview.getByTestId('call-tree-print');
  await expect(doc).toContainText('TLP:AMBER');
  await expect(doc).toContainText('EXERCISE');
  await expect(doc).toContainText('Channels shown for the outage declared when printed: mobile network down.');
  await expect(doc).toContainText('Robin Proef');
  await expect(doc).toContainText('Secure phone: +31 30 000 0163');
  await page.screenshot({ path: screenshotPath('call-tree-print-preview-en'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await expect(doc.locator('.tree-running-header')).toBeVisible();
  await expect(doc.locator('.tree-running-footer')).toContainText('TLP:AMBER — EXERCISE');
  await page.screenshot({ path: screenshotPath('call-tree-print-en'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await preview.getByRole('button', { name: 'Close' }).click();
  await expect(preview).toHaveCount(0);

  // Start a round from the incident.
  await navLink(page, 'Incident log').click();
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  const rounds = page.getByRole('region', { name: 'Call rounds' });
  await expect(rounds).toContainText('No call round on this incident yet.');
  await rounds.getByRole('button', { name: 'Start call round' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Call round: Exercise national cyber crisis team' })).toBeVisible();

  const alex = page.getByRole('listitem', { name: 'Alex Example' });
  const sam = page.getByRole('listitem', { name: 'Sam Oefening' });
  await expect(alex).toContainText('To call');
  await expect(alex).toContainText('Secure messaging: @alex.example');
  await expect(sam).toContainText('Waiting');
  await alex.getByRole('button', { name: 'No answer' }).click();
  await expect(alex).toContainText('1 try without answer');
  await alex.getByRole('button', { name: 'Reached' }).click();
  await expect(sam).toContainText('To call');
  await expect(sam).toContainText('Called by Alex Example');
  await sam.getByRole('button', { name: 'Unreachable' }).click();
  await page.getByRole('listitem', { name: 'Robin Proef' }).getByRole('button', { name: 'Skip' }).click();
  await expect(page.getByRole('status').filter({ hasText: /3 of 5 calls closed/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('call-round-en'), fullPage: true });
  await page.getByRole('button', { name: 'Complete round' }).click();
  await expect(page.getByText('Completed', { exact: true })).toBeVisible();

  // Every step is in the incident's log.
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).click();
  const log = page.getByRole('list', { name: 'Log entries, oldest first' });
  await expect(log).toContainText('Call round "Exercise national cyber crisis team" started; declared down: mobile network.');
  await expect(log).toContainText('Call round "Exercise national cyber crisis team": no answer from Alex Example (Secure messaging: @alex.example).');
  await expect(log).toContainText('Call round "Exercise national cyber crisis team": Alex Example reached (Secure messaging: @alex.example).');
  await expect(log).toContainText('Sam Oefening unreachable');
  await expect(log).toContainText('call to Robin Proef skipped');
  await expect(log).toContainText('Call round "Exercise national cyber crisis team" completed: 1 of 5 reached.');
  await expect(page.getByRole('region', { name: 'Call rounds' })).toContainText('Completed · 3 of 5 calls closed');
});

test('a call tree is built in the editor: who calls whom, in which order', async ({ page }) => {
  await completeSetup(page);
  await navLink(page, 'Contacts').click();
  await page.getByRole('link', { name: 'Call trees' }).click();
  await page.getByRole('button', { name: 'New call tree' }).click();
  const editor = page.getByRole('dialog', { name: 'New call tree' });
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByText('Please fill this in.')).toBeVisible();
  await expect(editor.getByText('Add at least one call.')).toBeVisible();

  await editor.getByLabel('Name', { exact: true }).fill('EU-CyCLONe officers');
  await editor.getByRole('button', { name: 'Add call' }).click();
  await editor.getByRole('button', { name: 'Add call' }).click();
  const first = editor.getByRole('listitem', { name: 'Call 1' });
  const second = editor.getByRole('listitem', { name: 'Call 2' });
  await first.getByLabel('Who is called').selectOption({ label: 'Sam Oefening' });
  await second.getByLabel('Who is called').selectOption({ label: 'Alex Example' });
  await second.getByLabel('Called by').selectOption({ label: 'Sam Oefening' });
  await page.screenshot({ path: screenshotPath('call-tree-editor-en'), fullPage: true });
  await editor.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'EU-CyCLONe officers' })).toBeVisible();
  const nodes = page.locator('.call-tree-node');
  await expect(nodes).toHaveCount(2);
  await expect(nodes.nth(0)).toContainText('Sam Oefening');
  await expect(nodes.nth(0)).toContainText('Called by the desk that starts the round');
  await expect(nodes.nth(1)).toContainText('Alex Example');
  await expect(nodes.nth(1)).toContainText('Called by Sam Oefening');
});
