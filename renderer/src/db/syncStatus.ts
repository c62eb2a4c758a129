/**
 * Per peer in the keyring, what the Exchange screen and the dashboard show about exchange: the last bundle sent and
 * received (from the exchange log), what waits (changes not bundled yet, bundles made but not
 * delivered), history a received bundle assumed but this installation lacks (gaps), and the last
 * bundle refused or quarantined.
 */
import type { ExchangeLogEntry } from '../../../shared/model/exchangeLog';
import type { Workspace } from '../../../shared/model/workspace';
import { listDestinations, listPending, peerGaps, waitingOperations } from './outbox';
import type { WorkbookDb } from './WorkbookDb';

export interface PeerSyncRow {
  readonly peer: string;
  readonly organisation: string;
  readonly lastSent: ExchangeLogEntry | null;
  readonly lastReceived: ExchangeLogEntry | null;
  /**
   * Changes not yet in a bundle for this peer; null for a peer no sync destination serves (its
   * bundles go by hand, on a stick: what waits is what the next export "since last" would carry).
   */
  readonly waitingOperations: number | null;
  /** Bundles made for this peer and not delivered yet. */
  readonly undelivered: number;
  /** Origins whose history the peer's last bundle assumed here, but which this installation lacks. */
  readonly gapOrigins: readonly string[];
  /** The latest refused or quarantined bundle from this peer, if after its last received one. */
  readonly lastRefused: ExchangeLogEntry | null;
}

function latest(entries: readonly ExchangeLogEntry[]): ExchangeLogEntry | null {
  let best: ExchangeLogEntry | null = null;
  for (const e of entries) if (!best || e.createdAt > best.createdAt) best = e;
  return best;
}

/**
 * @param handCarried also the keyring's peers that no destination serves (the dashboard: "when did
 *   we last hear from them"); the Destinations section lists only peers its destinations serve.
 */
export async function peerSyncRows(db: WorkbookDb, workspace: Workspace, handCarried = false): Promise<PeerSyncRow[]> {
  const destinations = await listDestinations(db, workspace);
  // Every peer in the keyring (but a revoked one) has a row, also one exchanged with only by hand:
  // "when did we last hear from them" is part of where we stand. Peers served by a destination
  // also get what waits (planning an export per peer costs a journal read, so only for them).
  const encryptFor = new Map<string, boolean | null>();
  if (handCarried) for (const entry of await db.keyring.toArray()) if (entry.trust !== 'revoked') encryptFor.set(entry.id, null);
  for (const d of destinations) for (const p of d.peers) encryptFor.set(p, (encryptFor.get(p) ?? false) || d.encrypt);
  if (encryptFor.size === 0) return [];
  const log = (await db.exchangeLog.toArray()).filter((e) => e.bundleWorkspace === workspace);
  const pending = await listPending(db);
  const rows: PeerSyncRow[] = [];
  for (const [peer, encrypt] of encryptFor) {
    const entry = await db.keyring.get(peer);
    const mine = log.filter((e) => e.peerInstallationId === peer);
    const lastReceived = latest(mine.filter((e) => e.event === 'received'));
    const refused = latest(mine.filter((e) => e.event === 'refused' || e.event === 'quarantined'));
    rows.push({
      peer,
      organisation: entry?.card.organisation ?? peer,
      lastSent: latest(mine.filter((e) => e.event === 'sent')),
      lastReceived,
      waitingOperations: encrypt === null ? null : entry?.trust === 'verified' ? await waitingOperations(db, workspace, peer, encrypt) : 0,
      undelivered: pending.filter((p) => p.peer === peer && p.workspace === workspace).length,
      gapOrigins: await peerGaps(db, workspace, peer),
      lastRefused: refused && (!lastReceived || refused.createdAt > lastReceived.createdAt) ? refused : null,
    });
  }
  return rows.sort((a, b) => a.organisation.localeCompare(b.organisation));
}
