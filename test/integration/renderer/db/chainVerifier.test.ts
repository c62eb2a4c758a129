/**
 * Off-thread chain verification: one verification per incident at a time, and a request made while
 * one runs is answered by a fresh run that sees everything written before the request.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { verifyIncidentChainsOffThread } from '../../../../renderer/src/db/chainVerifier';
import { appendLogEntry, type LogEntryDraft } from '../../../../renderer/src/db/logbook';
import { incidentInput, openInstallation } from '../../../helpers/workbookDb';

function draft(incidentId: string, text: string): LogEntryDraft {
  return { incidentId, kind: 'observation', text, occurredAt: '2026-03-10T08:00:00.000Z', author: 'J. Jansen, NCSC-NL', tlp: 'AMBER' };
}

const entriesIn = (report: { chains: readonly { length: number }[] }) => report.chains.reduce((n, c) => n + c.length, 0);

describe('verifyIncidentChainsOffThread', () => {
  it('answers requests made during a run with one fresh run, and sees entries appended meanwhile', async () => {
    const { db, journal, installationId } = await openInstallation('chain-verifier');
    const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    for (let i = 1; i <= 3; i++) await appendLogEntry(db, journal, draft(incident.id, `Entry ${i}`), 'real');

    const first = verifyIncidentChainsOffThread(db, incident.id, installationId);
    const second = verifyIncidentChainsOffThread(db, incident.id, installationId);
    const third = verifyIncidentChainsOffThread(db, incident.id, installationId);
    // Requests made while a run is under way share one queued run behind it.
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    for (const report of await Promise.all([first, second])) {
      expect(report.intact).toBe(true);
      expect(entriesIn(report)).toBe(3);
    }

    // An entry appended while a verification runs is seen by the run queued behind it, and never
    // mistaken for a removed entry by the one already running.
    const running = verifyIncidentChainsOffThread(db, incident.id, installationId);
    await appendLogEntry(db, journal, draft(incident.id, 'Entry 4'), 'real');
    const queued = verifyIncidentChainsOffThread(db, incident.id, installationId);
    expect((await running).intact).toBe(true);
    const fresh = await queued;
    expect(fresh.intact).toBe(true);
    expect(entriesIn(fresh)).toBe(4);
  });
});
