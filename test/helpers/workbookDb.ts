/**
 * Test helpers for the data layer: a fresh in-memory IndexedDB per database name (fake-indexeddb),
 * so several "installations" can live side by side in one test.
 */
import 'fake-indexeddb/auto';
import { ChangeJournal } from '../../renderer/src/db/journal';
import { openWorkbookDb, WorkbookDb } from '../../renderer/src/db/WorkbookDb';
import { newRecordId } from '../../shared/model/ids';
import type { RecordInput } from '../../renderer/src/db/journal';

let counter = 0;

export function freshDbName(label = 'workbook'): string {
  counter += 1;
  return `${label}-${counter}-${Math.random().toString(36).slice(2)}`;
}

export async function openInstallation(label?: string, wallClock?: () => number) {
  const db = await openWorkbookDb(new WorkbookDb(freshDbName(label)));
  const installationId = newRecordId();
  const journal = await ChangeJournal.open(db, installationId, wallClock);
  return { db, journal, installationId };
}

export function incidentInput(overrides: Partial<RecordInput<'incidents'>> = {}): RecordInput<'incidents'> {
  return {
    title: 'Outage at a fictitious operator',
    summary: '',
    escalation: 'incident',
    status: 'open',
    startedAt: '2026-03-10T06:40:00.000Z',
    memberStates: ['NL'],
    sectors: ['energy'],
    tlp: 'AMBER',
    ...overrides,
  };
}

export function contactInput(overrides: Partial<RecordInput<'contacts'>> = {}): RecordInput<'contacts'> {
  return {
    kind: 'person',
    name: 'Alex Example',
    organisation: 'Exercise Centre',
    country: 'NL',
    roles: ['liaison-officer'],
    level: 'operational',
    channels: [{ type: 'mobile', value: '+31 6 0000 0000', note: '' }],
    tlp: 'AMBER',
    ...overrides,
  };
}
