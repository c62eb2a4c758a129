import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { ensureExerciseScenario } from '../../../../renderer/src/db/seed';
import { EXERCISE_SCENARIO, exerciseScenarioOperations } from '../../../../shared/seed/exerciseScenario';
import { openInstallation } from '../../../helpers/workbookDb';

const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('exercise scenario version 2', () => {
  it('fills a new installation with the directory and the call tree', async () => {
    const { db, journal } = await openInstallation('seed-new');
    expect(await ensureExerciseScenario(db, journal)).toBe(true);
    expect(byId(await db.contacts.toArray())).toEqual(byId(EXERCISE_SCENARIO.contacts));
    expect(await db.callTrees.toArray()).toEqual([...EXERCISE_SCENARIO.callTrees]);
    expect((await auditJournal(db)).findings).toEqual([]);
    expect(await ensureExerciseScenario(db, journal)).toBe(false);
  });

  it('updates an installation that holds version 1: revised contacts change, new ones arrive', async () => {
    const { db, journal } = await openInstallation('seed-v1');
    // What a version 1 installation holds: the creations of the four first contacts, in their old
    // shape, and the other version 1 records; no revisions, no new contacts, no call tree.
    const revisedIds = new Set(exerciseScenarioOperations().filter((o) => o.kind === 'update').map((o) => o.recordId));
    expect(revisedIds.size).toBe(4);
    const v1 = exerciseScenarioOperations()
      .filter((o) => o.kind === 'create' && ['incidents', 'logEntries', 'procedures', 'contacts'].includes(o.table))
      .filter((o) => o.table !== 'contacts' || revisedIds.has(o.recordId))
      .map((o) => (revisedIds.has(o.recordId) ? { ...o, fields: { ...o.fields, channels: [{ type: 'landline', value: '+31 70 000 0000', note: 'old' }], verified: null, organisationId: null } } : o));
    await journal.applyOperations(v1, async () => {
      await db.meta.put({ key: 'exerciseScenarioVersion', value: 1 });
    });
    expect((await db.contacts.toArray()).every((c) => c.channels[0]?.note === 'old')).toBe(true);

    expect(await ensureExerciseScenario(db, journal)).toBe(true);
    expect(byId(await db.contacts.toArray())).toEqual(byId(EXERCISE_SCENARIO.contacts));
    expect(await db.callTrees.count()).toBe(1);
    expect(await db.conflicts.count()).toBe(0);
    expect((await auditJournal(db)).findings).toEqual([]);
  });

  it('has persons linked to organisations in the directory, verified and stale entries, and a call tree over its contacts', () => {
    const ids = new Set(EXERCISE_SCENARIO.contacts.map((c) => c.id));
    const persons = EXERCISE_SCENARIO.contacts.filter((c) => c.kind === 'person');
    for (const p of persons) if (p.organisationId) expect(ids.has(p.organisationId)).toBe(true);
    expect(EXERCISE_SCENARIO.contacts.some((c) => c.roles.includes('eu-cyclone-officer'))).toBe(true);
    expect(EXERCISE_SCENARIO.contacts.some((c) => c.roles.includes('eu-cyclone-executive'))).toBe(true);
    expect(EXERCISE_SCENARIO.contacts.some((c) => c.organisationType === 'eu-body')).toBe(true);
    expect(EXERCISE_SCENARIO.contacts.some((c) => c.verified === null)).toBe(true);
    expect(EXERCISE_SCENARIO.contacts.some((c) => c.verified !== null)).toBe(true);
    const [tree] = EXERCISE_SCENARIO.callTrees;
    expect(tree?.name).toBe('Exercise national cyber crisis team');
    for (const n of tree?.nodes ?? []) expect(ids.has(n.contactId)).toBe(true);
  });
});
