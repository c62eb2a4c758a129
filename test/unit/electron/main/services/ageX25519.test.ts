/**
 * Opening age X25519 stanzas in main, checked against typage: what typage wraps for a recipient
 * opens with that recipient's identity and no other; malformed X25519 stanzas are errors, other
 * stanza types are skipped (age v1, "X25519 recipient stanza").
 */
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient, type Stanza } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { AgeStanzaError, ageIdentitySecretBytes, unwrapX25519FileKey } from '../../../../../electron/main/services/ageX25519';

/** The stanzas of a file's header, as typage hands them to every identity. */
async function stanzasOf(file: Uint8Array): Promise<Stanza[]> {
  let seen: Stanza[] = [];
  const decrypter = new Decrypter();
  decrypter.addIdentity({
    unwrapFileKey: (stanzas: Stanza[]) => {
      seen = stanzas;
      return null;
    },
  });
  await expect(decrypter.decrypt(file)).rejects.toThrow(/no identity matched/);
  return seen;
}

async function encryptTo(...recipients: string[]): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  for (const r of recipients) encrypter.addRecipient(r);
  return encrypter.encrypt(new TextEncoder().encode('payload'));
}

describe('unwrapX25519FileKey', () => {
  it('opens the stanza typage wrapped for this identity, among others, and gives a 16-byte key', async () => {
    const mine = await generateX25519Identity();
    const other = await generateX25519Identity();
    const file = await encryptTo(await identityToRecipient(other), await identityToRecipient(mine));
    const stanzas = await stanzasOf(file);
    expect(stanzas).toHaveLength(2);

    const fileKey = unwrapX25519FileKey(ageIdentitySecretBytes(mine), stanzas);
    expect(fileKey).toHaveLength(16);
    // The same key typage derives: a decrypter that is handed exactly this key opens the file.
    const decrypter = new Decrypter();
    decrypter.addIdentity({ unwrapFileKey: () => fileKey });
    expect(new TextDecoder().decode(await decrypter.decrypt(file))).toBe('payload');
    // …and the other recipient's identity gets the same file key from its own stanza.
    expect(unwrapX25519FileKey(ageIdentitySecretBytes(other), stanzas)).toEqual(fileKey);
  });

  it('gives null for a file that is not for this identity', async () => {
    const mine = await generateX25519Identity();
    const other = await generateX25519Identity();
    const stanzas = await stanzasOf(await encryptTo(await identityToRecipient(other)));
    expect(unwrapX25519FileKey(ageIdentitySecretBytes(mine), stanzas)).toBeNull();
  });

  it('skips stanzas of other types, refuses malformed X25519 ones', async () => {
    const mine = await generateX25519Identity();
    const secret = ageIdentitySecretBytes(mine);
    const stanzas = await stanzasOf(await encryptTo(await identityToRecipient(mine)));
    const good = stanzas[0]!;
    expect(unwrapX25519FileKey(secret, [{ args: ['scrypt', 'salt', '18'], body: new Uint8Array(32) }, good])).toHaveLength(16);
    // Legend: [why, stanza]
    const malformed: Array<[string, { args: string[]; body: Uint8Array }]> = [
      ['no share', { args: ['X25519'], body: good.body }],
      ['an extra argument', { args: [...good.args, 'extra'], body: good.body }],
      ['a share of the wrong length', { args: ['X25519', 'AAAA'], body: good.body }],
      ['a padded share', { args: ['X25519', `${good.args[1]}=`], body: good.body }],
      ['a short body', { args: good.args, body: good.body.subarray(0, 31) }],
      ['a low-order share (all zeros)', { args: ['X25519', 'A'.repeat(43)], body: good.body }],
    ];
    for (const [why, stanza] of malformed) expect(() => unwrapX25519FileKey(secret, [stanza]), why).toThrow(AgeStanzaError);
  });

  it('reads an age identity’s 32 bytes and refuses anything else', async () => {
    expect(ageIdentitySecretBytes(await generateX25519Identity())).toHaveLength(32);
    expect(() => ageIdentitySecretBytes('age1notasecret')).toThrow();
  });
});
