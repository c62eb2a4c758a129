/**
 * Where this installation's private keys live, behind one interface, so that exchange code signs
 * and decrypts without knowing. Two implementations:
 *
 * - web (`createWebKeyStore`, renderer/src/db/identity.ts): non-extractable WebCrypto keys in
 *   IndexedDB. The web build always; the desktop app when the OS offers no secure storage it can
 *   trust (none, or Linux's `basic_text`).
 * - desktop (`createDesktopKeyStore`, ./desktopKeyStore.ts): the secret identity lives only in the
 *   Electron main process, sealed with `safeStorage`; this side asks main for signatures and age
 *   file keys over IPC and never holds a private key byte.
 *
 * Both keep the public card in the `installationKeys` table (its `storage` field says which kind),
 * so the live queries that show the card work the same way. `chooseKeyStorage` decides per
 * installation, once per session (renderer/src/identity/openKeyStore.ts).
 */
import type { IdentityCard } from '../../../shared/crypto/identity';
import type { AgeDecryptionIdentity, BundleSigner } from '../../../shared/crypto/ports';
import type { InstallationProfile } from '../../../shared/model/installation';

export type KeyStorage = 'webcrypto' | 'os-secure-storage';

/** What the Identity section says about where keys are kept. */
export interface KeyStorageInfo {
  /** Where this store keeps (or would keep) the private keys. */
  readonly storage: KeyStorage;
  /** Desktop only: the OS secure storage backend (e.g. `gnome_libsecret`, `macos-keychain`); null in the browser. */
  readonly backend: string | null;
  /** Desktop only: whether that storage was usable when the session started. */
  readonly osStorageAvailable: boolean;
}

export interface CreatedIdentity {
  readonly card: IdentityCard;
  /** The secret identity, age-encrypted with the passphrase: the only copy that can be restored. */
  readonly backup: Uint8Array;
}

export interface InstallationKeyStore {
  /** The installation whose keys these are (a store is opened per profile). */
  readonly installationId: string;
  readonly info: KeyStorageInfo;
  /** The public card, or null when this installation has no identity yet. */
  card(): Promise<IdentityCard | null>;
  /** Make the identity; refused when one exists or the passphrase is too short. */
  create(profile: InstallationProfile, passphrase: string): Promise<CreatedIdentity>;
  /** Restore this installation's identity from its passphrase-protected backup. */
  restore(file: Uint8Array, profile: InstallationProfile, passphrase: string): Promise<IdentityCard>;
  /**
   * The installation's signer. Asynchronous because the public key comes from storage; rejects
   * with `identity-missing` when there is no identity.
   */
  signer(): Promise<BundleSigner>;
  /** The installation's age identity for decryption (a handle: the key itself never shows). */
  ageIdentity(): Promise<AgeDecryptionIdentity>;
}

/**
 * Which kind of store a session uses.
 *
 * - The browser has only WebCrypto.
 * - Keys that exist stay where they are: non-extractable WebCrypto keys cannot be moved into the
 *   OS storage (restoring the backup would be the way), and keys sealed by main are only usable
 *   through main, even while the OS storage is locked.
 * - A desktop installation without keys yet uses the OS storage if main holds this
 *   installation's identity (the table row was lost) or the storage is usable; otherwise it
 *   falls back to WebCrypto keys, and the Identity section says so.
 */
export function chooseKeyStorage(input: {
  readonly desktop: boolean;
  /** The `storage` of the existing `installationKeys` row, or null without one. */
  readonly existing: KeyStorage | null;
  readonly vaultHoldsThisInstallation: boolean;
  readonly osStorageAvailable: boolean;
}): KeyStorage {
  if (!input.desktop) return 'webcrypto';
  if (input.existing !== null) return input.existing;
  if (input.vaultHoldsThisInstallation || input.osStorageAvailable) return 'os-secure-storage';
  return 'webcrypto';
}
