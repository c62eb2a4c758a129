/**
 * The signed content pack file (.cwpack): a written pack reads back as the same pack and names its
 * publisher; every kind of damage, forgery or untrusted origin is refused with its own code and
 * never yields part of a pack; and the standard tools (unzip, minisign -V) verify what we write.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PACK, BUILTIN_PACK_FILES } from '../../../../shared/content/builtinPack';
import {
  ENTRY_PACK,
  ENTRY_PACK_SIGNATURE,
  formatPath,
  looksLikePackFile,
  packJsonBytes,
  packTrustedComment,
  readPackFile,
  writePackArchive,
  writePackFile,
  type ReadPackFileResult,
} from '../../../../shared/content/packFile';
import { PROJECT_PACK_PUBLISHER, TRUSTED_PACK_PUBLISHERS, TrustedPublisherSchema } from '../../../../shared/content/publishers';
import { concatBytes, fromUtf8, utf8 } from '../../../../shared/crypto/bytes';
import { minisignKeyIdLabel, minisignPublicKeyFile } from '../../../../shared/crypto/minisign';
import { createSeedSigner } from '../../../../shared/crypto/seedSigner';
import { crc32, writeZip } from '../../../../shared/bundle/zip';
import { TEST_PACK_PUBLISHER, TEST_PACK_SIGNER, TEST_PUBLISHER_PUBLIC_KEY_FILE } from '../../../fixtures/packs/testPublisher';
import { missingTools, run } from '../../../integration/cli/tools';

const TRUSTED = [TEST_PACK_PUBLISHER];
const LOCAL_HEADER = 30;

/** Offset of the data of the first entry (pack.json) in a file written by writePackArchive. */
const packDataOffset = () => LOCAL_HEADER + ENTRY_PACK.length;

function refusal(result: ReadPackFileResult) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('accepted');
  expect(result).not.toHaveProperty('pack');
  return result;
}

/** A copy of `bytes` with pack.json's stored CRC-32 (local header and central directory) set to that of its data. */
function fixCrc(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  const size = v.getUint32(18, true);
  const crc = crc32(out.subarray(packDataOffset(), packDataOffset() + size));
  v.setUint32(14, crc, true);
  // The central directory starts where the end record says.
  const centralStart = v.getUint32(out.length - 22 + 16, true);
  v.setUint32(centralStart + 16, crc, true);
  return out;
}

describe('content pack file', () => {
  let file: Uint8Array;
  beforeAll(async () => {
    file = await writePackFile(BUILTIN_PACK_FILES, TEST_PACK_SIGNER);
  });

  it('round-trips the built-in pack and names the publisher and the signed comment', async () => {
    expect(looksLikePackFile(file)).toBe(true);
    const result = await readPackFile(file, TRUSTED);
    if (!result.ok) throw new Error(`${result.code}: ${result.detail}`);
    expect(result.pack).toEqual(BUILTIN_PACK);
    expect(result.publisher.keyId).toBe('B55E80ECCBB441C4');
    expect(result.publisher.name).toBe(TEST_PACK_PUBLISHER.name);
    expect(result.trustedComment).toBe(packTrustedComment(BUILTIN_PACK.manifest));
    // Deterministic: the same pack and key give the same file.
    expect(await writePackFile(BUILTIN_PACK_FILES, TEST_PACK_SIGNER)).toEqual(file);
  });

  it('refuses a pack whose pack.json changed after signing: signature-invalid', async () => {
    const at = packDataOffset() + 200;
    const flipped = file.slice();
    flipped[at] = (flipped[at] ?? 0) ^ 0x01;
    // With the ZIP checksum left alone, and with it recomputed to hide the change: the signature catches both.
    for (const bytes of [flipped, fixCrc(flipped)]) {
      const r = refusal(await readPackFile(bytes, TRUSTED));
      expect(r.code).toBe('signature-invalid');
      expect(r.detail).toMatch(/does not verify/);
    }
  });

  it('refuses a pack signed by a key that is not trusted: unknown-publisher', async () => {
    const stranger = createSeedSigner(new Uint8Array(32).fill(7), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    const forged = await writePackFile(BUILTIN_PACK_FILES, stranger);
    const r = refusal(await readPackFile(forged, TRUSTED));
    expect(r.code).toBe('unknown-publisher');
    expect(r.keyId).toBe(minisignKeyIdLabel(stranger.keyId));
    // The application's own list does not trust the TEST key.
    expect(refusal(await readPackFile(file, TRUSTED_PACK_PUBLISHERS)).code).toBe('unknown-publisher');
    expect(TRUSTED_PACK_PUBLISHERS.map((p) => p.keyId)).not.toContain(TEST_PACK_PUBLISHER.keyId);
    expect(TRUSTED_PACK_PUBLISHERS).toEqual([PROJECT_PACK_PUBLISHER]);
  });

  it('refuses a signature made by another key under a trusted key id: signature-invalid', async () => {
    const impostor = createSeedSigner(new Uint8Array(32).fill(9), TEST_PACK_SIGNER.keyId);
    const r = refusal(await readPackFile(await writePackFile(BUILTIN_PACK_FILES, impostor), TRUSTED));
    expect(r.code).toBe('signature-invalid');
  });

  it('refuses a pack of a revoked publisher: revoked-publisher', async () => {
    const r = refusal(await readPackFile(file, [{ ...TEST_PACK_PUBLISHER, revoked: true }]));
    expect(r.code).toBe('revoked-publisher');
    expect(r.keyId).toBe(TEST_PACK_PUBLISHER.keyId);
  });

  it('refuses a validly signed pack.json that breaks the schema: malformed-pack with the path', async () => {
    const broken = structuredClone(BUILTIN_PACK) as unknown as { procedures: Array<{ steps: Array<{ kind: unknown }> }> };
    broken.procedures[2]!.steps[1]!.kind = 'teleport';
    const bytes = await writePackArchive(utf8(JSON.stringify(broken)), TEST_PACK_SIGNER, 'broken');
    const r = refusal(await readPackFile(bytes, TRUSTED));
    expect(r.code).toBe('malformed-pack');
    expect(r.path).toBe('procedures[2].steps[1].kind');
    expect(r.detail).toContain('procedures[2].steps[1].kind');

    const notJson = refusal(await readPackFile(await writePackArchive(utf8('{"manifest": '), TEST_PACK_SIGNER, 'x'), TRUSTED));
    expect(notJson.code).toBe('malformed-pack');
    expect(notJson.path).toBe('');
    const notUtf8 = refusal(await readPackFile(await writePackArchive(new Uint8Array([0x7b, 0xff, 0x7d]), TEST_PACK_SIGNER, 'x'), TRUSTED));
    expect(notUtf8.code).toBe('malformed-pack');
  });

  it('refuses what is not a pack archive, or lacks a member, or is too large', async () => {
    expect(refusal(await readPackFile(utf8('{"manifest": {}}'), TRUSTED)).code).toBe('not-a-zip');
    expect(refusal(await readPackFile(file.subarray(0, file.length - 10), TRUSTED)).code).toBe('not-a-zip');
    expect(refusal(await readPackFile(new Uint8Array(0), TRUSTED)).code).toBe('not-a-zip');

    // Only pack.json: written with the project's ZIP writer through a signature-less archive.
    const json = packJsonBytes(BUILTIN_PACK);
    const zipOf = async (entries: Array<{ name: string; data: Uint8Array }>) => {
      const parts: Uint8Array[] = [];
      for await (const c of writeZip(entries.map((e) => ({ name: e.name, size: e.data.length, crc32: crc32(e.data), data: e.data })))) parts.push(c);
      return concatBytes(...parts);
    };
    const unsigned = refusal(await readPackFile(await zipOf([{ name: ENTRY_PACK, data: json }]), TRUSTED));
    expect(unsigned.code).toBe('missing-member');
    expect(unsigned.detail).toContain(ENTRY_PACK_SIGNATURE);
    const signatureOnly = refusal(await readPackFile(await zipOf([{ name: ENTRY_PACK_SIGNATURE, data: utf8('x') }]), TRUSTED));
    expect(signatureOnly.code).toBe('missing-member');
    const extra = refusal(await readPackFile(await zipOf([{ name: ENTRY_PACK, data: json }, { name: 'run.sh', data: utf8('echo') }]), TRUSTED));
    expect(extra.code).toBe('missing-member');

    expect(refusal(await readPackFile(file, TRUSTED, { maxFileBytes: file.length - 1 })).code).toBe('too-large');
    expect(refusal(await readPackFile(file, TRUSTED, { maxPackBytes: 1000 })).code).toBe('too-large');
  });

  it('refuses a damaged archive whose signed content is intact: not-a-zip', async () => {
    const damaged = file.slice();
    const v = new DataView(damaged.buffer);
    v.setUint32(14, v.getUint32(14, true) ^ 1, true);
    expect(refusal(await readPackFile(damaged, TRUSTED)).code).toBe('not-a-zip');
  });

  it('does not sign a pack that breaks the schema or a pack rule', async () => {
    const noCitations = structuredClone(BUILTIN_PACK);
    noCitations.procedures[0]!.steps[0]!.citations = [];
    await expect(writePackFile(noCitations, TEST_PACK_SIGNER)).rejects.toThrow(/pack rule/);
    const badVersion = structuredClone(BUILTIN_PACK);
    badVersion.manifest.version = 'one';
    await expect(writePackFile(badVersion, TEST_PACK_SIGNER)).rejects.toThrow(/manifest\.version/);
  });

  it('validates the trusted list: a key id must match its key', () => {
    expect(TrustedPublisherSchema.safeParse({ ...TEST_PACK_PUBLISHER, keyId: PROJECT_PACK_PUBLISHER.keyId }).success).toBe(false);
    expect(TrustedPublisherSchema.safeParse({ ...TEST_PACK_PUBLISHER, publicKey: 'RW' }).success).toBe(false);
    expect(formatPath(['procedures', 2, 'steps', 0, 'title', 'en'])).toBe('procedures[2].steps[0].title.en');
  });
});

const missing = missingTools(['minisign', 'unzip'], 'content pack checks with the standard tools');

describe.skipIf(missing.length > 0)('content pack file checked with unzip and minisign', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwpack-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('unzips to pack.json and pack.json.minisig, which minisign -V verifies with the publisher key', async () => {
    const pack = join(dir, 'pack.cwpack');
    writeFileSync(pack, await writePackFile(BUILTIN_PACK_FILES, TEST_PACK_SIGNER));
    const out = join(dir, 'out');
    const unzip = run('unzip', ['-q', '-d', out, pack]);
    expect(unzip.status, unzip.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, ENTRY_PACK), 'utf8'))).toEqual(JSON.parse(JSON.stringify(BUILTIN_PACK)));

    const ok = run('minisign', ['-V', '-p', TEST_PUBLISHER_PUBLIC_KEY_FILE, '-m', join(out, ENTRY_PACK)]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Trusted comment: ${packTrustedComment(BUILTIN_PACK.manifest)}`);

    // Our own rendering of the public key file is what minisign -G wrote.
    expect(minisignPublicKeyFile(TEST_PACK_SIGNER)).toBe(readFileSync(TEST_PUBLISHER_PUBLIC_KEY_FILE, 'utf8'));

    // A changed pack.json fails with minisign too, and so does another publisher's key.
    const json = readFileSync(join(out, ENTRY_PACK));
    json[100] = (json[100] ?? 0) ^ 1;
    writeFileSync(join(out, ENTRY_PACK), json);
    expect(run('minisign', ['-V', '-p', TEST_PUBLISHER_PUBLIC_KEY_FILE, '-m', join(out, ENTRY_PACK)]).status).not.toBe(0);
    writeFileSync(join(dir, 'project.pub'), `untrusted comment: minisign public key ${PROJECT_PACK_PUBLISHER.keyId}\n${PROJECT_PACK_PUBLISHER.publicKey}\n`);
    expect(run('minisign', ['-V', '-p', join(dir, 'project.pub'), '-m', join(out, ENTRY_PACK)]).status).not.toBe(0);
  });

  it('reads a pack.json signed by the minisign tool itself with the TEST key', async () => {
    const json = join(dir, ENTRY_PACK);
    writeFileSync(json, packJsonBytes(BUILTIN_PACK));
    const secret = join(import.meta.dirname, '../../../fixtures/packs/TEST-ONLY-publisher.key');
    const signed = run('minisign', ['-S', '-s', secret, '-m', json, '-t', 'signed with the minisign tool']);
    expect(signed.status, signed.stderr).toBe(0);
    // Put minisign's own signature into the archive in place of ours.
    const ours = await writePackArchive(packJsonBytes(BUILTIN_PACK), TEST_PACK_SIGNER, 'placeholder');
    const sig = readFileSync(`${json}.minisig`);
    const data = packJsonBytes(BUILTIN_PACK);
    const parts: Uint8Array[] = [];
    for await (const c of writeZip([
      { name: ENTRY_PACK, size: data.length, crc32: crc32(data), data },
      { name: ENTRY_PACK_SIGNATURE, size: sig.length, crc32: crc32(sig), data: sig },
    ])) parts.push(c);
    const theirs = concatBytes(...parts);
    expect(theirs).not.toEqual(ours);
    const result = await readPackFile(theirs, TRUSTED);
    if (!result.ok) throw new Error(`${result.code}: ${result.detail}`);
    expect(result.trustedComment).toBe('signed with the minisign tool');
    expect(fromUtf8(sig)).toMatch(/^untrusted comment: /);
  });
});
