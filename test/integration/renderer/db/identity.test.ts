/**
 * Creating this installation's identity hands out a passphrase-protected backup that restores the
 * same identity, and only with the right passphrase, only on the same installation.
 * (Persistence of the non-extractable keys themselves is exercised in Chromium: test/e2e/keyring.)
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { unprotectSecretIdentity } from '../../../../shared/crypto/identity';
import { isoNow } from '../../../../shared/model/time';
import { createInstallationIdentity, restoreInstallationIdentity } from '../../../../renderer/src/db/identity';
import { openInstallation } from '../../../helpers/workbookDb';
import type { InstallationProfile } from '../../../../shared/model/installation';

function profileFor(id: string): InstallationProfile {
  const now = isoNow();
  return { id, organisation: 'NCSC Testland', country: 'NL', person: 'Jo Tester', role: 'liaison-officer', language: 'en', staleAfterMonths: 6, createdAt: now, updatedAt: now, hlc: `${now}-0000-${id}` };
}

describe('installation identity', () => {
  it('creates keys once, with a backup that opens with the passphrase only', async () => {
    const { db, installationId } = await openInstallation();
    const profile = profileFor(installationId);
    await expect(createInstallationIdentity(db, profile, 'too short', { scryptWorkFactor: 10 })).rejects.toMatchObject({ code: 'identity-passphrase-too-short' });
    const created = await createInstallationIdentity(db, profile, 'correct horse battery staple', { scryptWorkFactor: 10 });
    expect(created.card).toMatchObject({ installationId, organisation: 'NCSC Testland', person: 'Jo Tester' });
    await expect(createInstallationIdentity(db, profile, 'correct horse battery staple', { scryptWorkFactor: 10 })).rejects.toMatchObject({ code: 'identity-exists' });

    const opened = await unprotectSecretIdentity(created.backup, 'correct horse battery staple');
    expect(opened.ok && opened.secret.card).toEqual(created.card);
    expect((await unprotectSecretIdentity(created.backup, 'wrong horse')).ok).toBe(false);
  });

  it('restores from the backup on the same installation only', async () => {
    const { db, installationId } = await openInstallation();
    const created = await createInstallationIdentity(db, profileFor(installationId), 'correct horse battery staple', { scryptWorkFactor: 10 });

    const elsewhere = await openInstallation();
    await expect(restoreInstallationIdentity(elsewhere.db, profileFor(elsewhere.installationId), created.backup, 'correct horse battery staple')).rejects.toMatchObject({
      code: 'identity-other-installation',
    });
    await expect(restoreInstallationIdentity(db, profileFor(installationId), created.backup, 'not the passphrase')).rejects.toMatchObject({ code: 'identity-wrong-passphrase' });
    await expect(restoreInstallationIdentity(db, profileFor(installationId), new TextEncoder().encode('garbage'), 'x')).rejects.toMatchObject({ code: 'identity-backup-invalid' });
    const card = await restoreInstallationIdentity(db, profileFor(installationId), created.backup, 'correct horse battery staple');
    expect(card).toEqual(created.card);
  });
});
