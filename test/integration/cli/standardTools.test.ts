/**
 * Bundles written by the code, checked with standard tools only — what a recipient without
 * Crisis Workbook can do (docs/bundle-format.md): unzip, minisign -V, b2sum, age -d.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../../shared/bundle/readBundle';
import { receiptBundleOf, writeReceipt } from '../../../shared/bundle/receipt';
import { cardSigningKey, protectSecretIdentity, secretIdentitySigner, type SecretIdentity } from '../../../shared/crypto/identity';
import { minisignPublicKeyFile } from '../../../shared/crypto/minisign';
import type { BundleHeader } from '../../../shared/bundle/header';
import { bundleBytes, chunksOf, keyringOf, logEntryOperations, makeIdentity } from '../../unit/shared/bundle/bundleFixtures';
import { missingTools, onPath, run } from './tools';

const missing = missingTools(['minisign', 'age', 'age-keygen', 'unzip', 'b2sum'], 'bundle checks with the standard tools');

describe.skipIf(missing.length > 0)('bundles checked with minisign, b2sum, unzip and age', () => {
  let dir: string;
  let alice: SecretIdentity;
  let bob: SecretIdentity;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cwb-tools-'));
    alice = await makeIdentity('NCSC-NL', 'NL');
    bob = await makeIdentity('CCB', 'BE');
    writeFileSync(join(dir, 'signer.pub'), minisignPublicKeyFile(cardSigningKey(alice.card)));
    writeFileSync(join(dir, 'bob-key.txt'), `${bob.ageIdentity}\n`);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function unzipInto(bundle: Uint8Array, name: string): string {
    const sub = join(dir, name);
    writeFileSync(`${sub}.cwb`, bundle);
    const r = run('unzip', ['-q', '-d', sub, `${sub}.cwb`]);
    expect(r.status, r.stderr).toBe(0);
    return sub;
  }

  it('minisign verifies header and payload; b2sum matches the signed header', async () => {
    const { bytes } = await bundleBytes(alice, logEntryOperations(300, { origin: alice.card.installationId }), { sequence: 4 });
    const out = unzipInto(bytes, 'plain');
    const header = run('minisign', ['-Vm', join(out, 'header.json'), '-p', join(dir, 'signer.pub')]);
    expect(header.status, header.stderr).toBe(0);
    expect(header.stdout).toContain('Signature and comment signature verified');
    expect(header.stdout).toMatch(/Trusted comment: crisis-workbook bundle [0-9A-Z]{26} seq=4 workspace=real file=header.json/);
    const payload = run('minisign', ['-Vm', join(out, 'operations.ndjson.gz'), '-p', join(dir, 'signer.pub')]);
    expect(payload.status, payload.stderr).toBe(0);
    const b2 = run('b2sum', [join(out, 'operations.ndjson.gz')]);
    const signed = JSON.parse(readFileSync(join(out, 'header.json'), 'utf8')) as BundleHeader;
    expect(b2.stdout.split(' ')[0]).toBe(signed.payload.blake2b512);
    // The key inline (minisign -P) works as well: it is the card's signingKey.
    expect(run('minisign', ['-Vm', join(out, 'header.json'), '-P', alice.card.signingKey]).status).toBe(0);
  });

  it('minisign verifies an import receipt with the recipient card’s key, and refuses a changed one', async () => {
    const { bytes } = await bundleBytes(alice, logEntryOperations(5, { origin: alice.card.installationId }), { sequence: 9 });
    const read = await readBundle(chunksOf(bytes), { resolveSigner: keyringOf(alice.card) });
    if (!read.ok) throw new Error(read.error.detail);
    const receipt = await writeReceipt({
      bundle: receiptBundleOf(read.bundle),
      workspace: 'real',
      outcome: 'imported',
      applied: 5,
      receivedAt: '2026-11-23T10:00:00.000Z',
      carriedBy: 'J. Peeters',
      recipientCard: bob.card,
      signer: secretIdentitySigner(bob),
    });
    writeFileSync(join(dir, 'receipt.cwr'), receipt.bytes);
    const out = join(dir, 'receipt');
    expect(run('unzip', ['-q', '-d', out, join(dir, 'receipt.cwr')]).status).toBe(0);
    const ok = run('minisign', ['-Vm', join(out, 'receipt.json'), '-P', bob.card.signingKey]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Trusted comment: crisis-workbook receipt ${receipt.receipt.receiptId} bundle=${read.bundle.header.bundleId} outcome=imported`);
    const text = readFileSync(join(out, 'receipt.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ bundle: { fingerprint: read.bundle.fingerprint, sequence: 9 }, carriedBy: 'J. Peeters' });
    writeFileSync(join(out, 'receipt.json'), text.replace('"applied":5', '"applied":4'));
    expect(run('minisign', ['-Vm', join(out, 'receipt.json'), '-P', bob.card.signingKey]).status).not.toBe(0);
    // Signed by Bob, not by Alice.
    expect(run('minisign', ['-Vm', join(out, 'receipt.json'), '-P', alice.card.signingKey]).status).not.toBe(0);
  });

  it('minisign refuses a tampered header or payload', async () => {
    const { bytes } = await bundleBytes(alice, logEntryOperations(50, { origin: alice.card.installationId }));
    const out = unzipInto(bytes, 'tampered');
    for (const name of ['header.json', 'operations.ndjson.gz']) {
      const file = join(out, name);
      const content = readFileSync(file);
      content[Math.floor(content.length / 2)]! ^= 0x01;
      writeFileSync(file, content);
      const r = run('minisign', ['-Vm', file, '-p', join(dir, 'signer.pub')]);
      expect(r.status, name).not.toBe(0);
      expect(r.stderr + r.stdout).toMatch(/Signature verification failed/);
    }
  });

  it('age -d opens an encrypted bundle with the recipient key, and only with it', async () => {
    const { bytes } = await bundleBytes(alice, logEntryOperations(40, { origin: alice.card.installationId }), { recipients: [bob.card] });
    const file = join(dir, 'encrypted.cwb');
    writeFileSync(file, bytes);
    const zip = join(dir, 'decrypted.cwb');
    const r = run('age', ['-d', '-i', join(dir, 'bob-key.txt'), '-o', zip, file]);
    expect(r.status, r.stderr).toBe(0);
    expect(run('unzip', ['-l', zip]).stdout).toContain('operations.ndjson.gz.minisig');
    const read = await readBundle(chunksOf(readFileSync(zip)), { resolveSigner: keyringOf(alice.card) });
    expect(read.ok && read.bundle.operations.length).toBe(40);
    const stranger = join(dir, 'stranger.txt');
    run('age-keygen', ['-o', stranger]);
    expect(run('age', ['-d', '-i', stranger, '-o', join(dir, 'no.cwb'), file]).status).not.toBe(0);
  });

  it('reads a bundle that the age tool encrypted', async () => {
    const { bytes } = await bundleBytes(alice, logEntryOperations(10, { origin: alice.card.installationId }));
    writeFileSync(join(dir, 'for-age.cwb'), bytes);
    const encrypted = join(dir, 'by-age.cwb');
    expect(run('age', ['-r', bob.card.encryptionKey, '-o', encrypted, join(dir, 'for-age.cwb')]).status).toBe(0);
    const read = await readBundle(chunksOf(readFileSync(encrypted)), { resolveSigner: keyringOf(alice.card), identities: [bob.ageIdentity] });
    expect(read.ok && read.bundle.receivedEncrypted).toBe(true);
  });

  it.skipIf(!onPath('script'))('age -d opens a secret identity file with its passphrase (identity backup)', async () => {
    const file = join(dir, 'secret.age');
    writeFileSync(file, await protectSecretIdentity(alice, 'tr0mbone staple', { scryptWorkFactor: 12 }));
    // age 1.1 reads passphrases only from a terminal; `script` provides one (toolchain.md §5b).
    const out = join(dir, 'secret.json');
    const r = run('script', ['-qec', `age -d -o ${out} ${file}`, '/dev/null'], { input: 'tr0mbone staple\n' });
    expect(r.status, r.stdout).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'crisis-workbook-secret-identity', card: alice.card });
  });
});
