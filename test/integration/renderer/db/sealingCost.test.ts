/**
 * The cost of content encryption, measured (printed, never asserted: timings depend on the
 * machine): writing and reading 10,000 log entries with and without sealing, and turning
 * encryption on over them. The assertions check only that the work was done.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isSealedRow } from '../../../../shared/crypto/sealing';
import { newRecordId } from '../../../../shared/model/ids';
import { enableAppLock, enableContentSealing } from '../../../../renderer/src/db/appLock';
import { authorizeJournalTransaction } from '../../../../renderer/src/db/journalGuard';
import { openWorkbookDb, WorkbookDb } from '../../../../renderer/src/db/WorkbookDb';
import { freshDbName } from '../../../helpers/workbookDb';

const ENTRIES = 10_000;
const BATCH = 500;
const PASSPHRASE = 'correct horse battery staple';

function entry(incidentId: string, i: number) {
  return {
    id: newRecordId(),
    workspace: 'real',
    incidentId,
    kind: 'observation',
    text: `Entry ${i}: substation Zuid reports partial restoration of the SCADA link; operator on call confirmed by phone.`,
    occurredAt: new Date(Date.UTC(2026, 2, 10, 8, 0, i)).toISOString(),
    createdAt: new Date(Date.UTC(2026, 2, 10, 8, 0, i)).toISOString(),
    author: 'J. Jansen, NCSC-NL',
    tlp: 'AMBER',
    origin: 'installation-1',
    chain: { seq: i + 1, prev: 'ab'.repeat(32), hash: 'cd'.repeat(32) },
    hlc: `2026-03-10T08:00:00.000Z-${String(i).padStart(6, '0')}-installation-1`,
    deleted: false,
  };
}

async function writeEntries(db: WorkbookDb, incidentId: string): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < ENTRIES; from += BATCH) {
    const rows = Array.from({ length: BATCH }, (_, k) => entry(incidentId, from + k));
    await db.transaction('rw', db.logEntries, async () => {
      authorizeJournalTransaction(Dexie.currentTransaction.idbtrans);
      // Log-entry-shaped rows, not complete entries: the cost is in sealing, not in validation.
      await db.table('logEntries').bulkPut(rows);
    });
  }
  return performance.now() - started;
}

async function readTimeline(db: WorkbookDb, incidentId: string): Promise<{ ms: number; count: number }> {
  const started = performance.now();
  const rows = await db.logEntries.where('[incidentId+occurredAt]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]).toArray();
  return { ms: performance.now() - started, count: rows.length };
}

async function locked(db: WorkbookDb) {
  await enableAppLock(db, PASSPHRASE, 15, { logN: 10 });
}

describe('the cost of content encryption (figures printed, not asserted)', () => {
  it('writes and reads 10,000 log entries with and without sealing', async () => {
    const plain = await openWorkbookDb(new WorkbookDb(freshDbName('cost-plain')));
    const plainWrite = await writeEntries(plain, 'incident-1');
    const plainRead = await readTimeline(plain, 'incident-1');

    const sealed = await openWorkbookDb(new WorkbookDb(freshDbName('cost-sealed')));
    await locked(sealed);
    await enableContentSealing(sealed, PASSPHRASE, { logN: 10 });
    const sealedWrite = await writeEntries(sealed, 'incident-1');
    const sealedRead = await readTimeline(sealed, 'incident-1');

    // Turning encryption on over a filled database: every row rewritten, batch by batch.
    const later = await openWorkbookDb(new WorkbookDb(freshDbName('cost-enable')));
    await writeEntries(later, 'incident-1');
    await locked(later);
    const enableStarted = performance.now();
    await enableContentSealing(later, PASSPHRASE, { logN: 10 });
    const enableMs = performance.now() - enableStarted;

    const raw = await new Promise<unknown[]>((resolve, reject) => {
      const request = sealed.backendDB().transaction(['logEntries'], 'readonly').objectStore('logEntries').getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error ?? new Error('raw read failed'));
    });
    expect(plainRead.count).toBe(ENTRIES);
    expect(sealedRead.count).toBe(ENTRIES);
    expect(raw.every(isSealedRow)).toBe(true);

    const f = (ms: number) => `${Math.round(ms)} ms`;
    process.stdout.write(
      [
        `content encryption cost, ${ENTRIES} log entries (fake-indexeddb, Node ${process.version}):`,
        `  write  plain ${f(plainWrite)}   sealed ${f(sealedWrite)}`,
        `  read   plain ${f(plainRead.ms)}   sealed ${f(sealedRead.ms)}`,
        `  turning encryption on over them: ${f(enableMs)}`,
      ].join('\n') + '\n',
    );
    for (const db of [plain, sealed, later]) db.close();
  }, 300_000);
});
