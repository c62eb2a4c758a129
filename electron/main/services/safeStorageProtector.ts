/**
 * The key vault's `SecretProtector` over Electron's `safeStorage`. PURE in the layering sense:
 * it imports Electron's *types* only and gets the `safeStorage` object from `index.ts`, so it is
 * unit-tested with a stand-in. Thin on purpose — every decision (which backends are trusted,
 * what is stored, when to refuse) is in `keyVault.ts`.
 *
 * Uses the asynchronous API: Electron 45 deprecates `encryptString`/`decryptString`/
 * `isEncryptionAvailable` (see electron.d.ts), and the async calls do not block the main process
 * while the OS asks the user to unlock a keyring. Call only after `app` is ready.
 */
import type { SafeStorage } from 'electron';
import type { SecretProtector } from './keyVault';

/**
 * The backend's name. Electron reports one only on Linux (`getSelectedStorageBackend`); on
 * macOS the key lives in the login Keychain, on Windows it is sealed with DPAPI.
 */
export function backendName(safeStorage: Pick<SafeStorage, 'getSelectedStorageBackend'>, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macos-keychain';
  if (platform === 'win32') return 'windows-dpapi';
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
  return 'unknown';
}

export function createSafeStorageProtector(safeStorage: SafeStorage, platform: NodeJS.Platform): SecretProtector {
  return {
    isEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    selectedBackend: () => backendName(safeStorage, platform),
    encryptString: async (plainText) => new Uint8Array(await safeStorage.encryptStringAsync(plainText)),
    decryptString: async (encrypted) => {
      const opened = await safeStorage.decryptStringAsync(Buffer.from(encrypted));
      return { plainText: opened.result, shouldReEncrypt: opened.shouldReEncrypt };
    },
  };
}
