/**
 * Chooses the key store of a session (once per installation profile, in Root.tsx): the desktop
 * store when the app runs in Electron and the OS secure storage is usable (or already holds this
 * installation's identity), otherwise the web store. See `chooseKeyStorage` for the rules.
 *
 * It also keeps the `installationKeys` row in step with what main holds, main being the truth
 * for an OS-protected identity: a card main holds but the table lost is written back; a card
 * whose sealed identity main no longer holds is forgotten, so that the screen offers to create
 * or restore one instead of showing keys that cannot sign.
 */
import { verifyIdentityCard } from '../../../shared/crypto/identity';
import type { KeyProtection, KeyVaultStatus } from '../../../shared/ipc/contract';
import type { InstallationProfile } from '../../../shared/model/installation';
import { createWebKeyStore, forgetOsProtectedCard, getInstallationKeys, putOsProtectedCard } from '../db/identity';
import type { WorkbookDb } from '../db/WorkbookDb';
import type { KeyVaultPort } from '../platform/Platform';
import { createDesktopKeyStore } from './desktopKeyStore';
import { chooseKeyStorage, type InstallationKeyStore } from './keyStore';

const UNKNOWN_PROTECTION: KeyProtection = { available: false, backend: 'unknown' };

export async function openKeyStore(db: WorkbookDb, keyVault: KeyVaultPort | null, profile: Pick<InstallationProfile, 'id'>): Promise<InstallationKeyStore> {
  const installationId = profile.id;
  if (!keyVault) return createWebKeyStore(db, { installationId });

  const answer = await keyVault.status();
  // Main did not answer (should not happen): nothing is changed, keys made now are web keys.
  const status: KeyVaultStatus | null = answer.ok ? answer.value : null;
  const protection = status?.protection ?? UNKNOWN_PROTECTION;
  const vaultCard = status?.card?.installationId === installationId ? status.card : null;

  let row = await getInstallationKeys(db);
  if (status && row?.storage === 'os-secure-storage' && !vaultCard) {
    await forgetOsProtectedCard(db);
    row = null;
  }
  const storage = chooseKeyStorage({
    desktop: true,
    existing: row ? (row.storage ?? 'webcrypto') : null,
    vaultHoldsThisInstallation: vaultCard !== null,
    osStorageAvailable: protection.available,
  });
  if (storage === 'webcrypto') {
    return createWebKeyStore(db, { installationId, backend: protection.backend, osStorageAvailable: protection.available });
  }
  if (vaultCard && (!row || row.card.selfSignature !== vaultCard.selfSignature)) {
    const verified = verifyIdentityCard(vaultCard);
    if (verified.ok) await putOsProtectedCard(db, verified.card);
  }
  return createDesktopKeyStore(db, keyVault, { installationId, protection });
}
