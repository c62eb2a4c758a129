import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIALS_FILE_NAME, createWebDavCredentialStore } from '../../../../../electron/main/services/webdavCredentials';
import { FakeSecretProtector } from '../../../../helpers/fakeSecretProtector';

const HUB = '01HV0000000000000000000000';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-cred-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hub passwords in OS secure storage', () => {
  it('keeps a password sealed on disk (mode 0600) and gives it back to main only', async () => {
    const protector = new FakeSecretProtector();
    const store = createWebDavCredentialStore({ directory: dir, protector });
    await store.set(HUB, { username: 'ncsc', password: 'correct horse' });
    const text = await readFile(join(dir, CREDENTIALS_FILE_NAME), 'utf8');
    expect(text).not.toContain('correct horse');
    expect((await stat(join(dir, CREDENTIALS_FILE_NAME))).mode & 0o077).toBe(0);
    expect(await createWebDavCredentialStore({ directory: dir, protector }).get(HUB)).toEqual({ username: 'ncsc', password: 'correct horse' });
    await store.forget(HUB);
    expect(await store.get(HUB)).toBeNull();
  });

  it('refuses to keep a password without trustworthy OS storage', async () => {
    const protector = new FakeSecretProtector();
    protector.backend = 'basic_text';
    const store = createWebDavCredentialStore({ directory: dir, protector });
    expect(await store.available()).toEqual({ available: false, backend: 'basic_text' });
    await expect(store.set(HUB, { username: 'u', password: 'p' })).rejects.toMatchObject({ code: 'identity-protection-unavailable' });
  });

  it('re-seals after the OS rotated its key, and sets a damaged file aside', async () => {
    const protector = new FakeSecretProtector();
    const store = createWebDavCredentialStore({ directory: dir, protector });
    await store.set(HUB, { username: 'u', password: 'p' });
    protector.rotated = true;
    const before = protector.encryptions;
    expect(await store.get(HUB)).toEqual({ username: 'u', password: 'p' });
    expect(protector.encryptions).toBe(before + 1);
    await writeFile(join(dir, CREDENTIALS_FILE_NAME), 'not json');
    expect(await store.get(HUB)).toBeNull();
  });
});
