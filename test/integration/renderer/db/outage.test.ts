import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { currentOutage, declareOutage } from '../../../../renderer/src/db/outage';
import { openIncident } from '../../../../renderer/src/db/logbook';
import { recordVerification } from '../../../../renderer/src/db/contacts';
import { contactInput, incidentInput, openInstallation } from '../../../helpers/workbookDb';
import { incidentEntries } from '../../../../renderer/src/db/queries';

describe('declared outage', () => {
  it('is stored per workspace through the journal, keeps its start while it lasts, and ends', async () => {
    const { db, journal } = await openInstallation('outage');
    expect(await currentOutage(db, 'exercise')).toBeNull();
    const first = await declareOutage(db, journal, 'exercise', { down: ['mobile-network', 'internet', 'internet'], declaredBy: ' Duty officer ', note: '' });
    expect(first).toMatchObject({ id: 'exercise', down: ['internet', 'mobile-network'], declaredBy: 'Duty officer' });
    expect(first.since).not.toBeNull();
    const second = await declareOutage(db, journal, 'exercise', { down: ['internet', 'mobile-network', 'mains-power'], declaredBy: 'Duty officer', note: 'Generator' });
    expect(second.since).toBe(first.since);
    expect(await currentOutage(db, 'real')).toBeNull();
    const over = await declareOutage(db, journal, 'exercise', { down: [], declaredBy: 'Duty officer', note: '' });
    expect(over).toMatchObject({ down: [], since: null });
    const ops = await db.operations.where('[table+recordId]').equals(['outage', 'exercise']).toArray();
    expect(ops.map((o) => o.kind)).toEqual(['create', 'update', 'update']);
    expect(ops.every((o) => o.workspace === null)).toBe(true);
    expect((await auditJournal(db)).findings).toEqual([]);
  });

  it('writes an observation into an incident log only when asked to', async () => {
    const { db, journal } = await openInstallation('outage-log');
    const incident = await openIncident(db, journal, incidentInput(), 'exercise', { text: 'Opened', author: 'Desk' });
    await declareOutage(db, journal, 'exercise', { down: ['internet'], declaredBy: 'Desk', note: '' });
    expect(await db.logEntries.count()).toBe(1);
    await declareOutage(db, journal, 'exercise', {
      down: ['internet', 'fixed-telephony'],
      declaredBy: 'Desk',
      note: '',
      logTo: { incidentId: incident.id, text: 'Declared down: internet, fixed telephony', tlp: 'AMBER' },
    });
    const entries = await incidentEntries(db, incident.id).toArray();
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => e.kind === 'observation')).toMatchObject({ text: 'Declared down: internet, fixed telephony', author: 'Desk', chain: { seq: 2 } });
  });

  it('refuses an unknown infrastructure without writing anything', async () => {
    const { db, journal } = await openInstallation('outage-bad');
    await expect(declareOutage(db, journal, 'real', { down: ['telepathy' as never], declaredBy: 'x', note: '' })).rejects.toThrow(/unknown infrastructure/);
    expect(await db.outage.count()).toBe(0);
    expect(await db.operations.count()).toBe(0);
  });
});

describe('contact verification', () => {
  it('records who verified how, and refuses an empty verifier', async () => {
    const { db, journal } = await openInstallation('verify');
    const contact = await journal.create('contacts', contactInput(), { workspace: 'real' });
    const at = '2026-03-10T08:00:00.000Z';
    await recordVerification(journal, contact.id, { at, by: ' Kim Duty ', method: 'call-back', note: '' });
    expect((await db.contacts.get(contact.id))?.verified).toEqual({ at, by: 'Kim Duty', method: 'call-back', note: '' });
    await expect(recordVerification(journal, contact.id, { at, by: '  ', method: 'in-person', note: '' })).rejects.toThrow();
    expect((await db.contacts.get(contact.id))?.verified?.method).toBe('call-back');
  });
});
