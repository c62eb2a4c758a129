/**
 * The adapter from Electron's `safeStorage` to the key vault's port, with a stand-in object (no
 * Electron here): the asynchronous calls are the ones used, backends are named per platform.
 */
import type { SafeStorage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { backendName, createSafeStorageProtector } from '../../../../../electron/main/services/safeStorageProtector';

function standIn(backend: ReturnType<SafeStorage['getSelectedStorageBackend']> = 'gnome_libsecret') {
  const fail = () => {
    throw new Error('the deprecated synchronous API must not be used');
  };
  return {
    getSelectedStorageBackend: vi.fn(() => backend),
    isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(true)),
    encryptStringAsync: vi.fn((text: string) => Promise.resolve(Buffer.from(`sealed:${text}`))),
    decryptStringAsync: vi.fn((data: Buffer) => Promise.resolve({ result: data.toString().replace(/^sealed:/, ''), shouldReEncrypt: true })),
    isEncryptionAvailable: vi.fn(fail),
    encryptString: vi.fn(fail),
    decryptString: vi.fn(fail),
    setUsePlainTextEncryption: vi.fn(fail),
  } satisfies SafeStorage;
}

describe('safeStorage protector', () => {
  it('names the backend: Linux asks Electron, macOS and Windows have one each', () => {
    const storage = standIn('basic_text');
    expect(backendName(storage, 'linux')).toBe('basic_text');
    expect(backendName(storage, 'darwin')).toBe('macos-keychain');
    expect(backendName(storage, 'win32')).toBe('windows-dpapi');
    expect(backendName(storage, 'freebsd')).toBe('unknown');
    expect(storage.getSelectedStorageBackend).toHaveBeenCalledTimes(1);
  });

  it('uses the asynchronous API and passes key rotation on', async () => {
    const storage = standIn();
    const protector = createSafeStorageProtector(storage, 'linux');
    expect(await protector.isEncryptionAvailable()).toBe(true);
    expect(protector.selectedBackend()).toBe('gnome_libsecret');
    const sealed = await protector.encryptString('secret');
    expect(sealed).toBeInstanceOf(Uint8Array);
    expect(await protector.decryptString(sealed)).toEqual({ plainText: 'secret', shouldReEncrypt: true });
    expect(storage.isEncryptionAvailable).not.toHaveBeenCalled();
    expect(storage.encryptString).not.toHaveBeenCalled();
    expect(storage.decryptString).not.toHaveBeenCalled();
  });
});
