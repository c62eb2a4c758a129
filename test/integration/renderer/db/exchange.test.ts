/**
 * Importing a bundle the way the app does: verified in one streamed pass; within the memory budget
 * its operations are kept from that pass, beyond it they are staged in batches in a second pass;
 * previewed; then applied in one transaction, or dropped.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIpcCall } from '../../../../electron/main/ipc/ipcCall';
import { FileReadHandles } from '../../../../electron/main/services/fileReadHandles';
import { identityCardText, type SecretIdentity } from '../../../../shared/crypto/identity';
import { compareOperations, type Operation } from '../../../../shared/journal/operation';
import { canonicalJson } from '../../../../shared/journal/canonical';
import { RECORD_SCHEMAS } from '../../../../shared/journal/tables';
import { mergeOperations } from '../../../../shared/merge/mergeOperations';
import { CLOCK_SKEW_WARNING_MS, applyImport, clearStaleStaging, discardImport, previewImport, verifyBundle } from '../../../../renderer/src/db/exchange';
import { addPeerCard, markPeerVerified } from '../../../../renderer/src/db/keyring';
import { fileSourceFromBytes, fileSourceFromChunks, type FileSource } from '../../../../renderer/src/platform/fileSource';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { bundleBytes, logEntryOperations, makeIdentity, testUlid } from '../../../unit/shared/bundle/bundleFixtures';
import { contactInput, incidentInput, openInstallation } from '../../../helpers/workbookDb';
import { allOperations } from '../../../../renderer/src/db/journalStore';

// Plain bundles only here: no installation keys are needed to open them.
const APP_TOP_FRAME = { url: 'app://workbook/index.html', isTopFrame: true };
const noKeys = { ageIdentity: () => Promise.reject(new Error('no decryption expected')) };

let alice: SecretIdentity;
let operations: Operation[];
let bundle: Uint8Array;

beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  // More than two staging batches' worth.
  operations = logEntryOperations(4_500, { origin: alice.card.installationId });
  bundle = (await bundleBytes(alice, operations, { sequence: 3 })).bytes;
});

async function receiver() {
  const side = await openInstallation('receiver');
  const { entry } = await addPeerCard(side.db, side.journal, identityCardText(alice.card));
  await markPeerVerified(side.journal, entry.id, 'Duty officer', 'telephone');
  return side;
}

/** A source that gives other bytes on its second reading (the file changed on the stick). */
function changingSource(first: Uint8Array, second: Uint8Array): FileSource {
  let reads = 0;
  return {
    name: 'changing.cwb',
    size: first.length,
    // eslint-disable-next-line @typescript-eslint/require-await -- chunks from memory
    open: async function* () {
      reads += 1;
      const bytes = reads === 1 ? first : second;
      for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
    },
  };
}

/** Verification options that stage every operation in the database (the path of a bundle larger than memory). */
const STAGED = { memoryBudgetBytes: 0 };

describe('import held in memory (a bundle within the memory budget)', () => {
  it('verifies once, previews and applies in one go, writing nothing before the apply', async () => {
    const b = await receiver();
    const before = await b.db.operations.count();
    let reads = 0;
    const file = fileSourceFromBytes('a.cwb', bundle);
    const source: FileSource = {
      ...file,
      open: () => {
        reads += 1;
        return file.open();
      },
    };
    const verified = await verifyBundle(b.db, source, 'real', b.installationId, noKeys);
    if (!verified.ok) throw new Error(verified.error.detail);
    expect(verified.bundle.heldOperations).toHaveLength(4_500);
    const preview = await previewImport(b.db, verified.bundle);
    // Verify-before-touch: neither verifying nor previewing writes anything, staging included.
    expect(await b.db.importStaging.count()).toBe(0);
    expect(await b.db.operations.count()).toBe(before);
    expect(await b.db.logEntries.count()).toBe(0);
    expect(preview.batches).toBe(0);
    expect(preview.counts.logEntries).toMatchObject({ new: 4_500, changed: 0, unchanged: 0, conflicts: 0 });
    expect(preview.newOperations).toBe(4_500);
    expect(preview.sequence).toMatchObject({ status: 'gap', missing: 2 });

    expect(await applyImport(b.db, b.journal, preview)).toBe(4_500);
    expect(reads).toBe(1);
    expect(await b.db.logEntries.count()).toBe(4_500);
    expect(await b.db.meta.get(`acceptedSequence:${alice.card.installationId}`)).toMatchObject({ value: 3 });
    expect((await auditJournal(b.db)).findings).toEqual([]);

    const again = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys);
    if (!again.ok) throw new Error(again.error.detail);
    const second = await previewImport(b.db, again.bundle);
    expect(second.newOperations).toBe(0);
    expect(second.counts.logEntries).toMatchObject({ new: 0, unchanged: 4_500 });
    expect(second.sequence).toMatchObject({ status: 'replay' });
    const held = await b.db.operations.count();
    expect(await applyImport(b.db, b.journal, second)).toBe(0);
    expect(await b.db.operations.count()).toBe(held);
  });

  it('imports what was verified, even if the file changes afterwards', async () => {
    const b = await receiver();
    const other = (await bundleBytes(alice, logEntryOperations(4_500, { origin: alice.card.installationId, idPrefix: 'OTHER' }), { sequence: 3 })).bytes;
    const verified = await verifyBundle(b.db, changingSource(bundle, other), 'real', b.installationId, noKeys);
    if (!verified.ok) throw new Error(verified.error.detail);
    const preview = await previewImport(b.db, verified.bundle);
    expect(await applyImport(b.db, b.journal, preview)).toBe(4_500);
    const ids = new Set(operations.map((op) => op.recordId));
    expect((await b.db.logEntries.toArray()).every((entry) => ids.has(entry.id))).toBe(true);
  });

  it('writes nothing when the bundle does not verify', async () => {
    const b = await receiver();
    const before = await b.db.operations.count();
    const altered = bundle.slice();
    const middle = Math.floor(altered.length / 2);
    altered[middle] = (altered[middle] ?? 0) ^ 0x01;
    const verified = await verifyBundle(b.db, fileSourceFromBytes('altered.cwb', altered), 'real', b.installationId, noKeys);
    expect(verified.ok).toBe(false);
    expect(await b.db.operations.count()).toBe(before);
    expect(await b.db.importStaging.count()).toBe(0);
  });

  it('applies nothing when one record of the bundle is invalid', async () => {
    const b = await receiver();
    const bad = logEntryOperations(4_500, { origin: alice.card.installationId, idPrefix: 'BAD' });
    const last = bad[bad.length - 1]!;
    bad[bad.length - 1] = { ...last, fields: { ...last.fields, kind: 'not-a-kind' } };
    const bytes = (await bundleBytes(alice, bad, { sequence: 4 })).bytes;
    const verified = await verifyBundle(b.db, fileSourceFromBytes('bad.cwb', bytes), 'real', b.installationId, noKeys);
    if (!verified.ok) throw new Error(verified.error.detail);
    const preview = await previewImport(b.db, verified.bundle);
    await expect(applyImport(b.db, b.journal, preview)).rejects.toMatchObject({ code: 'record-invalid' });
    expect(await b.db.logEntries.count()).toBe(0);
    expect(await b.db.operations.filter((op) => op.origin === alice.card.installationId).count()).toBe(0);
    expect(await b.db.meta.get(`acceptedSequence:${alice.card.installationId}`)).toBeUndefined();
  });
});

describe('import through the staging area (a bundle larger than the memory budget)', () => {
  it('stages a verified bundle in batches, previews it, and applies it in one go', async () => {
    const b = await receiver();
    // A budget smaller than the payload: the operations are dropped after verifying and staged.
    const verified = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys, { memoryBudgetBytes: 64 * 1024 });
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.bundle.heldOperations).toBeNull();
    const preview = await previewImport(b.db, verified.bundle);
    expect(preview.operations).toBeNull();
    expect(await b.db.importStaging.count()).toBe(3);
    expect(await b.db.logEntries.count()).toBe(0);
    expect(preview.counts.logEntries).toMatchObject({ new: 4_500, changed: 0, unchanged: 0, conflicts: 0 });
    expect(preview.newOperations).toBe(4_500);
    // Bundles 1 and 2 of this sender never came: reported, not refused.
    expect(preview.sequence).toMatchObject({ status: 'gap', missing: 2 });

    expect(await applyImport(b.db, b.journal, preview)).toBe(4_500);
    expect(await b.db.logEntries.count()).toBe(4_500);
    expect(await b.db.importStaging.count()).toBe(0);
    expect((await auditJournal(b.db)).findings).toEqual([]);

    // Again: nothing new, and it says so.
    const again = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys, STAGED);
    if (!again.ok) throw new Error(again.error.detail);
    const second = await previewImport(b.db, again.bundle);
    expect(second.newOperations).toBe(0);
    expect(second.counts.logEntries).toMatchObject({ new: 0, unchanged: 4_500 });
    const held = await b.db.operations.count();
    expect(await applyImport(b.db, b.journal, second)).toBe(0);
    expect(await b.db.operations.count()).toBe(held);
  });

  it('drops what was staged when the preview is closed', async () => {
    const b = await receiver();
    const verified = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys, STAGED);
    if (!verified.ok) throw new Error(verified.error.detail);
    const preview = await previewImport(b.db, verified.bundle);
    expect(await b.db.importStaging.count()).toBeGreaterThan(0);
    await discardImport(b.db, preview);
    expect(await b.db.importStaging.count()).toBe(0);
    expect(await b.db.operations.filter((op) => op.origin === alice.card.installationId).count()).toBe(0);
  });

  it('refuses a file that changes between verification and staging, and keeps nothing staged', async () => {
    const b = await receiver();
    const other = (await bundleBytes(alice, logEntryOperations(4_500, { origin: alice.card.installationId, idPrefix: 'OTHER' }), { sequence: 3 })).bytes;
    const verified = await verifyBundle(b.db, changingSource(bundle, other), 'real', b.installationId, noKeys, STAGED);
    if (!verified.ok) throw new Error(verified.error.detail);
    await expect(previewImport(b.db, verified.bundle)).rejects.toMatchObject({ error: { code: 'bundle-altered' } });
    expect(await b.db.importStaging.count()).toBe(0);
    expect(await b.db.logEntries.count()).toBe(0);
  });

  it('applies nothing when one staged operation is invalid', async () => {
    const b = await receiver();
    const verified = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys, STAGED);
    if (!verified.ok) throw new Error(verified.error.detail);
    const preview = await previewImport(b.db, verified.bundle);
    // Damage the last batch below the app (as a crash or a bug might): the transaction must not half-apply.
    const last = await b.db.importStaging.get([preview.importId, 2]);
    await b.db.importStaging.put({ ...last!, operations: [{ ...last!.operations[0]!, table: 'nonsense' } as unknown as Operation] });
    await expect(applyImport(b.db, b.journal, preview)).rejects.toThrow();
    expect(await b.db.logEntries.count()).toBe(0);
    expect(await b.db.operations.filter((op) => op.origin === alice.card.installationId).count()).toBe(0);
  });
});

describe('stale staging', () => {
  it('drops imports staged more than a day ago and keeps a recent one', async () => {
    const b = await receiver();
    const verified = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys, STAGED);
    if (!verified.ok) throw new Error(verified.error.detail);
    const preview = await previewImport(b.db, verified.bundle);
    const staged = await b.db.importStaging.count();
    expect(await clearStaleStaging(b.db)).toBe(0);
    expect(await b.db.importStaging.count()).toBe(staged);
    expect(await clearStaleStaging(b.db, Date.now() + 25 * 60 * 60 * 1000)).toBe(staged);
    // An import whose batches were cleared meanwhile is refused whole.
    await expect(applyImport(b.db, b.journal, preview)).rejects.toThrow(/staged batch 0 of 3 is missing/);
    expect(await b.db.logEntries.count()).toBe(0);
  });
});

describe('held in memory or staged: the same replica', () => {
  it('gives the records, conflicts and journal that merging all operations gives', async () => {
    const at = (iso: string) => () => Date.parse(iso);
    // A shared history, then concurrent edits of the same records by the source and by another installation.
    const source = await openInstallation('source', at('2026-03-10T08:00:00.000Z'));
    const contact = await source.journal.create('contacts', contactInput(), { workspace: 'real' });
    const incident = await source.journal.create('incidents', incidentInput(), { workspace: 'real' });
    const shared = await allOperations(source.db);
    const other = await openInstallation('other', at('2026-03-10T08:00:05.000Z'));
    await other.journal.applyOperations(shared);
    await other.journal.update('contacts', contact.id, { name: 'From the other' });
    await other.journal.update('incidents', incident.id, { status: 'recovery' });
    await source.journal.update('contacts', contact.id, { name: 'From the source', organisation: 'Source org' });
    await source.journal.remove('incidents', incident.id);
    const otherOps = (await allOperations(other.db)).filter((op) => op.origin === other.installationId);
    // Log entries: the first half already held by the receivers; one held entry arrives again
    // under another creation of the very same record (a harmless duplicate), which takes the
    // careful path. (A second creation with other content is refused: see "authority" below.)
    const entries = logEntryOperations(3_000, { origin: alice.card.installationId, idPrefix: 'MIX' });
    const clash: Operation = { ...entries[10]!, opId: testUlid('CLASH', 1), hlc: entries[10]!.hlc.replace('-0000-', '-0001-') };
    const bundleOps = [...(await allOperations(source.db)), ...entries, clash].sort(compareOperations);
    const mixed = (await bundleBytes(alice, bundleOps, { sequence: 1 })).bytes;

    const importWith = async (options: { memoryBudgetBytes?: number }) => {
      const r = await receiver();
      await r.journal.applyOperations([...shared, ...otherOps, ...entries.slice(0, 1_500)]);
      const verified = await verifyBundle(r.db, fileSourceFromBytes('mixed.cwb', mixed), 'real', r.installationId, noKeys, options);
      if (!verified.ok) throw new Error(verified.error.detail);
      const preview = await previewImport(r.db, verified.bundle);
      const added = await applyImport(r.db, r.journal, preview);
      const dump = async () =>
        canonicalJson({
          contacts: await r.db.contacts.toArray(),
          incidents: await r.db.incidents.toArray(),
          logEntries: await r.db.logEntries.toArray(),
          operations: await r.db.operations.where('workspace').equals('real').toArray(),
          conflicts: await r.db.conflicts.toArray(),
        });
      return { r, preview: { counts: preview.counts, newOperations: preview.newOperations, gaps: preview.gaps }, added, dump: await dump() };
    };
    const inMemory = await importWith({});
    const staged = await importWith(STAGED);
    expect(inMemory.added).toBe(bundleOps.length - shared.length - 1_500);
    expect(staged.added).toBe(inMemory.added);
    expect(canonicalJson(staged.preview)).toBe(canonicalJson(inMemory.preview));
    expect(inMemory.preview.counts.contacts).toMatchObject({ changed: 1, conflicts: 1 });
    expect(inMemory.preview.counts.logEntries).toMatchObject({ new: 1_500, unchanged: 1_499, changed: 1 });
    expect(staged.dump).toBe(inMemory.dump);

    // The reference: the pure merge of every operation the replica holds.
    const r = inMemory.r;
    const all = (await r.db.operations.where('workspace').equals('real').toArray()).filter((op) => op.origin !== 'builtin');
    const merged = mergeOperations([], all);
    for (const record of merged.records.values()) {
      if (record.record === null) continue;
      const table = record.table as 'contacts' | 'incidents' | 'logEntries';
      expect(canonicalJson(await r.db.table(table).get(record.recordId))).toBe(canonicalJson(RECORD_SCHEMAS[table].parse(record.record)));
    }
    const conflicts = (await r.db.conflicts.toArray()).map(({ workspace: _workspace, ...c }) => c);
    expect(canonicalJson(conflicts)).toBe(canonicalJson(merged.conflicts));
    expect(conflicts.map((c) => [c.table, c.field])).toEqual(expect.arrayContaining([['contacts', 'name'], ['incidents', 'deleted']]));
    expect((await r.db.logEntries.get(entries[10]!.recordId))?.text).toBe(entries[10]!.fields.text);
    expect((await auditJournal(r.db)).findings).toEqual([]);
  });
});

describe('authority (docs/bundle-format.md §8a): refused as a whole, nothing written', () => {
  /** Every table's rows, to compare before and after. */
  const everything = async (db: Awaited<ReturnType<typeof receiver>>['db']) => canonicalJson(await Promise.all(db.tables.map((t) => t.toArray())));

  it.each([['held in memory', {}], ['staged', STAGED]] as const)(
    'two creations of one log entry with different content in one bundle (%s): refused by the preview or, staged, by the apply',
    async (_label, options) => {
      const r = await receiver();
      const [first] = logEntryOperations(1, { origin: alice.card.installationId, idPrefix: 'TWICE' });
      const second: Operation = { ...first!, opId: testUlid('TWICE2', 1), hlc: first!.hlc.replace('-0000-', '-0001-'), fields: { ...first!.fields, text: 'another text' } };
      const bytes = (await bundleBytes(alice, [first!, second], { sequence: 1 })).bytes;
      const before = await everything(r.db);
      const verified = await verifyBundle(r.db, fileSourceFromBytes('twice.cwb', bytes), 'real', r.installationId, noKeys, options);
      if (!verified.ok) throw new Error(verified.error.detail);
      if (options === STAGED) {
        // The staged preview holds no operations to compare across batches: the apply refuses.
        const preview = await previewImport(r.db, verified.bundle);
        await expect(applyImport(r.db, r.journal, preview)).rejects.toMatchObject({ code: 'import-refused' });
        await discardImport(r.db, preview);
      } else {
        await expect(previewImport(r.db, verified.bundle)).rejects.toMatchObject({ error: { code: 'bundle-unauthorised-change' } });
      }
      expect(await everything(r.db)).toBe(before);
    },
  );

  it('an operation on another record under the id of a carried log-entry creation: refused by the preview', async () => {
    const r = await receiver();
    // An entry as this version journals it: the creation's id is the entry's, and the entry carries it.
    const source = await openInstallation('source');
    const incident = await source.journal.create('incidents', incidentInput(), { workspace: 'real' });
    const entry = await source.journal.create('logEntries', { incidentId: incident.id, kind: 'observation', text: 'seen', occurredAt: incident.startedAt, author: 'Jo', tlp: 'AMBER' }, { workspace: 'real' });
    await r.journal.applyOperations(await allOperations(source.db));
    expect(await r.db.operations.get(entry.id)).toBeUndefined();
    const contact = await source.journal.create('contacts', contactInput(), { workspace: 'real' });
    const contactCreation = (await allOperations(source.db)).find((op) => op.recordId === contact.id);
    const forged: Operation = { ...contactCreation!, opId: entry.id };
    const bytes = (await bundleBytes(alice, [forged], { sequence: 1 })).bytes;
    const before = await everything(r.db);
    const verified = await verifyBundle(r.db, fileSourceFromBytes('forged.cwb', bytes), 'real', r.installationId, noKeys);
    if (!verified.ok) throw new Error(verified.error.detail);
    await expect(previewImport(r.db, verified.bundle)).rejects.toMatchObject({ error: { code: 'bundle-unauthorised-change' } });
    await expect(r.journal.applyVerified([forged])).rejects.toMatchObject({ code: 'import-refused' });
    expect(await everything(r.db)).toBe(before);
  });

  it('the journal itself refuses an operation in its own name that it does not hold, and one held with other content', async () => {
    const r = await receiver();
    const contact = await r.journal.create('contacts', contactInput(), { workspace: 'real' });
    const before = await everything(r.db);
    const [forged] = logEntryOperations(1, { origin: r.installationId, idPrefix: 'OWN' });
    await expect(r.journal.applyOperations([forged!])).rejects.toMatchObject({ code: 'import-refused' });
    const [held] = await r.db.operations.where('[table+recordId]').equals(['contacts', contact.id]).toArray();
    await expect(r.journal.applyOperations([{ ...held!, fields: { ...held!.fields, name: 'Rewritten' } }])).rejects.toMatchObject({ code: 'import-refused' });
    expect(await everything(r.db)).toBe(before);
    // The very same operation again changes nothing and is no error.
    await expect(r.journal.applyOperations([held!])).resolves.toBe(0);
  });
});

describe('a bundle read in chunks from the desktop app’s main process', () => {
  it.each([
    ['held in memory: one pass over the file', {}, 1],
    ['staged: two full passes (verify, then stage)', STAGED, 2],
  ] as const)('verifies and imports through simulated IPC, one chunk at a time (%s)', async (_label, options, passes) => {
    const dir = await mkdtemp(join(tmpdir(), 'cwb-desktop-'));
    try {
      const path = join(dir, 'from-alice.cwb');
      await writeFile(path, bundle);
      const handles = new FileReadHandles();
      const picked = await handles.register(path);
      if (!picked.ok) throw new Error(picked.error.detail);
      const requests: number[] = [];
      const logger = { warn: () => undefined, error: () => undefined };
      const source = fileSourceFromChunks(picked.value, async (request) => {
        requests.push(request.offset);
        // Electron copies arguments and answers with the structured clone algorithm.
        const answer = await runIpcCall('file:readChunk', APP_TOP_FRAME, [structuredClone(request)], (r) => handles.read(r.handle, r.offset, r.length), logger);
        return structuredClone(answer);
      }, 16 * 1024);
      const b = await receiver();
      const verified = await verifyBundle(b.db, source, 'real', b.installationId, noKeys, options);
      if (!verified.ok) throw new Error(verified.error.detail);
      const preview = await previewImport(b.db, verified.bundle);
      expect(await applyImport(b.db, b.journal, preview)).toBe(4_500);
      // Full passes over the file, each in 16 KiB chunks.
      const chunksPerPass = Math.ceil(bundle.length / (16 * 1024));
      expect(chunksPerPass).toBeGreaterThan(3);
      expect(requests).toHaveLength(passes * chunksPerPass);
      expect(await b.db.logEntries.count()).toBe(4_500);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('gaps against what an incremental bundle assumes', () => {
  it('finds none when the receiver holds what the bundle assumes (or more), and one per origin it lacks, from where it stops', async () => {
    const b = await receiver();
    const history = logEntryOperations(200, { origin: alice.card.installationId, idPrefix: 'GAP' });
    const first = await verifyBundle(b.db, fileSourceFromBytes('first.cwb', (await bundleBytes(alice, history.slice(0, 100))).bytes), 'real', b.installationId, noKeys);
    if (!first.ok) throw new Error(first.error.detail);
    await applyImport(b.db, b.journal, await previewImport(b.db, first.bundle));

    const previewWith = async (ops: Operation[], since: Record<string, string>) => {
      const verified = await verifyBundle(b.db, fileSourceFromBytes('next.cwb', (await bundleBytes(alice, ops, { sequence: 2, scope: { kind: 'incremental', since } })).bytes), 'real', b.installationId, noKeys);
      if (!verified.ok) throw new Error(verified.error.detail);
      const preview = await previewImport(b.db, verified.bundle);
      await discardImport(b.db, preview);
      return preview.gaps;
    };
    const hlcAt = (i: number) => history[i]!.hlc;
    const origin = alice.card.installationId;
    // Continues exactly where the receiver is.
    expect(await previewWith(history.slice(100, 200), { [origin]: hlcAt(99) })).toEqual([]);
    // Assumes less than the receiver holds: no gap either.
    expect(await previewWith(history.slice(50, 200), { [origin]: hlcAt(49) })).toEqual([]);
    // Assumes 50 operations the receiver never had: a gap after its newest one.
    expect(await previewWith(history.slice(150, 200), { [origin]: hlcAt(149) })).toEqual([{ origin, after: hlcAt(99), upTo: hlcAt(149) }]);
    // An origin the receiver never heard from.
    const stranger = testUlid('STRANGER', 1);
    const strangerClock = history[120]!.hlc.replace(origin, stranger);
    expect(await previewWith(history.slice(100, 200), { [origin]: hlcAt(99), [stranger]: strangerClock })).toEqual([{ origin: stranger, after: null, upTo: strangerClock }]);
  });
});

describe('device clock check', () => {
  it('says how far a bundle’s times lie ahead of this clock', async () => {
    const b = await receiver();
    const future = new Date(Date.now() + 2 * 60 * 60_000).toISOString();
    const ahead = (await bundleBytes(alice, logEntryOperations(3, { origin: alice.card.installationId, idPrefix: 'AHEAD' }), { createdAt: future })).bytes;
    const verified = await verifyBundle(b.db, fileSourceFromBytes('ahead.cwb', ahead), 'real', b.installationId, noKeys);
    if (!verified.ok) throw new Error(verified.error.detail);
    const preview = await previewImport(b.db, verified.bundle);
    expect(preview.aheadOfThisClockMs).toBeGreaterThan(CLOCK_SKEW_WARNING_MS);
    await discardImport(b.db, preview);
    // The test bundle's entries were recorded in March 2026: nothing ahead.
    const normal = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys);
    if (!normal.ok) throw new Error(normal.error.detail);
    expect((await previewImport(b.db, normal.bundle)).aheadOfThisClockMs).toBeLessThan(0);
  });
});
