/**
 * The desktop key store: the secret identity lives only in the Electron main process, sealed
 * with the OS secure storage (electron/main/services/keyVault.ts). This side asks main, over the
 * platform's key vault port, to make or restore the identity, to sign a message, or to unwrap an
 * age file key; it never receives a private key byte. The public card goes into the
 * `installationKeys` table (storage 'os-secure-storage') so the screens show it as before.
 *
 * The age identity is a custom age `Identity` (typage calls `unwrapFileKey(stanzas)` once per
 * file): it passes main the X25519 stanzas only, checked against the same schema main applies,
 * and throws for a malformed one as typage's own X25519 identity does.
 */
import type { Identity, Stanza } from 'age-encryption';
import { cardSigningKey, verifyIdentityCard, type IdentityCard } from '../../../shared/crypto/identity';
import { ed25519Verify } from '../../../shared/crypto/minisign';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/crypto/passphrasePolicy';
import { ageIdentityHandle } from '../../../shared/crypto/ports';
import { WorkbookError } from '../../../shared/errors/codes';
import { MAX_AGE_STANZAS, MAX_IDENTITY_BACKUP_BYTES, X25519StanzaSchema, type KeyProtection, type X25519Stanza } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { InstallationProfile } from '../../../shared/model/installation';
import { getInstallationKeys, putOsProtectedCard } from '../db/identity';
import type { WorkbookDb } from '../db/WorkbookDb';
import type { KeyVaultPort } from '../platform/Platform';
import type { InstallationKeyStore } from './keyStore';

/** The value of a `Result` from main, or its error as a `WorkbookError` (same code, same words). */
function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new WorkbookError(result.error.code, result.error.detail);
  return result.value;
}

/** An age `Identity` whose private key is in the main process. */
export function vaultAgeIdentity(vault: Pick<KeyVaultPort, 'unwrapFileKey'>): Identity {
  return {
    async unwrapFileKey(stanzas: Stanza[]) {
      const ours: X25519Stanza[] = [];
      for (const stanza of stanzas) {
        if (stanza.args[0] !== 'X25519') continue; // another recipient type: not for this key
        // A copy of the body: a view into a larger buffer would send all of that buffer over IPC.
        const parsed = X25519StanzaSchema.safeParse({ args: [...stanza.args], body: stanza.body.slice() });
        if (!parsed.success) throw new Error('invalid X25519 stanza');
        ours.push(parsed.data);
      }
      if (ours.length === 0) return null;
      if (ours.length > MAX_AGE_STANZAS) throw new Error(`more than ${MAX_AGE_STANZAS} X25519 recipients`);
      return valueOf(await vault.unwrapFileKey(ours));
    },
  };
}

/** The card main returned, checked before it is shown as this installation's. */
function checkedCard(card: IdentityCard, installationId: string): IdentityCard {
  const verified = verifyIdentityCard(card);
  if (!verified.ok) throw new WorkbookError(verified.code, verified.detail);
  if (verified.card.installationId !== installationId) throw new WorkbookError('identity-other-installation', verified.card.installationId);
  return verified.card;
}

export function createDesktopKeyStore(db: WorkbookDb, vault: KeyVaultPort, options: { installationId: string; protection: KeyProtection }): InstallationKeyStore {
  const { installationId } = options;
  return {
    installationId,
    info: { storage: 'os-secure-storage', backend: options.protection.backend, osStorageAvailable: options.protection.available },

    card: async () => (await getInstallationKeys(db))?.card ?? null,

    async create(profile: InstallationProfile, passphrase: string) {
      // Checked here as well as in main, so the person sees the same sentence as on the web path.
      if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new WorkbookError('identity-passphrase-too-short');
      if (await getInstallationKeys(db)) throw new WorkbookError('identity-exists');
      const created = valueOf(
        await vault.create(
          { installationId: profile.id, organisation: profile.organisation, country: profile.country, person: profile.person, role: profile.role },
          passphrase,
        ),
      );
      const card = checkedCard(created.card, profile.id);
      await putOsProtectedCard(db, card);
      return { card, backup: created.backup };
    },

    async restore(file: Uint8Array, profile: InstallationProfile, passphrase: string) {
      if (passphrase.length === 0) throw new WorkbookError('identity-wrong-passphrase');
      if (file.byteLength === 0 || file.byteLength > MAX_IDENTITY_BACKUP_BYTES) throw new WorkbookError('identity-backup-invalid', `${file.byteLength} bytes`);
      const card = checkedCard(valueOf(await vault.restore(file, passphrase, profile.id)), profile.id);
      await putOsProtectedCard(db, card);
      return card;
    },

    async signer() {
      const row = await getInstallationKeys(db);
      if (!row) throw new WorkbookError('identity-missing');
      const key = cardSigningKey(row.card);
      return {
        keyId: key.keyId,
        publicKey: key.publicKey,
        async sign(message: Uint8Array) {
          const signature = valueOf(await vault.sign(message));
          // Main holds the key the card names (it checks), but a signature that would not verify
          // must never reach a bundle: peers would refuse it as altered.
          if (signature.length !== 64 || !ed25519Verify(signature, message, key.publicKey)) {
            throw new WorkbookError('identity-protected-unreadable', 'the signature from the desktop app does not match this installation’s card');
          }
          return signature;
        },
      };
    },

    ageIdentity: () => Promise.resolve(ageIdentityHandle(vaultAgeIdentity(vault))),
  };
}
