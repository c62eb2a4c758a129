/** Which key store a session uses (renderer/src/identity/keyStore.ts `chooseKeyStorage`). */
import { describe, expect, it } from 'vitest';
import { chooseKeyStorage, type KeyStorage } from '../../../../renderer/src/identity/keyStore';

describe('chooseKeyStorage', () => {
  // Legend: [situation, desktop, existing row's storage, main holds this installation's identity, OS storage usable, expected]
  it.each<[string, boolean, KeyStorage | null, boolean, boolean, KeyStorage]>([
    ['browser, no keys', false, null, false, false, 'webcrypto'],
    ['browser, even if something claimed OS storage', false, 'os-secure-storage', true, true, 'webcrypto'],
    ['desktop with a keyring, no keys yet', true, null, false, true, 'os-secure-storage'],
    ['desktop, basic_text or no keyring, no keys yet', true, null, false, false, 'webcrypto'],
    ['desktop, table row lost but main holds the identity (keyring locked now)', true, null, true, false, 'os-secure-storage'],
    ['desktop, WebCrypto keys made before a keyring was there', true, 'webcrypto', false, true, 'webcrypto'],
    ['desktop, OS-protected keys while the keyring is locked', true, 'os-secure-storage', true, false, 'os-secure-storage'],
  ])('%s', (_situation, desktop, existing, vaultHoldsThisInstallation, osStorageAvailable, expected) => {
    expect(chooseKeyStorage({ desktop, existing, vaultHoldsThisInstallation, osStorageAvailable })).toBe(expected);
  });
});
