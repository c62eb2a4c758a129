/**
 * Installations side by side for the sync tests: each with its own fake-indexeddb database,
 * change journal, identity (WebCrypto keys) and keyring in which the others are verified peers.
 */
import { identityCardText } from '../../../shared/crypto/identity';
import type { InstallationProfile } from '../../../shared/model/installation';
import { newRecordId } from '../../../shared/model/ids';
import { isoNow } from '../../../shared/model/time';
import type { Destination } from '../../../shared/sync/destination';
import { createWebKeyStore } from '../../../renderer/src/db/identity';
import { addPeerCard, markPeerVerified } from '../../../renderer/src/db/keyring';
import { saveDestination } from '../../../renderer/src/db/outbox';
import type { InstallationKeyStore } from '../../../renderer/src/identity/keyStore';
import type { SyncContext } from '../../../renderer/src/sync/syncEngine';
import { openInstallation } from '../../helpers/workbookDb';
import type { IdentityCard } from '../../../shared/crypto/identity';
import { allOperations } from '../../../renderer/src/db/journalStore';

export type Replica = Awaited<ReturnType<typeof openInstallation>> & {
  readonly organisation: string;
  readonly keyStore: InstallationKeyStore;
  readonly card: IdentityCard;
  readonly ctx: SyncContext;
};

function profileFor(id: string, organisation: string): InstallationProfile {
  const now = isoNow();
  return { id, organisation, country: 'NL', person: 'Duty Officer', role: 'liaison-officer', language: 'en', staleAfterMonths: 6, createdAt: now, updatedAt: now, hlc: `${now}-0000-${id}` };
}

export async function makeReplica(organisation: string, ctxOptions: Partial<SyncContext> = {}): Promise<Replica> {
  const side = await openInstallation(organisation);
  const keyStore = createWebKeyStore(side.db, { installationId: side.installationId, scryptWorkFactor: 10 });
  const { card } = await keyStore.create(profileFor(side.installationId, organisation), 'correct horse battery staple');
  const ctx: SyncContext = { db: side.db, journal: side.journal, keyStore, installationId: side.installationId, organisation, ...ctxOptions };
  return { ...side, organisation, keyStore, card, ctx };
}

/** Every replica adds every other's card and records that the fingerprints were compared. */
export async function pairAll(replicas: readonly Replica[]): Promise<void> {
  for (const a of replicas) {
    for (const b of replicas) {
      if (a === b) continue;
      const { entry } = await addPeerCard(a.db, a.journal, identityCardText(b.card));
      await markPeerVerified(a.journal, entry.id, 'Duty officer', 'telephone');
    }
  }
}

export async function addDestination(replica: Replica, peers: readonly Replica[], where: { kind: 'webdav'; url: string; username: string | null } | { kind: 'folder' | 'watched-folder'; path: string }): Promise<Destination> {
  const base = { id: newRecordId(), label: where.kind === 'webdav' ? 'Hub' : 'Shared folder', workspace: 'real' as const, peers: peers.map((p) => p.installationId), encrypt: true, createdAt: isoNow() };
  return saveDestination(replica.db, where.kind === 'webdav' ? { ...base, ...where } : { ...base, ...where });
}

/** What a replica holds of the replicated data: its operation ids, sorted. */
export async function operationIds(replica: Replica): Promise<string[]> {
  const ops = await allOperations(replica.db);
  return ops.filter((op) => op.workspace === 'real').map((op) => op.opId).sort();
}
