/**
 * Per-peer exchange status (the dashboard's "Sync with peers" card and the Destinations section):
 * every peer in the keyring has a row, also one that bundles reach only by hand, with its last
 * bundle sent and received; a revoked peer has none.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateIdentity, identityCardText } from '../../../../shared/crypto/identity';
import { logExchange } from '../../../../renderer/src/db/exchange';
import { addPeerCard, markPeerVerified, revokePeer } from '../../../../renderer/src/db/keyring';
import { peerSyncRows } from '../../../../renderer/src/db/syncStatus';
import { openInstallation } from '../../../helpers/workbookDb';

const peerProfile = (organisation: string) => ({ organisation, country: 'BE', person: 'Pat Peer', role: 'cyber-crisis-authority' }) as const;

describe('peerSyncRows', () => {
  it('lists keyring peers without a destination, with their last exchanges by hand, and leaves revoked peers out', async () => {
    const { db, journal } = await openInstallation('sync-status');
    expect(await peerSyncRows(db, 'real', true)).toEqual([]);

    const courier = await generateIdentity(peerProfile('CCB Belgium'));
    const gone = await generateIdentity(peerProfile('Revoked Authority'));
    await addPeerCard(db, journal, identityCardText(courier.card));
    await addPeerCard(db, journal, identityCardText(gone.card));
    await markPeerVerified(journal, courier.card.installationId, 'Jo Tester', 'fingerprint read out on a call-back');
    await revokePeer(journal, gone.card.installationId, 'Jo Tester', 'laptop lost');

    const base = { bundleWorkspace: 'real' as const, peer: 'CCB Belgium', peerInstallationId: courier.card.installationId, operations: 3, fileName: 'real-x.cwb', carriedBy: 'Liaison officer', incidentId: null };
    await logExchange(journal, { ...base, event: 'sent', bundleId: 'b-sent-1', fingerprint: 'f1', sequence: 1 });
    await logExchange(journal, { ...base, event: 'received', bundleId: 'b-recv-1', fingerprint: 'f2', sequence: 4 });
    // Another workspace's exchange is not this workspace's news.
    await logExchange(journal, { ...base, event: 'received', bundleWorkspace: 'exercise', bundleId: 'b-ex', fingerprint: 'f3', sequence: 9 });

    // The Destinations section lists only peers a destination serves: none here.
    expect(await peerSyncRows(db, 'real')).toEqual([]);
    const rows = await peerSyncRows(db, 'real', true);
    expect(rows.map((r) => r.organisation)).toEqual(['CCB Belgium']);
    const [row] = rows;
    expect(row?.lastSent?.bundleId).toBe('b-sent-1');
    expect(row?.lastReceived?.bundleId).toBe('b-recv-1');
    // No destination serves the peer: what waits is not planned here, bundles go by hand.
    expect(row?.waitingOperations).toBeNull();
    expect(row?.undelivered).toBe(0);
  });
});
