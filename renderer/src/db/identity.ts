/**
 * This installation's identity: creating it (with a passphrase-protected backup handed to the user
 * at once, since the private keys can never be read out again) and loading its keys to sign and
 * decrypt. The web key store (non-extractable WebCrypto keys in this database) lives here; the
 * desktop one (keys sealed in the main process) keeps only its public card here, through
 * `putOsProtectedCard` (see renderer/src/identity/keyStore.ts).
 *
 * With content encryption on (db/appLock.ts), a web identity created or restored is not stored
 * as WebCrypto keys — Chromium would write their bytes into the profile on disk — but as the
 * secret identity sealed with the data key; at unlock it is imported into non-extractable keys
 * kept in memory only, for the session. Turning content encryption off first turns such a row
 * back into stored WebCrypto keys (`unsealInstallationSecret`), before the data key is forgotten.
 */
import { fromUtf8, utf8 } from '../../../shared/crypto/bytes';
import {
  generateIdentity,
  protectSecretIdentity,
  SecretIdentitySchema,
  unprotectSecretIdentity,
  type IdentityCard,
  type SecretIdentity,
} from '../../../shared/crypto/identity';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/crypto/passphrasePolicy';
import { ageIdentityHandle } from '../../../shared/crypto/ports';
import { WorkbookError } from '../../../shared/errors/codes';
import type { InstallationProfile } from '../../../shared/model/installation';
import type { CreatedIdentity, InstallationKeyStore } from '../identity/keyStore';
import { importSecretIdentity, webSigner, type WebInstallationKeys } from '../identity/webKeys';
import { openWithDataKey, sealWithDataKey } from './sealing';
import type { InstallationKeysRow, WebCryptoKeysRow, WorkbookDb } from './WorkbookDb';

/**
 * A web identity under content encryption: the card and public key, and the secret identity
 * sealed with the data key; no CryptoKey. Not part of `InstallationKeysRow` (WorkbookDb.ts) — it
 * is written and told apart only here (`storage` stays 'webcrypto': the keys are WebCrypto keys
 * once imported, and the Identity section shows it so).
 */
interface SealedSecretKeysRow {
  id: 'installation';
  storage: 'webcrypto';
  card: IdentityCard;
  createdAt: string;
  keyId: Uint8Array;
  signingPublicKey: Uint8Array;
  sealedSecret: Uint8Array;
}

function isSealedSecretRow(row: object): row is SealedSecretKeysRow {
  return 'sealedSecret' in row && row.sealedSecret instanceof Uint8Array;
}

/** What a sealed secret is bound to: its purpose and its installation. */
const secretContext = (installationId: string) => `installation secret identity\u0000${installationId}`;

/** Keys imported from a sealed secret, per database, for this session only (never stored). */
const sessionKeys = new WeakMap<WorkbookDb, { readonly selfSignature: string; readonly keys: Promise<WebInstallationKeys> }>();

function openSealedSecret(db: WorkbookDb, row: SealedSecretKeysRow): SecretIdentity {
  const parsed = SecretIdentitySchema.safeParse(JSON.parse(fromUtf8(openWithDataKey(db, secretContext(row.card.installationId), row.sealedSecret))));
  if (!parsed.success) throw new WorkbookError('identity-malformed', 'the sealed secret identity does not parse');
  return parsed.data;
}

function keysOfSealedRow(db: WorkbookDb, row: SealedSecretKeysRow): Promise<WebInstallationKeys> {
  const cached = sessionKeys.get(db);
  if (cached?.selfSignature === row.card.selfSignature) return cached.keys;
  // Opened inside the promise: a locked workbook's error becomes a rejection, as callers expect.
  const keys = Promise.resolve().then(() => importSecretIdentity(openSealedSecret(db, row)));
  sessionKeys.set(db, { selfSignature: row.card.selfSignature, keys });
  // A failure is not kept: the next use tries again (e.g. after the unlock).
  keys.catch(() => {
    if (sessionKeys.get(db)?.keys === keys) sessionKeys.delete(db);
  });
  return keys;
}

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

async function storeSecret(db: WorkbookDb, secret: SecretIdentity): Promise<void> {
  // Imported in any case: it proves the keys are the card's.
  const keys = await importSecretIdentity(secret);
  const sealedSecret = sealWithDataKey(db, secretContext(secret.card.installationId), utf8(JSON.stringify(secret)));
  if (sealedSecret) {
    const row: SealedSecretKeysRow = {
      id: 'installation',
      storage: 'webcrypto',
      card: keys.card,
      createdAt: keys.card.createdAt,
      keyId: keys.keyId,
      signingPublicKey: keys.signingPublicKey,
      sealedSecret,
    };
    sessionKeys.set(db, { selfSignature: keys.card.selfSignature, keys: Promise.resolve(keys) });
    await db.table('installationKeys').put(row);
    return;
  }
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
async function webCryptoKeys(db: WorkbookDb): Promise<Pick<WebCryptoKeysRow, 'signingKey' | 'keyId' | 'signingPublicKey' | 'ageKey'>> {
  const row = await getInstallationKeys(db);
  if (!row) throw new WorkbookError('identity-missing');
  if (row.storage === 'os-secure-storage') throw new WorkbookError('identity-protection-unavailable', 'the keys are sealed in the desktop app’s main process');
  if (isSealedSecretRow(row)) return keysOfSealedRow(db, row);
  return row;
}

/**
 * Turning content encryption off: a secret identity sealed with the data key becomes stored
 * WebCrypto keys again (as without content encryption), while the data key still opens it.
 * Does nothing for any other row.
 */
export async function unsealInstallationSecret(db: WorkbookDb): Promise<void> {
  const row = await getInstallationKeys(db);
  if (!row || !isSealedSecretRow(row)) return;
  const keys = await importSecretIdentity(openSealedSecret(db, row));
  await db.transaction('rw', db.installationKeys, async () => {
    const current = await getInstallationKeys(db);
    // Replaced meanwhile (restored, say): leave the newer row alone.
    if (!current || !isSealedSecretRow(current) || current.card.selfSignature !== row.card.selfSignature) return;
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
  });
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
