/**
 * One sync run against one destination: make bundles of what waits for its peers, deliver every
 * undelivered bundle, then import what the destination holds for this installation. The steps
 * are each safe to repeat, so a run cut off anywhere (the hub gone, the stick pulled, the window
 * closed) is simply run again later:
 *
 * - a bundle made is kept until delivered, and a delivery that completed is never repeated
 *   (shared/sync/webdavStore.ts); the receiver would merge a repeat idempotently in any case;
 * - a bundle found is verified in full before anything else, imported through the same
 *   verify → stage → apply path as a bundle opened by hand (all or nothing), then remembered as
 *   handled; a trusted signer's bundle is applied without a person's preview (merge conflicts are
 *   kept for a person, as always); an unknown signer's goes to quarantine; anything else is
 *   refused and logged with its reason.
 */
import { DEFAULT_BUNDLE_LIMITS } from '../../../shared/bundle/limits';
import { WorkbookError } from '../../../shared/errors/codes';
import { afterFailure, DEFAULT_BACKOFF, type BackoffPolicy } from '../../../shared/sync/backoff';
import { BundleStoreError, type BundleStore } from '../../../shared/sync/bundleStore';
import { SyncFailureKindSchema, type Destination, type DestinationStatus, type SyncFailureKind, type SyncRunSummary } from '../../../shared/sync/destination';
import { bundlePath, newBundles, type BundleLocation } from '../../../shared/sync/layout';
import { WebDavError } from '../../../shared/sync/webdav';
import { toBundleError } from '../../../shared/bundle/readBundle';
import { recordCustody, receiptRequestFor } from '../db/custody';
import { applyImport, logExchange, previewImport, quarantineBundle, verifyBundle } from '../db/exchange';
import type { ChangeJournal } from '../db/journal';
import { fillOutbox, getStatus, handledBundles, listPending, markDelivered, markHandled, pendingLocation, putPeerGaps, putStatus } from '../db/outbox';
import type { WorkbookDb } from '../db/WorkbookDb';
import type { InstallationKeyStore } from '../identity/keyStore';
import { fileSourceFromBytes } from '../platform/fileSource';

export interface SyncContext {
  readonly db: WorkbookDb;
  readonly journal: ChangeJournal;
  readonly keyStore: Pick<InstallationKeyStore, 'signer' | 'ageIdentity'>;
  readonly installationId: string;
  readonly organisation: string;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /** After a successful run, the next automatic one (a local change or the network coming back calls sooner). */
  readonly pollMs?: number;
}

export const DEFAULT_POLL_MS = 30_000;

export type SyncRunResult = { readonly ok: true; readonly summary: SyncRunSummary } | { readonly ok: false; readonly kind: SyncFailureKind; readonly detail: string; readonly summary: SyncRunSummary };

/** A failure as the status keeps it. */
export function failureOf(e: unknown): { kind: SyncFailureKind; detail: string } {
  if (e instanceof WebDavError || e instanceof BundleStoreError) return { kind: e.kind, detail: e.message };
  if (e instanceof WorkbookError) return { kind: 'unavailable', detail: e.message };
  if (typeof e === 'object' && e !== null && 'kind' in e) {
    const kind = SyncFailureKindSchema.safeParse(e.kind);
    if (kind.success) return { kind: kind.data, detail: e instanceof Error ? e.message : JSON.stringify(e).slice(0, 500) };
  }
  return { kind: 'internal', detail: e instanceof Error ? e.message : String(e) };
}

/** How a bundle's place at a destination is named in the exchange log. */
export function placeName(destination: Destination, location: BundleLocation): string {
  return `${destination.label}: ${bundlePath(location)}`.slice(0, 500);
}

export async function syncDestination(ctx: SyncContext, destination: Destination, store: BundleStore): Promise<SyncRunResult> {
  const now = ctx.now ?? Date.now;
  const { db, journal } = ctx;
  const summary = { at: new Date(now()).toISOString(), made: 0, sent: 0, received: 0, newOperations: 0, refused: 0, quarantined: 0 };
  const before = await getStatus(db, destination.id);
  await putStatus(db, destination.id, { ...before, lastAttemptAt: summary.at });
  try {
    summary.made = (await fillOutbox(db, destination, { installationId: ctx.installationId, organisation: ctx.organisation }, ctx.keyStore)).length;
    for (const pending of await listPending(db, destination.id)) {
      const location = pendingLocation(pending);
      await store.put(location, pending.bytes);
      await markDelivered(db, journal, pending, placeName(destination, location));
      summary.sent += 1;
    }
    const handled = await handledBundles(db, destination.id);
    const fresh = newBundles(await store.listFor(ctx.installationId), handled);
    if (fresh.length > 0) {
      const received = new Set((await db.exchangeLog.toArray()).filter((e) => e.event === 'received' && e.bundleId).map((e) => e.bundleId));
      for (const location of fresh) {
        if (!received.has(location.bundleId)) {
          const bytes = await store.read(location, DEFAULT_BUNDLE_LIMITS.maxBundleBytes);
          await receive(ctx, destination, location, bytes, summary);
        }
        await markHandled(db, destination.id, bundlePath(location));
      }
    }
  } catch (e) {
    const failure = failureOf(e);
    const status = await getStatus(db, destination.id);
    const backoff = afterFailure(status, now(), (ctx.random ?? Math.random)(), ctx.backoff ?? DEFAULT_BACKOFF);
    await putStatus(db, destination.id, { ...status, ...backoff, lastFailure: { ...failure, detail: failure.detail.slice(0, 2_000), at: new Date(now()).toISOString() }, lastRun: summary });
    return { ok: false, ...failure, summary };
  }
  const status = await getStatus(db, destination.id);
  const next: DestinationStatus = { ...status, failures: 0, notBefore: now() + (ctx.pollMs ?? DEFAULT_POLL_MS), lastSuccessAt: new Date(now()).toISOString(), lastFailure: null, lastRun: summary };
  await putStatus(db, destination.id, next);
  return { ok: true, summary };
}

async function receive(ctx: SyncContext, destination: Destination, location: BundleLocation, bytes: Uint8Array, summary: { received: number; newOperations: number; refused: number; quarantined: number }): Promise<void> {
  const { db, journal } = ctx;
  const where = placeName(destination, location);
  const source = fileSourceFromBytes(location.bundleId + '.cwb', bytes);
  const verified = await verifyBundle(db, source, destination.workspace, ctx.installationId, ctx.keyStore);
  if (verified.ok) {
    const header = verified.bundle.header;
    let preview;
    try {
      preview = await previewImport(db, verified.bundle);
    } catch (e) {
      const error = toBundleError(e);
      await logRefusal(ctx, location, where, { code: error.code, bundleId: header.bundleId, fingerprint: verified.bundle.fingerprint, organisation: header.sender.organisation, workspace: header.workspace, operations: header.operations });
      summary.refused += 1;
      return;
    }
    const added = await applyImport(db, journal, preview);
    await recordCustody(
      db,
      journal,
      {
        event: 'received',
        bundleId: header.bundleId,
        fingerprint: verified.bundle.fingerprint,
        peer: header.sender.organisation,
        peerInstallationId: header.sender.installationId,
        bundleWorkspace: header.workspace,
        operations: added,
        fileName: where,
        carriedBy: null,
        sequence: header.sequence,
        receivedBundle: receiptRequestFor(preview.bundle, added, null).bundle,
      },
      null,
    );
    await putPeerGaps(db, destination.workspace, header.sender.installationId, preview.gaps.map((g) => g.origin));
    summary.received += 1;
    summary.newOperations += added;
    return;
  }
  const kept = await quarantineBundle(db, source, verified);
  await logRefusal(
    ctx,
    location,
    where,
    {
      code: verified.error.code,
      bundleId: verified.header?.bundleId ?? null,
      fingerprint: verified.fingerprint ?? null,
      organisation: verified.signerCard?.organisation ?? verified.header?.sender.organisation ?? null,
      workspace: verified.header?.workspace ?? null,
      operations: verified.header?.operations ?? 0,
    },
    kept,
  );
  if (kept) summary.quarantined += 1;
  else summary.refused += 1;
}

async function logRefusal(
  ctx: SyncContext,
  location: BundleLocation,
  where: string,
  what: { code: Parameters<typeof logExchange>[1]['code']; bundleId: string | null; fingerprint: string | null; organisation: string | null; workspace: Parameters<typeof logExchange>[1]['bundleWorkspace']; operations: number },
  kept = false,
): Promise<void> {
  await logExchange(ctx.journal, {
    event: kept ? 'quarantined' : 'refused',
    code: what.code ?? null,
    bundleId: what.bundleId,
    fingerprint: what.fingerprint,
    peer: what.organisation,
    peerInstallationId: location.sender,
    bundleWorkspace: what.workspace ?? null,
    operations: what.operations,
    fileName: where,
  });
}
