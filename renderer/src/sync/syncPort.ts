/**
 * What the renderer's sync engine needs of its host, per build:
 *
 * - desktop app: every kind of destination. Bundle stores live in the main process (a hub's
 *   password sealed there with the OS secure storage and never sent back; folders only as the
 *   user chose them in main's dialog), reached over IPC; main watches folders and says when a
 *   bundle arrived.
 * - browser: a WebDAV hub on the web app's own origin only (the Content-Security-Policy allows
 *   `connect-src 'self'` and nothing else, on purpose), e.g. the authority's web server serving
 *   both the app and its hub; its password is kept in memory for the session and asked again
 *   after a reload: a browser has no OS secure storage to keep it in.
 */
import type { Result } from '../../../shared/ipc/result';
import type { SyncAnswer, SyncCredentialStorage, WorkbookBridge } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import { BundleStoreError, type BundleStore, type PutOutcome } from '../../../shared/sync/bundleStore';
import type { Destination, DestinationKind } from '../../../shared/sync/destination';
import type { BundleLocation } from '../../../shared/sync/layout';
import { WebDavClient, type FetchLike, type WebDavCredentials } from '../../../shared/sync/webdav';
import { WebDavBundleStore } from '../../../shared/sync/webdavStore';

/** Why a destination cannot be used in this build (a key under `sync.unavailable.*`). */
export type Unavailable = 'desktop-only' | 'other-origin' | 'needs-password';

export interface SyncPort {
  readonly kinds: readonly DestinationKind[];
  /** Where a hub's password is kept: sealed by the OS (desktop) or for this session only (browser). */
  readonly credentialKeeping: 'os' | 'session';
  store(destination: Destination): BundleStore | { readonly unavailable: Unavailable };
  setCredentials(destinationId: string, credentials: WebDavCredentials): Promise<Result<null>>;
  forgetCredentials(destinationId: string): Promise<Result<null>>;
  credentialStorage(): Promise<Result<SyncCredentialStorage>>;
  /** Desktop: the folder dialog (opening on a detected USB stick); the chosen folder, or null. */
  chooseFolder(): Promise<Result<string | null>>;
  removableDrives(): Promise<Result<string[]>>;
  /** Desktop: watch these folders; `onFolderChanged` hears of arriving bundles. */
  watchFolders(folders: ReadonlyArray<{ destinationId: string; path: string }>): Promise<Result<null>>;
  onFolderChanged(listener: (destinationId: string) => void): () => void;
}

/** A bundle store in the main process, over the bridge. */
export class BridgeBundleStore implements BundleStore {
  constructor(
    private readonly bridge: Pick<WorkbookBridge, 'syncList' | 'syncRead' | 'syncPut'>,
    private readonly target: Parameters<WorkbookBridge['syncList']>[0]['target'],
  ) {}

  private static unwrap<T>(result: Result<SyncAnswer<T>>): T {
    if (!result.ok) throw new BundleStoreError('unavailable', `${result.error.code}${result.error.detail ? `: ${result.error.detail}` : ''}`);
    if (!result.value.ok) throw new BundleStoreError(result.value.kind, result.value.detail);
    return result.value.value;
  }

  async listFor(recipient: string): Promise<BundleLocation[]> {
    return BridgeBundleStore.unwrap(await this.bridge.syncList({ target: this.target, recipient }));
  }

  async read(location: BundleLocation, maxBytes: number): Promise<Uint8Array> {
    return BridgeBundleStore.unwrap(await this.bridge.syncRead({ target: this.target, location, maxBytes }));
  }

  async put(location: BundleLocation, bytes: Uint8Array): Promise<PutOutcome> {
    return BridgeBundleStore.unwrap(await this.bridge.syncPut({ target: this.target, location, bytes }));
  }
}

export function createDesktopSyncPort(bridge: WorkbookBridge): SyncPort {
  return {
    kinds: ['webdav', 'folder', 'watched-folder'],
    credentialKeeping: 'os',
    store: (destination) =>
      new BridgeBundleStore(bridge, destination.kind === 'webdav' ? { kind: 'webdav', destinationId: destination.id, url: destination.url } : { kind: 'folder', path: destination.path }),
    setCredentials: (destinationId, credentials) => bridge.syncSetCredentials({ destinationId, ...credentials }),
    forgetCredentials: (destinationId) => bridge.syncForgetCredentials({ destinationId }),
    credentialStorage: () => bridge.syncCredentialStorage(),
    chooseFolder: async () => {
      const chosen = await bridge.syncChooseFolder();
      return chosen.ok ? ok(chosen.value?.path ?? null) : chosen;
    },
    removableDrives: () => bridge.syncRemovableDrives(),
    watchFolders: (folders) => bridge.syncWatchFolders({ folders: [...folders] }),
    onFolderChanged: (listener) => bridge.onSyncFolderChanged((event) => listener(event.destinationId)),
  };
}

/** Whether `url` is on `origin` (the only hub a browser's CSP lets the app reach). */
export function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

export function createBrowserSyncPort(origin: string, fetchImpl: FetchLike): SyncPort {
  const session = new Map<string, WebDavCredentials>();
  return {
    kinds: ['webdav'],
    credentialKeeping: 'session',
    store: (destination) => {
      if (destination.kind !== 'webdav') return { unavailable: 'desktop-only' };
      if (!sameOrigin(destination.url, origin)) return { unavailable: 'other-origin' };
      const credentials = session.get(destination.id) ?? null;
      if (destination.username !== null && !credentials) return { unavailable: 'needs-password' };
      return new WebDavBundleStore(new WebDavClient({ baseUrl: destination.url, fetch: fetchImpl, credentials }));
    },
    setCredentials: (destinationId, credentials) => {
      session.set(destinationId, credentials);
      return Promise.resolve(ok(null));
    },
    forgetCredentials: (destinationId) => {
      session.delete(destinationId);
      return Promise.resolve(ok(null));
    },
    credentialStorage: () => Promise.resolve(ok({ available: false, backend: 'browser-session' })),
    chooseFolder: () => Promise.resolve(err('internal', 'folders are synced by the desktop app only')),
    removableDrives: () => Promise.resolve(ok([])),
    watchFolders: () => Promise.resolve(ok(null)),
    onFolderChanged: () => () => undefined,
  };
}
