import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateIdentity, verifyIdentityCard, createIdentityCard } from '../../../../shared/crypto/identity';
import { ed25519Verify } from '../../../../shared/crypto/minisign';
import { ageIdentityBytes, importSecretIdentity, webSigner } from '../../../../renderer/src/identity/webKeys';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const profile = { organisation: 'NCSC Testland', country: 'NL', person: 'Jo Tester', role: 'liaison-officer' } as const;

describe('non-extractable installation keys', () => {
  it('import a secret identity and sign exactly as the seed would', async () => {
    const secret = await generateIdentity(profile);
    const keys = await importSecretIdentity(secret, subtle);
    expect(keys.signingKey.extractable).toBe(false);
    expect(keys.ageKey.extractable).toBe(false);
    await expect(subtle.exportKey('pkcs8', keys.signingKey)).rejects.toThrow();

    const signer = webSigner(keys, subtle);
    const message = new TextEncoder().encode('bundle header');
    const signature = await signer.sign(message);
    expect(ed25519Verify(signature, message, keys.signingPublicKey)).toBe(true);

    // A card re-signed with the WebCrypto key verifies like the original.
    const card = await createIdentityCard({ profile: { ...profile, installationId: secret.card.installationId }, signer, encryptionKey: secret.card.encryptionKey });
    expect(verifyIdentityCard(card).ok).toBe(true);
  });

  it('refuses a secret whose keys are not the ones its card names', async () => {
    const a = await generateIdentity(profile);
    const b = await generateIdentity(profile);
    await expect(importSecretIdentity({ ...a, signingSeed: b.signingSeed }, subtle)).rejects.toThrow(/signing key/);
    await expect(importSecretIdentity({ ...a, ageIdentity: b.ageIdentity }, subtle)).rejects.toThrow(/encryption key/);
  });

  it('decodes age identities and rejects anything else', async () => {
    const { ageIdentity } = await generateIdentity(profile);
    expect(ageIdentityBytes(ageIdentity)).toHaveLength(32);
    expect(() => ageIdentityBytes('age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq')).toThrow();
  });
});
