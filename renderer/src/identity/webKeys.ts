/**
 * This installation's private keys as non-extractable WebCrypto keys. A secret identity (seed and
 * age identity, from a fresh generation or a passphrase-protected backup) is imported once; after
 * that no code can read the private key bytes, only use them to sign and to decrypt.
 */
import { bech32 } from '@scure/base';
import { identityToRecipient } from 'age-encryption';
import { cardSigningKey, type IdentityCard, type SecretIdentity } from '../../../shared/crypto/identity';
import { fromBase64 } from '../../../shared/crypto/bytes';
import type { BundleSigner } from '../../../shared/crypto/ports';

// PKCS #8 wrappers of a raw 32-byte private key (RFC 8410): fixed prefix, then the key.
const ED25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const X25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);

function pkcs8(prefix: Uint8Array, key: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(prefix.length + key.length);
  out.set(prefix);
  out.set(key, prefix.length);
  return out;
}

/** The 32 raw bytes of an `AGE-SECRET-KEY-1…` identity. */
export function ageIdentityBytes(identity: string): Uint8Array {
  const decoded = bech32.decode(identity.toLowerCase() as `${string}1${string}`, 1024);
  if (decoded.prefix !== 'age-secret-key-') throw new Error('not an age X25519 identity');
  return bech32.fromWords(decoded.words);
}

export interface WebInstallationKeys {
  readonly card: IdentityCard;
  readonly signingKey: CryptoKey;
  readonly keyId: Uint8Array;
  readonly signingPublicKey: Uint8Array;
  readonly ageKey: CryptoKey;
}

/**
 * Import a secret identity as non-extractable keys, checking that they are the keys its card
 * names (a backup of another identity, or a damaged one, is refused).
 */
export async function importSecretIdentity(secret: SecretIdentity, subtle: SubtleCrypto = crypto.subtle): Promise<WebInstallationKeys> {
  const seed = fromBase64(secret.signingSeed);
  const signingKey = await subtle.importKey('pkcs8', pkcs8(ED25519_PKCS8_PREFIX, seed), { name: 'Ed25519' }, false, ['sign']);
  const ageKey = await subtle.importKey('pkcs8', pkcs8(X25519_PKCS8_PREFIX, ageIdentityBytes(secret.ageIdentity)), { name: 'X25519' }, false, ['deriveBits']);
  seed.fill(0);
  const named = cardSigningKey(secret.card);
  const keys: WebInstallationKeys = { card: secret.card, signingKey, keyId: named.keyId, signingPublicKey: named.publicKey, ageKey };
  // Prove the imported keys are the card's: sign and verify, derive the age recipient.
  const probe = new TextEncoder().encode('crisis-workbook key check');
  const signature = new Uint8Array(await subtle.sign({ name: 'Ed25519' }, signingKey, probe));
  const publicKey = await subtle.importKey('raw', named.publicKey.slice(), { name: 'Ed25519' }, false, ['verify']);
  if (!(await subtle.verify({ name: 'Ed25519' }, publicKey, signature, probe))) throw new Error('the signing key does not match the identity card');
  if ((await identityToRecipient(ageKey)) !== secret.card.encryptionKey) throw new Error('the encryption key does not match the identity card');
  return keys;
}

/** A bundle signer backed by a non-extractable Ed25519 key. */
export function webSigner(keys: Pick<WebInstallationKeys, 'signingKey' | 'keyId' | 'signingPublicKey'>, subtle: SubtleCrypto = crypto.subtle): BundleSigner {
  return {
    keyId: keys.keyId,
    publicKey: keys.signingPublicKey,
    sign: async (message) => new Uint8Array(await subtle.sign({ name: 'Ed25519' }, keys.signingKey, message.slice())),
  };
}
