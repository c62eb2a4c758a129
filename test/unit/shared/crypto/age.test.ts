import { describe, expect, it } from 'vitest';
import {
  AgeFailure,
  ageRecipientOf,
  decryptWithIdentities,
  describeAgeHeader,
  detectAgeFile,
  encryptToRecipients,
  generateAgeX25519Identity,
} from '../../../../shared/crypto/age';
import { ageIdentityHandle } from '../../../../shared/crypto/ports';
import { chunksOf, collect } from '../bundle/bundleFixtures';

const PLAIN = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);

async function failureOf(p: Promise<unknown>): Promise<AgeFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AgeFailure) return e;
    throw e;
  }
  throw new Error('expected an AgeFailure');
}

describe('age streaming encryption', () => {
  it('round-trips a multi-chunk file to several recipients', async () => {
    const a = await generateAgeX25519Identity();
    const b = await generateAgeX25519Identity();
    const encrypted = await collect(encryptToRecipients(chunksOf(PLAIN, 10_000), [await ageRecipientOf(a), await ageRecipientOf(b)]));
    expect(detectAgeFile(encrypted)).toBe('binary');
    expect(describeAgeHeader(encrypted)).toEqual({ recipients: 2, types: ['X25519'] });
    expect(await collect(decryptWithIdentities(chunksOf(encrypted, 777), [b]))).toEqual(PLAIN);
  });

  it('classifies failures: wrong key, altered, truncated', async () => {
    const a = await generateAgeX25519Identity();
    const stranger = await generateAgeX25519Identity();
    const encrypted = await collect(encryptToRecipients(chunksOf(PLAIN), [await ageRecipientOf(a)]));
    expect((await failureOf(collect(decryptWithIdentities(chunksOf(encrypted), [stranger])))).kind).toBe('no-matching-identity');
    const altered = Uint8Array.from(encrypted);
    altered[encrypted.length - 100] = altered[encrypted.length - 100]! ^ 0x01;
    expect((await failureOf(collect(decryptWithIdentities(chunksOf(altered), [a])))).kind).toBe('authentication-failed');
    expect((await failureOf(collect(decryptWithIdentities(chunksOf(encrypted.subarray(0, 150)), [a])))).kind).toMatch(/truncated|header-invalid/);
    expect((await failureOf(collect(decryptWithIdentities(chunksOf(encrypted.subarray(0, encrypted.length - 1000)), [a])))).kind).toBe('authentication-failed');
  });

  it('decrypts with a non-extractable WebCrypto X25519 key through the opaque handle', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits'])) as CryptoKeyPair;
    const { identityToRecipient } = await import('age-encryption');
    const recipient = await identityToRecipient(pair.privateKey);
    const encrypted = await collect(encryptToRecipients(chunksOf(PLAIN), [recipient]));
    expect(await collect(decryptWithIdentities(chunksOf(encrypted), [ageIdentityHandle(pair.privateKey)]))).toEqual(PLAIN);
  });

  it('recognises armored files and nothing else', () => {
    expect(detectAgeFile(new TextEncoder().encode('\n-----BEGIN AGE ENCRYPTED FILE-----\n'))).toBe('armored');
    expect(detectAgeFile(new TextEncoder().encode('PK\u0003\u0004'))).toBeNull();
  });
});
