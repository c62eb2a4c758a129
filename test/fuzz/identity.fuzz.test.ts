/**
 * Fuzzing identity cards (pasted or read from files from anywhere) and receipts (signed files
 * coming back from peers), issue 9: any text or bytes give a result value, never an exception;
 * a refusal has its code and a bounded detail; only an unchanged, correctly signed card or receipt
 * is accepted.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../shared/bundle/canonical';
import { readBundle } from '../../shared/bundle/readBundle';
import { RECEIPT_ERROR_CODES, readReceipt, receiptBundleOf, writeReceipt } from '../../shared/bundle/receipt';
import { IDENTITY_ERROR_CODES, identityCardText, parseIdentityCard, secretIdentitySigner, verifyIdentityCard, type SecretIdentity } from '../../shared/crypto/identity';
import { entriesOf, keyringOf, logEntryOperations, makeIdentity, rezip } from '../unit/shared/bundle/bundleFixtures';
import { bundleBytes, chunksOf } from './bundleKit';
import { MAX_DETAIL_CHARS, TEST_TIMEOUT_MS, expectBoundedMessage, fuzzParser, reportCounts } from './fuzzKit';
import { byteMutations, deepJsonField, deepJsonText, duplicateKey, hostileText, hugeText, jsonMutations, jsonText, mutateBytes, mutateJson } from './hostile';

reportCounts('identity');

let alice: SecretIdentity;
let bob: SecretIdentity;
let cardText: string;
let receiptFile: Uint8Array;

beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  bob = await makeIdentity('CCB', 'BE');
  cardText = identityCardText(alice.card);
  const written = await bundleBytes(alice, logEntryOperations(3, { origin: alice.card.installationId }), { sequence: 2 });
  const read = await readBundle(chunksOf(written.bytes), { resolveSigner: keyringOf(alice.card) });
  if (!read.ok) throw new Error(read.error.detail);
  receiptFile = (
    await writeReceipt({
      bundle: receiptBundleOf(read.bundle),
      workspace: 'real',
      outcome: 'imported',
      applied: 3,
      receivedAt: '2026-11-23T09:15:00.000Z',
      carriedBy: 'Courier',
      recipientCard: bob.card,
      signer: secretIdentitySigner(bob),
    })
  ).bytes;
});

type CardResult = ReturnType<typeof parseIdentityCard>;

function expectCardResult(r: CardResult, input: string): void {
  if (r.ok) return;
  expect(IDENTITY_ERROR_CODES).toContain(r.code);
  expectBoundedMessage(r.detail, input);
}

describe('identity card', () => {
  const cards = fuzzParser('identity card', 3);

  it('parses any text without throwing', () => {
    cards.check(1000, [fc.oneof(hostileText, hugeText, deepJsonText, deepJsonField(['format', 'version', 'organisation', 'signingKey']), fc.string({ unit: 'binary' }), fc.json())], (text) => {
      const r = parseIdentityCard(text);
      expect(r.ok).toBe(false);
      expectCardResult(r, text);
    });
  });

  it('accepts a mutated card only when its self-signature still covers every field', () => {
    cards.check(1500, [jsonMutations, fc.boolean()], (mutations, pretty) => {
      const value = mutateJson(JSON.parse(cardText), mutations);
      const text = pretty ? jsonText(value, (v) => JSON.stringify(v, null, 2)) : jsonText(value, (v) => JSON.stringify(v));
      if (text === null) return;
      const r = parseIdentityCard(text);
      expectCardResult(r, text);
      if (r.ok) expect(r.card).toEqual(alice.card);
    });
  });

  it('refuses duplicate keys that would change a signed field, and byte-level damage', () => {
    cards.check(800, [fc.constantFrom('organisation', 'signingKey', 'encryptionKey', 'installationId', 'format', '__proto__'), hostileText, byteMutations], (key, value, mutations) => {
      // JSON.parse keeps the last duplicate: the signed value, unless the file puts another after it.
      const dup = duplicateKey(cardText, key, JSON.stringify(value));
      const r1 = parseIdentityCard(dup);
      expectCardResult(r1, dup);
      if (r1.ok) expect(r1.card).toEqual(alice.card);
      const damaged = new TextDecoder().decode(mutateBytes(new TextEncoder().encode(cardText), mutations));
      const r2 = parseIdentityCard(damaged);
      expectCardResult(r2, damaged);
      if (r2.ok) expect(r2.card).toEqual(alice.card);
    });
    // Values that are not text at all.
    for (const value of [null, undefined, 0, [], [alice.card], 'card', { ...alice.card, format: { toString: null } }]) {
      cards.counted();
      expect(verifyIdentityCard(value).ok).toBe(false);
    }
  });
});

describe('identity card: regressions found by fuzzing', () => {
  it('refuses a card whose format is deeply nested, without overflowing the stack', () => {
    // Was: RangeError (Maximum call stack size exceeded) thrown by JSON.stringify(raw.format) in the refusal detail.
    const text = `{"format":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(parseIdentityCard(text)).toMatchObject({ ok: false, code: 'identity-not-recognised', detail: 'format is an array, not "crisis-workbook-identity"' });
  });

  it('refuses a card with a lone surrogate in a text field instead of throwing', () => {
    // Was: Error "Lone surrogate is not allowed" thrown by canonicalize (long run, seed -1580356646).
    const text = JSON.stringify({ ...alice.card, organisation: 'NCSC\uD800' });
    expect(parseIdentityCard(text)).toMatchObject({ ok: false, code: 'identity-malformed' });
  });

  it('does not quote a long format value whole', () => {
    // Was: the detail quoted the whole value (seed -1648975378: an array of 267 numbers, 1,001 characters).
    const r = parseIdentityCard(JSON.stringify({ format: 'x'.repeat(1_000_000) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail.length).toBeLessThan(120);
    expect(parseIdentityCard(JSON.stringify({ format: Array.from({ length: 267 }, (_, i) => i) }))).toMatchObject({ detail: 'format is an array, not "crisis-workbook-identity"' });
  });
});

/**
 * The longest detail of a receipt refusal. (Was the 64 KiB receipt limit: `formatVersion` and
 * schema issue paths were quoted whole; now cut short, and every detail bounded.)
 */
const RECEIPT_DETAIL_BOUND = MAX_DETAIL_CHARS;

describe('receipt', () => {
  const receipts = fuzzParser('receipt', 2);
  const read = (bytes: Uint8Array) => readReceipt(bytes, { resolveSigner: (k) => keyringOf(bob.card)(k, undefined as never) });

  it('reads mutated receipt files without throwing, accepting only the unchanged one', { timeout: TEST_TIMEOUT_MS }, async () => {
    await receipts.checkAsync(500, [byteMutations], async (mutations) => {
      const changed = mutateBytes(receiptFile, mutations);
      const r = await read(changed);
      if (r.ok) expect(changed).toEqual(receiptFile);
      else {
        expect(RECEIPT_ERROR_CODES).toContain(r.code);
        expectBoundedMessage(r.detail, undefined, RECEIPT_DETAIL_BOUND);
      }
    });
  });

  it('keeps every receipt refusal detail under MAX_DETAIL_CHARS', async () => {
    // Found by the receipt property (seed 1020459551): formatVersion was quoted whole.
    const huge = Array.from({ length: 5_000 }, (_, i) => i);
    for (const body of [
      { format: 'crisis-workbook-receipt', formatVersion: huge },
      { format: 'crisis-workbook-receipt', formatVersion: '1.0', [`x${'y'.repeat(20_000)}`]: { deep: huge } },
    ]) {
      const file = await rezip([
        { name: 'receipt.json', data: new TextEncoder().encode(canonicalize(body)) },
        { name: 'receipt.json.minisig', data: new TextEncoder().encode('untrusted comment: x\n') },
      ]);
      const r = await readReceipt(file, { resolveSigner: () => null });
      receipts.counted();
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(RECEIPT_ERROR_CODES).toContain(r.code);
        expectBoundedMessage(r.detail, JSON.stringify(huge), MAX_DETAIL_CHARS);
      }
    }
  });

  it('refuses receipts whose JSON was changed (checksums fixed, as a forger would)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const entries = entriesOf(receiptFile);
    const json = JSON.parse(new TextDecoder().decode(entries[0]?.data)) as unknown;
    await receipts.checkAsync(300, [jsonMutations], async (mutations) => {
      const text = jsonText(mutateJson(json, mutations), (v) => JSON.stringify(v));
      if (text === null) return;
      const changed = await rezip(entries.map((e, i) => (i === 0 ? { ...e, data: new TextEncoder().encode(text) } : e)));
      const r = await read(changed);
      if (r.ok) expect(text).toBe(new TextDecoder().decode(entries[0]?.data));
      else {
        expect(RECEIPT_ERROR_CODES).toContain(r.code);
        expectBoundedMessage(r.detail, text, RECEIPT_DETAIL_BOUND);
      }
    });
  });
});
