/**
 * PURE (node:fs and shared/ only; no Electron, so Vitest runs it): the desktop app's installation
 * identity, held by the main process alone. The secret identity (Ed25519 seed, age X25519
 * identity, card) is stored encrypted with the operating system's secure storage through an
 * injected `SecretProtector` (Electron's `safeStorage` in the app, `safeStorageProtector.ts`; a
 * fake in tests). The renderer never receives private key bytes: it asks for a signature or for
 * an age file key (IPC `keys:*`), and main decrypts the secret for that one operation only.
 *
 * On disk: `<userData>/installation-identity.json`, written atomically with mode 0600:
 *   { format: 'crisis-workbook-protected-identity', version: 1, backend, card,
 *     protectedSecret: base64(safeStorage-encrypted canonical JSON of the SecretIdentity) }
 * The public card sits beside the sealed secret so that the identity can be shown without asking
 * the OS keyring; every use of the secret checks that its card is that card, so a card edited on
 * disk is caught at the first signature.
 *
 * Refusals (thrown as `WorkbookError`, turned into `Result`s by `ipc/keyChannels.ts`):
 * - no usable protection: `safeStorage` unavailable, or Linux's `basic_text` backend, which
 *   Electron documents as encryption "via hardcoded plaintext password" — storing a key that way
 *   would be plain text with extra steps. The renderer then keeps the keys as non-extractable
 *   WebCrypto keys instead (the web path) and says so;
 * - an identity of this installation already present (create), another installation's backup
 *   (restore), a short passphrase, a wrong one. A file that cannot be read, or that holds another
 *   installation's identity, is moved aside (renamed), never overwritten or deleted.
 *
 * Secrets in memory: each operation decrypts, uses and drops the secret. Byte arrays (seed, age
 * key) are zeroed after use; the decrypted JSON text cannot be wiped (JavaScript strings are
 * immutable) and is left to the garbage collector — nothing keeps a reference to it.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { promises as fsPromises } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalize } from '../../../shared/bundle/canonical';
import { fromBase64, toBase64, utf8 } from '../../../shared/crypto/bytes';
import {
  generateIdentity,
  IdentityCardSchema,
  IdentityProfileSchema,
  protectSecretIdentity,
  SecretIdentitySchema,
  unprotectSecretIdentity,
  verifyIdentityCard,
  type IdentityCard,
  type SecretIdentity,
} from '../../../shared/crypto/identity';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/crypto/passphrasePolicy';
import { WorkbookError } from '../../../shared/errors/codes';
import type { CreatedKeys, KeyProtection, KeyVaultStatus } from '../../../shared/ipc/contract';
import { ageIdentitySecretBytes, unwrapX25519FileKey, type AgeStanzaLike } from './ageX25519';
import { writeFileAtomically } from './atomicWrite';

/**
 * The operating system's secure storage, as the vault needs it. Asynchronous because Electron 45
 * deprecates the synchronous `safeStorage` calls (`encryptString`, `decryptString`,
 * `isEncryptionAvailable`) in favour of `encryptStringAsync`/`decryptStringAsync`/
 * `isAsyncEncryptionAvailable`, which do not block main on a keyring prompt and report key rotation.
 */
export interface SecretProtector {
  /** Whether encryption can be used now. */
  isEncryptionAvailable(): Promise<boolean>;
  /** Which storage is in use: `basic_text`, `gnome_libsecret`, `kwallet6`, `macos-keychain`, `windows-dpapi`, `unknown`… */
  selectedBackend(): string;
  encryptString(plainText: string): Promise<Uint8Array>;
  /** `shouldReEncrypt`: the OS rotated its key; the vault then seals the secret again. */
  decryptString(encrypted: Uint8Array): Promise<{ plainText: string; shouldReEncrypt: boolean }>;
}

/**
 * Backends the vault never stores a key with. `basic_text`: Linux without a keyring (or with
 * `--password-store=basic`): a hard-coded key, i.e. no protection. `unknown`: Linux before
 * `ready`, i.e. nothing decided yet.
 */
export const UNTRUSTED_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export const IDENTITY_FILE_NAME = 'installation-identity.json';
const STORED_IDENTITY_FORMAT = 'crisis-workbook-protected-identity';
const STORED_IDENTITY_VERSION = 1;

const StoredIdentitySchema = z.strictObject({
  format: z.literal(STORED_IDENTITY_FORMAT),
  version: z.literal(STORED_IDENTITY_VERSION),
  /** The backend that sealed it, for diagnostics (a different one may still open it). */
  backend: z.string().max(100),
  card: IdentityCardSchema,
  protectedSecret: z.string().min(1).max(64 * 1024),
});
type StoredIdentity = z.infer<typeof StoredIdentitySchema>;

export interface KeyVaultOptions {
  /** Folder of the identity file: Electron's `userData`. */
  readonly directory: string;
  readonly protector: SecretProtector;
  /** scrypt work factor (log2 N) of new backups; only tests lower it from the default 18. */
  readonly scryptWorkFactor?: number;
}

export interface KeyVault {
  /** The card held (null if none, or if the file is unreadable) and whether protection is usable. */
  status(): Promise<KeyVaultStatus>;
  /** A new identity, sealed on disk; the passphrase-protected backup goes back to the user. */
  create(profile: unknown, passphrase: string): Promise<CreatedKeys>;
  /** Replace the held identity with this installation's backup. */
  restore(backup: Uint8Array, passphrase: string, expectedInstallationId: string): Promise<IdentityCard>;
  /** 64-byte Ed25519 signature by the held identity's signing key. */
  sign(message: Uint8Array): Promise<Uint8Array>;
  /** The age file key one of the X25519 stanzas wraps for the held identity, or null. */
  unwrapFileKey(stanzas: readonly AgeStanzaLike[]): Promise<Uint8Array | null>;
}

export function createKeyVault(options: KeyVaultOptions): KeyVault {
  const { directory, protector } = options;
  const path = join(directory, IDENTITY_FILE_NAME);
  // create/restore write one file: run them one at a time (a double click must not make two keys).
  let writes: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = writes.then(task, task);
    writes = run.catch(() => undefined);
    return run;
  };

  async function protection(): Promise<KeyProtection> {
    const backend = protector.selectedBackend();
    let available: boolean;
    try {
      available = await protector.isEncryptionAvailable();
    } catch {
      available = false;
    }
    return { available: available && !UNTRUSTED_BACKENDS.has(backend), backend };
  }

  async function requireProtection(): Promise<KeyProtection> {
    const current = await protection();
    if (!current.available) throw new WorkbookError('identity-protection-unavailable', `OS secure storage backend "${current.backend}" is not usable`);
    return current;
  }

  /** The stored identity; null when there is none; 'damaged' when the file cannot be read as one. */
  async function readStored(): Promise<StoredIdentity | null | 'damaged'> {
    let text: string;
    try {
      text = await fsPromises.readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return 'damaged';
    }
    const parsed = StoredIdentitySchema.safeParse(value);
    if (!parsed.success || !verifyIdentityCard(parsed.data.card).ok) return 'damaged';
    return parsed.data;
  }

  async function seal(secret: SecretIdentity): Promise<void> {
    const current = await requireProtection();
    const plainText = canonicalize(SecretIdentitySchema.parse(secret));
    const sealed = await protector.encryptString(plainText);
    // Read it back before relying on it: a keyring that cannot open what it just sealed would
    // silently lose the key.
    const check = await protector.decryptString(sealed);
    if (check.plainText !== plainText) throw new WorkbookError('identity-protected-unreadable', 'the OS secure storage did not give back what it sealed');
    const stored: StoredIdentity = {
      format: STORED_IDENTITY_FORMAT,
      version: STORED_IDENTITY_VERSION,
      backend: current.backend,
      card: secret.card,
      protectedSecret: toBase64(sealed),
    };
    await fsPromises.mkdir(directory, { recursive: true, mode: 0o700 });
    await writeFileAtomically(path, utf8(`${JSON.stringify(stored, null, 2)}\n`), fsPromises, { mode: 0o600 });
  }

  /**
   * Move the identity file out of the way instead of overwriting it: an unreadable one may open
   * again another day (keyring back), another installation's may still be wanted.
   */
  async function setAside(reason: string): Promise<void> {
    await fsPromises.rename(path, `${path}.${reason}-${Date.now()}`);
  }

  /** Decrypt the secret for one operation; `use` must not keep it. */
  async function withSecret<T>(use: (secret: SecretIdentity) => T): Promise<T> {
    const stored = await readStored();
    if (stored === null) throw new WorkbookError('identity-missing');
    if (stored === 'damaged') throw new WorkbookError('identity-protected-unreadable', 'the protected identity file is damaged');
    await requireProtection();
    let opened: { plainText: string; shouldReEncrypt: boolean };
    try {
      opened = await protector.decryptString(fromBase64(stored.protectedSecret));
    } catch (e) {
      throw new WorkbookError('identity-protected-unreadable', `the OS secure storage refused to decrypt (${e instanceof Error ? e.message : String(e)})`);
    }
    let value: unknown;
    try {
      value = JSON.parse(opened.plainText);
    } catch {
      throw new WorkbookError('identity-protected-unreadable', 'the decrypted identity is not JSON');
    }
    const parsed = SecretIdentitySchema.safeParse(value);
    if (!parsed.success) throw new WorkbookError('identity-protected-unreadable', 'the decrypted identity is malformed');
    const secret = parsed.data;
    if (canonicalize(secret.card) !== canonicalize(stored.card)) {
      throw new WorkbookError('identity-protected-unreadable', 'the card beside the protected identity is not the identity’s own');
    }
    if (opened.shouldReEncrypt) {
      // The OS rotated its key: seal again with the new one. Best effort — the old file still opens.
      await exclusive(() => seal(secret)).catch(() => undefined);
    }
    return use(secret);
  }

  return {
    async status() {
      const stored = await readStored();
      return { card: stored === null || stored === 'damaged' ? null : stored.card, protection: await protection() };
    },

    create(profile, passphrase) {
      return exclusive(async () => {
        if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new WorkbookError('identity-passphrase-too-short');
        const checked = IdentityProfileSchema.safeParse(profile);
        if (!checked.success) throw new WorkbookError('record-invalid', checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        await requireProtection();
        const existing = await readStored();
        if (existing === 'damaged') await setAside('unreadable');
        else if (existing?.card.installationId === checked.data.installationId) throw new WorkbookError('identity-exists');
        // Another installation's identity: its workbook database is gone (a new installation id
        // means a new database), so nothing here can use it any more. Kept aside, never deleted.
        else if (existing !== null) await setAside(`installation-${existing.card.installationId}`);
        const secret = await generateIdentity(checked.data);
        // The backup first: if it cannot be made, nothing is stored.
        const backup = await protectSecretIdentity(secret, passphrase, options.scryptWorkFactor === undefined ? {} : { scryptWorkFactor: options.scryptWorkFactor });
        await seal(secret);
        return { card: secret.card, backup };
      });
    },

    restore(backup, passphrase, expectedInstallationId) {
      return exclusive(async () => {
        await requireProtection();
        const opened = await unprotectSecretIdentity(backup, passphrase);
        if (!opened.ok) throw new WorkbookError(opened.code === 'identity-wrong-passphrase' ? 'identity-wrong-passphrase' : 'identity-backup-invalid', opened.detail);
        if (opened.secret.card.installationId !== expectedInstallationId) throw new WorkbookError('identity-other-installation', opened.secret.card.installationId);
        if ((await readStored()) === 'damaged') await setAside('unreadable');
        await seal(opened.secret);
        return opened.secret.card;
      });
    },

    sign(message) {
      return withSecret((secret) => {
        const seed = fromBase64(secret.signingSeed);
        try {
          return ed25519.sign(message, seed);
        } finally {
          seed.fill(0);
        }
      });
    },

    unwrapFileKey(stanzas) {
      return withSecret((secret) => {
        const key = ageIdentitySecretBytes(secret.ageIdentity);
        try {
          return unwrapX25519FileKey(key, stanzas);
        } finally {
          key.fill(0);
        }
      });
    },
  };
}
