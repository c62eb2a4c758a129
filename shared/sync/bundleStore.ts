/**
 * A place bundles are left for others and picked up from: a WebDAV hub, a folder on a USB stick,
 * a folder kept in sync by a network share or Syncthing. The sync engine works against this
 * interface only, so every transport follows the same rules (shared/sync/layout.ts):
 *
 * - a bundle is written under a temporary name and renamed when complete, so no reader ever
 *   sees half a file, and a file pulled out mid-write is never imported;
 * - `put` is idempotent: a bundle already there under its final name (same bundle id, same
 *   size) is not written again, so a retry after an interruption never makes a duplicate;
 * - readers list only complete bundles addressed to them.
 *
 * The store is never trusted: everything read from it is verified (signature, hashes, limits)
 * before anything is done with it.
 */
import type { BundleLocation } from './layout';

export type PutOutcome = 'written' | 'already-there';

export interface BundleStore {
  /** Complete bundles addressed to `recipient`, from every sender. */
  listFor(recipient: string): Promise<BundleLocation[]>;
  /** The bytes of one bundle; refused when larger than `maxBytes`. */
  read(location: BundleLocation, maxBytes: number): Promise<Uint8Array>;
  /** Leave a bundle (temporary name, then rename); `already-there` when a previous attempt completed it. */
  put(location: BundleLocation, bytes: Uint8Array): Promise<PutOutcome>;
}

/** A store's failure, with a kind the engine acts on (see SyncFailureKind). */
export class BundleStoreError extends Error {
  override readonly name = 'BundleStoreError';
  constructor(
    readonly kind: 'unreachable' | 'unauthorized' | 'not-found' | 'conflict' | 'server' | 'protocol' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}
