/**
 * PURE (no Electron import): the `sync:*` channels over their services, so tests drive them
 * without Electron. `registerIpc.ts` binds them behind the sender and argument checks.
 *
 * - Bundle stores: a WebDAV hub (shared/sync/webdavStore.ts over Node's fetch, with the password
 *   main keeps sealed for the destination) or a folder the user chose in main's dialog
 *   (./services/bundleFolder.ts). A folder the user did not choose is refused: the renderer
 *   cannot make main read or write anywhere else.
 * - A store's failure is an answer with a kind (`SyncAnswer`), not an IPC error: the engine
 *   backs off on `unreachable`, asks for credentials on `unauthorized`.
 */
import type { InvokeChannel } from '../../../shared/ipc/channels';
import type { SyncAnswer, SyncFolderChanged, SyncTarget } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { WorkbookError } from '../../../shared/errors/codes';
import { BundleStoreError, type BundleStore } from '../../../shared/sync/bundleStore';
import { WebDavClient, WebDavError, type FetchLike } from '../../../shared/sync/webdav';
import { WebDavBundleStore } from '../../../shared/sync/webdavStore';
import type { ApprovedFolders } from '../services/bundleFolder';
import { FolderBundleStore } from '../services/bundleFolder';
import type { FolderWatch } from '../services/folderWatcher';
import type { WebDavCredentialStore } from '../services/webdavCredentials';
import type { IpcImplementation } from './ipcCall';

export type SyncChannel = Extract<InvokeChannel, `sync:${string}`>;

export interface SyncServices {
  readonly credentials: WebDavCredentialStore;
  readonly folders: ApprovedFolders;
  readonly fetch: FetchLike;
  /** The folder dialog, opening at `defaultPath`; the chosen path or null. */
  chooseFolder(defaultPath: string | null): Promise<string | null>;
  removableDrives(): Promise<string[]>;
  watch(path: string, onBundles: () => void): FolderWatch;
  /** Tell the renderer a watched folder received a bundle. */
  notify(event: SyncFolderChanged): void;
  /** Per-request time limit for hubs. */
  readonly timeoutMs?: number;
}

async function answer<T>(run: () => Promise<T>): Promise<Result<SyncAnswer<T>>> {
  try {
    return ok({ ok: true, value: await run() });
  } catch (e) {
    if (e instanceof WebDavError || e instanceof BundleStoreError) return ok({ ok: false, kind: e.kind, detail: e.message.slice(0, 1_000) });
    if (e instanceof WorkbookError) return ok({ ok: false, kind: 'unavailable', detail: e.message.slice(0, 1_000) });
    throw e;
  }
}

export function syncChannelImplementations(services: SyncServices): { [K in SyncChannel]: IpcImplementation<K> } {
  const watches = new Map<string, { path: string; watch: FolderWatch }>();

  async function storeFor(target: SyncTarget): Promise<BundleStore> {
    if (target.kind === 'folder') {
      if (!(await services.folders.isApproved(target.path))) throw new BundleStoreError('unavailable', `${target.path} was not chosen in the folder dialog`);
      return new FolderBundleStore(target.path);
    }
    const credentials = await services.credentials.get(target.destinationId);
    return new WebDavBundleStore(new WebDavClient({ baseUrl: target.url, fetch: services.fetch, credentials, timeoutMs: services.timeoutMs ?? 30_000 }));
  }

  const attempt = async <T>(run: () => Promise<T>): Promise<Result<T>> => {
    try {
      return ok(await run());
    } catch (e) {
      if (e instanceof WorkbookError) return err(e.code, e.message.slice(0, 500));
      throw e;
    }
  };

  return {
    'sync:list': (request) => answer(async () => (await storeFor(request.target)).listFor(request.recipient)),
    'sync:read': (request) => answer(async () => (await storeFor(request.target)).read(request.location, request.maxBytes)),
    'sync:put': (request) => answer(async () => (await storeFor(request.target)).put(request.location, request.bytes)),
    'sync:setCredentials': (request) => attempt(async () => {
      await services.credentials.set(request.destinationId, { username: request.username, password: request.password });
      return null;
    }),
    'sync:forgetCredentials': (request) => attempt(async () => {
      await services.credentials.forget(request.destinationId);
      return null;
    }),
    'sync:credentialStorage': () => attempt(() => services.credentials.available()),
    'sync:chooseFolder': () => attempt(async () => {
      const drives = await services.removableDrives();
      const path = await services.chooseFolder(drives[0] ?? null);
      return path === null ? null : { path: await services.folders.approve(path) };
    }),
    'sync:removableDrives': () => attempt(() => services.removableDrives()),
    'sync:watchFolders': (request) => attempt(async () => {
      const wanted = new Map<string, string>();
      for (const folder of request.folders) {
        if (await services.folders.isApproved(folder.path)) wanted.set(folder.destinationId, folder.path);
      }
      for (const [id, current] of watches) {
        if (wanted.get(id) !== current.path) {
          current.watch.close();
          watches.delete(id);
        }
      }
      for (const [destinationId, path] of wanted) {
        if (watches.has(destinationId)) continue;
        try {
          watches.set(destinationId, { path, watch: services.watch(path, () => services.notify({ destinationId })) });
        } catch {
          // The folder is not there now (share not mounted): the poll interval still looks.
        }
      }
      return null;
    }),
  };
}
