/**
 * The outbox per sync destination, and what this installation remembers about each destination.
 *
 * What waits for a peer is derived from the journal, so it survives restarts and fills by itself
 * as changes are made: every operation of the workspace that the peer has not been sent yet (the
 * per-peer "since last" vector the export dialog uses too, so a bundle carried on a USB stick
 * and one left on the hub never send the same changes twice). When a destination is drained,
 * those operations become a signed (and, if chosen, encrypted) bundle that is kept here until the
 * destination took it: a bundle made but not delivered survives a restart and is delivered with
 * the same bundle id later, so an interrupted upload never turns into two bundles.
 *
 * Storage: the `meta` key-value table, under `sync*:` keys, each value zod-validated on reading.
 * These are transport bookkeeping (retries, cursors, undelivered files), rewritten on every
 * attempt; the events a person needs to audit (a bundle sent, received, refused, quarantined) go
 * to the exchange log through the change journal.
 */
import { liveQuery } from 'dexie';
import { z } from 'zod';
import { BundleIdSegmentSchema, InstallationSegmentSchema, type BundleLocation } from '../../../shared/sync/layout';
import { DestinationSchema, DestinationStatusSchema, INITIAL_STATUS, type Destination, type DestinationStatus } from '../../../shared/sync/destination';
import { WorkspaceSchema, type Workspace } from '../../../shared/model/workspace';
import { IsoInstantSchema } from '../../../shared/model/time';
import { WorkbookError } from '../../../shared/errors/codes';
import type { InstallationKeyStore } from '../identity/keyStore';
import { exportBundle, logExchange, planExport, recordSent, type ExportRequest } from './exchange';
import type { ChangeJournal } from './journal';
import { operationCount } from './journalStore';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

const DESTINATION_PREFIX = 'syncDestination:';
const STATUS_PREFIX = 'syncStatus:';
const PENDING_PREFIX = 'syncOutbox:';
const HANDLED_PREFIX = 'syncHandled:';
const GAPS_PREFIX = 'syncGaps:';

const destinationKey = (id: string) => `${DESTINATION_PREFIX}${id}`;
const statusKey = (id: string) => `${STATUS_PREFIX}${id}`;
const pendingPrefix = (destinationId: string) => `${PENDING_PREFIX}${destinationId}:`;
const pendingKey = (destinationId: string, bundleId: string) => `${pendingPrefix(destinationId)}${bundleId}`;
const handledKey = (destinationId: string) => `${HANDLED_PREFIX}${destinationId}`;
const gapsKey = (workspace: Workspace, peer: string) => `${GAPS_PREFIX}${workspace}:${peer}`;

// ---- destinations -----------------------------------------------------------------------------

export async function listDestinations(db: WorkbookDb, workspace?: Workspace): Promise<Destination[]> {
  const rows = await db.meta.where('key').startsWith(DESTINATION_PREFIX).toArray();
  const out: Destination[] = [];
  for (const row of rows) {
    const parsed = DestinationSchema.safeParse(row.value);
    // A damaged row is left out rather than breaking every sync; the screen would not list it.
    if (parsed.success && (workspace === undefined || parsed.data.workspace === workspace)) out.push(parsed.data);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function getDestination(db: WorkbookDb, id: string): Promise<Destination | null> {
  const parsed = DestinationSchema.safeParse((await db.meta.get(destinationKey(id)))?.value);
  return parsed.success ? parsed.data : null;
}

/** Add or change a destination; its peers must be verified keyring entries. */
export async function saveDestination(db: WorkbookDb, input: Destination): Promise<Destination> {
  const parsed = DestinationSchema.safeParse(input);
  if (!parsed.success) throw new WorkbookError('record-invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const destination = parsed.data;
  const peers = await db.keyring.bulkGet(destination.peers);
  peers.forEach((peer, i) => {
    if (!peer) throw new WorkbookError('record-not-found', destination.peers[i]);
    if (peer.trust !== 'verified') throw new WorkbookError('exchange-peer-not-verified', peer.card.organisation);
  });
  await db.meta.put({ key: destinationKey(destination.id), value: destination });
  return destination;
}

/** Forget a destination with its undelivered bundles and bookkeeping (what they held stays waiting for the peers). */
export async function removeDestination(db: WorkbookDb, id: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.delete(destinationKey(id));
    await db.meta.delete(statusKey(id));
    await db.meta.delete(handledKey(id));
    await db.meta.where('key').startsWith(pendingPrefix(id)).delete();
  });
}

// ---- status -----------------------------------------------------------------------------------

export async function getStatus(db: WorkbookDb, id: string): Promise<DestinationStatus> {
  const parsed = DestinationStatusSchema.safeParse((await db.meta.get(statusKey(id)))?.value);
  return parsed.success ? parsed.data : INITIAL_STATUS;
}

export async function putStatus(db: WorkbookDb, id: string, status: DestinationStatus): Promise<void> {
  await db.meta.put({ key: statusKey(id), value: DestinationStatusSchema.parse(status) });
}

export async function listStatuses(db: WorkbookDb): Promise<Map<string, DestinationStatus>> {
  const out = new Map<string, DestinationStatus>();
  for (const row of await db.meta.where('key').startsWith(STATUS_PREFIX).toArray()) {
    const parsed = DestinationStatusSchema.safeParse(row.value);
    if (parsed.success) out.set(row.key.slice(STATUS_PREFIX.length), parsed.data);
  }
  return out;
}

// ---- bundles made, not yet delivered ----------------------------------------------------------

const PendingBundleSchema = z.object({
  destinationId: z.string(),
  bundleId: BundleIdSegmentSchema,
  peer: InstallationSegmentSchema,
  peerOrganisation: z.string(),
  sender: InstallationSegmentSchema,
  sequence: z.number().int().min(1),
  fingerprint: z.string(),
  operations: z.number().int().min(0),
  workspace: WorkspaceSchema,
  fileName: z.string(),
  createdAt: IsoInstantSchema,
  bytes: z.instanceof(Uint8Array),
});
export type PendingBundle = z.infer<typeof PendingBundleSchema>;

export function pendingLocation(pending: PendingBundle): BundleLocation {
  return { sender: pending.sender, recipient: pending.peer, sequence: pending.sequence, bundleId: pending.bundleId };
}

/** Bundles made for a destination and not delivered yet, oldest first. */
export async function listPending(db: WorkbookDb, destinationId?: string): Promise<PendingBundle[]> {
  const rows = await db.meta.where('key').startsWith(destinationId === undefined ? PENDING_PREFIX : pendingPrefix(destinationId)).toArray();
  return rows
    .map((row) => PendingBundleSchema.safeParse(row.value))
    .flatMap((p) => (p.success ? [p.data] : []))
    .sort((a, b) => a.sequence - b.sequence);
}

/** What waits for one peer: operations not bundled yet (automatic sync sends what TLP allows without asking). */
export async function waitingOperations(db: WorkbookDb, workspace: Workspace, peer: string, encrypt: boolean): Promise<number> {
  const plan = await planExport(db, { workspace, peers: [peer], encrypt, scope: 'since-last' });
  return plan.operations.length;
}

/**
 * Turn what waits for each of the destination's peers into a bundle, kept until delivered. The
 * peer counts as sent these changes from now on (as with a bundle saved to a stick), so one
 * made here is never made again by another destination or the export dialog.
 */
export async function fillOutbox(
  db: WorkbookDb,
  destination: Destination,
  sender: { readonly installationId: string; readonly organisation: string },
  keyStore: Pick<InstallationKeyStore, 'signer'>,
): Promise<PendingBundle[]> {
  const made: PendingBundle[] = [];
  for (const peer of destination.peers) {
    const entry = await db.keyring.get(peer);
    if (entry?.trust !== 'verified') continue;
    const request: ExportRequest = { workspace: destination.workspace, peers: [peer], encrypt: destination.encrypt, scope: 'since-last' };
    const plan = await planExport(db, request);
    if (plan.operations.length === 0) continue;
    const bundle = await exportBundle(db, request, sender.organisation, keyStore);
    const pending: PendingBundle = {
      destinationId: destination.id,
      bundleId: bundle.bundleId,
      peer,
      peerOrganisation: entry.card.organisation,
      sender: sender.installationId,
      sequence: bundle.sequence,
      fingerprint: bundle.fingerprint,
      operations: bundle.operations,
      workspace: destination.workspace,
      fileName: bundle.fileName,
      createdAt: new Date().toISOString(),
      bytes: bundle.bytes.slice(),
    };
    await db.transaction('rw', db.meta, async () => {
      await recordSent(db, request, bundle, plan.operations);
      await db.meta.put({ key: pendingKey(destination.id, bundle.bundleId), value: pending });
    });
    made.push(pending);
  }
  return made;
}

/** The destination took the bundle: it leaves the outbox and the exchange log says it was sent. */
export async function markDelivered(db: WorkbookDb, journal: ChangeJournal, pending: PendingBundle, where: string): Promise<void> {
  await db.transaction('rw', [db.meta, db.exchangeLog, ...journalTables(db)], async () => {
    await db.meta.delete(pendingKey(pending.destinationId, pending.bundleId));
    await logExchange(journal, {
      event: 'sent',
      bundleId: pending.bundleId,
      fingerprint: pending.fingerprint,
      peer: pending.peerOrganisation,
      peerInstallationId: pending.peer,
      bundleWorkspace: pending.workspace,
      operations: pending.operations,
      fileName: where,
      sequence: pending.sequence,
    });
  });
}

// ---- bundles found at a destination -----------------------------------------------------------

/** Paths of bundles at a destination that were handled already (imported, refused or quarantined). */
export async function handledBundles(db: WorkbookDb, destinationId: string): Promise<Set<string>> {
  const parsed = z.array(z.string()).safeParse((await db.meta.get(handledKey(destinationId)))?.value);
  return new Set(parsed.success ? parsed.data : []);
}

export async function markHandled(db: WorkbookDb, destinationId: string, path: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const handled = await handledBundles(db, destinationId);
    handled.add(path);
    await db.meta.put({ key: handledKey(destinationId), value: [...handled] });
  });
}

/** History a peer's last imported bundle assumed this installation held, but it does not: origins with a gap. */
export async function putPeerGaps(db: WorkbookDb, workspace: Workspace, peer: string, origins: readonly string[]): Promise<void> {
  await db.meta.put({ key: gapsKey(workspace, peer), value: [...origins] });
}

export async function peerGaps(db: WorkbookDb, workspace: Workspace, peer: string): Promise<string[]> {
  const parsed = z.array(z.string()).safeParse((await db.meta.get(gapsKey(workspace, peer)))?.value);
  return parsed.success ? parsed.data : [];
}

/** Call `onChange` whenever the journal grows (a local edit or an import): the outbox filled. */
export function watchJournal(db: WorkbookDb, onChange: () => void): () => void {
  let first = true;
  const subscription = liveQuery(() => operationCount(db)).subscribe({
    next: () => {
      // The first value is the current state, not a change.
      if (first) first = false;
      else onChange();
    },
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}
