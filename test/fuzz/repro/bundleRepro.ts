/**
 * REPRODUCTIONS of bundle-reader findings of the fuzzing work (issue 9). Each test states the
 * behaviour asked for and FAILS today; shared/bundle belongs to another engineer, so they stay
 * out of the ordinary run:
 *
 *   FUZZ_REPRO=1 npx vitest run --config vitest.fuzz.config.ts test/fuzz/repro
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../../shared/bundle/canonical';
import { BundleHeaderSchema, type BundleHeader } from '../../../shared/bundle/header';
import { readBundle } from '../../../shared/bundle/readBundle';
import { readReceipt } from '../../../shared/bundle/receipt';
import type { SecretIdentity } from '../../../shared/crypto/identity';
import { entriesOf, keyringOf, makeIdentity, rezip } from '../../unit/shared/bundle/bundleFixtures';
import { bundleBytes, chunksOf, headerTemplate } from '../bundleKit';
import { MAX_DETAIL_CHARS } from '../fuzzKit';

let alice: SecretIdentity;
let template: BundleHeader;
let plain: Uint8Array;
beforeAll(async () => {
  alice = await makeIdentity('NCSC-NL', 'NL');
  template = await headerTemplate(alice);
  plain = (await bundleBytes(alice, [])).bytes;
});

describe('bundle reader findings', () => {
  it('B1: BundleHeaderSchema.safeParse returns an issue (does not throw) for a sender card with a broken signing key', () => {
    // Found by the header property (seed 1095392688): the sender refinement calls cardKeyIdHex on a
    // card that already failed its own schema, and parseMinisignPublicKey throws "not base64".
    // readBundle catches it, but reports "unexpected error while reading: not base64: …".
    const header = JSON.parse(JSON.stringify(template)) as { sender: { card: { signingKey: string } } };
    header.sender.card.signingKey = '[[[';
    expect(() => BundleHeaderSchema.safeParse(header)).not.toThrow();
  });

  it('B2: a refusal does not quote a header value whole (formatVersion of 5,000 digits)', async () => {
    // Found by the header property (seed -522833452): `formatVersion ${JSON.stringify(rawVersion)} is
    // not MAJOR.MINOR` quotes any JSON value; likewise schema issue paths (keys of `counts`),
    // "operations on <table>" and "addressed to <to…>": bounded only by the 64 KiB header limit.
    const entries = entriesOf(plain);
    const header = JSON.parse(new TextDecoder().decode(entries[0]?.data)) as Record<string, unknown>;
    header.formatVersion = Array.from({ length: 5_000 }, (_, i) => i);
    const changed = entries.map((e, i) => (i === 0 ? { ...e, data: new TextEncoder().encode(canonicalize(header)) } : e));
    const r = await readBundle(chunksOf(await rezip(changed)), { resolveSigner: keyringOf(alice.card) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.detail.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS);
  });

  it('R1: a receipt refusal does not quote a receipt value whole', async () => {
    // Found by the receipt property (seed 1020459551): `formatVersion ${JSON.stringify(raw.formatVersion)}`
    // in shared/bundle/receipt.ts, as B2 for bundles.
    const r = await readReceipt(await receiptWithFormatVersion(Array.from({ length: 5_000 }, (_, i) => i)), { resolveSigner: () => null });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS);
  });
});

/** A receipt container whose receipt.json is canonical and says `formatVersion: value` (unsigned: refused before the signature). */
async function receiptWithFormatVersion(value: unknown): Promise<Uint8Array> {
  const json = new TextEncoder().encode(canonicalize({ format: 'crisis-workbook-receipt', formatVersion: value }));
  return rezip([
    { name: 'receipt.json', data: json },
    { name: 'receipt.json.minisig', data: new TextEncoder().encode('untrusted comment: x\n') },
  ]);
}
