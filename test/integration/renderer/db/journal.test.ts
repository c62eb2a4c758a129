/**
 * The change journal is the only way to write: every write leaves exactly one operation in the
 * same transaction, a failed write leaves neither, and a write around the journal is refused (or,
 * when made below Dexie with the raw IndexedDB API, found by the audit).
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { WorkbookError } from '../../../../shared/errors/codes';
import { canonicalJson } from '../../../../shared/journal/canonical';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { ChangeJournal, heldHistories, presentKeys } from '../../../../renderer/src/db/journal';
import { contactInput, incidentInput, openInstallation } from '../../../helpers/workbookDb';
import { allOperations } from '../../../../renderer/src/db/journalStore';

describe('journaled writes', () => {
  it('records a create with the whole record, in the same transaction', async () => {
    const { db, journal, installationId } = await openInstallation();
    const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    const ops = await allOperations(db);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ table: 'incidents', recordId: incident.id, kind: 'create', origin: installationId, workspace: 'real', hlc: incident.hlc });
    expect(ops[0]!.fields).toEqual(incident);
    expect(incident).toMatchObject({ origin: installationId, workspace: 'real', deleted: false });
  });

  it('records an update with only the changed fields, and skips a patch that changes nothing', async () => {
    const { db, journal } = await openInstallation();
    const contact = await journal.create('contacts', contactInput(), { workspace: 'real' });
    const updated = await journal.update('contacts', contact.id, { name: 'Alex Example-Jansen', organisation: contact.organisation });
    const same = await journal.update('contacts', contact.id, { name: 'Alex Example-Jansen' });
    const ops = await db.operations.orderBy('hlc').toArray();
    expect(ops.map((o) => o.kind)).toEqual(['create', 'update']);
    expect(Object.keys(ops[1]!.fields).sort()).toEqual(['hlc', 'name', 'updatedAt']);
    expect(updated.hlc > contact.hlc).toBe(true);
    expect(same.hlc).toBe(updated.hlc);
  });

  it('deletes by tombstone, so the deletion is an operation too', async () => {
    const { db, journal } = await openInstallation();
    const contact = await journal.create('contacts', contactInput(), { workspace: 'exercise' });
    await journal.remove('contacts', contact.id);
    expect((await db.contacts.get(contact.id))?.deleted).toBe(true);
    expect((await allOperations(db)).map((o) => o.kind).sort()).toEqual(['create', 'delete']);
  });

  it('keeps log entries append-only', async () => {
    const { journal } = await openInstallation();
    const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    const entry = await journal.create(
      'logEntries',
      { incidentId: incident.id, kind: 'observation', text: 'seen', occurredAt: incident.startedAt, author: 'Jo', tlp: 'AMBER' },
      { workspace: 'real' },
    );
    await expect(journal.update('logEntries', entry.id, { text: 'rewritten' })).rejects.toMatchObject({ code: 'append-only' });
    await expect(journal.remove('logEntries', entry.id)).rejects.toMatchObject({ code: 'append-only' });
  });

  it('refuses an invalid record and stores neither record nor operation', async () => {
    const { db, journal } = await openInstallation();
    await expect(journal.create('incidents', incidentInput({ title: '' }), { workspace: 'real' })).rejects.toMatchObject({ code: 'record-invalid' });
    await expect(journal.create('incidents', incidentInput(), { workspace: null })).rejects.toBeInstanceOf(WorkbookError);
    expect(await db.incidents.count()).toBe(0);
    expect(await db.operations.count()).toBe(0);
  });

  it('rolls back the record when the operation cannot be stored', async () => {
    const { db, journal } = await openInstallation();
    const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    // Make the journal append fail, as a full disk would.
    const spy = vi.spyOn(db.operations, 'add').mockImplementation(() => Dexie.Promise.reject(new Error('disk full')));
    await expect(journal.update('incidents', incident.id, { title: 'changed' })).rejects.toThrow('disk full');
    spy.mockRestore();
    expect((await db.incidents.get(incident.id))?.title).toBe(incident.title);
    expect(await db.operations.count()).toBe(1);
    expect((await auditJournal(db)).findings).toEqual([]);
  });
});

describe('writes around the journal', () => {
  it('are refused on every journaled table, whatever Dexie method is used', async () => {
    const { db, journal } = await openInstallation();
    const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['put', () => db.incidents.put({ ...incident, title: 'quietly changed' })],
      ['add', () => db.contacts.add({ ...incident } as never)],
      ['update', () => db.incidents.update(incident.id, { title: 'quietly changed' })],
      ['delete', () => db.incidents.delete(incident.id)],
      ['bulkPut', () => db.procedures.bulkPut([])],
      ['clear', () => db.logEntries.clear()],
      ['modify', () => db.incidents.toCollection().modify({ title: 'x' })],
      ['journal itself', () => db.operations.clear()],
      ['profile', () => db.profile.put({} as never)],
      ['own transaction', () => db.transaction('rw', db.incidents, () => db.incidents.put({ ...incident, title: 'x' }))],
    ];
    for (const [label, attempt] of attempts) {
      await expect(attempt(), label).rejects.toSatisfy((e: unknown) => {
        const inner: unknown = e instanceof Dexie.DexieError && e.inner ? e.inner : e;
        return (inner instanceof WorkbookError && inner.code === 'journal-bypass') || String(e).includes('journal-bypass');
      });
    }
    expect((await db.incidents.get(incident.id))?.title).toBe(incident.title);
    expect(await db.operations.count()).toBe(1);
  });

  it('are found by the audit when made below Dexie with the raw IndexedDB API', async () => {
    const { db, journal } = await openInstallation();
    const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    expect((await auditJournal(db)).findings).toEqual([]);

    const raw = db.backendDB();
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction(['incidents', 'contacts'], 'readwrite');
      tx.objectStore('incidents').put({ ...incident, title: 'rewritten in secret' });
      tx.objectStore('contacts').put({ ...incident, id: '01JEXAMP1E00000000000SNEAK' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('raw write failed'));
    });

    const report = await auditJournal(db);
    expect(report.findings).toEqual(
      expect.arrayContaining([
        { kind: 'field-mismatch', table: 'incidents', recordId: incident.id, field: 'title' },
        { kind: 'record-without-operations', table: 'contacts', recordId: '01JEXAMP1E00000000000SNEAK' },
      ]),
    );
  });
});

describe('operations from elsewhere', () => {
  it('converge: two installations given the same operations in any order hold the same records', async () => {
    const source = await openInstallation('source');
    const a = await source.journal.create('contacts', contactInput(), { workspace: 'real' });
    await source.journal.update('contacts', a.id, { name: 'Renamed' });
    await source.journal.update('contacts', a.id, { tlp: 'RED', level: 'technical' });
    const b = await source.journal.create('incidents', incidentInput(), { workspace: 'real' });
    await source.journal.update('incidents', b.id, { escalation: 'cyber-crisis' });
    await source.journal.remove('contacts', a.id);
    const operations = await allOperations(source.db);

    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(operations, { minLength: operations.length, maxLength: operations.length }), fc.integer({ min: 1, max: 4 }), async (shuffled, chunks) => {
        const replica = await openInstallation('replica');
        const size = Math.ceil(shuffled.length / chunks);
        for (let i = 0; i < shuffled.length; i += size) await replica.journal.applyOperations(shuffled.slice(i, i + size));
        expect(canonicalJson(await replica.db.contacts.toArray())).toBe(canonicalJson(await source.db.contacts.toArray()));
        expect(canonicalJson(await replica.db.incidents.toArray())).toBe(canonicalJson(await source.db.incidents.toArray()));
        expect((await auditJournal(replica.db)).findings).toEqual([]);
        replica.db.close();
      }),
      { numRuns: 25 },
    );
  });

  it('are idempotent and all-or-nothing', async () => {
    const source = await openInstallation('source');
    const incident = await source.journal.create('incidents', incidentInput(), { workspace: 'real' });
    const ops = await allOperations(source.db);
    const replica = await openInstallation('replica');
    expect(await replica.journal.applyOperations(ops)).toBe(1);
    expect(await replica.journal.applyOperations(ops)).toBe(0);
    expect(await replica.db.operations.count()).toBe(1);

    const broken = { ...ops[0]!, opId: '01JEXAMP1E0000000000000BAD', hlc: ops[0]!.hlc.replace(/-0000-/, '-0001-'), kind: 'update' as const, fields: { escalation: 'apocalypse' } };
    const good = { ...broken, opId: '01JEXAMP1E000000000000G00D', hlc: ops[0]!.hlc.replace(/-0000-/, '-0002-'), fields: { title: 'fine' } };
    await expect(replica.journal.applyOperations([good, broken])).rejects.toMatchObject({ code: 'record-invalid' });
    expect(await replica.db.operations.count()).toBe(1);
    expect((await replica.db.incidents.get(incident.id))?.title).toBe(incident.title);
  });

  it('move the local clock past what was seen, so a later local edit wins', async () => {
    const far = Date.parse('2027-01-01T00:00:00.000Z');
    const ahead = await openInstallation('ahead', () => far);
    const incident = await ahead.journal.create('incidents', incidentInput(), { workspace: 'real' });
    const behind = await openInstallation('behind', () => far - 3_600_000);
    await behind.journal.applyOperations(await allOperations(ahead.db));
    const edited = await behind.journal.update('incidents', incident.id, { title: 'edited later' });
    expect(edited.hlc > incident.hlc).toBe(true);
  });

  it('reopening the journal continues after the newest stored operation', async () => {
    const { db, journal, installationId } = await openInstallation();
    const first = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    const reopened = await ChangeJournal.open(db, installationId, () => Date.parse('2000-01-01T00:00:00.000Z'));
    const second = await reopened.create('incidents', incidentInput(), { workspace: 'real' });
    expect(second.hlc > first.hlc).toBe(true);
  });
});

describe('presentKeys (what an import looks up before writing)', () => {
  it('finds which of the asked keys a table holds, also when their key range holds many others', async () => {
    const { db } = await openInstallation();
    const held = Array.from({ length: 500 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    await db.meta.bulkPut(held.map((key) => ({ key, value: 1 })));
    // A wide range with few asked keys: split until each part's range is small.
    const sparse = ['k0000', 'k0250', 'k0499', 'k0500', 'a', 'z', 'k0250'];
    const foundSparse = await presentKeys(db.meta, sparse);
    expect(sparse.filter((k) => foundSparse.has(k))).toEqual(['k0000', 'k0250', 'k0499', 'k0250']);
    // A dense run of keys, some held and some not.
    const dense = [...held.slice(100, 300), 'k0100a', 'k0299z'];
    const foundDense = await presentKeys(db.meta, dense);
    expect(dense.filter((k) => foundDense.has(k))).toEqual(held.slice(100, 300));
    expect((await presentKeys(db.meta, [])).size).toBe(0);
  });
});

describe('heldHistories (what an import reads to rebuild records)', () => {
  it('gives every held operation of the asked records, also when their range holds many other records', async () => {
    const { db, journal } = await openInstallation();
    const contacts = [];
    for (let i = 0; i < 40; i++) contacts.push(await journal.create('contacts', contactInput({ name: `Contact ${i}` }), { workspace: 'real' }));
    for (const contact of contacts.slice(0, 20)) await journal.update('contacts', contact.id, { name: `${contact.name} (renamed)` });
    const asked = [contacts[0]!.id, contacts[39]!.id, contacts[10]!.id, '01JZZZZZZZZZZZZZZZZZZZZZZZ'];
    const histories = await heldHistories(db, 'contacts', asked);
    expect([...histories.keys()].sort()).toEqual([contacts[0]!.id, contacts[10]!.id, contacts[39]!.id].sort());
    for (const id of asked) {
      const expected = await db.operations.where('[table+recordId]').equals(['contacts', id]).toArray();
      expect((histories.get(id) ?? []).map((op) => op.opId).sort()).toEqual(expected.map((op) => op.opId).sort());
    }
    expect(histories.get(contacts[0]!.id)).toHaveLength(2);
    expect(histories.get(contacts[39]!.id)).toHaveLength(1);
  });
});
