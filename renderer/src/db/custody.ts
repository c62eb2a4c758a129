/**
 * Chain of custody for bundles that travel by hand: who carried which bundle, when, to whom.
 * Each hand-over, arrival and returned receipt is an exchange-log entry and, when the officer
 * names an incident, a logbook entry in that incident's log, written together or not at all.
 * The receiving side signs a receipt (shared/bundle/receipt.ts) that travels back to the sender,
 * who checks it against its keyring and its own record of the bundle before logging it.
 */
import { readReceipt, receiptBundleOf, receiptMatchesSentBundle, writeReceipt, type ReadReceiptResult, type Receipt, type ReceiptBundle, type WrittenReceipt } from '../../../shared/bundle/receipt';
import type { VerifiedBundle } from '../../../shared/bundle/readBundle';
import { cardKeyIdHex, type IdentityCard } from '../../../shared/crypto/identity';
import type { BundleSigner } from '../../../shared/crypto/ports';
import type { ExchangeLogEntry } from '../../../shared/model/exchangeLog';
import type { LogEntryKind } from '../../../shared/model/records';
import { isoNow } from '../../../shared/model/time';
import type { Workspace } from '../../../shared/model/workspace';
import { logExchange, type ExchangeLogInput } from './exchange';
import { appendLogEntry } from './logbook';
import type { ChangeJournal } from './journal';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

/** A logbook entry that says in words what the exchange log records. */
export interface CustodyNote {
  readonly incidentId: string;
  readonly kind: Extract<LogEntryKind, 'communication-in' | 'communication-out'>;
  readonly text: string;
  /** As shown to readers ("J. Jansen, NCSC-NL"). */
  readonly author: string;
}

/**
 * Record a bundle event in the exchange log and, if an incident is named (and still there, in the
 * event's workspace), in that incident's logbook, labelled like the incident. Returns the
 * exchange-log entry.
 */
export async function recordCustody(db: WorkbookDb, journal: ChangeJournal, event: ExchangeLogInput, note: CustodyNote | null): Promise<ExchangeLogEntry> {
  const incident = note ? await db.incidents.get(note.incidentId) : undefined;
  const logbook = incident && !incident.deleted && incident.workspace === event.bundleWorkspace ? incident : null;
  return db.transaction('rw', [db.exchangeLog, db.logEntries, ...journalTables(db), db.meta], async () => {
    if (logbook && note) {
      await appendLogEntry(
        db,
        journal,
        { incidentId: logbook.id, kind: note.kind, text: note.text, occurredAt: isoNow(), author: note.author, tlp: logbook.tlp, channel: note.kind === 'communication-in' ? 'courier' : null },
        logbook.workspace,
      );
    }
    return logExchange(journal, { ...event, incidentId: logbook?.id ?? null });
  });
}

/** What a receipt for a just-imported (or already held) bundle says. */
export interface ReceiptRequest {
  readonly bundle: ReceiptBundle;
  readonly workspace: Workspace;
  /** New operations the import applied (0: the bundle was already held). */
  readonly applied: number;
  readonly receivedAt: string;
  readonly carriedBy: string | null;
}

/** The receipt request for a bundle verified and imported now. */
export function receiptRequestFor(bundle: Pick<VerifiedBundle, 'header' | 'headerBytes'>, applied: number, carriedBy: string | null, receivedAt: string = isoNow()): ReceiptRequest {
  return { bundle: receiptBundleOf(bundle), workspace: bundle.header.workspace, applied, receivedAt, carriedBy };
}

/** The receipt request for a bundle received earlier, from its exchange-log entry; null if the entry cannot make one. */
export function receiptRequestFromLog(entry: ExchangeLogEntry): ReceiptRequest | null {
  if (entry.event !== 'received' || !entry.receivedBundle || !entry.bundleWorkspace) return null;
  return { bundle: entry.receivedBundle, workspace: entry.bundleWorkspace, applied: entry.operations, receivedAt: entry.createdAt, carriedBy: entry.carriedBy ?? null };
}

/** Sign a receipt with this installation's key. */
export function signReceipt(request: ReceiptRequest, card: IdentityCard, signer: BundleSigner): Promise<WrittenReceipt> {
  return writeReceipt({
    bundle: request.bundle,
    workspace: request.workspace,
    outcome: request.applied > 0 ? 'imported' : 'already-held',
    applied: request.applied,
    receivedAt: request.receivedAt,
    carriedBy: request.carriedBy,
    recipientCard: card,
    signer,
  });
}

/** A checked receipt: valid, from a verified peer, for a bundle this installation sent. */
export type CheckedReceipt =
  | { readonly ok: true; readonly receipt: Receipt; readonly sent: ExchangeLogEntry; readonly alreadyRecorded: boolean }
  | Extract<ReadReceiptResult, { ok: false }>;

/** Verify a receipt file against the keyring and this installation's record of the bundles it sent. */
export async function checkReceipt(db: WorkbookDb, bytes: Uint8Array, installationId: string): Promise<CheckedReceipt> {
  const keyring = await db.keyring.toArray();
  const read = await readReceipt(bytes, {
    resolveSigner: (keyIdHex) => {
      // As for bundles: only a verified (or since revoked) peer's key counts.
      const peer = keyring.find((p) => cardKeyIdHex(p.card) === keyIdHex && p.trust !== 'unverified');
      return peer ? { publicKey: peer.card.signingKey, revoked: peer.trust === 'revoked' } : null;
    },
  });
  if (!read.ok) return read;
  const log = await db.exchangeLog.toArray();
  const sent = log.find(
    (e) => e.event === 'sent' && e.bundleId !== null && e.fingerprint !== null && receiptMatchesSentBundle(read.receipt, { installationId, bundleId: e.bundleId, fingerprint: e.fingerprint }),
  );
  if (!sent) {
    return { ok: false, code: 'receipt-not-for-our-bundle', detail: `bundle ${read.receipt.bundle.bundleId} (${read.receipt.bundle.fingerprint}) is not one this installation sent`, receipt: read.receipt };
  }
  const alreadyRecorded = log.some((e) => e.event === 'receipt' && e.bundleId === sent.bundleId && e.peerInstallationId === read.receipt.recipient.installationId);
  return { ok: true, receipt: read.receipt, sent, alreadyRecorded };
}

/** The exchange-log entry of an accepted receipt (the logbook note goes to the incident named when the bundle was sent). */
export function receiptEvent(receipt: Receipt, sent: ExchangeLogEntry, fileName: string): ExchangeLogInput {
  return {
    event: 'receipt',
    bundleId: receipt.bundle.bundleId,
    fingerprint: receipt.bundle.fingerprint,
    peer: receipt.recipient.organisation,
    peerInstallationId: receipt.recipient.installationId,
    bundleWorkspace: receipt.workspace,
    operations: receipt.applied,
    fileName,
    carriedBy: receipt.carriedBy,
    sequence: sent.sequence ?? receipt.bundle.sequence,
    receiptOutcome: receipt.outcome,
    receivedAt: receipt.receivedAt,
  };
}
