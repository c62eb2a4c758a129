/**
 * The dashboard's holdings are counted without reading the journal's records: they must still agree
 * with the lists a person sees (tombstones left out, one workspace only).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { journalSummary, listContacts, listProcedures, workspaceHoldings } from '../../../../renderer/src/db/queries';
import { contactInput, incidentInput, openInstallation } from '../../../helpers/workbookDb';

describe('workspaceHoldings', () => {
  it('counts live procedures and contacts and every operation of the workspace, with the newest clock', async () => {
    const { db, journal } = await openInstallation('holdings');
    const kept = await journal.create('contacts', contactInput({ name: 'Kept' }), { workspace: 'real' });
    const removed = await journal.create('contacts', contactInput({ name: 'Removed' }), { workspace: 'real' });
    await journal.remove('contacts', removed.id);
    await journal.create('contacts', contactInput({ name: 'Elsewhere' }), { workspace: 'exercise' });
    await journal.create('incidents', incidentInput(), { workspace: 'real' });

    const holdings = await workspaceHoldings(db, 'real', 6);
    const summary = await journalSummary(db, 'real', 1);
    expect(holdings.contacts).toBe((await listContacts(db, 'real')).length);
    expect(holdings.contacts).toBe(1);
    expect((await listContacts(db, 'real')).map((c) => c.id)).toEqual([kept.id]);
    expect(holdings.procedures).toBe((await listProcedures(db, 'real')).length);
    expect(holdings.operations).toBe(summary.operations);
    expect(holdings.lastChangeHlc).toBe(summary.latest[0]?.hlc);

    // Another workspace's writes change nothing here.
    const before = holdings.operations;
    await journal.create('contacts', contactInput({ name: 'Also elsewhere' }), { workspace: 'exercise' });
    expect((await workspaceHoldings(db, 'real', 6)).operations).toBe(before);
  });

  it('counts the live contacts not verified within the staleness period', async () => {
    const { db, journal } = await openInstallation('holdings-stale');
    const now = new Date('2026-11-23T12:00:00.000Z');
    const verified = (at: string) => ({ at, by: 'Desk officer', method: 'call-back' as const, note: '' });
    await journal.create('contacts', contactInput({ name: 'Never verified' }), { workspace: 'real' });
    await journal.create('contacts', contactInput({ name: 'Verified last month', verified: verified('2026-10-20T09:00:00.000Z') }), { workspace: 'real' });
    await journal.create('contacts', contactInput({ name: 'Verified a year ago', verified: verified('2025-11-01T09:00:00.000Z') }), { workspace: 'real' });
    const gone = await journal.create('contacts', contactInput({ name: 'Removed, never verified' }), { workspace: 'real' });
    await journal.remove('contacts', gone.id);

    expect((await workspaceHoldings(db, 'real', 6, now)).staleContacts).toBe(2);
    // A longer period makes the year-old verification current again.
    expect((await workspaceHoldings(db, 'real', 13, now)).staleContacts).toBe(1);
  });
});
