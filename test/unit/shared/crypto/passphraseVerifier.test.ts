/** The app lock verifier: the right passphrase passes, anything else fails, nothing of it is stored. */
import { describe, expect, it } from 'vitest';
import { checkPassphrase, createPassphraseVerifier, PassphraseVerifierSchema } from '../../../../shared/crypto/passphraseVerifier';

const salt = (fill: number) => new Uint8Array(16).fill(fill);

describe('passphrase verifier', () => {
  it('accepts the passphrase and refuses others', async () => {
    const verifier = await createPassphraseVerifier('correct horse battery staple', salt(1), 10);
    expect(PassphraseVerifierSchema.parse(verifier)).toEqual(verifier);
    expect(JSON.stringify(verifier)).not.toContain('horse');
    expect(await checkPassphrase(verifier, 'correct horse battery staple')).toBe(true);
    expect(await checkPassphrase(verifier, 'correct horse battery stapler')).toBe(false);
    expect(await checkPassphrase(verifier, '')).toBe(false);
  });

  it('salts: the same passphrase gives different verifiers', async () => {
    const a = await createPassphraseVerifier('correct horse battery staple', salt(1), 10);
    const b = await createPassphraseVerifier('correct horse battery staple', salt(2), 10);
    expect(a.hash).not.toBe(b.hash);
  });

  it('treats composed and decomposed accents as one passphrase', async () => {
    const verifier = await createPassphraseVerifier('crème brûlée au café', salt(3), 10);
    expect(await checkPassphrase(verifier, 'cre\u0300me bru\u0302le\u0301e au cafe\u0301')).toBe(true);
  });

  it('refuses a salt of the wrong size', async () => {
    await expect(createPassphraseVerifier('correct horse battery staple', new Uint8Array(4), 10)).rejects.toThrow(RangeError);
  });
});
