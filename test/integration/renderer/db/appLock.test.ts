/** The app lock's stored settings: a verifier only, the idle time, the count of wrong attempts. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { disableAppLock, enableAppLock, getAppLock, getUnlockAttempts, setIdleMinutes, tryUnlock } from '../../../../renderer/src/db/appLock';
import { openInstallation } from '../../../helpers/workbookDb';

const PASSPHRASE = 'correct horse battery staple';
const FAST = { logN: 10 };

describe('app lock settings', () => {
  it('is off until turned on, and keeps only a verifier of the passphrase', async () => {
    const { db } = await openInstallation('lock');
    expect(await getAppLock(db)).toBeNull();
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    const settings = await getAppLock(db);
    expect(settings?.idleMinutes).toBe(15);
    expect(JSON.stringify(await db.meta.toArray())).not.toContain('horse');
  });

  it('refuses a passphrase the policy refuses', async () => {
    const { db } = await openInstallation('lock');
    await expect(enableAppLock(db, 'short', 15, FAST)).rejects.toMatchObject({ code: 'identity-passphrase-too-short' });
    expect(await getAppLock(db)).toBeNull();
  });

  it('counts wrong attempts across reloads and clears them on the right passphrase', async () => {
    const { db } = await openInstallation('lock');
    await enableAppLock(db, PASSPHRASE, 5, FAST);
    expect((await tryUnlock(db, 'wrong guess number one', 1_000)).ok).toBe(false);
    const second = await tryUnlock(db, 'wrong guess number two', 2_000);
    expect(second).toEqual({ ok: false, attempts: { failures: 2, lastFailureAt: 2_000 } });
    expect(await getUnlockAttempts(db)).toEqual({ failures: 2, lastFailureAt: 2_000 });
    expect((await tryUnlock(db, PASSPHRASE)).ok).toBe(true);
    expect(await getUnlockAttempts(db)).toEqual({ failures: 0, lastFailureAt: null });
  });

  it('changes the idle time, and turns off only with the passphrase', async () => {
    const { db } = await openInstallation('lock');
    await enableAppLock(db, PASSPHRASE, 15, FAST);
    await setIdleMinutes(db, 1);
    expect((await getAppLock(db))?.idleMinutes).toBe(1);
    expect(await disableAppLock(db, 'not the passphrase')).toBe(false);
    expect(await getAppLock(db)).not.toBeNull();
    expect(await disableAppLock(db, PASSPHRASE)).toBe(true);
    expect(await getAppLock(db)).toBeNull();
  });

  it('treats a damaged entry as off', async () => {
    const { db } = await openInstallation('lock');
    await db.meta.put({ key: 'appLock', value: { verifier: 'nonsense' } });
    expect(await getAppLock(db)).toBeNull();
  });
});
