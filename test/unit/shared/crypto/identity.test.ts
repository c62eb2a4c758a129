import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../../shared/crypto/bytes';
import {
  createIdentityCard,
  generateIdentity,
  identityCardText,
  identityFingerprint,
  parseIdentityCard,
  protectSecretIdentity,
  unprotectSecretIdentity,
  verifyIdentityCard,
  type IdentityCard,
} from '../../../../shared/crypto/identity';
import { createSeedSigner } from '../../../../shared/crypto/seedSigner';

const PROFILE = { installationId: '01JQ5Z0000000000000000000A', organisation: 'NCSC-NL', country: 'NL', person: 'J. Jansen', role: 'csirt' } as const;
const SEED = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const KEY_ID = fromHex('5004a8d0c22bac18');
const AGE_RECIPIENT = 'age1r9y9pevy8ns8z0ydhtttszhzqux25t7f4s360vwp79suuefmayvquhf0qr';
/** BLAKE2b-256("Ed" || KEY_ID || RFC 8032 public key || AGE_RECIPIENT)[0..20], computed with Python's hashlib. */
const KNOWN_FINGERPRINT = 'K02A-Q62H-NDH3-ZX4S-J5DC-0ERR-NW1D-Z010';

async function fixedCard(): Promise<IdentityCard> {
  return createIdentityCard({ profile: PROFILE, signer: createSeedSigner(SEED, KEY_ID), encryptionKey: AGE_RECIPIENT, createdAt: '2026-03-01T08:00:00.000Z' });
}

describe('identity card', () => {
  it('round-trips through its text form and verifies', async () => {
    const card = await fixedCard();
    const text = identityCardText(card);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = parseIdentityCard(text);
    expect(parsed).toEqual({ ok: true, card });
    // Pasted with other key order and whitespace: same card.
    expect(parseIdentityCard(JSON.stringify(card, Object.keys(card).reverse(), 2))).toEqual({ ok: true, card });
  });

  it('refuses a card changed after signing', async () => {
    const card = await fixedCard();
    for (const changed of [{ ...card, organisation: 'Evil Corp' }, { ...card, role: 'ministry' }, { ...card, encryptionKey: 'age1j90yygnken9k8l2xwzfl3vct4p4r9kl4pve2w5a0vhynz9af3a5qjqr8jw' }]) {
      expect(verifyIdentityCard(changed)).toMatchObject({ ok: false, code: 'identity-signature-invalid' });
    }
  });

  it.each([
    ['not JSON', '{"format":', 'identity-not-recognised'],
    ['another format', '{"format":"crisis-workbook-bundle","version":1}', 'identity-not-recognised'],
    ['a newer version', '{"format":"crisis-workbook-identity","version":2}', 'identity-from-newer-format'],
    ['missing fields', '{"format":"crisis-workbook-identity","version":1,"person":"x"}', 'identity-malformed'],
  ])('refuses %s', (_what, text, code) => {
    expect(parseIdentityCard(text)).toMatchObject({ ok: false, code });
  });

  it('refuses unknown fields and a broken self-signature encoding', async () => {
    const card = await fixedCard();
    expect(verifyIdentityCard({ ...card, extra: 1 })).toMatchObject({ ok: false, code: 'identity-malformed' });
    expect(verifyIdentityCard({ ...card, selfSignature: 'AAAA' })).toMatchObject({ ok: false, code: 'identity-malformed' });
  });
});

describe('fingerprints', () => {
  it('is stable, covers both keys only, and reads as 8 groups of 4', async () => {
    const card = await fixedCard();
    const f = identityFingerprint(card);
    expect(f).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(f).toBe(KNOWN_FINGERPRINT);
    expect(identityFingerprint({ ...card, organisation: 'renamed' } as IdentityCard)).toBe(f);
    expect(identityFingerprint({ ...card, encryptionKey: 'age1j90yygnken9k8l2xwzfl3vct4p4r9kl4pve2w5a0vhynz9af3a5qjqr8jw' })).not.toBe(f);
  });
});

describe('secret identity', () => {
  it('is generated with native X25519 and Ed25519 keys that match its card', async () => {
    const secret = await generateIdentity({ organisation: 'CCB', country: 'BE', person: 'A. Peeters', role: 'cyber-crisis-authority' });
    expect(secret.ageIdentity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(secret.card.encryptionKey).toMatch(/^age1[0-9a-z]{58}$/);
    expect(verifyIdentityCard(secret.card).ok).toBe(true);
  });

  it('opens with its passphrase and refuses a wrong one', async () => {
    const secret = await generateIdentity({ organisation: 'CCB', country: 'BE', person: 'A. Peeters', role: 'cyber-crisis-authority' });
    // Work factor 10 keeps the test fast; the command-line tests run the default (18).
    const file = await protectSecretIdentity(secret, 'correct horse', { scryptWorkFactor: 10 });
    expect(new TextDecoder().decode(file.subarray(0, 34))).toBe('-----BEGIN AGE ENCRYPTED FILE-----');
    expect(new TextDecoder().decode(file)).not.toContain(secret.signingSeed);
    expect(await unprotectSecretIdentity(file, 'correct horse')).toEqual({ ok: true, secret });
    expect(await unprotectSecretIdentity(file, 'correct horse!')).toMatchObject({ ok: false, code: 'identity-wrong-passphrase' });
    expect(await unprotectSecretIdentity(new TextEncoder().encode('hello'), 'x')).toMatchObject({ ok: false, code: 'identity-not-recognised' });
    await expect(protectSecretIdentity(secret, '')).rejects.toThrow();
  });

  it('refuses a secret whose keys are not the card’s', async () => {
    const a = await generateIdentity({ organisation: 'CCB', country: 'BE', person: 'A', role: 'csirt' });
    const b = await generateIdentity({ organisation: 'CCB', country: 'BE', person: 'B', role: 'csirt' });
    const mixed = await protectSecretIdentity({ ...a, ageIdentity: b.ageIdentity }, 'pw', { scryptWorkFactor: 10 });
    expect(await unprotectSecretIdentity(mixed, 'pw')).toMatchObject({ ok: false, code: 'identity-malformed' });
    const mixedSeed = await protectSecretIdentity({ ...a, signingSeed: b.signingSeed }, 'pw', { scryptWorkFactor: 10 });
    expect(await unprotectSecretIdentity(mixedSeed, 'pw')).toMatchObject({ ok: false, code: 'identity-malformed' });
  });
});
