import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovedFolders, APPROVED_FOLDERS_FILE, FolderBundleStore } from '../../../../../electron/main/services/bundleFolder';
import { bundlePath, partialFileName, bundleFileName } from '../../../../../shared/sync/layout';

const A = '01HV0000000000000000000000';
const B = '01HV0000000000000000000001';
const C = '01HV0000000000000000000002';
const X = '01HVXXXXXXXXXXXXXXXXXXXXXX';
const Y = '01HVYYYYYYYYYYYYYYYYYYYYYY';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-folder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a folder as a bundle store', () => {
  it('writes under the layout, lists for the recipient and reads back', async () => {
    const store = new FolderBundleStore(dir);
    const location = { sender: A, recipient: B, sequence: 1, bundleId: X };
    expect(await store.put(location, new Uint8Array([1, 2, 3]))).toBe('written');
    expect(await readFile(join(dir, bundlePath(location)))).toEqual(Buffer.from([1, 2, 3]));
    expect(await store.listFor(B)).toEqual([location]);
    expect(await store.listFor(C)).toEqual([]);
    // The sender does not list its own outbox as inbox.
    expect(await store.listFor(A)).toEqual([]);
    expect(await store.read(location, 10)).toEqual(new Uint8Array([1, 2, 3]));
    await expect(store.read(location, 2)).rejects.toMatchObject({ kind: 'protocol' });
    // No temporary file is left behind.
    expect((await readdir(join(dir, A, B))).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('does not write a bundle twice, and clears what an interrupted write of it left', async () => {
    const store = new FolderBundleStore(dir);
    const location = { sender: A, recipient: B, sequence: 4, bundleId: X };
    await mkdir(join(dir, A, B), { recursive: true });
    const leftover = `${partialFileName(bundleFileName(4, X)).replace(/\.partial$/, '')}.abc123.partial`;
    await writeFile(join(dir, A, B, leftover), new Uint8Array([9]));
    expect(await store.listFor(B)).toEqual([]);
    expect(await store.put(location, new Uint8Array([1, 2]))).toBe('written');
    expect(await readdir(join(dir, A, B))).toEqual([bundleFileName(4, X)]);
    expect(await store.put(location, new Uint8Array([1, 2]))).toBe('already-there');
  });

  it('takes only regular files named like bundles, never links or stray files', async () => {
    const store = new FolderBundleStore(dir);
    await mkdir(join(dir, A, B), { recursive: true });
    await writeFile(join(dir, 'elsewhere.cwb'), new Uint8Array([1]));
    await symlink(join(dir, 'elsewhere.cwb'), join(dir, A, B, bundleFileName(1, X)));
    await writeFile(join(dir, A, B, 'notes.txt'), 'x');
    await writeFile(join(dir, A, B, `.${bundleFileName(2, Y)}.partial`), 'x');
    await mkdir(join(dir, 'not-an-installation', B), { recursive: true });
    await writeFile(join(dir, 'not-an-installation', B, bundleFileName(3, Y)), 'x');
    expect(await store.listFor(B)).toEqual([]);
    await expect(store.read({ sender: A, recipient: B, sequence: 1, bundleId: X }, 100)).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('says a pulled stick is unreachable, not broken', async () => {
    const store = new FolderBundleStore(join(dir, 'gone'));
    await expect(store.listFor(B)).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(store.put({ sender: A, recipient: B, sequence: 1, bundleId: X }, new Uint8Array(1))).rejects.toMatchObject({ kind: 'unreachable' });
  });
});

describe('approved folders', () => {
  it('remembers folders chosen in the dialog, across restarts, and nothing else', async () => {
    const folders = new ApprovedFolders(dir);
    expect(await folders.isApproved('/media/stick')).toBe(false);
    expect(await folders.approve('/media/stick/../stick')).toBe('/media/stick');
    expect(await folders.isApproved('/media/stick')).toBe(true);
    expect(await new ApprovedFolders(dir).isApproved('/media/stick')).toBe(true);
    expect(await new ApprovedFolders(dir).isApproved('/media')).toBe(false);
    expect((await lstat(join(dir, APPROVED_FOLDERS_FILE))).mode & 0o077).toBe(0);
  });

  it('treats a damaged list as empty', async () => {
    await writeFile(join(dir, APPROVED_FOLDERS_FILE), '{"folders": ["/etc"]}');
    expect(await new ApprovedFolders(dir).isApproved('/etc')).toBe(false);
  });
});
