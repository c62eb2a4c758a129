/**
 * Writing and reading bundles: round trips, and every refusal with its own code. Each refusal
 * test starts from a bundle that reads fine and changes one thing.
 */
import { gzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../../../shared/bundle/canonical';
import { BUNDLE_ERROR_CODES, type BundleErrorCode } from '../../../../shared/bundle/errors';
import { BUNDLE_ENTRIES, ENTRY_HEADER, ENTRY_PAYLOAD, trustedCommentFor, type BundleHeader } from '../../../../shared/bundle/header';
import { decryptBundle, openBundle, readBundle, type ReadBundleOptions, type ReadBundleResult } from '../../../../shared/bundle/readBundle';
import { sealBundle, writeBundle } from '../../../../shared/bundle/writeBundle';
import { crc32 } from '../../../../shared/bundle/zip';
import { blake2b512 } from '../../../../shared/crypto/blake2b';
import { fromBase64, toHex } from '../../../../shared/crypto/bytes';
import { armor } from 'age-encryption';
import { cardSigningKey, createIdentityCard, secretIdentitySigner, type SecretIdentity } from '../../../../shared/crypto/identity';
import { createMinisignature } from '../../../../shared/crypto/minisign';
import { createSeedSigner } from '../../../../shared/crypto/seedSigner';
import type { Operation } from '../../../../shared/journal/operation';
import { ScatteredBlockDecoder } from './scatteredBlockDecoder';
import { bundleBytes, chunksOf, collect, entriesOf, keyringOf, logEntryOperations, makeIdentity, rezip, testUlid } from './bundleFixtures';

let alice: SecretIdentity;
let bob: SecretIdentity;
let carol: SecretIdentity;
let ops: Operation[];
let plain: Uint8Array;

beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  bob = await makeIdentity('CCB', 'BE');
  carol = await makeIdentity('ANSSI', 'FR');
  ops = logEntryOperations(25, { origin: alice.card.installationId });
  plain = (await bundleBytes(alice, ops)).bytes;
});

let reads = 0;

/**
 * Reads a bundle, and reads it a second time with its payload's lines decoded in small blocks by a
 * stand-in for the import's worker (some blocks taken, answered out of order): every test below
 * then also checks that the verdict does not depend on where the lines are decoded.
 */
async function read(bytes: Uint8Array, options: Partial<ReadBundleOptions> = {}): Promise<ReadBundleResult> {
  const here = await readBundle(chunksOf(bytes, 1000), { resolveSigner: keyringOf(alice.card), ...options });
  reads += 1;
  const elsewhere = new ScatteredBlockDecoder({ blockBytes: 200 + (reads % 7) * 150, takes: [true, true, false, true, false], delaysMs: [3, 0, 1, 5, 0, 2] });
  let made = 0;
  const scattered = await readBundle(chunksOf(bytes, 700), {
    resolveSigner: keyringOf(alice.card),
    ...options,
    blockDecoder: () => {
      made += 1;
      return elsewhere;
    },
  });
  expect(scattered).toEqual(here);
  // Made only for a payload that is read, and closed once it is.
  expect(made).toBeLessThanOrEqual(1);
  expect(elsewhere.closed).toBe(made === 1);
  return here;
}

async function codeOf(bytes: Uint8Array, options: Partial<ReadBundleOptions> = {}): Promise<BundleErrorCode | 'ok'> {
  const r = await read(bytes, options);
  return r.ok ? 'ok' : r.error.code;
}

/** Rebuilds the plain bundle with `change` applied to its entries (checksums fixed). */
async function forged(change: (entries: Array<{ name: string; data: Uint8Array }>) => void | Promise<void>): Promise<Uint8Array> {
  const entries = entriesOf(plain);
  await change(entries);
  return rezip(entries);
}

function entry(entries: Array<{ name: string; data: Uint8Array }>, name: string): { name: string; data: Uint8Array } {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`no ${name}`);
  return e;
}

/** Writes a bundle with a hand-made header and payload, signed by `signer` of `who`. */
async function sealed(who: SecretIdentity, header: Record<string, unknown>, payload: Uint8Array, extraEntries = false): Promise<Uint8Array> {
  const { chunks } = await sealBundle({
    header: header as Record<string, unknown> & Pick<BundleHeader, 'bundleId' | 'sequence' | 'workspace'>,
    payload: { bytes: payload.length, crc32: crc32(payload), blake2b512: blake2b512(payload), chunks: chunksOf(payload) },
    signer: secretIdentitySigner(who),
  });
  const bytes = await collect(chunks);
  if (!extraEntries) return bytes;
  const entries = entriesOf(bytes);
  entries.push({ name: 'attachments/index.json', data: new TextEncoder().encode('[]') });
  return rezip(entries);
}

function headerOf(bytes: Uint8Array): BundleHeader {
  return JSON.parse(new TextDecoder().decode(entry(entriesOf(bytes), ENTRY_HEADER).data)) as BundleHeader;
}

function ndjsonGz(operations: readonly unknown[]): Uint8Array {
  return gzipSync(new TextEncoder().encode(operations.map((o) => new TextDecoder().decode(canonicalBytes(o)) + '\n').join('')), { mtime: 0 });
}

describe('round trip', () => {
  it('reads back exactly what was written, with a verified header', async () => {
    const { written, bytes } = await bundleBytes(alice, ops, { sequence: 7, scope: { kind: 'incident', incidentId: testUlid('INC', 1) } });
    const r = await read(bytes);
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.bundle.operations).toEqual(ops);
    expect(r.bundle.header).toEqual(written.header);
    expect(r.bundle.header).toMatchObject({
      format: 'crisis-workbook-bundle',
      formatVersion: '1.0',
      workspace: 'real',
      marking: null,
      sequence: 7,
      encrypted: false,
      to: [],
      highestTlp: 'GREEN',
      counts: { logEntries: 25 },
      operations: 25,
      sender: { installationId: alice.card.installationId, organisation: 'NCSC-NL', country: 'NL', keyId: toHex(cardSigningKey(alice.card).keyId) },
    });
    expect(r.bundle.fingerprint).toBe(written.fingerprint);
    expect(r.bundle.fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(r.bundle.signerKeyId).toBe(toHex(cardSigningKey(alice.card).keyId));
    expect(r.bundle.receivedEncrypted).toBe(false);
  });

  it('lays out the four entries in their fixed order', () => {
    expect(entriesOf(plain).map((e) => e.name)).toEqual([...BUNDLE_ENTRIES]);
  });

  it('writes the same bytes for the same input (deterministic container and gzip)', async () => {
    const fixed = { bundleId: testUlid('BUNDLE', 1), createdAt: '2026-03-01T09:00:00.000Z' };
    expect((await bundleBytes(alice, ops, fixed)).bytes).toEqual((await bundleBytes(alice, ops, fixed)).bytes);
  });

  it('encrypts to several recipients, each of whom can read it', async () => {
    const { bytes, written } = await bundleBytes(alice, ops, { recipients: [bob.card, carol.card] });
    expect(new TextDecoder().decode(bytes.subarray(0, 21))).toBe('age-encryption.org/v1');
    expect(written.header.encrypted).toBe(true);
    expect(written.header.to).toEqual([bob.card.installationId, carol.card.installationId]);
    for (const who of [bob, carol]) {
      const r = await read(bytes, { identities: [who.ageIdentity], thisInstallation: who.card.installationId });
      if (!r.ok) throw new Error(r.error.detail);
      expect(r.bundle.operations).toEqual(ops);
      expect(r.bundle.receivedEncrypted).toBe(true);
    }
    // decryptBundle gives the plain container, which reads like a plain bundle.
    const inner = await collect(decryptBundle(chunksOf(bytes), [bob.ageIdentity]));
    expect(await codeOf(inner)).toBe('ok');
    // ASCII-armored (age -a) is accepted too.
    expect(await codeOf(new TextEncoder().encode(armor.encode(bytes)), { identities: [carol.ageIdentity] })).toBe('ok');
  });

  it('marks exercise bundles and carries an empty bundle', async () => {
    const exerciseOps = logEntryOperations(3, { origin: alice.card.installationId, workspace: 'exercise' });
    const since = { [alice.card.installationId]: exerciseOps[0]!.hlc, builtin: '2026-01-01T00:00:00.000Z-0000-builtin' };
    const { bytes } = await bundleBytes(alice, exerciseOps, { workspace: 'exercise', scope: { kind: 'incremental', since } });
    const r = await read(bytes, { expectedWorkspace: 'exercise' });
    expect(r.ok && r.bundle.header.marking).toBe('EXERCISE — OEFENING');
    expect(r.ok && r.bundle.header.scope).toEqual({ kind: 'incremental', since });
    const empty = await read((await bundleBytes(alice, [])).bytes);
    expect(empty.ok && [empty.bundle.operations.length, empty.bundle.header.highestTlp]).toEqual([0, 'CLEAR']);
  });

  it('records the highest TLP label inside', async () => {
    const mixed = logEntryOperations(4, { origin: alice.card.installationId, tlp: (i) => (['CLEAR', 'AMBER', 'GREEN', 'AMBER+STRICT'] as const)[i]! });
    expect((await bundleBytes(alice, mixed, { recipients: [bob.card] })).written.header.highestTlp).toBe('AMBER+STRICT');
  });

  it('keeps the operations of the verifying pass with openBundle when they fit the memory budget', async () => {
    let calls = 0;
    const other = (await bundleBytes(alice, ops)).bytes;
    const opened = await openBundle(() => chunksOf(calls++ === 0 ? plain : other, 333), { resolveSigner: keyringOf(alice.card) });
    if (!opened.ok) throw new Error(opened.error.detail);
    expect(opened.bundle.heldOperations).toEqual(ops);
    const seen: Operation[] = [];
    for await (const op of opened.bundle.operations()) seen.push(op);
    // Not read again: what is given is exactly what was verified.
    expect(seen).toEqual(ops);
    expect(calls).toBe(1);
  });

  it('streams operations in a second pass with openBundle beyond the memory budget', async () => {
    const opened = await openBundle(() => chunksOf(plain, 333), { resolveSigner: keyringOf(alice.card) }, { memoryBudgetBytes: 100 });
    if (!opened.ok) throw new Error(opened.error.detail);
    expect(opened.bundle.heldOperations).toBeNull();
    const seen: Operation[] = [];
    for await (const op of opened.bundle.operations()) seen.push(op);
    expect(seen).toEqual(ops);
    // If the file changes between the passes, the second pass throws instead of finishing.
    let calls = 0;
    const other = (await bundleBytes(alice, ops)).bytes;
    const swapping = await openBundle(() => chunksOf(calls++ === 0 ? plain : other), { resolveSigner: keyringOf(alice.card) }, { memoryBudgetBytes: 0 });
    if (!swapping.ok) throw new Error(swapping.error.detail);
    const drain = async (): Promise<number> => {
      let n = 0;
      for await (const op of swapping.bundle.operations()) n += op.opId.length > 0 ? 1 : 0;
      return n;
    };
    await expect(drain()).rejects.toThrow(/bundle-altered/);
  });

  it('refuses to write what a bundle must never carry', async () => {
    const signer = secretIdentitySigner(alice);
    const base = { signer, senderCard: alice.card, workspace: 'real' as const, sequence: 1, scope: { kind: 'snapshot' as const } };
    await expect(writeBundle({ ...base, operations: [...ops].reverse() })).rejects.toThrow(/clock order/);
    await expect(writeBundle({ ...base, operations: logEntryOperations(1, { origin: alice.card.installationId, workspace: 'exercise' }) })).rejects.toThrow(/workspace/);
    await expect(writeBundle({ ...base, operations: [{ ...ops[0]!, table: 'profile' }] })).rejects.toThrow(/local table/);
    await expect(writeBundle({ ...base, senderCard: bob.card, operations: ops })).rejects.toThrow(/signer/);
  });
});

describe('refusals', () => {
  it('bundle-altered / bundle-malformed / bundle-signature-invalid: one flipped byte anywhere', async () => {
    const codes = new Set<string>();
    // Every 7th byte plus the first and last ones: local headers, header.json, signatures, payload, central directory, end record.
    const offsets = [...Array.from({ length: Math.ceil(plain.length / 7) }, (_, i) => i * 7), 1, 2, 3, plain.length - 1];
    for (const offset of offsets) {
      const bad = Uint8Array.from(plain);
      bad[offset] = bad[offset]! ^ 0x20;
      const code = await codeOf(bad);
      expect(code, `flip at ${offset}`).not.toBe('ok');
      codes.add(code);
    }
    expect([...codes].every((c) => ['bundle-altered', 'bundle-malformed', 'bundle-signature-invalid', 'bundle-not-recognised', 'bundle-truncated', 'bundle-too-large'].includes(c))).toBe(true);
    expect(codes).toContain('bundle-altered');
    expect(codes).toContain('bundle-malformed');
  });

  it('bundle-signature-invalid: header changed and checksums fixed (a forger, not noise)', async () => {
    const bad = await forged((entries) => {
      const h = entry(entries, ENTRY_HEADER);
      const header = JSON.parse(new TextDecoder().decode(h.data)) as BundleHeader;
      h.data = canonicalBytes({ ...header, sequence: header.sequence + 100 });
    });
    expect(await codeOf(bad)).toBe('bundle-signature-invalid');
  });

  it('bundle-signature-invalid: a header field outside the trusted comment changed, checksums fixed', async () => {
    const bad = await forged((entries) => {
      const h = entry(entries, ENTRY_HEADER);
      h.data = canonicalBytes({ ...(JSON.parse(new TextDecoder().decode(h.data)) as BundleHeader), highestTlp: 'CLEAR' });
    });
    const r = await read(bad);
    expect(r.ok ? 'ok' : [r.error.code, r.error.detail]).toEqual(['bundle-signature-invalid', 'the header signature does not verify (signature-invalid)']);
  });

  it('bundle-signature-invalid: genuine signatures by the signer, but over other content or another comment', async () => {
    const signer = secretIdentitySigner(alice);
    const header = headerOf(plain);
    const otherComment = await forged(async (entries) => {
      const text = await createMinisignature({ signer, fileBlake2b512: blake2b512(entries[0]!.data), trustedComment: `crisis-workbook bundle ${header.bundleId} seq=1 workspace=exercise file=header.json` });
      entries[1]!.data = new TextEncoder().encode(text);
    });
    expect(await read(otherComment)).toMatchObject({ ok: false, error: { code: 'bundle-signature-invalid', detail: 'the signed comment of the header does not describe this bundle' } });
    const payloadSignedWrong = await forged(async (entries) => {
      const text = await createMinisignature({ signer, fileBlake2b512: blake2b512(new Uint8Array(3)), trustedComment: trustedCommentFor(header, ENTRY_PAYLOAD) });
      entries[3]!.data = new TextEncoder().encode(text);
    });
    expect(await read(payloadSignedWrong)).toMatchObject({ ok: false, error: { code: 'bundle-signature-invalid', detail: 'the payload signature does not verify (signature-invalid)' } });
    const payloadOtherComment = await forged(async (entries) => {
      const text = await createMinisignature({ signer, fileBlake2b512: blake2b512(entries[2]!.data), trustedComment: 'crisis-workbook bundle of another day' });
      entries[3]!.data = new TextEncoder().encode(text);
    });
    expect(await read(payloadOtherComment)).toMatchObject({ ok: false, error: { code: 'bundle-signature-invalid', detail: 'the signed comment of the payload does not describe this bundle' } });
    const otherSigner = await forged(async (entries) => {
      const text = await createMinisignature({ signer: secretIdentitySigner(carol), fileBlake2b512: blake2b512(entries[0]!.data), trustedComment: trustedCommentFor(header, ENTRY_HEADER) });
      entries[1]!.data = new TextEncoder().encode(text);
    });
    expect(await read(otherSigner)).toMatchObject({ ok: false, error: { code: 'bundle-signature-invalid', detail: 'the header signature was made with another key than the header names' } });
  });

  it('bundle-signature-invalid: a signature swapped for the other one, or its trusted comment edited', async () => {
    const swapped = await forged((entries) => {
      entries[1]!.data = entries[3]!.data;
    });
    expect(await codeOf(swapped)).toBe('bundle-signature-invalid');
    const comment = await forged((entries) => {
      entries[1]!.data = new TextEncoder().encode(new TextDecoder().decode(entries[1]!.data).replace('seq=1', 'seq=9'));
    });
    expect(await codeOf(comment)).toBe('bundle-signature-invalid');
  });

  it('bundle-altered: payload replaced, or changed in place, with checksums fixed', async () => {
    const replaced = await forged((entries) => {
      entry(entries, ENTRY_PAYLOAD).data = ndjsonGz(ops.slice(1));
    });
    expect(await codeOf(replaced)).toBe('bundle-altered');
    // Same size, so only the BLAKE2b-512 in the signed header can tell.
    for (const at of [12, 200, 1000]) {
      const inPlace = await forged((entries) => {
        const p = entry(entries, ENTRY_PAYLOAD);
        p.data = Uint8Array.from(p.data);
        p.data[at] = p.data[at]! ^ 0x01;
      });
      const r = await read(inPlace);
      expect(r.ok ? 'ok' : [r.error.code, r.error.detail]).toEqual(['bundle-altered', 'the payload differs from the one the signed header describes']);
    }
  });

  it('bundle-truncated: cut at any of several lengths', async () => {
    const headerEnd = 30 + ENTRY_HEADER.length + entry(entriesOf(plain), ENTRY_HEADER).data.length;
    for (const length of [0, 1, 3, 10, 29, 40, headerEnd - 10, headerEnd + 50, Math.floor(plain.length / 2), plain.length - 200, plain.length - 22, plain.length - 1]) {
      const code = await codeOf(plain.subarray(0, length));
      expect(code, `cut at ${length}`).toBe('bundle-truncated');
    }
  });

  it('bundle-unknown-signer: re-signed by a stranger, with the stranger’s card for quarantine', async () => {
    const { bytes } = await bundleBytes(carol, ops);
    const r = await read(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bundle-unknown-signer');
    expect(r.header?.sender.organisation).toBe('ANSSI');
    expect(r.signerCard).toEqual(carol.card);
    expect(r.fingerprint).toMatch(/^[0-9A-Z]{4}-/);
  });

  it('bundle-signature-invalid: a stranger forging the key id of a trusted signer', async () => {
    const forger = createSeedSigner(fromBase64(carol.signingSeed), cardSigningKey(alice.card).keyId);
    const card = await createIdentityCard({ profile: carol.card, signer: forger, encryptionKey: carol.card.encryptionKey });
    const written = await writeBundle({ operations: ops, signer: forger, senderCard: card, workspace: 'real', sequence: 1, scope: { kind: 'snapshot' } });
    expect(await codeOf(await collect(written.chunks))).toBe('bundle-signature-invalid');
  });

  it('bundle-signer-revoked: a valid signature by a revoked key', async () => {
    const pk = cardSigningKey(alice.card).publicKey;
    expect(await codeOf(plain, { resolveSigner: () => ({ publicKey: pk, revoked: true }) })).toBe('bundle-signer-revoked');
  });

  it('bundle-from-newer-format: major 2 is refused, minor 1.1 with new fields and entries is read', async () => {
    const header = headerOf(plain);
    const payload = entry(entriesOf(plain), ENTRY_PAYLOAD).data;
    const v2 = await sealed(alice, { ...header, formatVersion: '2.0', somethingNew: { a: 1 } }, payload);
    const r2 = await read(v2);
    expect(r2.ok ? 'ok' : [r2.error.code, r2.formatVersion]).toEqual(['bundle-from-newer-format', '2.0']);
    const v11 = await sealed(alice, { ...header, formatVersion: '1.1', attachments: [] }, payload, true);
    const r11 = await read(v11);
    expect(r11.ok && r11.bundle.operations).toEqual(ops);
    const v10 = await sealed(alice, header, payload, true);
    expect(await codeOf(v10)).toBe('bundle-malformed');
  });

  it('bundle-malformed: bytes after the end of the ZIP', async () => {
    const r = await read(Uint8Array.from([...plain, 0]));
    expect(r.ok ? 'ok' : [r.error.code, r.error.detail]).toEqual(['bundle-malformed', 'bytes after the end of the ZIP archive']);
  });

  it('bundle-too-large: a decompression bomb stops at once', async () => {
    const bomb = gzipSync(new Uint8Array(64 * 1024 * 1024).fill(0x20), { level: 9, mtime: 0 });
    expect(bomb.length).toBeLessThan(100_000);
    const header = { ...headerOf(plain), payload: { name: ENTRY_PAYLOAD, bytes: bomb.length, blake2b512: toHex(blake2b512(bomb)) } };
    const started = Date.now();
    expect(await codeOf(await sealed(alice, header, bomb))).toBe('bundle-too-large');
    expect(Date.now() - started).toBeLessThan(2_000);
    // The ratio guard alone: one line of spaces, longer than any limit but the line length it is given.
    const spaces = gzipSync(new Uint8Array(8 * 1024 * 1024).fill(0x20), { level: 9, mtime: 0 });
    const spacesHeader = { ...headerOf(plain), payload: { name: ENTRY_PAYLOAD, bytes: spaces.length, blake2b512: toHex(blake2b512(spaces)) } };
    const ratio = await read(await sealed(alice, spacesHeader, spaces), { limits: { ratioGraceBytes: 64 * 1024, maxOperationBytes: 16 * 1024 * 1024 } });
    expect(ratio.ok ? 'ok' : ratio.error.detail).toMatch(/expands more than 200 times/);
    // The absolute limit as well, on an ordinary bundle.
    expect(await codeOf(plain, { limits: { maxDecompressedBytes: 5_000 } })).toBe('bundle-too-large');
  });

  it('bundle-too-large: header, payload, operation count and file limits', async () => {
    expect(await codeOf(plain, { limits: { maxHeaderBytes: 500 } })).toBe('bundle-too-large');
    expect(await codeOf(plain, { limits: { maxPayloadBytes: 1000 } })).toBe('bundle-too-large');
    expect(await codeOf(plain, { limits: { maxOperations: 24 } })).toBe('bundle-too-large');
    expect(await codeOf(plain, { limits: { maxBundleBytes: 2000 } })).toBe('bundle-too-large');
  });

  it('bundle-wrong-workspace: an exercise bundle offered to the real workspace', async () => {
    const { bytes } = await bundleBytes(alice, logEntryOperations(2, { origin: alice.card.installationId, workspace: 'exercise' }), { workspace: 'exercise' });
    expect(await codeOf(bytes, { expectedWorkspace: 'real' })).toBe('bundle-wrong-workspace');
    expect(await codeOf(plain, { expectedWorkspace: 'exercise' })).toBe('bundle-wrong-workspace');
  });

  it('bundle-malformed: a signed bundle whose operation says another workspace than its header', async () => {
    const header = headerOf(plain);
    const mixed = [...ops.slice(0, 2), { ...ops[2]!, workspace: 'exercise' }];
    const payload = ndjsonGz(mixed);
    const bad = await sealed(alice, { ...header, counts: { logEntries: 3 }, operations: 3, payload: { name: ENTRY_PAYLOAD, bytes: payload.length, blake2b512: toHex(blake2b512(payload)) } }, payload);
    const r = await read(bad);
    expect(r.ok ? 'ok' : [r.error.code, r.error.detail]).toEqual(['bundle-malformed', expect.stringContaining('workspace')]);
  });

  it('bundle-malformed: signed but out of order, not canonical, or miscounted', async () => {
    const header = headerOf(plain);
    const cases: Array<[string, Uint8Array, Partial<BundleHeader>]> = [
      ['order', ndjsonGz([ops[1], ops[0]]), { counts: { logEntries: 2 }, operations: 2 }],
      ['canonical', gzipSync(new TextEncoder().encode(JSON.stringify(ops[0]) + '\n')), { counts: { logEntries: 1 }, operations: 1 }],
      ['count', ndjsonGz(ops.slice(0, 2)), { counts: { logEntries: 3 }, operations: 3 }],
      ['unannounced table', ndjsonGz([ops[0], { ...ops[1]!, table: 'contacts' }]), { counts: { logEntries: 1 }, operations: 1 }],
      ['proto', ndjsonGz([{ ...ops[0]!, fields: JSON.parse('{"__proto__":{"tlp":"CLEAR"}}') as Record<string, unknown> }]), { counts: { logEntries: 1 }, operations: 1 }],
      // Log entries are append-only: a bundle that edits or deletes one is not a valid bundle.
      ['edit of a log entry', ndjsonGz([ops[0], { ...ops[1]!, recordId: ops[0]!.recordId, kind: 'update', fields: { text: 'rewritten', updatedAt: ops[1]!.fields.updatedAt, hlc: ops[1]!.hlc } }]), { counts: { logEntries: 2 }, operations: 2 }],
      ['deletion of a log entry', ndjsonGz([ops[0], { ...ops[1]!, recordId: ops[0]!.recordId, kind: 'delete', fields: { deleted: true, updatedAt: ops[1]!.fields.updatedAt, hlc: ops[1]!.hlc } }]), { counts: { logEntries: 2 }, operations: 2 }],
    ];
    for (const [what, payload, changes] of cases) {
      const bad = await sealed(alice, { ...header, ...changes, payload: { name: ENTRY_PAYLOAD, bytes: payload.length, blake2b512: toHex(blake2b512(payload)) } }, payload);
      expect(await codeOf(bad), what).toBe('bundle-malformed');
    }
  });

  it('bundle-malformed: two different operations under one operation id', async () => {
    const header = headerOf(plain);
    const payload = ndjsonGz([ops[0], { ...ops[1]!, opId: ops[0]!.opId }]);
    const bad = await sealed(alice, { ...header, counts: { logEntries: 2 }, operations: 2, payload: { name: ENTRY_PAYLOAD, bytes: payload.length, blake2b512: toHex(blake2b512(payload)) } }, payload);
    const r = await read(bad);
    expect(r.ok ? 'ok' : [r.error.code, r.error.detail]).toEqual(['bundle-malformed', expect.stringContaining(ops[0]!.opId)]);
    // The writer refuses to make such a bundle in the first place.
    await expect(bundleBytes(alice, [ops[0]!, { ...ops[1]!, opId: ops[0]!.opId }])).rejects.toThrow(/used twice/);
  });

  it('bundle-unauthorised-change: a creation in another installation’s name, without a maker, or an edit that changes the maker', async () => {
    const header = headerOf(plain);
    const makerless = { ...ops[1]!.fields };
    delete makerless['origin'];
    const cases: Array<[string, Operation]> = [
      ['fields.origin differs', { ...ops[0]!, fields: { ...ops[0]!.fields, origin: bob.card.installationId } }],
      ['no fields.origin', { ...ops[1]!, fields: makerless }],
      ['edit changes origin', { ...ops[0]!, table: 'contacts', kind: 'update', fields: { origin: alice.card.installationId, hlc: ops[0]!.hlc } }],
    ];
    for (const [what, op] of cases) {
      const payload = ndjsonGz([op]);
      const bad = await sealed(alice, { ...header, counts: { [op.table]: 1 }, operations: 1, payload: { name: ENTRY_PAYLOAD, bytes: payload.length, blake2b512: toHex(blake2b512(payload)) } }, payload);
      expect(await codeOf(bad), what).toBe('bundle-unauthorised-change');
      await expect(bundleBytes(alice, [op]), what).rejects.toThrow(/origin/);
    }
  });

  it('bundle-clock-ahead: an operation stamped more than the drift allowed ahead of the receiver’s clock', async () => {
    const last = ops[ops.length - 1]!;
    const stamped = Date.parse(last.hlc.slice(0, 24));
    // Read with a clock a day and a minute behind the newest operation: refused; a day behind: read.
    expect(await codeOf(plain, { clockNow: stamped - 24 * 3_600_000 - 60_000 })).toBe('bundle-clock-ahead');
    expect(await codeOf(plain, { clockNow: stamped - 24 * 3_600_000 })).toBe('ok');
    expect(await codeOf(plain, { clockNow: stamped - 60_000, maxClockAheadMs: 1_000 })).toBe('bundle-clock-ahead');
    // Without a clock (a tool that only inspects the file), no such check.
    expect(await codeOf(plain)).toBe('ok');
    const r = await read(plain, { clockNow: stamped - 48 * 3_600_000 });
    expect(r.ok ? '' : r.error.detail).toMatch(/48 hours ahead/);
  });

  it('bundle-not-for-this-installation: encrypted to someone else, no key given, or addressed elsewhere', async () => {
    const { bytes } = await bundleBytes(alice, ops, { recipients: [bob.card] });
    expect(await codeOf(bytes, { identities: [carol.ageIdentity] })).toBe('bundle-not-for-this-installation');
    expect(await codeOf(bytes)).toBe('bundle-not-for-this-installation');
    const addressed = (await bundleBytes(alice, ops, { to: [bob.card.installationId] })).bytes;
    expect(await codeOf(addressed, { thisInstallation: carol.card.installationId })).toBe('bundle-not-for-this-installation');
    expect(await codeOf(addressed, { thisInstallation: bob.card.installationId })).toBe('ok');
  });

  it('bundle-altered: an encrypted bundle with a flipped byte in its ciphertext', async () => {
    const { bytes } = await bundleBytes(alice, ops, { recipients: [bob.card] });
    const bad = Uint8Array.from(bytes);
    bad[bytes.length - 50] = bad[bytes.length - 50]! ^ 1;
    expect(await codeOf(bad, { identities: [bob.ageIdentity] })).toBe('bundle-altered');
  });

  it('bundle-not-recognised: other files', async () => {
    const { zipSync } = await import('fflate');
    expect(await codeOf(new TextEncoder().encode('hello, this is not a bundle at all'))).toBe('bundle-not-recognised');
    expect(await codeOf(zipSync({ 'notes.txt': new TextEncoder().encode('hi') }))).toBe('bundle-not-recognised');
    const otherJson = await forged((entries) => {
      entries[0]!.data = canonicalBytes({ format: 'something-else', formatVersion: '1.0' });
    });
    expect(await codeOf(otherJson)).toBe('bundle-not-recognised');
  });

  it('uses only codes from the closed list', async () => {
    const r = await read(plain.subarray(0, 100));
    expect(r.ok ? 'ok' : BUNDLE_ERROR_CODES.includes(r.error.code)).toBe(true);
  });
});
