/**
 * PURE (node:fs and shared/ only; no Electron, so Vitest runs it): a folder as a bundle store
 * (shared/sync/bundleStore.ts) — a USB stick, a network share, a folder Syncthing keeps in
 * sync. Layout and names as on a WebDAV hub (shared/sync/layout.ts).
 *
 * - Writes go through `writeFileAtomically` (temporary hidden `.partial` name in the same
 *   folder, fsync, rename), so a stick pulled out mid-write leaves at most a temporary file,
 *   which no reader takes for a bundle; a leftover of the same bundle is removed on the retry.
 * - Reads take regular files only (no symbolic links, no devices: a shared folder is not
 *   trusted), with a size limit checked before reading.
 * - The folders a renderer may name are those the user chose in main's folder dialog
 *   (`ApprovedFolders`), never a path the renderer made up.
 */
import { promises as fsPromises } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { BundleStoreError, type BundleStore, type PutOutcome } from '../../../shared/sync/bundleStore';
import { bundleSegments, InstallationSegmentSchema, isPartialFileName, parseBundleFileName, type BundleLocation } from '../../../shared/sync/layout';
import { writeFileAtomically } from './atomicWrite';

type Fs = typeof fsPromises;

function asStoreError(e: unknown, what: string): BundleStoreError {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  const message = `${what}: ${e instanceof Error ? e.message : String(e)}`;
  // The folder is gone (stick pulled, share unmounted) or cannot be reached now: try again later.
  if (['ENOENT', 'ENOTDIR', 'EIO', 'ENODEV', 'ENXIO', 'EHOSTDOWN', 'ETIMEDOUT', 'ESTALE', 'EAGAIN', 'EBUSY', 'ENOSPC'].includes(code)) return new BundleStoreError('unreachable', message);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new BundleStoreError('unauthorized', message);
  return new BundleStoreError('server', message);
}

export class FolderBundleStore implements BundleStore {
  private readonly root: string;

  constructor(root: string, private readonly fs: Fs = fsPromises) {
    this.root = resolve(root);
  }

  private async requireRoot(): Promise<void> {
    try {
      const stat = await this.fs.stat(this.root);
      if (!stat.isDirectory()) throw new BundleStoreError('unreachable', `${this.root} is not a folder`);
    } catch (e) {
      if (e instanceof BundleStoreError) throw e;
      throw asStoreError(e, `folder ${this.root}`);
    }
  }

  private async names(dir: string): Promise<Array<{ name: string; isFile: boolean; isDirectory: boolean }>> {
    try {
      return (await this.fs.readdir(dir, { withFileTypes: true })).map((d) => ({ name: d.name, isFile: d.isFile(), isDirectory: d.isDirectory() }));
    } catch (e) {
      if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'ENOENT') return [];
      throw asStoreError(e, `listing ${dir}`);
    }
  }

  async listFor(recipient: string): Promise<BundleLocation[]> {
    InstallationSegmentSchema.parse(recipient);
    await this.requireRoot();
    const found: BundleLocation[] = [];
    for (const sender of await this.names(this.root)) {
      // Dirent types do not follow symbolic links: a linked folder is not taken.
      if (!sender.isDirectory || sender.name === recipient || !InstallationSegmentSchema.safeParse(sender.name).success) continue;
      for (const file of await this.names(join(this.root, sender.name, recipient))) {
        if (!file.isFile || isPartialFileName(file.name)) continue;
        const parsed = parseBundleFileName(file.name);
        if (parsed) found.push({ sender: sender.name, recipient, ...parsed });
      }
    }
    return found;
  }

  async read(location: BundleLocation, maxBytes: number): Promise<Uint8Array> {
    const path = join(this.root, ...bundleSegments(location));
    try {
      const stat = await this.fs.lstat(path);
      if (!stat.isFile()) throw new BundleStoreError('protocol', `${path} is not a regular file`);
      if (stat.size > maxBytes) throw new BundleStoreError('protocol', `${path}: ${stat.size} bytes is more than the ${maxBytes} allowed`);
      const handle = await this.fs.open(path, 'r');
      try {
        const bytes = new Uint8Array(stat.size);
        let at = 0;
        while (at < bytes.length) {
          const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
          if (bytesRead === 0) break;
          at += bytesRead;
        }
        // A file that shrank under us is read as what it is; verification refuses it if incomplete.
        return at === bytes.length ? bytes : bytes.subarray(0, at);
      } finally {
        await handle.close();
      }
    } catch (e) {
      if (e instanceof BundleStoreError) throw e;
      throw asStoreError(e, `reading ${path}`);
    }
  }

  async put(location: BundleLocation, bytes: Uint8Array): Promise<PutOutcome> {
    const [sender, recipient, name] = bundleSegments(location);
    await this.requireRoot();
    const dir = join(this.root, sender, recipient);
    try {
      await this.fs.mkdir(dir, { recursive: true });
      for (const entry of await this.names(dir)) {
        const parsed = entry.isFile ? parseBundleFileName(entry.name) : null;
        if (parsed?.bundleId === location.bundleId) {
          const stat = await this.fs.lstat(join(dir, entry.name));
          if (stat.size === bytes.length) return 'already-there';
        }
        // Temporary files an interrupted write of this bundle left behind.
        if (entry.isFile && entry.name.startsWith(`.${name}.`) && isPartialFileName(entry.name)) await this.fs.unlink(join(dir, entry.name)).catch(() => undefined);
      }
      await writeFileAtomically(join(dir, name), bytes, this.fs);
      return 'written';
    } catch (e) {
      if (e instanceof BundleStoreError) throw e;
      throw asStoreError(e, `writing ${join(dir, name)}`);
    }
  }
}

// ---- folders the user chose -------------------------------------------------------------------

export const APPROVED_FOLDERS_FILE = 'sync-folders.json';
const ApprovedFoldersSchema = z.strictObject({ format: z.literal('crisis-workbook-sync-folders'), version: z.literal(1), folders: z.array(z.string().min(1).max(4_000)).max(1_000) });

/**
 * Folders chosen by the user in main's folder dialog, kept in `<userData>/sync-folders.json`.
 * Only these may be named by the renderer for folder sync, so a compromised page cannot make
 * main read or write anywhere else.
 */
export class ApprovedFolders {
  private folders: Set<string> | null = null;

  constructor(private readonly directory: string, private readonly fs: Fs = fsPromises) {}

  private async load(): Promise<Set<string>> {
    if (this.folders) return this.folders;
    try {
      const parsed = ApprovedFoldersSchema.safeParse(JSON.parse(await this.fs.readFile(join(this.directory, APPROVED_FOLDERS_FILE), 'utf8')));
      this.folders = new Set(parsed.success ? parsed.data.folders : []);
    } catch {
      this.folders = new Set();
    }
    return this.folders;
  }

  async approve(path: string): Promise<string> {
    const folders = await this.load();
    const absolute = resolve(path);
    if (!folders.has(absolute)) {
      folders.add(absolute);
      await this.fs.mkdir(this.directory, { recursive: true });
      const text = JSON.stringify({ format: 'crisis-workbook-sync-folders', version: 1, folders: [...folders] }, null, 2);
      await writeFileAtomically(join(this.directory, APPROVED_FOLDERS_FILE), new TextEncoder().encode(text), this.fs, { mode: 0o600 });
    }
    return absolute;
  }

  async isApproved(path: string): Promise<boolean> {
    return (await this.load()).has(resolve(path));
  }
}
