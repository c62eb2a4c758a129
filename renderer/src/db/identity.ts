/**
 * This installation's identity: creating it (with a passphrase-protected backup handed to the user
 * at once, since the private keys can never be read out again) and loading its keys to sign and
 * decrypt.
 */
import { generateIdentity, protectSecretIdentity, unprotectSecretIdentity, type IdentityCard } from '../../../shared/crypto/identity';
import { WorkbookError } from '../../../shared/errors/codes';
import type { InstallationProfile } from '../../../shared/model/installation';
import { importSecretIdentity } from '../identity/webKeys';
import type { InstallationKeysRow, WorkbookDb } from './WorkbookDb';

export const MIN_PASSPHRASE_LENGTH = 12;

/** The keys, or null when this installation has none yet (never undefined: live queries use that for "loading"). */
export async function getInstallationKeys(db: WorkbookDb): Promise<InstallationKeysRow | null> {
  return (await db.installationKeys.get('installation')) ?? null;
}

export interface CreatedIdentity {
  readonly card: IdentityCard;
  /** The secret identity, age-encrypted with the passphrase: the only copy that can be restored. */
  readonly backup: Uint8Array;
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
    card: keys.card,
    signingKey: keys.signingKey,
    keyId: keys.keyId,
    signingPublicKey: keys.signingPublicKey,
    ageKey: keys.ageKey,
    createdAt: keys.card.createdAt,
  });
}
