/**
 * Importing contacts into the directory: the confirmed plan is written through the change journal
 * in one transaction — all accepted contacts, or none when anything fails — and an export reads
 * back as duplicates of what it came from.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyContactImport, contactExportBytes, decideContactExport, directoryOf } from '../../../../renderer/src/db/contactImport';
import { planContactImport } from '../../../../shared/contacts/importPlan';
import { decodeContactFile, type ImportDefaults } from '../../../../shared/contacts/interop';
import { readVcards } from '../../../../shared/contacts/vcard';
import { contactInput, openInstallation } from '../../../helpers/workbookDb';
import { allOperations } from '../../../../renderer/src/db/journalStore';

const defaults: ImportDefaults = { country: 'NL', level: 'operational', tlp: 'AMBER' };
const fixture = (name: string) => decodeContactFile(readFileSync(new URL(`../../../fixtures/contacts/${name}`, import.meta.url)));

function readOk(decoded: ReturnType<typeof decodeContactFile>) {
  const read = readVcards(decoded, defaults);
  if (!read.ok) throw new Error(JSON.stringify(read.problem));
  return read.value;
}

describe('applying a contact import', () => {
  it('creates the new and updates the changed contacts through the journal, skipping duplicates and unticked ones', async () => {
    const { db, journal } = await openInstallation('contact-import');
    // Already in the directory: Γιώργος, without his mobile number.
    const giorgos = await journal.create(
      'contacts',
      contactInput({ name: 'Γιώργος Παπαδόπουλος', organisation: 'Εθνική Αρχή Κυβερνοασφάλειας', country: 'EL', channels: [{ type: 'landline', value: '+30 210 123 4567', note: '' }] }),
      { workspace: 'real' },
    );
    const plan = planContactImport(readOk(fixture('apple-3.0.vcf')), await directoryOf(db, 'real'), 'real');
    expect(plan.items.map((i) => i.kind)).toEqual(['changed', 'new']);
    const before = await db.operations.count();
    const applied = await applyContactImport(db, journal, plan, new Set([0, 1]), 'real');
    expect(applied).toEqual({ created: 1, updated: 1 });
    const contacts = await directoryOf(db, 'real');
    expect(contacts.map((c) => c.name).sort()).toEqual(['CERT Polska', 'Γιώργος Παπαδόπουλος']);
    const updated = contacts.find((c) => c.id === giorgos.id)!;
    expect(updated.channels.map((c) => c.type)).toEqual(['landline', 'mobile', 'email']);
    expect(updated.roles).toEqual(['liaison-officer']);
    // One operation per write: the update and the creation, both journaled.
    const ops = (await allOperations(db)).slice(before);
    expect(ops.map((o) => [o.table, o.kind])).toEqual([
      ['contacts', 'update'],
      ['contacts', 'create'],
    ]);
  });

  it('writes nothing at all when one write fails', async () => {
    const { db, journal } = await openInstallation('contact-import-atomic');
    const giorgos = await journal.create('contacts', contactInput({ name: 'Γιώργος Παπαδόπουλος', organisation: 'Εθνική Αρχή Κυβερνοασφάλειας' }), { workspace: 'real' });
    const plan = planContactImport(readOk(fixture('apple-3.0.vcf')), await directoryOf(db, 'real'), 'real');
    // The matched contact is deleted after the preview was shown: the second write must fail.
    await journal.remove('contacts', giorgos.id);
    const reordered = { ...plan, items: [plan.items[1]!, plan.items[0]!] };
    const operations = await db.operations.count();
    await expect(applyContactImport(db, journal, reordered, new Set([0, 1]), 'real')).rejects.toMatchObject({ code: 'record-not-found' });
    expect(await db.operations.count()).toBe(operations);
    expect((await directoryOf(db, 'real')).map((c) => c.name)).toEqual([]);
  });

  it('refuses to apply a plan refused for its workspace', async () => {
    const { db, journal } = await openInstallation('contact-import-refused');
    const read = readOk(fixture('contacts-4.0.vcf'));
    const plan = planContactImport({ ...read, workspace: 'exercise' }, [], 'real');
    await expect(applyContactImport(db, journal, plan, new Set([0]), 'real')).rejects.toMatchObject({ code: 'record-invalid' });
    expect(await db.contacts.count()).toBe(0);
  });

  it('exports the directory as vCards that import back as duplicates, leaving out RED unless ticked', async () => {
    const { db, journal } = await openInstallation('contact-export');
    await journal.create('contacts', contactInput({ name: 'Ĳsbrand van der Berg', tlp: 'GREEN' }), { workspace: 'real' });
    await journal.create('contacts', contactInput({ name: 'Małgorzata Łęcka', tlp: 'AMBER+STRICT' }), { workspace: 'real' });
    const red = await journal.create('contacts', contactInput({ name: 'Αικατερίνη Κωνσταντινίδου', tlp: 'RED' }), { workspace: 'real' });
    const directory = await directoryOf(db, 'real');
    const withoutRed = decideContactExport(directory, new Set());
    expect(withoutRed.included.map((c) => c.name).sort()).toEqual(['Małgorzata Łęcka', 'Ĳsbrand van der Berg']);
    expect(withoutRed.leftOut.map((c) => c.id)).toEqual([red.id]);
    expect([withoutRed.highestTlp, withoutRed.needsConfirmation]).toEqual(['AMBER+STRICT', true]);
    const withRed = decideContactExport(directory, new Set([red.id]));
    expect(withRed.highestTlp).toBe('RED');
    const bytes = contactExportBytes(withRed, 'real', 'vcard');
    const plan = planContactImport(readOk(decodeContactFile(bytes)), directory, 'real');
    expect(plan.items.map((i) => [i.kind, i.matchedBy])).toEqual(directory.map(() => ['duplicate', 'id']));
  });
});
