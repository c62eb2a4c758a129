/**
 * Import receipts: a receipt made for a verified bundle reads back for its sender; every way a
 * receipt can be wrong is refused with its own code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../../../shared/bundle/canonical';
import { readBundle, type VerifiedBundle } from '../../../../shared/bundle/readBundle';
import {
  ENTRY_RECEIPT,
  ENTRY_RECEIPT_SIGNATURE,
  looksLikeReceipt,
  readReceipt,
  receiptBundleOf,
  receiptMatchesSentBundle,
  receiptTrustedComment,
  writeReceipt,
  type ReceiptErrorCode,
  type WriteReceiptOptions,
} from '../../../../shared/bundle/receipt';
import { blake2b512 } from '../../../../shared/crypto/blake2b';
import { fromUtf8, utf8 } from '../../../../shared/crypto/bytes';
import { secretIdentitySigner, type SecretIdentity } from '../../../../shared/crypto/identity';
import { createMinisignature } from '../../../../shared/crypto/minisign';
import { bundleBytes, chunksOf, entriesOf, keyringOf, logEntryOperations, makeIdentity, rezip } from './bundleFixtures';

let alice: SecretIdentity; // sends the bundle
let bob: SecretIdentity; // imports it and signs the receipt
let mallory: SecretIdentity;
let bundle: VerifiedBundle;
let receiptFile: Uint8Array;

function options(who: SecretIdentity, overrides: Partial<WriteReceiptOptions> = {}): WriteReceiptOptions {
  return {
    bundle: receiptBundleOf(bundle),
    workspace: bundle.header.workspace,
    outcome: 'imported',
    applied: 12,
    receivedAt: '2026-11-23T09:15:00.000Z',
    carriedBy: '  Lt. A. de Vries  ',
    recipientCard: who.card,
    signer: secretIdentitySigner(who),
    ...overrides,
  };
}

beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  bob = await makeIdentity('CCB', 'BE');
  mallory = await makeIdentity('ANSSI', 'FR');
  const written = await bundleBytes(alice, logEntryOperations(12, { origin: alice.card.installationId }), { sequence: 7 });
  const read = await readBundle(chunksOf(written.bytes), { resolveSigner: keyringOf(alice.card) });
  if (!read.ok) throw new Error(read.error.detail);
  bundle = read.bundle;
  receiptFile = (await writeReceipt(options(bob))).bytes;
});

async function codeOf(bytes: Uint8Array, keyring = keyringOf(bob.card)): Promise<ReceiptErrorCode | 'ok'> {
  const r = await readReceipt(bytes, { resolveSigner: (keyId) => keyring(keyId, undefined as never) });
  return r.ok ? 'ok' : r.code;
}

describe('receipts', () => {
  it('names the bundle by id, fingerprint, header hash and sequence, and reads back for the sender', async () => {
    const r = await readReceipt(receiptFile, { resolveSigner: (k) => keyringOf(bob.card)(k, undefined as never) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.receipt.bundle).toEqual({
      bundleId: bundle.header.bundleId,
      fingerprint: bundle.fingerprint,
      headerBlake2b512: Buffer.from(blake2b512(bundle.headerBytes)).toString('hex'),
      senderInstallationId: alice.card.installationId,
      sequence: 7,
      operations: 12,
    });
    expect(r.receipt.carriedBy).toBe('Lt. A. de Vries');
    expect(r.receipt.recipient.installationId).toBe(bob.card.installationId);
    expect(receiptMatchesSentBundle(r.receipt, { installationId: alice.card.installationId, bundleId: bundle.header.bundleId, fingerprint: bundle.fingerprint })).toBe(true);
    expect(receiptMatchesSentBundle(r.receipt, { installationId: alice.card.installationId, bundleId: bundle.header.bundleId, fingerprint: 'AAAA-AAAA-AAAA-AAAA' })).toBe(false);
    expect(receiptMatchesSentBundle(r.receipt, { installationId: mallory.card.installationId, bundleId: bundle.header.bundleId, fingerprint: bundle.fingerprint })).toBe(false);
  });

  it('is a plain ZIP of receipt.json (canonical JSON) and its minisign signature', () => {
    const entries = entriesOf(receiptFile);
    expect(entries.map((e) => e.name)).toEqual([ENTRY_RECEIPT, ENTRY_RECEIPT_SIGNATURE]);
    const json = entries[0]!.data;
    expect(canonicalBytes(JSON.parse(fromUtf8(json)))).toEqual(json);
    expect(fromUtf8(entries[1]!.data)).toContain(`trusted comment: crisis-workbook receipt`);
    expect(looksLikeReceipt(receiptFile)).toBe(true);
  });

  it('is told apart from a bundle by its first entry', async () => {
    const written = await bundleBytes(alice, logEntryOperations(2, { origin: alice.card.installationId }));
    expect(looksLikeReceipt(written.bytes)).toBe(false);
    expect(looksLikeReceipt(receiptFile.subarray(0, 20))).toBe(false);
    expect(await codeOf(written.bytes)).toBe('receipt-not-recognised');
  });

  it('cannot be signed with a key other than the recipient card’s', async () => {
    await expect(writeReceipt(options(bob, { signer: secretIdentitySigner(mallory) }))).rejects.toThrow(/not the key of the recipient card/);
  });

  it('refuses a signer that is not a verified peer, and a revoked one', async () => {
    expect(await codeOf(receiptFile, keyringOf(alice.card))).toBe('receipt-unknown-signer');
    const revoked = await readReceipt(receiptFile, { resolveSigner: () => ({ publicKey: bob.card.signingKey, revoked: true }) });
    expect(revoked.ok ? 'ok' : revoked.code).toBe('receipt-signer-revoked');
  });

  it('refuses any changed byte of the receipt text as altered or badly signed', async () => {
    const json = entriesOf(receiptFile)[0]!.data;
    let refusedAll = true;
    for (let i = 0; i < json.length; i += 7) {
      const copy = receiptFile.slice();
      copy[30 + ENTRY_RECEIPT.length + i]! ^= 0x01;
      const code = await codeOf(copy);
      if (code === 'ok') refusedAll = false;
      expect(['receipt-altered', 'receipt-malformed', 'receipt-not-recognised']).toContain(code);
    }
    expect(refusedAll).toBe(true);
  });

  it('refuses a receipt whose text was changed and re-zipped with fresh checksums', async () => {
    const entries = entriesOf(receiptFile);
    const receipt = JSON.parse(fromUtf8(entries[0]!.data)) as Record<string, unknown>;
    receipt.applied = 0;
    entries[0]!.data = canonicalBytes(receipt);
    expect(await codeOf(await rezip(entries))).toBe('receipt-signature-invalid');
  });

  it('refuses a receipt re-signed by a stranger who put in their own card', async () => {
    const entries = entriesOf(receiptFile);
    const receipt = JSON.parse(fromUtf8(entries[0]!.data)) as Record<string, unknown>;
    receipt.recipient = mallory.card;
    const json = canonicalBytes(receipt);
    entries[0]!.data = json;
    entries[1]!.data = utf8(
      await createMinisignature({
        signer: secretIdentitySigner(mallory),
        fileBlake2b512: blake2b512(json),
        trustedComment: receiptTrustedComment(receipt as never),
      }),
    );
    // Mallory's receipt is valid in itself, but Mallory is not in Alice's keyring.
    expect(await codeOf(await rezip(entries), keyringOf(bob.card))).toBe('receipt-unknown-signer');
    // Bob's card with Mallory's signature does not verify.
    entries[0]!.data = entriesOf(receiptFile)[0]!.data;
    expect(await codeOf(await rezip(entries), keyringOf(bob.card))).toBe('receipt-signature-invalid');
  });

  it('refuses a truncated receipt, a newer major format, and an oversized file', async () => {
    expect(await codeOf(receiptFile.subarray(0, receiptFile.length - 10))).toBe('receipt-truncated');
    const entries = entriesOf(receiptFile);
    const receipt = JSON.parse(fromUtf8(entries[0]!.data)) as Record<string, unknown>;
    receipt.formatVersion = '2.0';
    entries[0]!.data = canonicalBytes(receipt);
    expect(await codeOf(await rezip(entries))).toBe('receipt-from-newer-format');
    expect(await codeOf(new Uint8Array(70 * 1024))).toBe('receipt-malformed');
  });

  it('marks an exercise receipt, and refuses more operations applied than the bundle held', async () => {
    const exercise = await writeReceipt(options(bob, { workspace: 'exercise' }));
    expect(exercise.receipt.marking).toBe('EXERCISE — OEFENING');
    await expect(writeReceipt(options(bob, { applied: 13 }))).rejects.toThrow();
  });
});
