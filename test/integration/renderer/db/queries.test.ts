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

    const holdings = await workspaceHoldings(db, 'real');
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
    expect((await workspaceHoldings(db, 'real')).operations).toBe(before);
  });
});
