/**
 * Bundle files kept forever in test/fixtures/bundles (B9): every future version of the reader must
 * still read the 1.0 files and refuse the broken ones with the same codes. The files were made
 * once with `WRITE_BUNDLE_FIXTURES=1 npx vitest run test/unit/shared/bundle/fixtures.test.ts`
 * (the fixture identities' passphrase is in passphrase.txt: they are test keys); without that
 * variable this test only reads them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../../../shared/bundle/canonical';
import { ENTRY_HEADER, type BundleHeader } from '../../../../shared/bundle/header';
import { readBundle, type ReadBundleOptions } from '../../../../shared/bundle/readBundle';
import { sealBundle } from '../../../../shared/bundle/writeBundle';
import { crc32 } from '../../../../shared/bundle/zip';
import { blake2b512 } from '../../../../shared/crypto/blake2b';
import { parseIdentityCard, secretIdentitySigner, unprotectSecretIdentity, type IdentityCard } from '../../../../shared/crypto/identity';
import { bundleBytes, chunksOf, collect, entriesOf, keyringOf, logEntryOperations, rezip, testUlid } from './bundleFixtures';

const DIR = resolve(import.meta.dirname, '../../../fixtures/bundles');
const file = (name: string): string => join(DIR, name);
const card = (who: string): IdentityCard => {
  const parsed = parseIdentityCard(readFileSync(file(`${who}/identity.card.json`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.card;
};

/** The bundles, (re)written only on request. */
async function writeFixtures(): Promise<void> {
  const passphrase = readFileSync(file('passphrase.txt'), 'utf8').split('\n')[0]!;
  const opened = await unprotectSecretIdentity(readFileSync(file('signer/identity.secret.age')), passphrase);
  if (!opened.ok) throw new Error(opened.detail);
  const signer = opened.secret;
  const ops = logEntryOperations(3, { origin: signer.card.installationId, startMs: Date.parse('2026-03-01T08:00:00.000Z') });
  const fixed = { bundleId: testUlid('FIXTURE', 1), createdAt: '2026-03-01T09:00:00.000Z', sequence: 1 };
  const minimal = await bundleBytes(signer, ops, fixed);
  writeFileSync(file('v1-minimal.cwb'), minimal.bytes);
  writeFileSync(file('v1-encrypted.cwb'), (await bundleBytes(signer, ops, { ...fixed, bundleId: testUlid('FIXTURE', 2), sequence: 2, recipients: [card('recipient')] })).bytes);
  const entries = entriesOf(minimal.bytes);
  entries[0]!.data = canonicalBytes({ ...(JSON.parse(new TextDecoder().decode(entries[0]!.data)) as BundleHeader), highestTlp: 'CLEAR' });
  writeFileSync(file('tampered-signature.cwb'), await rezip(entries));
  const payload = entriesOf(minimal.bytes)[2]!.data;
  const future = await sealBundle({
    header: { ...minimal.written.header, formatVersion: '2.0', bundleId: testUlid('FIXTURE', 3) },
    payload: { bytes: payload.length, crc32: crc32(payload), blake2b512: blake2b512(payload), chunks: chunksOf(payload) },
    signer: secretIdentitySigner(signer),
  });
  writeFileSync(file('future-format.cwb'), await collect(future.chunks));
}

describe('bundle fixtures kept forever', () => {
  let options: ReadBundleOptions;

  beforeAll(async () => {
    if (process.env.WRITE_BUNDLE_FIXTURES === '1') await writeFixtures();
    options = { resolveSigner: keyringOf(card('signer')) };
  }, 30_000);

  it('reads the 1.0 bundle', async () => {
    const r = await readBundle(chunksOf(readFileSync(file('v1-minimal.cwb'))), options);
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.bundle.header).toMatchObject({ formatVersion: '1.0', bundleId: testUlid('FIXTURE', 1), sequence: 1, operations: 3, counts: { logEntries: 3 } });
    expect(r.bundle.operations.map((o) => o.fields.text)).toEqual(logEntryOperations(3, { origin: card('signer').installationId }).map((o) => o.fields.text));
    expect(r.bundle.fingerprint).toBe(FINGERPRINT_V1_MINIMAL);
  });

  it('reads the encrypted 1.0 bundle with the recipient key', async () => {
    const passphrase = readFileSync(file('passphrase.txt'), 'utf8').split('\n')[0]!;
    const recipient = await unprotectSecretIdentity(readFileSync(file('recipient/identity.secret.age')), passphrase);
    if (!recipient.ok) throw new Error(recipient.detail);
    const r = await readBundle(chunksOf(readFileSync(file('v1-encrypted.cwb'))), { ...options, identities: [recipient.secret.ageIdentity] });
    expect(r.ok && r.bundle.header.to).toEqual([card('recipient').installationId]);
  }, 15_000);

  it('refuses the tampered bundle and the future-format bundle with their codes', async () => {
    const tampered = await readBundle(chunksOf(readFileSync(file('tampered-signature.cwb'))), options);
    expect(tampered.ok ? 'ok' : tampered.error.code).toBe('bundle-signature-invalid');
    const future = await readBundle(chunksOf(readFileSync(file('future-format.cwb'))), options);
    expect(future.ok ? 'ok' : [future.error.code, future.formatVersion]).toEqual(['bundle-from-newer-format', '2.0']);
  });

  it('keeps header.json the first entry', () => {
    expect(entriesOf(readFileSync(file('v1-minimal.cwb')))[0]!.name).toBe(ENTRY_HEADER);
  });
});

/** Courier fingerprint of v1-minimal.cwb; it changes only if the fixture is regenerated. */
const FINGERPRINT_V1_MINIMAL = 'F00X-F79J-D3PG-SMKR';
