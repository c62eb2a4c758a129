/**
 * The renderer's desktop key store against the real main-process key vault: a fake preload bridge
 * runs every call through main's IPC gate (`runIpcCall` with the contract's argument schemas and
 * `keyChannelImplementations`) after a structured clone, as Electron's IPC would, into a real
 * `KeyVault` on a temporary folder whose `safeStorage` is a fake (AES-GCM). The renderer side is
 * the app's own: `createElectronPlatform`, `openKeyStore`, `createDesktopKeyStore`, Dexie on
 * fake-indexeddb. Bundles are made and read with the shared bundle code.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runIpcCall } from '../../../../electron/main/ipc/ipcCall';
import { keyChannelImplementations, type KeyChannel } from '../../../../electron/main/ipc/keyChannels';
import { createKeyVault, IDENTITY_FILE_NAME } from '../../../../electron/main/services/keyVault';
import { getInstallationKeys } from '../../../../renderer/src/db/identity';
import { openKeyStore } from '../../../../renderer/src/identity/openKeyStore';
import { createElectronPlatform } from '../../../../renderer/src/platform/electronPlatform';
import { readBundle } from '../../../../shared/bundle/readBundle';
import { writeBundle } from '../../../../shared/bundle/writeBundle';
import { fromBase64, toBase64 } from '../../../../shared/crypto/bytes';
import { unprotectSecretIdentity, type SecretIdentity } from '../../../../shared/crypto/identity';
import type { IpcArgs, IpcResult, WorkbookBridge } from '../../../../shared/ipc/contract';
import type { InstallationProfile } from '../../../../shared/model/installation';
import { isoNow } from '../../../../shared/model/time';
import { FakeSecretProtector } from '../../../helpers/fakeSecretProtector';
import { openInstallation } from '../../../helpers/workbookDb';
import { bundleBytes, chunksOf, collect, keyringOf, logEntryOperations, makeIdentity } from '../../../unit/shared/bundle/bundleFixtures';

const PASSPHRASE = 'correct horse battery staple';
const APP_TOP_FRAME = { url: 'app://workbook/index.html', isTopFrame: true };

function profileFor(id: string): InstallationProfile {
  const now = isoNow();
  return { id, organisation: 'NCSC Testland', country: 'NL', person: 'Jo Tester', role: 'liaison-officer', language: 'en', staleAfterMonths: 6, createdAt: now, updatedAt: now, hlc: `${now}-0000-${id}` };
}

/** Everything main sent back, to prove no private key byte ever crossed. */
let answers: unknown[];

/** A preload bridge whose key calls cross a simulated IPC boundary into `vault`. */
function bridgeTo(directory: string, protector: FakeSecretProtector): WorkbookBridge {
  const keys = keyChannelImplementations(createKeyVault({ directory, protector, scryptWorkFactor: 10 }));
  const logger = { warn: vi.fn(), error: vi.fn() };
  const call = async <K extends KeyChannel>(channel: K, ...args: IpcArgs<K>) => {
    // Electron's IPC copies arguments and results with the structured clone algorithm.
    const answer = structuredClone(await runIpcCall(channel, APP_TOP_FRAME, structuredClone(args), keys[channel], logger));
    answers.push(answer);
    return answer as IpcResult<K>;
  };
  const unused = () => Promise.reject(new Error('not used in this test'));
  return {
    getAppInfo: unused,
    setLanguage: unused,
    openFile: unused,
    saveFile: unused,
    openFileForReading: unused,
    readFileChunk: unused,
    printToPdf: unused,
    onMenuCommand: () => () => {},
    syncList: unused,
    syncRead: unused,
    syncPut: unused,
    syncSetCredentials: unused,
    syncForgetCredentials: unused,
    syncCredentialStorage: unused,
    syncChooseFolder: unused,
    syncRemovableDrives: unused,
    syncWatchFolders: unused,
    onSyncFolderChanged: () => () => {},
    getKeyStatus: () => call('keys:status'),
    createKeys: (request) => call('keys:create', request),
    restoreKeys: (request) => call('keys:restore', request),
    signWithKeys: (request) => call('keys:sign', request),
    unwrapFileKey: (request) => call('keys:unwrapFileKey', request),
  };
}

/** Private parts of a secret identity in the forms they could travel in. */
function secretForms(secret: SecretIdentity): string[] {
  return [secret.signingSeed, toBase64(fromBase64(secret.signingSeed)), secret.ageIdentity, secret.ageIdentity.toLowerCase()];
}

/** Serialises answers with bytes as base64, so both text and byte leaks show up as text. */
function answersText(): string {
  return JSON.stringify(answers, (_key, value: unknown) => (value instanceof Uint8Array ? toBase64(value) : value));
}

let dir: string;
let protector: FakeSecretProtector;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwb-desktop-keys-'));
  protector = new FakeSecretProtector();
  answers = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function desktopInstallation() {
  const { db, installationId } = await openInstallation('desktop');
  const profile = profileFor(installationId);
  const platform = createElectronPlatform(bridgeTo(dir, protector));
  const store = await openKeyStore(db, platform.keyVault, profile);
  return { db, profile, platform, store };
}

describe('desktop key store over the key vault', () => {
  it('keeps the keys in main: the table holds the card only, and no private byte crosses IPC', async () => {
    const { db, profile, store } = await desktopInstallation();
    expect(store.info).toEqual({ storage: 'os-secure-storage', backend: 'gnome_libsecret', osStorageAvailable: true });
    expect(await store.card()).toBeNull();

    const created = await store.create(profile, PASSPHRASE);
    const opened = await unprotectSecretIdentity(created.backup, PASSPHRASE);
    if (!opened.ok) throw new Error(opened.detail);
    expect(opened.secret.card).toEqual(created.card);

    const row = await getInstallationKeys(db);
    expect(row).toEqual({ id: 'installation', storage: 'os-secure-storage', card: created.card, createdAt: created.card.createdAt });
    expect(await store.card()).toEqual(created.card);

    // Sign and decrypt once, then look at everything main answered.
    const signer = await store.signer();
    await signer.sign(new Uint8Array(64));
    const text = answersText();
    for (const form of secretForms(opened.secret)) expect(text).not.toContain(form);
    // (The same check finds the secret when it is there: the backup main returned holds it, encrypted.)
    expect(answersText()).toContain(toBase64(created.backup));
  });

  it('signs a bundle that readBundle verifies against the card', async () => {
    const { profile, store } = await desktopInstallation();
    const { card } = await store.create(profile, PASSPHRASE);
    const operations = logEntryOperations(12, { origin: card.installationId });
    const written = await writeBundle({ operations, signer: await store.signer(), senderCard: card, workspace: 'real', sequence: 1, scope: { kind: 'incremental' } });
    const bytes = await collect(written.chunks);

    const read = await readBundle(chunksOf(bytes), { resolveSigner: keyringOf(card) });
    if (!read.ok) throw new Error(`${read.error.code}: ${read.error.detail}`);
    expect(read.bundle.operations).toEqual(operations);
    expect(read.bundle.fingerprint).toBe(written.fingerprint);

    // A keyring that knows another card with the same name does not accept it.
    const stranger = await makeIdentity('NCSC Testland');
    const refused = await readBundle(chunksOf(bytes), { resolveSigner: keyringOf(stranger.card) });
    expect(!refused.ok && refused.error.code).toBe('bundle-unknown-signer');
  });

  it('opens a bundle encrypted to the card with the store’s age identity, and no other', async () => {
    const { profile, store } = await desktopInstallation();
    const { card } = await store.create(profile, PASSPHRASE);
    const alice = await makeIdentity('CCB', 'BE');
    const bob = await makeIdentity('ANSSI', 'FR');
    const operations = logEntryOperations(20, { origin: alice.card.installationId });

    const forUs = (await bundleBytes(alice, operations, { recipients: [bob.card, card] })).bytes;
    const options = { resolveSigner: keyringOf(alice.card), identities: [await store.ageIdentity()], thisInstallation: card.installationId };
    const read = await readBundle(chunksOf(forUs, 1000), options);
    if (!read.ok) throw new Error(`${read.error.code}: ${read.error.detail}`);
    expect(read.bundle.operations).toEqual(operations);
    expect(read.bundle.receivedEncrypted).toBe(true);

    const notForUs = (await bundleBytes(alice, operations, { recipients: [bob.card] })).bytes;
    const refused = await readBundle(chunksOf(notForUs, 1000), options);
    expect(!refused.ok && refused.error.code).toBe('bundle-not-for-this-installation');
  });

  it('restores the identity into a fresh desktop installation of the same id, with the same keys', async () => {
    const first = await desktopInstallation();
    const created = await first.store.create(first.profile, PASSPHRASE);
    const message = new Uint8Array(64).fill(3);
    const original = await (await first.store.signer()).sign(message);

    // Same installation id, new database and new user-data folder (a reinstalled machine).
    const elsewhere = await mkdtemp(join(tmpdir(), 'cwb-desktop-keys-restore-'));
    try {
      const { db } = await openInstallation('restored');
      const platform = createElectronPlatform(bridgeTo(elsewhere, new FakeSecretProtector()));
      const store = await openKeyStore(db, platform.keyVault, first.profile);
      await expect(store.restore(created.backup, first.profile, 'not the passphrase')).rejects.toMatchObject({ code: 'identity-wrong-passphrase' });
      await expect(store.restore(created.backup, profileFor((await openInstallation()).installationId), PASSPHRASE)).rejects.toMatchObject({
        code: 'identity-other-installation',
      });
      expect(await store.restore(created.backup, first.profile, PASSPHRASE)).toEqual(created.card);
      expect((await getInstallationKeys(db))?.storage).toBe('os-secure-storage');
      expect(await (await store.signer()).sign(message)).toEqual(original);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('keeps the table in step with main: a lost row comes back, a card without keys goes', async () => {
    const { db, profile, platform, store } = await desktopInstallation();
    const { card } = await store.create(profile, PASSPHRASE);

    await db.installationKeys.delete('installation');
    await openKeyStore(db, platform.keyVault, profile);
    expect((await getInstallationKeys(db))?.card).toEqual(card);

    await unlink(join(dir, IDENTITY_FILE_NAME));
    const reopened = await openKeyStore(db, platform.keyVault, profile);
    expect(await getInstallationKeys(db)).toBeNull();
    expect(reopened.info.storage).toBe('os-secure-storage');
  });

  it('refuses to sign with keys main cannot open, in the vault’s words', async () => {
    const { profile, store } = await desktopInstallation();
    await store.create(profile, PASSPHRASE);
    protector.locked = true;
    await expect((await store.signer()).sign(new Uint8Array(64))).rejects.toMatchObject({ code: 'identity-protected-unreadable' });
  });
});

describe('desktop without trustworthy OS storage', () => {
  it('falls back to non-extractable WebCrypto keys, and says why', async () => {
    protector.backend = 'basic_text';
    const { db, profile, store } = await desktopInstallation();
    expect(store.info).toEqual({ storage: 'webcrypto', backend: 'basic_text', osStorageAvailable: false });
    const { card } = await store.create(profile, PASSPHRASE);
    const row = await getInstallationKeys(db);
    expect(row?.storage).toBe('webcrypto');
    expect(row && 'signingKey' in row && row.signingKey.extractable).toBe(false);
    // Nothing was stored by main, and signing works with the WebCrypto key.
    expect(protector.encryptions).toBe(0);
    const written = await writeBundle({ operations: [], signer: await store.signer(), senderCard: card, workspace: 'real', sequence: 1, scope: { kind: 'snapshot' } });
    const read = await readBundle(chunksOf(await collect(written.chunks)), { resolveSigner: keyringOf(card) });
    expect(read.ok).toBe(true);
  });

  it('keeps using existing WebCrypto keys even once OS storage is available', async () => {
    protector.backend = 'basic_text';
    const first = await desktopInstallation();
    await first.store.create(first.profile, PASSPHRASE);
    protector.backend = 'kwallet6';
    const again = await openKeyStore(first.db, first.platform.keyVault, first.profile);
    expect(again.info.storage).toBe('webcrypto');
  });
});
