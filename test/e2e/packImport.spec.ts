/**
 * Importing a content pack from the procedures screen: the app trusts only the project's pack
 * publisher key, so a pack signed with the TEST key is refused (its key id named), a file that is
 * not a pack is refused, and in both cases the built-in procedures stay as they were.
 * (Previewing and installing a trusted pack is covered by test/integration/renderer/db/packImport.test.ts.)
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { packTrustedComment, writePackArchive } from '../../shared/content/packFile';
import { TEST_PACK_SIGNER } from '../fixtures/packs/testPublisher';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

async function pickPack(page: Page, name: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import content pack…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
}

/** The built-in pack's files, read as JSON (Playwright's loader does not take the app's JSON imports). */
const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(`shared/content/blueprint-pack/${path}`, 'utf8')) as Record<string, unknown>;
const manifest = json('manifest.json') as { version: string };
const detection = json('procedures/eu.detection-escalation.json') as { title: { en: string }; revision: number };

test('a pack from an untrusted publisher or a file that is not a pack is refused, changing nothing', async ({ page }) => {
  const newer = {
    manifest: { ...manifest, version: '1.1.0' },
    actors: json('actors.json'),
    points: json('sources/points.json'),
    procedures: [{ ...detection, revision: detection.revision + 1, title: { en: 'Revised by an untrusted pack', nl: 'Herzien door een niet-vertrouwd pakket' } }],
    reference: [],
  };
  const signed = Buffer.from(
    await writePackArchive(Buffer.from(JSON.stringify(newer, null, 2)), TEST_PACK_SIGNER, packTrustedComment({ id: 'eu-cyber-blueprint', version: '1.1.0', publishedAt: '2026-06-01' })),
  );

  await completeSetup(page, { startIn: 'real' });
  await navLink(page, 'Procedures').click();
  const firstTitle = detection.title.en;
  await expect(page.getByRole('link', { name: new RegExp(firstTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toBeVisible();

  await pickPack(page, 'eu-cyber-blueprint-1.1.0.cwpack', signed);
  let dialog = page.getByRole('dialog', { name: 'Content pack refused' });
  await expect(dialog.getByTestId('pack-refusal')).toHaveAttribute('data-code', 'unknown-publisher');
  await expect(dialog.getByRole('alert')).toHaveText('The pack is signed by a key that is not a trusted pack publisher in this application.');
  await expect(dialog).toContainText('Signing key: B55E80ECCBB441C4');
  await expect(dialog).toContainText('eu-cyber-blueprint-1.1.0.cwpack was not installed. Nothing was changed.');
  await page.screenshot({ path: screenshotPath('pack-import-refused'), fullPage: true });
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();

  await pickPack(page, 'notes.cwpack', Buffer.from('these are not the procedures you are looking for'));
  dialog = page.getByRole('dialog', { name: 'Content pack refused' });
  await expect(dialog.getByTestId('pack-refusal')).toHaveAttribute('data-code', 'not-a-zip');
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  // Nothing changed: the built-in procedures still carry the built-in pack's version and titles.
  await expect(page.getByRole('link', { name: /Revised by an untrusted pack/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: new RegExp(firstTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first()).toContainText(`Pack ${manifest.version}`);
});
