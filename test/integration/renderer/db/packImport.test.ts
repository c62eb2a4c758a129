/**
 * Importing a signed content pack: a newer pack from a trusted publisher is previewed without
 * writing anything, then installed on confirmation, keeping old versions and procedure runs; an
 * older, forged, untrusted or broken pack is refused and nothing is written.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { confirmPackImport, previewPackImport, type PackImportPreviewResult } from '../../../../renderer/src/db/packImport';
import { builtinProcedureId, ensureBuiltinPack, installedPack } from '../../../../renderer/src/db/procedurePack';
import { BUILTIN_PACK } from '../../../../shared/content/builtinPack';
import { writePackArchive, writePackFile } from '../../../../shared/content/packFile';
import type { ContentPack } from '../../../../shared/content/packSchema';
import { utf8 } from '../../../../shared/crypto/bytes';
import { createSeedSigner } from '../../../../shared/crypto/seedSigner';
import { TEST_PACK_PUBLISHER, TEST_PACK_SIGNER } from '../../../fixtures/packs/testPublisher';
import { incidentInput, openInstallation } from '../../../helpers/workbookDb';

const options = { trustedPublishers: [TEST_PACK_PUBLISHER] };
const KEY = 'eu.detection-escalation';

function packOf(version: string, change: (pack: ContentPack) => void = () => {}): ContentPack {
  const pack = structuredClone(BUILTIN_PACK);
  pack.manifest.version = version;
  change(pack);
  return pack;
}

const withdrawnKey = BUILTIN_PACK.procedures.find((p) => p.key !== KEY)!.key;
const newKey = 'eu.test-added-procedure';

/** 1.1.0: one procedure revised, one withdrawn, one added (a copy under a new key), the rest as they were. */
const NEWER = packOf('1.1.0', (pack) => {
  const p = pack.procedures.find((x) => x.key === KEY)!;
  p.revision += 1;
  p.title = { en: 'Detection and escalation (revised)', nl: 'Detectie en opschaling (herzien)' };
  const added = { ...structuredClone(p), key: newKey, revision: 1, title: { en: 'An added procedure', nl: 'Een toegevoegde procedure' } };
  pack.procedures = [...pack.procedures.filter((x) => x.key !== withdrawnKey), added];
  pack.manifest.changes = { en: 'Revised detection; one procedure withdrawn; one added.', nl: 'Detectie herzien; één procedure ingetrokken; één toegevoegd.' };
});

async function snapshot(db: Awaited<ReturnType<typeof openInstallation>>['db']) {
  return {
    operations: await db.operations.count(),
    procedures: await db.procedures.toArray(),
    versions: await db.procedureVersions.count(),
    runs: await db.procedureRuns.toArray(),
    meta: await db.meta.toArray(),
  };
}

function refused(result: PackImportPreviewResult): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('not refused');
  expect(result).not.toHaveProperty('preview');
  return result.refusal.code;
}

describe('content pack import', () => {
  let newerFile: Uint8Array;
  beforeAll(async () => {
    newerFile = await writePackFile(NEWER, TEST_PACK_SIGNER);
  });

  async function installationWithRun() {
    const { db, journal } = await openInstallation('pack-import');
    await ensureBuiltinPack(db, journal);
    const id = builtinProcedureId('real', KEY);
    const before = (await db.procedures.get(id))!;
    const incident = await journal.create('incidents', incidentInput(), { workspace: 'real' });
    const run = await journal.create('procedureRuns', {
      incidentId: incident.id, procedureId: id, procedureKey: KEY, procedureVersion: before.version,
      content: { scope: before.scope, country: before.country, title: before.title, summary: before.summary, citations: before.citations, lanes: before.lanes, steps: before.steps, flows: before.flows },
      startedAt: '2026-03-10T07:00:00.000Z', startedBy: 'J. Jansen', status: 'running', tlp: 'AMBER',
    }, { workspace: 'real' });
    return { db, journal, before, run };
  }

  it('previews a newer signed pack without writing, then installs it on confirmation, keeping runs', async () => {
    const { db, journal, before, run } = await installationWithRun();
    const untouched = await snapshot(db);

    const result = await previewPackImport(db, newerFile, options);
    if (!result.ok) throw new Error(`${result.refusal.code}: ${result.refusal.detail}`);
    const { preview } = result;
    expect(await snapshot(db)).toEqual(untouched);

    expect(preview.publisher).toEqual({ name: TEST_PACK_PUBLISHER.name, keyId: 'B55E80ECCBB441C4' });
    expect(preview.from?.version).toBe(BUILTIN_PACK.manifest.version);
    expect(preview.to).toEqual({ id: 'eu-cyber-blueprint', version: '1.1.0' });
    const byKey = new Map(preview.rows.map((r) => [r.key, r]));
    expect(byKey.get(KEY)).toMatchObject({ status: 'changed', fromRevision: before.version, toRevision: before.version + 1, runs: 1 });
    expect(byKey.get(newKey)).toMatchObject({ status: 'added', fromRevision: null, toRevision: 1, runs: 0 });
    expect(byKey.get(withdrawnKey)).toMatchObject({ status: 'withdrawn', toRevision: null, runs: 0 });
    const unchanged = preview.rows.filter((r) => r.status === 'unchanged').map((r) => r.key).sort();
    expect(unchanged).toEqual(BUILTIN_PACK.procedures.map((p) => p.key).filter((k) => k !== KEY && k !== withdrawnKey).sort());
    expect(preview.runs).toBe(1);

    const installed = await confirmPackImport(db, journal, preview);
    if (!installed.ok) throw new Error(`${installed.refusal.code}: ${installed.refusal.detail}`);
    expect(installed.installed).toEqual({ id: 'eu-cyber-blueprint', version: '1.1.0', withdrawn: [withdrawnKey] });
    expect(await installedPack(db)).toEqual(installed.installed);

    for (const workspace of ['real', 'exercise'] as const) {
      const after = (await db.procedures.get(builtinProcedureId(workspace, KEY)))!;
      expect(after.title.en).toBe('Detection and escalation (revised)');
      expect(after.version).toBe(before.version + 1);
      const versions = await db.procedureVersions.where('[procedureId+version]').between([after.id, 0], [after.id, Infinity]).toArray();
      expect(versions.map((v) => v.version)).toEqual([before.version, before.version + 1]);
      expect((await db.procedures.get(builtinProcedureId(workspace, newKey)))?.title.en).toBe('An added procedure');
      const kept = (await db.procedures.get(builtinProcedureId(workspace, withdrawnKey)))!;
      expect(kept.deleted).toBe(false);
    }
    // The run on the incident is exactly as it was: the content it followed, the version it named.
    expect(await db.procedureRuns.get(run.id)).toEqual(run);
    expect(await db.procedureRuns.toArray()).toEqual(untouched.runs);

    // The same file again is no longer newer: refused at preview, nothing written.
    const count = await db.operations.count();
    expect(refused(await previewPackImport(db, newerFile, options))).toBe('not-newer');
    expect(await db.operations.count()).toBe(count);
  });

  it('refuses an older or equal pack, another pack and a pack breaking the rules, writing nothing', async () => {
    const { db, journal } = await installationWithRun();
    const first = await previewPackImport(db, await writePackFile(packOf('1.2.0'), TEST_PACK_SIGNER), options);
    if (!first.ok) throw new Error(first.refusal.detail);
    expect(first.preview.rows.every((r) => r.status === 'unchanged')).toBe(true);
    expect((await confirmPackImport(db, journal, first.preview)).ok).toBe(true);
    const before = await snapshot(db);

    expect(refused(await previewPackImport(db, await writePackFile(packOf('1.1.9'), TEST_PACK_SIGNER), options))).toBe('not-newer');
    expect(refused(await previewPackImport(db, await writePackFile(packOf('1.2.0'), TEST_PACK_SIGNER), options))).toBe('not-newer');
    expect(refused(await previewPackImport(db, await writePackFile(packOf('2.0.0'), TEST_PACK_SIGNER), options))).toBe('other-format');
    expect(refused(await previewPackImport(db, await writePackFile(packOf('1.3.0', (p) => { p.manifest.id = 'another-pack'; }), TEST_PACK_SIGNER), options))).toBe('other-pack');
    const conflict = packOf('1.3.0', (p) => { p.procedures[0]!.title.en = 'Changed without a new revision'; });
    expect(refused(await previewPackImport(db, await writePackFile(conflict, TEST_PACK_SIGNER), options))).toBe('revision-conflict');
    // A pack breaking a rule cannot be written by writePackFile; sign its JSON directly.
    const broken = packOf('1.3.0', (p) => { p.procedures[0]!.steps[0]!.citations = []; });
    const brokenResult = await previewPackImport(db, await writePackArchive(utf8(JSON.stringify(broken)), TEST_PACK_SIGNER, 'broken'), options);
    expect(refused(brokenResult)).toBe('invalid');
    if (!brokenResult.ok) expect(brokenResult.refusal.violations?.some((v) => v.rule === 'citation-missing')).toBe(true);

    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a forged, altered or untrusted pack, writing nothing', async () => {
    const { db } = await installationWithRun();
    const before = await snapshot(db);

    const stranger = createSeedSigner(new Uint8Array(32).fill(3), new Uint8Array(8).fill(5));
    expect(refused(await previewPackImport(db, await writePackFile(NEWER, stranger), options))).toBe('unknown-publisher');
    const impostor = createSeedSigner(new Uint8Array(32).fill(4), TEST_PACK_SIGNER.keyId);
    expect(refused(await previewPackImport(db, await writePackFile(NEWER, impostor), options))).toBe('signature-invalid');
    const altered = newerFile.slice();
    altered[500] = (altered[500] ?? 0) ^ 0x20;
    expect(refused(await previewPackImport(db, altered, options))).toBe('signature-invalid');
    // The application's own trusted list does not hold the TEST key.
    expect(refused(await previewPackImport(db, newerFile))).toBe('unknown-publisher');
    expect(refused(await previewPackImport(db, newerFile, { trustedPublishers: [{ ...TEST_PACK_PUBLISHER, revoked: true }] }))).toBe('revoked-publisher');
    expect(refused(await previewPackImport(db, utf8('not a pack'), options))).toBe('not-a-zip');

    expect(await snapshot(db)).toEqual(before);
  });

  it('confirmation refuses, writing nothing, when another pack version was installed after the preview', async () => {
    const { db, journal } = await installationWithRun();
    const stale = await previewPackImport(db, await writePackFile(packOf('1.1.0'), TEST_PACK_SIGNER), options);
    const later = await previewPackImport(db, await writePackFile(packOf('1.2.0'), TEST_PACK_SIGNER), options);
    if (!stale.ok || !later.ok) throw new Error('refused');
    expect((await confirmPackImport(db, journal, later.preview)).ok).toBe(true);
    const before = await snapshot(db);
    const result = await confirmPackImport(db, journal, stale.preview);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal.code).toBe('not-newer');
    expect(await snapshot(db)).toEqual(before);
  });
});
