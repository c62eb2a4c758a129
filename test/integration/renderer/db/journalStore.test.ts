/**
 * The journal kept in two places: a log entry carries its own creation, every other operation is
 * a row of the operations table. Whatever the place, readers see one journal in clock order; an
 * import recognises what is held in either place, refuses a rewrite of either, and keeps what
 * cannot be carried exactly (older versions' creations, second creations) in the table; and a
 * version 6 database, whose entries all have operations rows, reads the same after the upgrade.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOCK_LIST_SIZE, countAfter, type ClockList } from '../../../../shared/journal/clockLists';
import { formatHlc } from '../../../../shared/journal/hlc';
import { newRecordId } from '../../../../shared/model/ids';
import { CREATION_FIELD, withoutCreation } from '../../../../shared/journal/carriedCreation';
import { canonicalJson } from '../../../../shared/journal/canonical';
import { compareOperations, type Operation } from '../../../../shared/journal/operation';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { ChangeJournal } from '../../../../renderer/src/db/journal';
import { authorizeJournalTransaction } from '../../../../renderer/src/db/journalGuard';
import {
  allOperations,
  latestInWorkspace,
  newestInWorkspace,
  operationCount,
  originOperationNear,
  workspaceCountsByTable,
  workspaceJournal,
  workspaceJournalCount,
} from '../../../../renderer/src/db/journalStore';
import { SCHEMA_V6 } from '../../../../renderer/src/db/schema';
import { openWorkbookDb, WorkbookDb } from '../../../../renderer/src/db/WorkbookDb';
import { freshDbName, incidentInput, openInstallation } from '../../../helpers/workbookDb';

type Installation = Awaited<ReturnType<typeof openInstallation>>;

function entryInput(incidentId: string, text: string) {
  return { incidentId, kind: 'observation' as const, text, occurredAt: '2026-03-10T06:52:00.000Z', author: 'J. Jansen, NCSC-NL', tlp: 'AMBER' as const };
}

/** An incident, an edit of it, and `entries` log entries written between them, all in `real`. */
async function writeLog(installation: Installation, entries: number) {
  const incident = await installation.journal.create('incidents', incidentInput(), { workspace: 'real' });
  const written = [];
  for (let i = 0; i < entries; i++) written.push(await installation.journal.create('logEntries', entryInput(incident.id, `entry ${i}`), { workspace: 'real' }));
  await installation.journal.update('incidents', incident.id, { escalation: 'cyber-crisis' });
  return { incident, entries: written };
}

/** A source with a log of `entries` entries, and a replica that took its whole journal. */
async function replicated(entries: number) {
  const source = await openInstallation('source');
  const log = await writeLog(source, entries);
  const journal = await workspaceJournal(source.db, 'real');
  const replica = await openInstallation('replica');
  await replica.journal.applyOperations(journal);
  return { ...log, journal, replica };
}

describe('a log entry carries its own creation', () => {
  it('so writing one adds no operations row, and readers see one journal in clock order', async () => {
    const source = await openInstallation('source');
    const { incident, entries } = await writeLog(source, 3);
    expect(await source.db.operations.count()).toBe(2);
    const row = (await source.db.logEntries.get(entries[0]!.id)) as unknown as Record<string, unknown>;
    expect(row[CREATION_FIELD]).toEqual({ hlc: entries[0]!.hlc });

    const journal = await workspaceJournal(source.db, 'real');
    expect(journal.map((op) => `${op.table}/${op.kind}`)).toEqual(['incidents/create', 'logEntries/create', 'logEntries/create', 'logEntries/create', 'incidents/update']);
    expect([...journal].sort(compareOperations)).toEqual(journal);
    // Its operation id is the entry's id: an import finds it among the entries by key.
    expect(journal[1]).toMatchObject({ opId: entries[0]!.id, recordId: entries[0]!.id, origin: source.installationId, workspace: 'real', table: 'logEntries', kind: 'create' });
    // The operation's record is the entry as written, without the creation it rides on.
    expect(canonicalJson(journal[1]!.fields)).toBe(canonicalJson(entries[0]));

    expect(await workspaceJournalCount(source.db, 'real')).toBe(5);
    expect(await workspaceJournalCount(source.db, 'real', journal[1]!.hlc)).toBe(3);
    expect((await workspaceJournal(source.db, 'real', journal[1]!.hlc)).map((op) => op.opId)).toEqual(journal.slice(2).map((op) => op.opId));
    expect(await workspaceJournalCount(source.db, 'exercise')).toBe(0);
    expect((await newestInWorkspace(source.db, 'real'))?.opId).toBe(journal[4]!.opId);
    expect((await latestInWorkspace(source.db, 'real', 2)).map((op) => op.opId)).toEqual([journal[4]!.opId, journal[3]!.opId]);
    expect(await workspaceCountsByTable(source.db, 'real', ['incidents', 'logEntries', 'contacts'])).toEqual({ incidents: 2, logEntries: 3, contacts: 0 });
    expect(await operationCount(source.db)).toBe(5);
    expect((await allOperations(source.db)).map((op) => op.opId).sort()).toEqual(journal.map((op) => op.opId).sort());
    expect((await auditJournal(source.db)).findings).toEqual([]);

    // The gap check reads the journal near a clock, in both places.
    expect((await originOperationNear(source.db, 'real', source.installationId, journal[2]!.hlc, false))?.opId).toBe(journal[2]!.opId);
    expect((await originOperationNear(source.db, 'real', source.installationId, journal[2]!.hlc, true))?.opId).toBe(journal[1]!.opId);
    expect(await originOperationNear(source.db, 'real', 'someone else', journal[2]!.hlc, false)).toBeUndefined();
    expect(incident.id).toBe(journal[0]!.recordId);
  });

  it('so a replica given the journal holds it the same way, and knows it when it comes again', async () => {
    const source = await openInstallation('source');
    await writeLog(source, 4);
    const journal = await workspaceJournal(source.db, 'real');
    const replica = await openInstallation('replica');
    expect(await replica.journal.applyOperations([...journal].reverse())).toBe(journal.length);
    expect(await replica.db.operations.count()).toBe(2);
    expect(canonicalJson(await workspaceJournal(replica.db, 'real'))).toBe(canonicalJson(journal));
    expect(await replica.journal.applyOperations(journal)).toBe(0);
    expect(await replica.journal.applyVerified(journal)).toBe(0);
    expect(await operationCount(replica.db)).toBe(journal.length);
    expect((await auditJournal(replica.db)).findings).toEqual([]);
  });

  it('and a rewrite of a carried creation under its id is refused, the replica unchanged', async () => {
    const { entries, journal, replica } = await replicated(2);
    const carried = journal.find((op) => op.recordId === entries[1]!.id)!;
    const rewritten: Operation = { ...carried, fields: { ...carried.fields, text: 'what really happened' } };
    await expect(replica.journal.applyOperations([rewritten])).rejects.toMatchObject({ code: 'import-refused' });
    expect((await replica.db.logEntries.get(entries[1]!.id))?.text).toBe('entry 1');
  });

  it('and an operation on another record under the id of a carried creation is refused by the journal', async () => {
    const { incident, entries, journal, replica } = await replicated(2);
    const edit = journal.find((op) => op.kind === 'update')!;
    const forged: Operation[] = [
      // An edit of the incident under the id of the first entry's creation.
      { ...edit, opId: entries[0]!.id, hlc: edit.hlc.replace(/-0000-/, '-0009-') },
      // A new entry under the id of the second entry's creation.
      { ...journal.find((op) => op.recordId === entries[1]!.id)!, recordId: '01JEXAMP1E00000000000000E9', fields: { ...entries[1]!, id: '01JEXAMP1E00000000000000E9' } },
    ];
    for (const op of forged) {
      await expect(replica.journal.applyOperations([op])).rejects.toMatchObject({ code: 'import-refused' });
    }
    expect(await operationCount(replica.db)).toBe(journal.length);
    expect((await replica.db.incidents.get(incident.id))?.escalation).toBe('cyber-crisis');
  });

  it('and a second creation of a held entry: kept in the table when it agrees, refused when it does not', async () => {
    const { entries, journal, replica } = await replicated(1);
    const carried = journal.find((op) => op.table === 'logEntries')!;

    const again: Operation = { ...carried, opId: '01JEXAMP1E00000000000000A2' };
    expect(await replica.journal.applyOperations([again])).toBe(1);
    expect(await replica.db.operations.get(again.opId)).toBeDefined();
    // The entry keeps the creation it carries: the journal holds both, once each.
    const held = await workspaceJournal(replica.db, 'real');
    expect(held.filter((op) => op.recordId === entries[0]!.id).map((op) => op.opId).sort()).toEqual([carried.opId, again.opId].sort());
    expect(((await replica.db.logEntries.get(entries[0]!.id)) as unknown as Record<string, unknown>)[CREATION_FIELD]).toEqual({ hlc: carried.hlc });
    expect((await auditJournal(replica.db)).findings).toEqual([]);

    const different: Operation = { ...carried, opId: '01JEXAMP1E00000000000000A3', fields: { ...carried.fields, text: 'another story' } };
    await expect(replica.journal.applyOperations([different])).rejects.toMatchObject({ code: 'import-refused' });
    expect((await replica.db.logEntries.get(entries[0]!.id))?.text).toBe('entry 0');
  });

  it('unless it is not exactly the entry: a creation from an older version stays in the table, read back as it came', async () => {
    const source = await openInstallation('source');
    const { entries } = await writeLog(source, 1);
    const journal = await workspaceJournal(source.db, 'real');
    // Written before `links` existed: the entry gets the default, so the row is not the creation.
    const older = journal.map((op) => {
      if (op.table !== 'logEntries') return op;
      const fields = { ...op.fields };
      delete fields['links'];
      return { ...op, fields };
    });
    const replica = await openInstallation('replica');
    await replica.journal.applyOperations(older);
    expect(await replica.db.operations.count()).toBe(3);
    expect(((await replica.db.logEntries.get(entries[0]!.id)) as unknown as Record<string, unknown>)[CREATION_FIELD]).toBeUndefined();
    expect(canonicalJson(await workspaceJournal(replica.db, 'real'))).toBe(canonicalJson(older));
    expect(await replica.journal.applyOperations(older)).toBe(0);
    expect((await auditJournal(replica.db)).findings).toEqual([]);
  });

  it('and the clock of a reopened journal continues after the newest carried creation', async () => {
    const { db, journal, installationId } = await openInstallation();
    const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    const entry = await journal.create('logEntries', entryInput(incident.id, 'newest'), { workspace: 'real' });
    const reopened = await ChangeJournal.open(db, installationId, () => Date.parse('2000-01-01T00:00:00.000Z'));
    const later = await reopened.create('incidents', incidentInput(), { workspace: 'exercise' });
    expect(later.hlc > entry.hlc).toBe(true);
  });
});

describe('a version 6 database', () => {
  it('opens in version 7 with its entries journaled as before, and new entries carried beside them', async () => {
    const source = await openInstallation('source');
    await writeLog(source, 2);
    const journal = await workspaceJournal(source.db, 'real');
    const records = (await source.db.logEntries.toArray()).map((row) => withoutCreation(row as unknown as Record<string, unknown>));
    const name = freshDbName('v6');
    const v6 = new Dexie(name);
    v6.version(6).stores(SCHEMA_V6);
    await v6.open();
    await v6.table('operations').bulkAdd(journal);
    await v6.table('incidents').bulkAdd(await source.db.incidents.toArray());
    await v6.table('logEntries').bulkAdd(records);
    v6.close();

    const db = await openWorkbookDb(new WorkbookDb(name));
    expect(canonicalJson(await workspaceJournal(db, 'real'))).toBe(canonicalJson(journal));
    const upgraded = await ChangeJournal.open(db, source.installationId);
    const incidentId = records[0]!['incidentId'] as string;
    const added = await upgraded.create('logEntries', entryInput(incidentId, 'after the upgrade'), { workspace: 'real' });
    expect(await db.operations.count()).toBe(journal.length);
    const after = await workspaceJournal(db, 'real');
    expect(after).toHaveLength(journal.length + 1);
    expect(after[after.length - 1]).toMatchObject({ recordId: added.id, kind: 'create' });
    expect((await auditJournal(db)).findings).toEqual([]);
  });
});

/** The journal of a workspace as a plain sorted list: what every reader must agree with. */
async function naiveJournal(installation: Installation): Promise<Operation[]> {
  return (await allOperations(installation.db)).filter((op) => op.workspace === 'real').sort(compareOperations);
}

describe('the clock lists of carried creations', () => {
  it('agree with the entries, and the readers with a plain sorted journal, whatever is written and exchanged in any order', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), at: fc.integer({ min: 0, max: 2 }), entries: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('exchange' as const), from: fc.integer({ min: 0, max: 2 }), to: fc.integer({ min: 0, max: 2 }), since: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 7 }), fc.nat(), async (steps, probe) => {
        const installations = [await openInstallation('a'), await openInstallation('b'), await openInstallation('c')];
        const incidents = [];
        for (const i of installations) incidents.push(await i.journal.create('incidents', incidentInput(), { workspace: 'real' }));
        for (const s of steps) {
          if (s.kind === 'write') {
            const at = installations[s.at]!;
            for (let n = 0; n < s.entries; n++) await at.journal.create('logEntries', entryInput(incidents[s.at]!.id, `entry ${n}`), { workspace: 'real' });
          } else if (s.from !== s.to) {
            // A part of the sender's journal, from some point on (as an incremental bundle carries).
            const journal = await workspaceJournal(installations[s.from]!.db, 'real');
            await installations[s.to]!.journal.applyOperations(journal.slice(s.since % (journal.length + 1)));
          }
        }
        for (const installation of installations) {
          expect((await auditJournal(installation.db)).findings).toEqual([]);
          const naive = await naiveJournal(installation);
          expect((await workspaceJournal(installation.db, 'real')).map((op) => op.opId)).toEqual(naive.map((op) => op.opId));
          const after = naive[probe % naive.length]!.hlc;
          const later = naive.filter((op) => op.hlc > after);
          expect((await workspaceJournal(installation.db, 'real', after)).map((op) => op.opId)).toEqual(later.map((op) => op.opId));
          expect(await workspaceJournalCount(installation.db, 'real', after)).toBe(later.length);
          expect((await newestInWorkspace(installation.db, 'real'))?.opId).toBe(naive.at(-1)?.opId);
          expect((await latestInWorkspace(installation.db, 'real', 3)).map((op) => op.opId)).toEqual(naive.slice(-3).reverse().map((op) => op.opId));
          expect(await operationCount(installation.db)).toBe((await allOperations(installation.db)).length);
          installation.db.close();
        }
      }),
      { numRuns: 12 },
    );
  });

  it('are filled up to their size by a large import, whose rest becomes the newest list, which later writes join', async () => {
    const source = await openInstallation('source');
    const { incident, entries } = await writeLog(source, 1);
    const template = (await workspaceJournal(source.db, 'real')).find((op) => op.recordId === entries[0]!.id)!;
    const count = 2 * CLOCK_LIST_SIZE + 100;
    const base = Date.parse('2026-03-10T07:00:00.000Z');
    const operations: Operation[] = [];
    for (let i = 0; i < count; i++) {
      const id = newRecordId();
      // Clocks not in the order of the ids or of the import: each list must sort its own.
      const hlc = formatHlc({ millis: base + ((i * 7919) % count), counter: 0, node: source.installationId });
      operations.push({ ...template, opId: id, recordId: id, hlc, fields: { ...template.fields, id, hlc, text: `entry ${i}` } });
    }
    const replica = await openInstallation('replica');
    await replica.journal.applyOperations(await workspaceJournal(source.db, 'real'));
    await replica.journal.applyOperations(operations);
    const lists = await replica.db.carriedClocks.toArray();
    // The list of the first import (one entry) is not the newest any more: left as it is.
    expect(lists.map((l) => l.ids.length)).toEqual([1, CLOCK_LIST_SIZE, CLOCK_LIST_SIZE, 100]);
    expect(countAfter(lists, null)).toBe(count + 1);
    expect((await auditJournal(replica.db)).findings).toEqual([]);
    expect(await workspaceJournalCount(replica.db, 'real')).toBe(count + 3);
    // A few more written here join the newest list.
    await replica.journal.create('logEntries', entryInput(incident.id, 'one more'), { workspace: 'real' });
    expect((await replica.db.carriedClocks.toArray()).map((l) => l.ids.length)).toEqual([1, CLOCK_LIST_SIZE, CLOCK_LIST_SIZE, 101]);
    expect((await auditJournal(replica.db)).findings).toEqual([]);
  });

  it('are checked by the audit: an entry left out, listed under another clock or listed without its row is reported', async () => {
    const { replica, entries } = await replicated(3);
    const tamper = async (change: (lists: ClockList[]) => void) => {
      const lists = await replica.db.carriedClocks.toArray();
      change(lists);
      // Around the journal, as a tool with the database open could.
      await replica.db.transaction('rw', replica.db.carriedClocks, async () => {
        const transaction = Dexie.currentTransaction;
        if (!transaction) throw new Error('outside a transaction');
        authorizeJournalTransaction(transaction.idbtrans);
        await replica.db.carriedClocks.bulkPut(lists);
      });
    };
    expect((await auditJournal(replica.db)).findings).toEqual([]);
    await tamper((lists) => {
      const list = lists.find((l) => l.ids.includes(entries[1]!.id))!;
      list.clocks[list.ids.indexOf(entries[1]!.id)] = formatHlc({ millis: Date.parse('2026-03-10T23:00:00.000Z'), counter: 0, node: 'builtin' });
    });
    expect((await auditJournal(replica.db)).findings).toContainEqual({ kind: 'clock-list-mismatch', table: 'logEntries', recordId: entries[1]!.id });
    await tamper((lists) => {
      const list = lists.find((l) => l.ids.includes(entries[1]!.id))!;
      const at = list.ids.indexOf(entries[1]!.id);
      list.ids[at] = '01JEXAMP1E00000000000000ZZ';
    });
    const findings = (await auditJournal(replica.db)).findings;
    expect(findings).toContainEqual({ kind: 'clock-list-mismatch', table: 'logEntries', recordId: entries[1]!.id });
    expect(findings).toContainEqual({ kind: 'clock-list-mismatch', table: 'logEntries', recordId: '01JEXAMP1E00000000000000ZZ' });
  });
});
