/**
 * This installation's identity: creating it (with a passphrase-protected backup handed to the user
 * at once, since the private keys can never be read out again) and loading its keys to sign and
 * decrypt. The web key store (non-extractable WebCrypto keys in this database) lives here; the
 * desktop one (keys sealed in the main process) keeps only its public card here, through
 * `putOsProtectedCard` (see renderer/src/identity/keyStore.ts).
 */
import { generateIdentity, protectSecretIdentity, unprotectSecretIdentity, type IdentityCard } from '../../../shared/crypto/identity';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/crypto/passphrasePolicy';
import { ageIdentityHandle } from '../../../shared/crypto/ports';
import { WorkbookError } from '../../../shared/errors/codes';
import type { InstallationProfile } from '../../../shared/model/installation';
import type { CreatedIdentity, InstallationKeyStore } from '../identity/keyStore';
import { importSecretIdentity, webSigner } from '../identity/webKeys';
import type { InstallationKeysRow, WebCryptoKeysRow, WorkbookDb } from './WorkbookDb';

// One rule for the web path, the desktop vault and the IPC schemas (shared/crypto/passphrasePolicy.ts).
export { MIN_PASSPHRASE_LENGTH };
export type { CreatedIdentity };

/** The keys, or null when this installation has none yet (never undefined: live queries use that for "loading"). */
export async function getInstallationKeys(db: WorkbookDb): Promise<InstallationKeysRow | null> {
  return (await db.installationKeys.get('installation')) ?? null;
}

export async function createInstallationIdentity(
  db: WorkbookDb,
  profile: InstallationProfile,
  passphrase: string,
  options: { scryptWorkFactor?: number } = {},
): Promise<CreatedIdentity> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new WorkbookError('identity-passphrase-too-short');
  if (await getInstallationKeys(db)) throw new WorkbookError('identity-exists');
  const secret = await generateIdentity({
    installationId: profile.id,
    organisation: profile.organisation,
    country: profile.country,
    person: profile.person,
    role: profile.role,
  });
  const backup = await protectSecretIdentity(secret, passphrase, options);
  await storeSecret(db, secret);
  return { card: secret.card, backup };
}

/** Restore this installation's identity from its backup (e.g. after the browser data was cleared). */
export async function restoreInstallationIdentity(db: WorkbookDb, profile: InstallationProfile, file: Uint8Array, passphrase: string): Promise<IdentityCard> {
  const opened = await unprotectSecretIdentity(file, passphrase);
  if (!opened.ok) throw new WorkbookError(opened.code === 'identity-wrong-passphrase' ? 'identity-wrong-passphrase' : 'identity-backup-invalid', opened.detail);
  if (opened.secret.card.installationId !== profile.id) throw new WorkbookError('identity-other-installation', opened.secret.card.installationId);
  await storeSecret(db, opened.secret);
  return opened.secret.card;
}

async function storeSecret(db: WorkbookDb, secret: Parameters<typeof importSecretIdentity>[0]): Promise<void> {
  const keys = await importSecretIdentity(secret);
  await db.installationKeys.put({
    id: 'installation',
    storage: 'webcrypto',
    card: keys.card,
    signingKey: keys.signingKey,
    keyId: keys.keyId,
    signingPublicKey: keys.signingPublicKey,
    ageKey: keys.ageKey,
    createdAt: keys.card.createdAt,
  });
}

/** The row's WebCrypto keys; an OS-protected row has none here (its keys are in the main process). */
async function webCryptoKeys(db: WorkbookDb): Promise<WebCryptoKeysRow> {
  const row = await getInstallationKeys(db);
  if (!row) throw new WorkbookError('identity-missing');
  if (row.storage === 'os-secure-storage') throw new WorkbookError('identity-protection-unavailable', 'the keys are sealed in the desktop app’s main process');
  return row;
}

/** The key store of the web path: non-extractable WebCrypto keys in this database. */
export function createWebKeyStore(
  db: WorkbookDb,
  options: { installationId: string; backend?: string | null; osStorageAvailable?: boolean; scryptWorkFactor?: number },
): InstallationKeyStore {
  const createOptions = options.scryptWorkFactor === undefined ? {} : { scryptWorkFactor: options.scryptWorkFactor };
  return {
    installationId: options.installationId,
    info: { storage: 'webcrypto', backend: options.backend ?? null, osStorageAvailable: options.osStorageAvailable ?? false },
    card: async () => (await getInstallationKeys(db))?.card ?? null,
    create: (profile, passphrase) => createInstallationIdentity(db, profile, passphrase, createOptions),
    restore: (file, profile, passphrase) => restoreInstallationIdentity(db, profile, file, passphrase),
    signer: async () => webSigner(await webCryptoKeys(db)),
    ageIdentity: async () => ageIdentityHandle((await webCryptoKeys(db)).ageKey),
  };
}

/**
 * Desktop key store: record the public card of the identity the main process holds. No private
 * key is written here; `storage` says where they are.
 */
export async function putOsProtectedCard(db: WorkbookDb, card: IdentityCard): Promise<void> {
  await db.installationKeys.put({ id: 'installation', storage: 'os-secure-storage', card, createdAt: card.createdAt });
}

/** Forget the card of an identity the main process no longer holds (its sealed file is gone). */
export async function forgetOsProtectedCard(db: WorkbookDb): Promise<void> {
  await db.transaction('rw', db.installationKeys, async () => {
    const row = await getInstallationKeys(db);
    if (row?.storage === 'os-secure-storage') await db.installationKeys.delete('installation');
  });
}
