/**
 * A stand-in for Electron's `safeStorage` (the key vault's `SecretProtector` port): real
 * AES-256-GCM under a random per-instance key, so that what reaches the disk is ciphertext, as
 * with the OS keyring. `backend`, `available` and failures are settable to play every machine:
 * a Linux desktop with GNOME Keyring, one with only `basic_text`, a locked or reset keyring.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretProtector } from '../../electron/main/services/keyVault';

export class FakeSecretProtector implements SecretProtector {
  backend = 'gnome_libsecret';
  available = true;
  /** Set to make the next decryptions report a key rotation. */
  rotated = false;
  /** Set to make decryption fail, as with a locked keyring. */
  locked = false;
  encryptions = 0;
  private key: Buffer = randomBytes(32);

  /** The OS keyring was reset: what was sealed before no longer opens. */
  resetKeyring(): void {
    this.key = randomBytes(32);
  }

  isEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }

  selectedBackend(): string {
    return this.backend;
  }

  encryptString(plainText: string): Promise<Uint8Array> {
    this.encryptions += 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Promise.resolve(new Uint8Array(Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body])));
  }

  decryptString(encrypted: Uint8Array): Promise<{ plainText: string; shouldReEncrypt: boolean }> {
    if (this.locked) return Promise.reject(new Error('the keyring is locked'));
    const data = Buffer.from(encrypted);
    if (data.subarray(0, 3).toString() !== 'v10') return Promise.reject(new Error('not sealed by this protector'));
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(3, 15));
      decipher.setAuthTag(data.subarray(15, 31));
      const plainText = Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
      return Promise.resolve({ plainText, shouldReEncrypt: this.rotated });
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
