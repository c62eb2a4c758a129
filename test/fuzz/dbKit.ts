/**
 * Database helpers for the fuzz properties of imports (fake-indexeddb, as the integration tests):
 * a receiving installation that trusts a sender, a digest of every table, and the import of a
 * bundle the way the app does it (verify → preview → apply).
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { applyImport, previewImport, verifyBundle } from '../../renderer/src/db/exchange';
import { addPeerCard, markPeerVerified } from '../../renderer/src/db/keyring';
import { fileSourceFromBytes } from '../../renderer/src/platform/fileSource';
import type { WorkbookDb } from '../../renderer/src/db/WorkbookDb';
import { identityCardText, type SecretIdentity } from '../../shared/crypto/identity';
import { BundleRefusal, type BundleError } from '../../shared/bundle/errors';
import { openInstallation } from '../helpers/workbookDb';

export type Installation = Awaited<ReturnType<typeof openInstallation>>;

/** A fresh installation that holds `peers`' cards, verified by telephone. */
export async function receiverTrusting(label: string, ...peers: SecretIdentity[]): Promise<Installation> {
  const side = await openInstallation(label);
  for (const peer of peers) {
    const { entry } = await addPeerCard(side.db, side.journal, identityCardText(peer.card));
    await markPeerVerified(side.journal, entry.id, 'Duty officer', 'telephone');
  }
  return side;
}

/** JSON with sorted keys; binary data and blobs by length (they never change in these tests). */
function stable(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') };
  if (typeof Blob !== 'undefined' && value instanceof Blob) return { blob: value.size };
  if (Array.isArray(value)) return value.map(stable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** SHA-256 over every row of every table (primary-key order), to compare a database before and after. */
export async function dbDigest(db: WorkbookDb): Promise<string> {
  const hash = createHash('sha256');
  for (const table of [...db.tables].sort((a, b) => a.name.localeCompare(b.name))) {
    const rows = await table.toArray();
    hash.update(`${table.name}\u0000${JSON.stringify(stable(rows))}\u0000`);
  }
  return hash.digest('hex');
}

export type ImportOutcome =
  | { readonly stage: 'refused'; readonly error: BundleError }
  | { readonly stage: 'apply-failed'; readonly error: unknown }
  | { readonly stage: 'applied'; readonly added: number };

/** Verify, preview and apply a bundle as the exchange screen does. Never throws. */
export async function importBundle(side: Installation, bytes: Uint8Array, name = 'fuzz.cwb'): Promise<ImportOutcome> {
  const noKeys = { ageIdentity: () => Promise.reject(new Error('no decryption expected')) };
  const verified = await verifyBundle(side.db, fileSourceFromBytes(name, bytes), 'real', side.installationId, noKeys);
  if (!verified.ok) return { stage: 'refused', error: verified.error };
  let preview;
  try {
    preview = await previewImport(side.db, verified.bundle);
  } catch (error) {
    // As the exchange screen and the sync engine do: a refusal found by the preview is a refusal.
    if (error instanceof BundleRefusal) return { stage: 'refused', error: error.error };
    return { stage: 'apply-failed', error };
  }
  try {
    return { stage: 'applied', added: await applyImport(side.db, side.journal, preview) };
  } catch (error) {
    return { stage: 'apply-failed', error };
  }
}
