/**
 * Full backup and restore in the browser build: a backup downloaded from one browser profile is
 * restored into a fresh one, after a wrong passphrase and a cut file were refused; the restored
 * workbook is the backed-up installation's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeSetup, expect, navLink, screenshotPath, test } from './fixtures';

const PASSPHRASE = 'correct horse battery staple';

test('a backup made in one browser profile restores into a fresh one', async ({ browser }) => {
  test.setTimeout(120_000);
  const source = await browser.newContext();
  const target = await browser.newContext();
  try {
    // The installation to back up.
    const a = await source.newPage();
    await completeSetup(a, { organisation: 'NCSC Backupland', person: 'Bo Backup' });
    await navLink(a, 'Settings').click();
    const section = a.getByRole('region', { name: 'Backup' });
    await expect(section).toContainText('The private keys are not in this file');
    await section.getByRole('button', { name: 'Make a backup' }).click();
    const make = a.getByRole('dialog', { name: 'Make a backup' });
    await make.getByLabel('Passphrase', { exact: true }).fill('short');
    await make.getByRole('button', { name: 'Make and save the backup' }).click();
    await expect(make.getByText('The passphrase needs at least 12 characters.')).toBeVisible();
    await make.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await make.getByLabel('Passphrase again').fill(PASSPHRASE);
    const download = a.waitForEvent('download');
    await make.getByRole('button', { name: 'Make and save the backup' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^backup-NCSC-Backupland-\d{4}-\d{2}-\d{2}\.cwbackup$/);
    const backupPath = join(tmpdir(), `h4-${Date.now()}-${file.suggestedFilename()}`);
    await file.saveAs(backupPath);
    const bytes = readFileSync(backupPath);
    expect(bytes.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
    expect(bytes.includes(Buffer.from('NCSC Backupland'))).toBe(false);
    const cutPath = `${backupPath}.cut`;
    writeFileSync(cutPath, bytes.subarray(0, bytes.length - 64));

    // A fresh browser profile, set up as another installation.
    const b = await target.newPage();
    await completeSetup(b, { organisation: 'Fresh Profile', person: 'Fay Fresh' });
    await expect(b.locator('.whoami-org')).toHaveText('Fresh Profile');
    await navLink(b, 'Settings').click();
    await b.getByRole('region', { name: 'Backup' }).getByRole('button', { name: 'Restore from a backup' }).click();
    const restore = b.getByRole('dialog', { name: 'Restore from a backup' });

    // Without a file, then a wrong passphrase, then a cut file: refused, nothing replaced.
    await restore.getByRole('button', { name: 'Open the backup' }).click();
    await expect(restore.locator('.field-error')).toHaveText('Choose a backup file');
    let chooser = b.waitForEvent('filechooser');
    await restore.getByRole('button', { name: 'Choose a backup file' }).click();
    await (await chooser).setFiles(backupPath);
    await restore.getByLabel('Passphrase').fill('not the right passphrase');
    await restore.getByRole('button', { name: 'Open the backup' }).click();
    await expect(restore.getByText('Wrong passphrase for this backup file.')).toBeVisible();
    chooser = b.waitForEvent('filechooser');
    await restore.getByRole('button', { name: 'Choose a backup file' }).click();
    await (await chooser).setFiles(cutPath);
    await restore.getByLabel('Passphrase').fill(PASSPHRASE);
    await restore.getByRole('button', { name: 'Open the backup' }).click();
    await expect(restore.getByText('The backup file is damaged or incomplete')).toBeVisible();

    // The right file: the preview says whose it is and what it holds, before anything is replaced.
    chooser = b.waitForEvent('filechooser');
    await restore.getByRole('button', { name: 'Choose a backup file' }).click();
    await (await chooser).setFiles(backupPath);
    await restore.getByRole('button', { name: 'Open the backup' }).click();
    const preview = b.getByTestId('backup-preview');
    await expect(preview).toContainText('NCSC Backupland');
    await expect(preview).toContainText('Bo Backup');
    const journalRow = restore.locator('tr[data-table="operations"] td').nth(1);
    await expect(journalRow).not.toHaveText('0');
    await expect(restore).toContainText('This workbook has no private keys.');
    await b.screenshot({ path: screenshotPath('backup-restore-preview-en'), fullPage: true });
    await expect(b.locator('.whoami-org')).toHaveText('Fresh Profile');

    await restore.getByRole('button', { name: 'Replace the workbook' }).click();
    // The workbook starts again on the restored data and says how the checks went.
    const done = b.getByRole('dialog', { name: 'Workbook restored' });
    await expect(done.getByRole('status')).toHaveText('The change journal agrees with every record, and the logbook chains of the one incident verify.');
    await b.screenshot({ path: screenshotPath('backup-restored-en'), fullPage: true });
    await done.getByRole('button', { name: 'Close' }).last().click();
    await expect(done).toBeHidden();
    await expect(b.locator('.whoami-org')).toHaveText('NCSC Backupland');
    await expect(b.locator('.whoami-person')).toHaveText('Bo Backup');
  } finally {
    await source.close();
    await target.close();
  }
});
