/**
 * Importing a bundle the way the app does: verified in one streamed pass, staged in batches in a
 * second, previewed, then applied from the staging area in one transaction, or dropped.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIpcCall } from '../../../../electron/main/ipc/ipcCall';
import { FileReadHandles } from '../../../../electron/main/services/fileReadHandles';
import { identityCardText, type SecretIdentity } from '../../../../shared/crypto/identity';
import type { Operation } from '../../../../shared/journal/operation';
import { CLOCK_SKEW_WARNING_MS, applyImport, clearStaleStaging, discardImport, previewImport, verifyBundle } from '../../../../renderer/src/db/exchange';
import { addPeerCard, markPeerVerified } from '../../../../renderer/src/db/keyring';
import { fileSourceFromBytes, fileSourceFromChunks, type FileSource } from '../../../../renderer/src/platform/fileSource';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { bundleBytes, logEntryOperations, makeIdentity } from '../../../unit/shared/bundle/bundleFixtures';
import { openInstallation } from '../../../helpers/workbookDb';

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

describe('import through the staging area', () => {
  it('stages a verified bundle in batches, previews it, and applies it in one go', async () => {
    const b = await receiver();
    const verified = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    const preview = await previewImport(b.db, verified.bundle);
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
    const again = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys);
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
    const verified = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys);
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
    const verified = await verifyBundle(b.db, changingSource(bundle, other), 'real', b.installationId, noKeys);
    if (!verified.ok) throw new Error(verified.error.detail);
    await expect(previewImport(b.db, verified.bundle)).rejects.toMatchObject({ error: { code: 'bundle-altered' } });
    expect(await b.db.importStaging.count()).toBe(0);
    expect(await b.db.logEntries.count()).toBe(0);
  });

  it('applies nothing when one staged operation is invalid', async () => {
    const b = await receiver();
    const verified = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys);
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
    const verified = await verifyBundle(b.db, fileSourceFromBytes('a.cwb', bundle), 'real', b.installationId, noKeys);
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

describe('a bundle read in chunks from the desktop app’s main process', () => {
  it('verifies, stages and imports through simulated IPC, one chunk at a time', async () => {
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
      const verified = await verifyBundle(b.db, source, 'real', b.installationId, noKeys);
      if (!verified.ok) throw new Error(verified.error.detail);
      const preview = await previewImport(b.db, verified.bundle);
      expect(await applyImport(b.db, b.journal, preview)).toBe(4_500);
      // Two full passes over the file (verify, then stage), each in 16 KiB chunks.
      const chunksPerPass = Math.ceil(bundle.length / (16 * 1024));
      expect(chunksPerPass).toBeGreaterThan(3);
      expect(requests).toHaveLength(2 * chunksPerPass);
      expect(await b.db.logEntries.count()).toBe(4_500);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
