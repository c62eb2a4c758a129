/**
 * The web build's private keys under content encryption (db/identity.ts): an identity created
 * while it is on is stored as the secret identity sealed with the data key — no key bytes, no
 * CryptoKey in IndexedDB — and imported into in-memory keys after the unlock; it survives
 * enable → restart → unlock → sign / decrypt, and turning content encryption off stores it as
 * WebCrypto keys again.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { decryptWithIdentities, encryptToRecipients } from '../../../../shared/crypto/age';
import { utf8 } from '../../../../shared/crypto/bytes';
import { secretIdentitySigner, unprotectSecretIdentity, type SecretIdentity } from '../../../../shared/crypto/identity';
import type { InstallationKeyStore } from '../../../../renderer/src/identity/keyStore';
import { disableContentSealing, enableAppLock, enableContentSealing, getContentSealing, tryUnlock } from '../../../../renderer/src/db/appLock';
import { createWebKeyStore } from '../../../../renderer/src/db/identity';
import { setUpInstallation } from '../../../../renderer/src/db/installation';
import { getProfile } from '../../../../renderer/src/db/queries';
import { openWorkbookDb, WorkbookDb } from '../../../../renderer/src/db/WorkbookDb';
import { freshDbName } from '../../../helpers/workbookDb';

const PASSPHRASE = 'correct horse battery staple';
const BACKUP_PASSPHRASE = 'identity backup passphrase';
const FAST = { logN: 10 };

async function rawKeysRow(db: WorkbookDb): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const request = db.backendDB().transaction(['installationKeys'], 'readonly').objectStore('installationKeys').get('installation');
    request.onsuccess = () => resolve(request.result as Record<string, unknown>);
    request.onerror = () => reject(request.error ?? new Error('raw read failed'));
  });
}

const asText = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield await Promise.resolve(bytes);
}
async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return new Uint8Array(parts.flatMap((p) => [...p]));
}

/** The store signs as the secret identity does (Ed25519 is deterministic) and decrypts what is encrypted to its card. */
async function expectWorking(store: InstallationKeyStore, secret: SecretIdentity): Promise<void> {
  const message = utf8('a bundle header to sign');
  const signer = await store.signer();
  expect(await signer.sign(message)).toEqual(await secretIdentitySigner(secret).sign(message));
  const file = await collect(encryptToRecipients(once(utf8('for this installation only')), [secret.card.encryptionKey]));
  expect(new TextDecoder().decode(await collect(decryptWithIdentities(once(file), [await store.ageIdentity()])))).toBe('for this installation only');
}

describe('the web build’s private keys under content encryption', () => {
  it('keeps the secret identity sealed, imports it at unlock, and stores keys again when turned off', async () => {
    const name = freshDbName('sealing-identity');
    const db = await openWorkbookDb(new WorkbookDb(name));
    await setUpInstallation(db, { organisation: 'NCSC Keyland', country: 'NL', person: 'Jo Keys', role: 'cyber-crisis-authority', language: 'en' });
    const profile = (await getProfile(db))!;
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);

    const store = createWebKeyStore(db, { installationId: profile.id, scryptWorkFactor: 10 });
    const created = await store.create(profile, BACKUP_PASSPHRASE);
    const opened = await unprotectSecretIdentity(created.backup, BACKUP_PASSPHRASE);
    if (!opened.ok) throw new Error('the identity backup does not open');
    const secret = opened.secret;

    // On disk: the card and public key, the sealed secret; no key bytes, no CryptoKey.
    const raw = await rawKeysRow(db);
    expect(raw['sealedSecret']).toBeInstanceOf(Uint8Array);
    expect(raw['signingKey']).toBeUndefined();
    expect(raw['ageKey']).toBeUndefined();
    expect(asText(raw)).not.toContain(secret.signingSeed);
    expect(asText(raw)).not.toContain(secret.ageIdentity);
    expect(asText(raw)).not.toContain(secret.ageIdentity.toLowerCase());
    expect(await store.card()).toEqual(created.card);
    await expectWorking(store, secret);

    // Restart: locked, the keys cannot be used; after the unlock they can.
    db.close();
    const again = await openWorkbookDb(new WorkbookDb(name));
    const lockedStore = createWebKeyStore(again, { installationId: profile.id });
    await expect(lockedStore.signer()).rejects.toThrow(/locked/);
    expect((await tryUnlock(again, PASSPHRASE)).ok).toBe(true);
    const unlockedStore = createWebKeyStore(again, { installationId: profile.id });
    await expectWorking(unlockedStore, secret);

    // Turned off: stored WebCrypto keys again, before the data key is forgotten.
    expect(await disableContentSealing(again, PASSPHRASE)).toBe(true);
    expect(await getContentSealing(again)).toBeNull();
    const rawAfter = await rawKeysRow(again);
    expect(rawAfter['sealedSecret']).toBeUndefined();
    expect(rawAfter['signingKey']).toBeInstanceOf(CryptoKey);
    expect(rawAfter['ageKey']).toBeInstanceOf(CryptoKey);
    await expectWorking(createWebKeyStore(again, { installationId: profile.id }), secret);
    again.close();
    const third = await openWorkbookDb(new WorkbookDb(name));
    await expectWorking(createWebKeyStore(third, { installationId: profile.id }), secret);
    third.close();
  });

  it('an identity made before content encryption keeps its stored keys, and works throughout', async () => {
    const db = await openWorkbookDb(new WorkbookDb(freshDbName('sealing-identity')));
    await setUpInstallation(db, { organisation: 'NCSC Keyland', country: 'NL', person: 'Jo Keys', role: 'cyber-crisis-authority', language: 'en' });
    const profile = (await getProfile(db))!;
    const store = createWebKeyStore(db, { installationId: profile.id, scryptWorkFactor: 10 });
    const created = await store.create(profile, BACKUP_PASSPHRASE);
    const opened = await unprotectSecretIdentity(created.backup, BACKUP_PASSPHRASE);
    if (!opened.ok) throw new Error('the identity backup does not open');
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await enableContentSealing(db, PASSPHRASE, FAST);
    expect((await rawKeysRow(db))['signingKey']).toBeInstanceOf(CryptoKey);
    await expectWorking(store, opened.secret);
    await disableContentSealing(db, PASSPHRASE);
    await expectWorking(store, opened.secret);
    db.close();
  });
});
