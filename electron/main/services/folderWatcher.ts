/**
 * PURE (node:fs only): watch a sync folder for bundles arriving (a network share, a folder
 * Syncthing keeps in sync) and say so, debounced, once per burst. Only complete bundle names
 * count: a temporary `.partial` file being written, or Syncthing's own `.syncthing.*.tmp`
 * files, do not. `fs.watch` can miss events on network file systems, so the sync engine also
 * looks on its poll interval; the watcher only makes the common case immediate.
 */
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { isPartialFileName, parseBundleFileName } from '../../../shared/sync/layout';

export interface FolderWatch {
  close(): void;
}

export type WatchFn = (path: string, options: { recursive: boolean; persistent: boolean }, listener: (event: string, filename: string | Buffer | null) => void) => Pick<FSWatcher, 'close' | 'on'>;

/** Whether a changed name in the folder may be a complete bundle. */
export function isBundleEvent(filename: string | null): boolean {
  if (filename === null) return true; // The platform did not say which: look.
  const name = basename(filename.replace(/\\/g, '/'));
  return !isPartialFileName(name) && parseBundleFileName(name) !== null;
}

export function watchBundleFolder(path: string, onBundles: () => void, options: { debounceMs?: number; onError?: (e: Error) => void; watch?: WatchFn } = {}): FolderWatch {
  const debounceMs = options.debounceMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const watcher = (options.watch ?? fsWatch)(path, { recursive: true, persistent: false }, (_event, filename) => {
    if (closed) return;
    const name = filename === null ? null : typeof filename === 'string' ? filename : filename.toString('utf8');
    if (!isBundleEvent(name)) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!closed) onBundles();
    }, debounceMs);
  });
  watcher.on('error', (e: Error) => options.onError?.(e));
  return {
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      watcher.close();
    },
  };
}
