/**
 * A verifier for the app lock passphrase: scrypt (RFC 7914, @noble/hashes) of the passphrase with
 * a random salt. Only the verifier is stored, never the passphrase; checking a guess costs one
 * scrypt, so guessing offline stays expensive. The parameters travel with the verifier, so a
 * later version can raise them without breaking existing ones.
 *
 * Pure: the caller supplies the salt (16 random bytes from WebCrypto).
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { z } from 'zod';
import { equalBytes, fromBase64, toBase64 } from './bytes';
import { MAX_PASSPHRASE_LENGTH } from './passphrasePolicy';

/**
 * log2 of scrypt's N for new verifiers: 2^15 × r 8 = 32 MiB and a few hundred milliseconds in a
 * browser, paid once per unlock. (age identity backups use 2^18; this check runs far more often.)
 */
export const VERIFIER_LOG_N = 15;
export const VERIFIER_SALT_BYTES = 16;

export const PassphraseVerifierSchema = z.strictObject({
  kdf: z.literal('scrypt'),
  logN: z.number().int().min(10).max(20),
  r: z.literal(8),
  p: z.literal(1),
  salt: z.string().min(16).max(64),
  hash: z.string().min(32).max(128),
});
export type PassphraseVerifier = z.infer<typeof PassphraseVerifierSchema>;

async function derive(passphrase: string, salt: Uint8Array, logN: number): Promise<Uint8Array> {
  return scryptAsync(passphrase.normalize('NFC'), salt, { N: 2 ** logN, r: 8, p: 1, dkLen: 32 });
}

/** A new verifier of the passphrase. */
export async function createPassphraseVerifier(passphrase: string, salt: Uint8Array, logN = VERIFIER_LOG_N): Promise<PassphraseVerifier> {
  if (salt.length !== VERIFIER_SALT_BYTES) throw new RangeError(`the salt must be ${VERIFIER_SALT_BYTES} bytes`);
  return { kdf: 'scrypt', logN, r: 8, p: 1, salt: toBase64(salt), hash: toBase64(await derive(passphrase, salt, logN)) };
}

/** Whether the passphrase is the one the verifier was made of (compared in constant time). */
export async function checkPassphrase(verifier: PassphraseVerifier, passphrase: string): Promise<boolean> {
  if (passphrase.length === 0 || passphrase.length > MAX_PASSPHRASE_LENGTH) return false;
  return equalBytes(await derive(passphrase, fromBase64(verifier.salt), verifier.logN), fromBase64(verifier.hash));
}
