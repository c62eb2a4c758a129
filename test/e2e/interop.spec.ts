/**
 * Export for CSIRT tools (issue 10) on the seeded exercise incident BLUE HARBOUR (TLP:AMBER): the
 * dialog asks for the TLP confirmation, the MISP event and the STIX 2.1 bundle download through the
 * browser platform, and the files carry the incident, its situation report, its log entries, the
 * TLP label and the exercise marking. Screenshots of the dialog go to docs/screenshots.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { completeSetup, expect, test } from './fixtures';

const TITLE = 'BLUE HARBOUR — ransomware at port logistics operators';
const FILE_STEM = 'EXERCISE-incident-blue-harbour-ransomware-at-port-logistics-operators';

async function openExportDialog(page: Page, language: 'en' | 'nl' = 'en') {
  await completeSetup(page, { language, startIn: 'exercise' });
  await page.getByRole('link', { name: /BLUE HARBOUR/ }).first().click();
  await expect(page.getByRole('heading', { name: /BLUE HARBOUR/, level: 2 })).toBeVisible();
  await page.getByRole('button', { name: language === 'nl' ? 'Exporteren voor CSIRT-tools…' : 'Export for CSIRT tools…' }).click();
  const dialog = page.getByRole('dialog', { name: language === 'nl' ? 'Exporteren voor CSIRT-tools' : 'Export for CSIRT tools' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function download(page: Page, submit: () => Promise<void>) {
  const pending = page.waitForEvent('download');
  await submit();
  const file = await pending;
  return { name: file.suggestedFilename(), json: JSON.parse(readFileSync(await file.path(), 'utf8')) as Record<string, unknown> };
}

test('exports BLUE HARBOUR as a MISP event and as a STIX 2.1 bundle', async ({ page }) => {
  let dialog = await openExportDialog(page);
  await expect(dialog.getByRole('radio', { name: /MISP event \(JSON\)/ })).toBeChecked();
  await expect(dialog.getByText(/The file will hold the incident and its logbook — situation reports: 1, other log entries: \d+\./)).toBeVisible();
  await expect(dialog.getByText(/file name starts with EXERCISE-/)).toBeVisible();
  const submit = dialog.getByRole('button', { name: 'Save file' });
  // AMBER: nothing is written before the person exporting confirms the label.
  await expect(submit).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /I will handle this file as TLP:AMBER/ }).check();
  await expect(submit).toBeEnabled();
  await page.screenshot({ path: 'docs/screenshots/interop-export-dialog.png' });
  const axe = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  const misp = await download(page, () => submit.click());
  expect(misp.name).toBe(`${FILE_STEM}-misp.json`);
  const event = misp.json['Event'] as {
    info: string;
    date: string;
    threat_level_id: string;
    uuid: string;
    Tag: Array<{ name: string }>;
    Attribute: Array<{ type: string; value: string }>;
    EventReport: Array<{ name: string; content: string }>;
  };
  expect(event.info).toBe(`EXERCISE — OEFENING: ${TITLE}`);
  expect(event.threat_level_id).toBe('1');
  expect(event.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(event.Tag.map((t) => t.name)).toEqual(['tlp:amber', 'nis2:impact-sectors-impacted="energy"', 'nis2:impact-sectors-impacted="transport"']);
  expect(event.Attribute.map((a) => a.value)).toContain(
    'Telephone call from Harbour Logistics One (fictitious): terminal operating system unreachable, ransom note on all workstations.',
  );
  expect(event.Attribute.every((a) => a.type === 'text')).toBe(true);
  expect(event.EventReport.map((r) => r.name)).toContain(`Current assessment — ${TITLE}`);
  expect(event.EventReport.some((r) => r.content.includes('SITREP 1: container handling at 40 % in three ports'))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'highest label TLP:AMBER' })).toBeVisible();

  // The same incident as a STIX 2.1 bundle.
  dialog = page.getByRole('dialog', { name: 'Export for CSIRT tools' });
  await page.getByRole('button', { name: 'Export for CSIRT tools…' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /STIX 2\.1 bundle \(JSON\)/ }).check();
  await dialog.getByRole('checkbox', { name: /I will handle this file as TLP:AMBER/ }).check();
  await page.screenshot({ path: 'docs/screenshots/interop-export-dialog-stix.png' });
  const stix = await download(page, () => dialog.getByRole('button', { name: 'Save file' }).click());
  expect(stix.name).toBe(`${FILE_STEM}-stix.json`);
  expect(stix.json['type']).toBe('bundle');
  const objects = stix.json['objects'] as Array<Record<string, unknown> & { type: string; id: string }>;
  const incident = objects.find((o) => o.type === 'incident');
  expect(incident?.['name']).toBe(`EXERCISE — OEFENING: ${TITLE}`);
  expect(incident?.['object_marking_refs']).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
  expect(objects.find((o) => o.type === 'report')?.['description']).toContain('SITREP 1');
  expect(objects.filter((o) => o.type === 'note').length).toBeGreaterThan(1);
  expect(objects.find((o) => o.type === 'marking-definition' && o['name'] === 'TLP:AMBER')?.['extensions']).toEqual({
    'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber' },
  });
  // The event's id is derived from the incident: the MISP event and the STIX incident share it.
  expect(incident?.id).toBe(`incident--${event.uuid}`);
});

test('the dialog in Dutch', async ({ page }) => {
  const dialog = await openExportDialog(page, 'nl');
  await expect(dialog.getByRole('radio', { name: /MISP-event \(JSON\)/ })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Bestand opslaan' })).toBeDisabled();
  await page.screenshot({ path: 'docs/screenshots/interop-export-dialog-nl.png' });
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Exporteren voor CSIRT-tools…' })).toBeFocused();
});
