/**
 * The keyring through the journal: cards are checked before they are added, a changed key for a
 * known installation is refused, and trust decisions are recorded with who and when.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateIdentity, identityCardText, identityFingerprint } from '../../../../shared/crypto/identity';
import { addPeerCard, markPeerVerified, revokePeer } from '../../../../renderer/src/db/keyring';
import { auditJournal } from '../../../../renderer/src/db/audit';
import { openInstallation } from '../../../helpers/workbookDb';

const profile = { organisation: 'Peer Authority', country: 'BE', person: 'Pat Peer', role: 'cyber-crisis-authority' } as const;

describe('keyring', () => {
  it('adds a valid card as unverified, once', async () => {
    const { db, journal } = await openInstallation();
    const peer = await generateIdentity(profile);
    const first = await addPeerCard(db, journal, identityCardText(peer.card));
    expect(first.added).toBe(true);
    expect(first.entry).toMatchObject({ id: peer.card.installationId, trust: 'unverified', fingerprint: identityFingerprint(peer.card) });
    const again = await addPeerCard(db, journal, identityCardText(peer.card));
    expect(again.added).toBe(false);
    expect(await db.keyring.count()).toBe(1);
    expect((await db.operations.where('table').equals('keyring').count())).toBe(1);
  });

  it('refuses tampered cards, its own card, and a different key for a known installation', async () => {
    const { db, journal, installationId } = await openInstallation();
    const peer = await generateIdentity(profile);
    const text = identityCardText(peer.card);
    await expect(addPeerCard(db, journal, text.replace('Peer Authority', 'Evil Authority'))).rejects.toMatchObject({ code: 'identity-signature-invalid' });
    await expect(addPeerCard(db, journal, '{"format":"something-else"}')).rejects.toMatchObject({ code: 'identity-not-recognised' });
    await expect(addPeerCard(db, journal, 'not json at all')).rejects.toHaveProperty('code');

    const own = await generateIdentity({ ...profile, installationId });
    await expect(addPeerCard(db, journal, identityCardText(own.card))).rejects.toMatchObject({ code: 'identity-is-own' });

    await addPeerCard(db, journal, text);
    const impostor = await generateIdentity({ ...profile, installationId: peer.card.installationId });
    await expect(addPeerCard(db, journal, identityCardText(impostor.card))).rejects.toMatchObject({ code: 'identity-key-changed' });
    expect((await db.keyring.get(peer.card.installationId))?.card.signingKey).toBe(peer.card.signingKey);
  });

  it('records verification and revocation in the journal', async () => {
    const { db, journal } = await openInstallation();
    const peer = await generateIdentity(profile);
    await addPeerCard(db, journal, identityCardText(peer.card));
    const verified = await markPeerVerified(journal, peer.card.installationId, 'Jo Tester', 'Telephone call-back');
    expect(verified).toMatchObject({ trust: 'verified', verifiedBy: 'Jo Tester', verifiedHow: 'Telephone call-back' });
    const revoked = await revokePeer(journal, peer.card.installationId, 'Jo Tester', 'Key compromised');
    expect(revoked).toMatchObject({ trust: 'revoked', revokedReason: 'Key compromised' });
    const ops = await db.operations.where('[table+recordId]').equals(['keyring', peer.card.installationId]).toArray();
    expect(ops.map((o) => o.kind)).toEqual(['create', 'update', 'update']);
    expect((await auditJournal(db)).findings).toEqual([]);
  });
});
