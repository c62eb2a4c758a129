import { describe, expect, it } from 'vitest';
import { blake2b512 } from '../../../../shared/crypto/blake2b';
import { fromHex, utf8 } from '../../../../shared/crypto/bytes';
import {
  createMinisignature,
  minisignKeyIdLabel,
  minisignPublicKeyFile,
  parseMinisignPublicKey,
  parseMinisignature,
  verifyMinisignature,
} from '../../../../shared/crypto/minisign';
import { createSeedSigner } from '../../../../shared/crypto/seedSigner';

// Made with Debian's minisign 0.11: `minisign -G -W`, then `minisign -Sm` (ED) and `minisign -Slm` (legacy Ed)
// over MESSAGE. Known answers: our verifier must accept the real tool's output.
const MESSAGE = utf8('Crisis Workbook minisign vector\n');
const CLI_PUBLIC_KEY = 'untrusted comment: minisign public key B1DD4D479EC24097\nRWSXQMKeR03dsT1bQzdvbN4lLBxD7+Z+++XhUGMpPI+n8mXNHZ7HUrG0\n';
const CLI_SIG_ED = `untrusted comment: cli untrusted
RUSXQMKeR03dsRs5gR9J2cGK39hIhdjjSuMTnfqnUD7AeF12+pMfsPxXlB2aW3Ud0eZW95a4ho5icSj7eSyLiCjyuGEMxe5aBwA=
trusted comment: vector ED
4DZBEZV0/Buqdzd75vklXO7jzklx67zGHEzN1iAea/vx56rO93cZvnpapbSzLv7LCIrbfSctd/RXJ1dYv0sUCg==
`;
const CLI_SIG_LEGACY = `untrusted comment: signature from minisign secret key
RWSXQMKeR03dsc46zxf71BpoFYKXNkKXaHMtS/OILsXNryYUt8zDW4SHmoRJgLltbxua38ie3RZF8+UybjRCDPhUbenIH/EfKgQ=
trusted comment: vector Ed
uDME6nvkzeC+jNPNS4hZVZDg/cuYM7xYIxsiIdKq7PRfrgUxskjbLmaVjMDKO6Kw3Siy0hihVkTarPu0H9lWCg==
`;

const SEED = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'); // RFC 8032 §7.1 test 1 (public key d75a9801…)
const KEY_ID = fromHex('5004a8d0c22bac18');

describe('minisign compatibility', () => {
  it('verifies signatures made by the minisign tool (ED and legacy Ed)', () => {
    const key = parseMinisignPublicKey(CLI_PUBLIC_KEY);
    expect(minisignKeyIdLabel(key.keyId)).toBe('B1DD4D479EC24097');
    const ed = parseMinisignature(CLI_SIG_ED);
    expect(ed.algorithm).toBe('ED');
    expect(verifyMinisignature(ed, key, { bytes: MESSAGE })).toEqual({ ok: true, trustedComment: 'vector ED' });
    expect(verifyMinisignature(ed, key, { blake2b512: blake2b512(MESSAGE) }).ok).toBe(true);
    const legacy = parseMinisignature(CLI_SIG_LEGACY);
    expect(legacy.algorithm).toBe('Ed');
    expect(verifyMinisignature(legacy, key, { bytes: MESSAGE }).ok).toBe(true);
    expect(verifyMinisignature(legacy, key, { blake2b512: blake2b512(MESSAGE) })).toEqual({ ok: false, reason: 'legacy-needs-content' });
  });

  it('refuses a changed file, a changed trusted comment and another key', () => {
    const key = parseMinisignPublicKey(CLI_PUBLIC_KEY);
    const sig = parseMinisignature(CLI_SIG_ED);
    const changed = Uint8Array.from(MESSAGE);
    changed[3] = changed[3]! ^ 1;
    expect(verifyMinisignature(sig, key, { bytes: changed })).toEqual({ ok: false, reason: 'signature-invalid' });
    expect(verifyMinisignature({ ...sig, trustedComment: 'vector ED!' }, key, { bytes: MESSAGE })).toEqual({ ok: false, reason: 'comment-signature-invalid' });
    const other = createSeedSigner(SEED, key.keyId);
    expect(verifyMinisignature(sig, { keyId: key.keyId, publicKey: other.publicKey }, { bytes: MESSAGE })).toEqual({ ok: false, reason: 'signature-invalid' });
    expect(verifyMinisignature(sig, { keyId: KEY_ID, publicKey: key.publicKey }, { bytes: MESSAGE })).toEqual({ ok: false, reason: 'key-id-mismatch' });
  });

  it('writes key and signature files in the exact minisign layout (known answer)', async () => {
    const signer = createSeedSigner(SEED, KEY_ID);
    // Expected text computed independently (Python: base64(b'Ed' + key id + RFC 8032 public key)).
    expect(minisignPublicKeyFile(signer)).toBe('untrusted comment: minisign public key 18AC2BC2D0A80450\nRWRQBKjQwiusGNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea\n');
    const text = await createMinisignature({ signer, fileBlake2b512: blake2b512(MESSAGE), trustedComment: 'crisis-workbook vector' });
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('untrusted comment: signature from crisis-workbook key 18AC2BC2D0A80450');
    expect(lines[1]?.startsWith('RURQBKjQwiusG')).toBe(true); // "ED" || key id
    expect(lines[2]).toBe('trusted comment: crisis-workbook vector');
    expect(lines[4]).toBe('');
    const parsed = parseMinisignature(text);
    expect(verifyMinisignature(parsed, signer, { bytes: MESSAGE }).ok).toBe(true);
    // Ed25519 is deterministic: the same seed, file and comment always give the same file.
    expect(await createMinisignature({ signer, fileBlake2b512: blake2b512(MESSAGE), trustedComment: 'crisis-workbook vector' })).toBe(text);
  });

  it('refuses malformed files and comments that would break the format', async () => {
    expect(() => parseMinisignature('untrusted comment: x\nAAAA\n')).toThrow();
    expect(() => parseMinisignature(CLI_SIG_ED.replace('trusted comment', 'trusted remark'))).toThrow();
    expect(() => parseMinisignPublicKey('RWSXQMKeR03dsT1bQzdvbN4lLBxD7+Z+++XhUGMpPI+n8mXNHZ7H')).toThrow();
    const signer = createSeedSigner(SEED, KEY_ID);
    await expect(createMinisignature({ signer, fileBlake2b512: blake2b512(MESSAGE), trustedComment: 'two\nlines' })).rejects.toThrow();
    await expect(createMinisignature({ signer, fileBlake2b512: new Uint8Array(32), trustedComment: 'x' })).rejects.toThrow();
  });
});
