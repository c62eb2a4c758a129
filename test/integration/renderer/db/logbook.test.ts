/**
 * The incident logbook: append-only, chained per installation, corrections as new entries, and
 * every change of the incident written as an entry in the same transaction. Tampering below Dexie
 * (the raw IndexedDB API, as a tool with disk access could) is found and located by the chains.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { appendLogEntry, changeIncident, correctLogEntry, ownChainHead, verifyIncidentChains, type LogEntryDraft } from '../../../../renderer/src/db/logbook';
import type { WorkbookDb } from '../../../../renderer/src/db/WorkbookDb';
import type { LogEntry } from '../../../../shared/model/records';
import { incidentInput, openInstallation } from '../../../helpers/workbookDb';
import { allOperations } from '../../../../renderer/src/db/journalStore';
import { withoutCreation } from '../../../../shared/journal/carriedCreation';

function draft(incidentId: string, text: string): LogEntryDraft {
  return { incidentId, kind: 'observation', text, occurredAt: '2026-03-10T08:00:00.000Z', author: 'J. Jansen, NCSC-NL', tlp: 'AMBER' };
}

async function rawWrite(db: WorkbookDb, body: (store: IDBObjectStore) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const tx = db.backendDB().transaction(['logEntries'], 'readwrite');
    body(tx.objectStore('logEntries'));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('raw write failed'));
  });
}

async function withEntries(n: number) {
  const side = await openInstallation('logbook');
  const incident = await side.journal.create('incidents', incidentInput(), { workspace: 'real' });
  const entries: LogEntry[] = [];
  for (let i = 1; i <= n; i++) entries.push(await appendLogEntry(side.db, side.journal, draft(incident.id, `Entry ${i}`), 'real'));
  return { ...side, incident, entries };
}

describe('appending to the logbook', () => {
  it('links each entry into this installation’s chain and keeps the head apart', async () => {
    const { db, installationId, incident, entries } = await withEntries(3);
    expect(entries.map((e) => e.chain?.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.chain?.prev).toBeNull();
    expect(entries[1]!.chain?.prev).toMatch(/^[0-9a-f]{64}$/);
    expect((await ownChainHead(db, incident.id))?.seq).toBe(3);
    const report = await verifyIncidentChains(db, incident.id, installationId);
    expect(report.intact).toBe(true);
    expect(report.findings).toEqual([]);
  });

  it('never edits or deletes an entry', async () => {
    const { journal, entries } = await withEntries(1);
    await expect(journal.update('logEntries', entries[0]!.id, { text: 'rewritten' })).rejects.toMatchObject({ code: 'append-only' });
    await expect(journal.remove('logEntries', entries[0]!.id)).rejects.toMatchObject({ code: 'append-only' });
  });

  it('locates an entry changed below Dexie', async () => {
    const { db, installationId, incident, entries } = await withEntries(4);
    await rawWrite(db, (store) => store.put({ ...entries[1]!, text: 'Entry 2, quietly rewritten' }));
    const report = await verifyIncidentChains(db, incident.id, installationId);
    expect(report.intact).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'altered', seq: 2, entryId: entries[1]!.id, origin: installationId })]);
  });

  it('locates a removed entry, and a changed or removed last entry through the head kept apart', async () => {
    const { db, installationId, incident, entries } = await withEntries(4);
    await rawWrite(db, (store) => store.delete(entries[2]!.id));
    expect((await verifyIncidentChains(db, incident.id, installationId)).findings).toEqual([expect.objectContaining({ kind: 'gap', seq: 3 })]);
    await rawWrite(db, (store) => store.put({ ...entries[3]!, text: 'the last word, changed' }));
    const kinds = (await verifyIncidentChains(db, incident.id, installationId)).findings.map((f) => f.kind);
    expect(kinds).toContain('head-mismatch');
    await rawWrite(db, (store) => store.delete(entries[3]!.id));
    expect((await verifyIncidentChains(db, incident.id, installationId)).findings.map((f) => f.kind)).toContain('truncated');
  });

  it('keeps the chains of two installations apart and intact after an exchange', async () => {
    const a = await withEntries(2);
    const b = await openInstallation('other');
    await b.journal.applyOperations(await allOperations(a.db));
    await appendLogEntry(b.db, b.journal, draft(a.incident.id, 'From B'), 'real');
    await a.journal.applyOperations(await allOperations(b.db));
    for (const side of [a, b]) {
      const report = await verifyIncidentChains(side.db, a.incident.id, side.installationId);
      expect(report.intact).toBe(true);
      expect(report.chains.map((c) => c.length).sort()).toEqual([1, 2]);
    }
  });
});

describe('corrections', () => {
  it('are new entries that point at the corrected one, which stays as it was', async () => {
    const { db, journal, entries } = await withEntries(1);
    const original = entries[0]!;
    const correction = await correctLogEntry(db, journal, original, { mode: 'correction', reason: 'wrong operator named', text: 'Entry 1, operator B', author: 'A. de Vries, NCSC-NL' });
    expect(correction.corrects).toEqual({ entryId: original.id, mode: 'correction', reason: 'wrong operator named' });
    expect(correction.occurredAt).toBe(original.occurredAt);
    // The row holds the entry as it was (beside the creation it carries: shared/journal/carriedCreation.ts).
    expect(withoutCreation((await db.logEntries.get(original.id))!)).toEqual(original);
    const withdrawal = await correctLogEntry(db, journal, original, { mode: 'withdrawal', reason: 'duplicate', text: 'Withdrawn: duplicate', author: 'A' });
    await expect(correctLogEntry(db, journal, withdrawal, { mode: 'correction', reason: 'x', text: 'y', author: 'A' })).rejects.toMatchObject({ code: 'record-invalid' });
  });
});

describe('changes of the incident', () => {
  it('write the incident and the entry recording who changed what, when and why, together', async () => {
    const { db, journal, incident } = await withEntries(0);
    const entry = await changeIncident(db, journal, incident, { escalation: 'large-scale-incident', ipcr: { mode: 'information-sharing', monitoringPage: true } }, { text: 'Escalated: several member states hit.', author: 'J. Jansen, NCSC-NL' });
    expect(entry).toMatchObject({
      kind: 'escalation',
      incidentChange: [
        { field: 'escalation', from: 'incident', to: 'large-scale-incident' },
        { field: 'ipcr', from: { mode: 'not-activated', monitoringPage: false }, to: { mode: 'information-sharing', monitoringPage: true } },
      ],
    });
    expect((await db.incidents.get(incident.id))?.escalation).toBe('large-scale-incident');
    // Nothing changed: nothing written.
    const updated = (await db.incidents.get(incident.id))!;
    expect(await changeIncident(db, journal, updated, { escalation: 'large-scale-incident' }, { text: 'again', author: 'x' })).toBeNull();
    expect(await db.logEntries.count()).toBe(1);
  });

  it('write neither when the entry cannot be written', async () => {
    const { db, journal, incident } = await withEntries(0);
    await expect(changeIncident(db, journal, incident, { status: 'recovery' }, { text: '', author: 'J. Jansen' })).rejects.toMatchObject({ code: 'record-invalid' });
    expect((await db.incidents.get(incident.id))?.status).toBe('open');
    expect(await db.logEntries.count()).toBe(0);
  });
});
