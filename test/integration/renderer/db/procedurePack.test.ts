/**
 * Installing the procedure content pack: the built-in pack lands in both workspaces as built-in
 * journal operations with fixed ids, once; a newer pack replaces the content and keeps the old
 * versions and the runs; an older, equal, foreign or broken pack is refused and writes nothing.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  builtinProcedureId,
  builtinVersionId,
  ensureBuiltinPack,
  installPack,
  installedPack,
  isWithdrawn,
  PackInstallError,
} from '../../../../renderer/src/db/procedurePack';
import { BUILTIN_PACK } from '../../../../shared/content/builtinPack';
import type { ContentPack } from '../../../../shared/content/packSchema';
import { BUILTIN_ORIGIN } from '../../../../shared/model/ids';
import { openInstallation } from '../../../helpers/workbookDb';
import { allOperations } from '../../../../renderer/src/db/journalStore';

function newerPack(version: string, change: (pack: ContentPack) => void): ContentPack {
  const pack = structuredClone(BUILTIN_PACK);
  pack.manifest.version = version;
  change(pack);
  return pack;
}

const KEY = 'eu.detection-escalation';

describe('built-in procedure pack', () => {
  it('installs every procedure in both workspaces with a version row, as built-in operations', async () => {
    const { db, journal } = await openInstallation('pack-install');
    expect(await ensureBuiltinPack(db, journal)).toBe(true);
    const n = BUILTIN_PACK.procedures.length;
    for (const workspace of ['real', 'exercise'] as const) {
      const procedures = (await db.procedures.where('workspace').equals(workspace).toArray()).filter((p) => p.origin === BUILTIN_ORIGIN && p.scope === 'eu');
      expect(procedures.map((p) => p.key).sort()).toEqual(BUILTIN_PACK.procedures.map((p) => p.key).sort());
      for (const p of procedures) {
        expect(p.id).toBe(builtinProcedureId(workspace, p.key));
        expect(p.pack).toEqual({ id: 'eu-cyber-blueprint', version: BUILTIN_PACK.manifest.version });
        const source = BUILTIN_PACK.procedures.find((s) => s.key === p.key)!;
        expect(p.version).toBe(source.revision);
        expect(p.steps).toEqual(source.steps);
        const versions = await db.procedureVersions.where('[procedureId+version]').equals([p.id, p.version]).toArray();
        expect(versions).toHaveLength(1);
        expect(versions[0]!.id).toBe(builtinVersionId(workspace, p.key, p.version));
        expect(versions[0]!.content.flows).toEqual(source.flows);
      }
    }
    const ops = await allOperations(db);
    expect(ops).toHaveLength(4 * n);
    expect(ops.every((o) => o.origin === BUILTIN_ORIGIN && o.kind === 'create')).toBe(true);
    expect(await installedPack(db)).toEqual({ id: 'eu-cyber-blueprint', version: BUILTIN_PACK.manifest.version, withdrawn: [] });
  });

  it('is idempotent, and two installations hold identical copies', async () => {
    const a = await openInstallation('pack-a');
    const b = await openInstallation('pack-b');
    await ensureBuiltinPack(a.db, a.journal);
    expect(await ensureBuiltinPack(a.db, a.journal)).toBe(false);
    const count = await a.db.operations.count();
    await ensureBuiltinPack(b.db, b.journal);
    expect(await a.db.operations.count()).toBe(count);
    const sort = <T extends { id: string }>(rows: T[]) => rows.sort((x, y) => x.id.localeCompare(y.id));
    expect(sort(await b.db.procedures.toArray())).toEqual(sort(await a.db.procedures.toArray()));
    expect(sort(await b.db.procedureVersions.toArray())).toEqual(sort(await a.db.procedureVersions.toArray()));
  });

  it('a newer pack replaces content, keeps old versions and runs, and flags withdrawn procedures', async () => {
    const { db, journal } = await openInstallation('pack-upgrade');
    await ensureBuiltinPack(db, journal);
    const id = builtinProcedureId('real', KEY);
    const before = (await db.procedures.get(id))!;
    // A run on an incident keeps the content it ran.
    const incident = await journal.create('incidents', {
      title: 'Test incident', summary: '', escalation: 'incident', status: 'open', startedAt: '2026-03-10T06:40:00.000Z',
      memberStates: ['NL'], sectors: ['energy'], tlp: 'AMBER',
    }, { workspace: 'real' });
    const run = await journal.create('procedureRuns', {
      incidentId: incident.id, procedureId: id, procedureKey: KEY, procedureVersion: before.version,
      content: { scope: before.scope, country: before.country, title: before.title, summary: before.summary, citations: before.citations, lanes: before.lanes, steps: before.steps, flows: before.flows },
      startedAt: '2026-03-10T07:00:00.000Z', startedBy: 'J. Jansen', status: 'running', tlp: 'AMBER',
    }, { workspace: 'real' });

    const withdrawnKey = BUILTIN_PACK.procedures.find((p) => p.key !== KEY)?.key;
    const next = newerPack('1.1.0', (pack) => {
      const p = pack.procedures.find((x) => x.key === KEY)!;
      p.revision += 1;
      p.title = { en: 'Detection and escalation (revised)', nl: 'Detectie en opschaling (herzien)' };
      if (withdrawnKey) pack.procedures = pack.procedures.filter((x) => x.key !== withdrawnKey);
    });
    await installPack(db, journal, next);

    for (const workspace of ['real', 'exercise'] as const) {
      const after = (await db.procedures.get(builtinProcedureId(workspace, KEY)))!;
      expect(after.title.en).toBe('Detection and escalation (revised)');
      expect(after.version).toBe(before.version + 1);
      expect(after.pack).toEqual({ id: 'eu-cyber-blueprint', version: '1.1.0' });
      const versions = await db.procedureVersions.where('[procedureId+version]').between([after.id, 0], [after.id, Infinity]).toArray();
      expect(versions.map((v) => [v.version, v.content.title.en])).toEqual([
        [before.version, before.title.en],
        [before.version + 1, 'Detection and escalation (revised)'],
      ]);
    }
    expect(await db.procedureRuns.get(run.id)).toEqual(run);

    const installed = await installedPack(db);
    expect(installed?.version).toBe('1.1.0');
    if (withdrawnKey) {
      expect(installed?.withdrawn).toEqual([withdrawnKey]);
      const kept = (await db.procedures.get(builtinProcedureId('real', withdrawnKey)))!;
      expect(kept.deleted).toBe(false);
      expect(kept.pack?.version).toBe(BUILTIN_PACK.manifest.version);
      expect(isWithdrawn(kept, installed)).toBe(true);
    }
    // Unchanged procedures only move to the new pack reference, without a new version.
    const unchanged = BUILTIN_PACK.procedures.find((p) => p.key !== KEY && p.key !== withdrawnKey);
    if (unchanged) {
      const p = (await db.procedures.get(builtinProcedureId('real', unchanged.key)))!;
      expect(p.pack?.version).toBe('1.1.0');
      expect(p.version).toBe(unchanged.revision);
    }
    // The built-in pack shipped with the app is older now: nothing happens at the next start.
    expect(await ensureBuiltinPack(db, journal)).toBe(false);
    expect((await db.procedures.get(id))!.title.en).toBe('Detection and escalation (revised)');
  });

  it('refuses an older, equal, foreign-format, other or broken pack and writes nothing', async () => {
    const { db, journal } = await openInstallation('pack-refuse');
    await ensureBuiltinPack(db, journal);
    await installPack(db, journal, newerPack('1.2.0', () => {}));
    const count = await db.operations.count();
    const refused = async (pack: ContentPack, reason: string) => {
      const error = await installPack(db, journal, pack).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(PackInstallError);
      expect((error as PackInstallError).reason).toBe(reason);
    };
    await refused(newerPack('1.1.5', () => {}), 'not-newer');
    await refused(newerPack('1.2.0', () => {}), 'not-newer');
    await refused(newerPack('2.0.0', () => {}), 'other-format');
    await refused(newerPack('1.3.0', (p) => { p.manifest.id = 'another-pack'; }), 'other-pack');
    await refused(newerPack('1.3.0', (p) => { p.procedures[0]!.steps[0]!.citations = []; }), 'invalid');
    await refused(newerPack('1.3.0', (p) => { p.procedures[0]!.title.en = 'Changed without a new revision'; }), 'revision-conflict');
    expect(await db.operations.count()).toBe(count);
    expect((await installedPack(db))?.version).toBe('1.2.0');
  });
});
