import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/journal/canonical';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { contactInput, openInstallation } from '../../../helpers/workbookDb';
import { allOperations } from '../../../../renderer/src/db/journalStore';

describe('conflicts between installations', () => {
  it('concurrent edits show the same conflict on both sides, and a resolution closes it everywhere', async () => {
    const a = await openInstallation('a', () => Date.parse('2026-03-10T08:00:00.000Z'));
    const contact = await a.journal.create('contacts', contactInput(), { workspace: 'real' });
    const b = await openInstallation('b', () => Date.parse('2026-03-10T08:00:01.000Z'));
    await b.journal.applyOperations(await allOperations(a.db));

    await a.journal.update('contacts', contact.id, { name: 'From A' });
    await b.journal.update('contacts', contact.id, { name: 'From B', organisation: 'Org B' });
    await a.journal.applyOperations(await allOperations(b.db));
    await b.journal.applyOperations(await allOperations(a.db));

    for (const side of [a, b]) {
      expect((await side.db.contacts.get(contact.id))?.name).toBe('From B');
      const conflicts = await side.db.conflicts.toArray();
      expect(conflicts.map((c) => [c.field, c.winner.value, c.losers.map((l) => l.value)])).toEqual([['name', 'From B', ['From A']]]);
      expect((await auditJournal(side.db)).findings).toEqual([]);
    }
    expect(canonicalJson(await a.db.conflicts.toArray())).toBe(canonicalJson(await b.db.conflicts.toArray()));

    await a.journal.resolveConflict('contacts', contact.id, 'name', 'From A');
    expect(await a.db.conflicts.count()).toBe(0);
    await b.journal.applyOperations(await allOperations(a.db));
    expect(await b.db.conflicts.count()).toBe(0);
    expect((await b.db.contacts.get(contact.id))?.name).toBe('From A');
    expect(canonicalJson(await a.db.contacts.toArray())).toBe(canonicalJson(await b.db.contacts.toArray()));
  });

  it('an edit to a record deleted elsewhere is kept as a conflict on deleted, and can be restored', async () => {
    const a = await openInstallation('a');
    const contact = await a.journal.create('contacts', contactInput(), { workspace: 'real' });
    const b = await openInstallation('b');
    await b.journal.applyOperations(await allOperations(a.db));
    await a.journal.remove('contacts', contact.id);
    await b.journal.update('contacts', contact.id, { name: 'Still here' });
    await a.journal.applyOperations(await allOperations(b.db));
    const [conflict] = await a.db.conflicts.toArray();
    expect(conflict).toMatchObject({ field: 'deleted', winner: { value: true }, losers: [{ value: false }], workspace: 'real' });
    await a.journal.resolveConflict('contacts', contact.id, 'deleted', false);
    expect(await a.db.conflicts.count()).toBe(0);
    expect(await a.db.contacts.get(contact.id)).toMatchObject({ deleted: false, name: 'Still here' });
  });

  it('stores base on edits, not on creations', async () => {
    const a = await openInstallation('a');
    const contact = await a.journal.create('contacts', contactInput(), { workspace: 'real' });
    await a.journal.update('contacts', contact.id, { name: 'x' });
    const ops = await a.db.operations.orderBy('hlc').toArray();
    expect(ops[0]!.base).toBeUndefined();
    expect(ops[1]!.base).toEqual({ [a.installationId]: ops[0]!.hlc });
  });
});
