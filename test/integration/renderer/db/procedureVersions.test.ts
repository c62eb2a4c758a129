/**
 * National procedures and their versions in the database: a save writes the procedure and an
 * append-only version row together; built-in procedures are copied, never edited; and the
 * versions go out in a bundle with the procedure, because every write went through the journal.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { planExport } from '../../../../renderer/src/db/exchange';
import { copyProcedure, createNationalProcedure, isEditable, listVersions, nationalKey, saveProcedureVersion } from '../../../../renderer/src/db/procedureVersions';
import { ensureExerciseScenario } from '../../../../renderer/src/db/seed';
import { BUILTIN_ORIGIN } from '../../../../shared/model/ids';
import { sampleContent } from '../../../unit/shared/procedures/sampleProcedure';
import { openInstallation } from '../../../helpers/workbookDb';

const author = { savedBy: 'J. Jansen, NCSC-NL', note: 'First draft' };

describe('procedure versions', () => {
  it('writes the procedure and version 1 together, then each save as the next version', async () => {
    const { db, journal } = await openInstallation('versions');
    const created = await createNationalProcedure(db, journal, { content: sampleContent(), tlp: 'AMBER' }, author, 'real');
    expect(created).toMatchObject({ scope: 'national', version: 1, pack: null, copiedFrom: null, tlp: 'AMBER' });
    expect(created.key).toMatch(/^national\.nl\.national-escalation-delta-test-co-[0-9a-z]{6}$/);
    expect(isEditable(created)).toBe(true);

    const edited = sampleContent();
    edited.title = { ...edited.title, en: 'National escalation, revised' };
    const saved = await saveProcedureVersion(db, journal, created.id, 1, { content: edited, tlp: 'GREEN' }, { savedBy: 'A. de Vries', note: 'Renamed' });
    expect(saved).toMatchObject({ version: 2, tlp: 'GREEN', title: { en: 'National escalation, revised' } });

    const versions = await listVersions(db, created.id);
    expect(versions.map((v) => [v.version, v.note, v.savedBy, v.content.title.en])).toEqual([
      [1, 'First draft', 'J. Jansen, NCSC-NL', 'National escalation "Delta" <test> & co'],
      [2, 'Renamed', 'A. de Vries', 'National escalation, revised'],
    ]);
    // Append-only: the journal refuses to change or delete a version row.
    await expect(journal.update('procedureVersions', versions[0]!.id, { note: 'rewritten' })).rejects.toMatchObject({ code: 'append-only' });
    await expect(journal.remove('procedureVersions', versions[0]!.id)).rejects.toMatchObject({ code: 'append-only' });
    // The version row and the procedure were written by the same operations batch of one transaction: both or none.
    expect(await db.operations.where('[table+recordId]').equals(['procedureVersions', versions[1]!.id]).count()).toBe(1);
  });

  it('refuses a save from a stale version and a structurally broken procedure, writing nothing', async () => {
    const { db, journal } = await openInstallation('versions-stale');
    const created = await createNationalProcedure(db, journal, { content: sampleContent(), tlp: 'AMBER' }, author, 'real');
    await saveProcedureVersion(db, journal, created.id, 1, { content: sampleContent(), tlp: 'RED' }, author);
    await expect(saveProcedureVersion(db, journal, created.id, 1, { content: sampleContent(), tlp: 'AMBER' }, author)).rejects.toThrow(/changed meanwhile/);
    const broken = sampleContent();
    broken.steps[3] = { ...broken.steps[3]!, lane: 'nowhere' };
    const before = await db.operations.count();
    await expect(saveProcedureVersion(db, journal, created.id, 2, { content: broken, tlp: 'AMBER' }, author)).rejects.toThrow(/no lane 'nowhere'/);
    expect(await db.operations.count()).toBe(before);
    expect((await listVersions(db, created.id)).length).toBe(2);
  });

  it('copies a built-in procedure, never edits it, and keeps where the copy came from', async () => {
    const { db, journal } = await openInstallation('versions-copy');
    await ensureExerciseScenario(db, journal);
    const builtin = (await db.procedures.toArray()).find((p) => p.origin === BUILTIN_ORIGIN)!;
    expect(builtin).toBeDefined();
    expect(isEditable(builtin)).toBe(false);
    const copy = await copyProcedure(db, journal, builtin, { country: 'NL' }, { savedBy: 'J. Jansen', note: 'Copied' }, 'exercise');
    expect(copy).toMatchObject({ scope: 'national', country: 'NL', pack: null, version: 1, copiedFrom: { procedureId: builtin.id, version: builtin.version } });
    expect(copy.steps).toEqual(builtin.steps);
    expect(copy.key.startsWith('national.nl.')).toBe(true);
    expect((await listVersions(db, copy.id)).map((v) => v.version)).toEqual([1]);
    await expect(saveProcedureVersion(db, journal, builtin.id, builtin.version, { content: sampleContent(), tlp: 'AMBER' }, author)).rejects.toThrow(/read-only/);
  });

  it('keeps the unversioned past of an older national procedure before its first new version', async () => {
    const { db, journal } = await openInstallation('versions-legacy');
    const legacy = await journal.create('procedures', { ...sampleContent(), key: nationalKey('NL', 'legacy'), tlp: 'GREEN' }, { workspace: 'real' });
    const edited = { ...sampleContent(), summary: { en: 'Changed', nl: 'Gewijzigd' } };
    await saveProcedureVersion(db, journal, legacy.id, 1, { content: edited, tlp: 'GREEN' }, author);
    const versions = await listVersions(db, legacy.id);
    expect(versions.map((v) => [v.version, v.content.summary.en])).toEqual([
      [1, 'From detection to the minister.'],
      [2, 'Changed'],
    ]);
  });

  it('sends a national procedure and all its versions in a bundle', async () => {
    const { db, journal } = await openInstallation('versions-bundle');
    const created = await createNationalProcedure(db, journal, { content: sampleContent(), tlp: 'GREEN' }, author, 'real');
    await saveProcedureVersion(db, journal, created.id, 1, { content: sampleContent(), tlp: 'GREEN' }, { savedBy: 'B', note: 'Second' });
    const versionIds = (await listVersions(db, created.id)).map((v) => v.id);
    const plan = await planExport(db, { workspace: 'real', peers: [], encrypt: false, scope: 'snapshot' });
    const carried = (table: string) => new Set(plan.operations.filter((o) => o.table === table).map((o) => o.recordId));
    expect(carried('procedures').has(created.id)).toBe(true);
    expect([...carried('procedureVersions')].sort()).toEqual([...versionIds].sort());
    const updates = plan.operations.filter((o) => o.table === 'procedures' && o.recordId === created.id);
    expect(updates.map((o) => o.kind)).toEqual(['create', 'update']);
    // Nothing of the other workspace goes along.
    const exercise = await planExport(db, { workspace: 'exercise', peers: [], encrypt: false, scope: 'snapshot' });
    expect(exercise.operations.some((o) => o.recordId === created.id)).toBe(false);
  });
});
