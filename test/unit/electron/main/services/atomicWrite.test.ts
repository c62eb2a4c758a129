import { promises as fsPromises } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryNameFor, writeFileAtomically, type AtomicWriteFs } from '../../../../../electron/main/services/atomicWrite';

const OLD = new TextEncoder().encode('old bundle, complete and valid');
const NEW = new TextEncoder().encode('new bundle, also complete');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwb-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function ioError(message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code: 'EIO' });
}

/**
 * The real file system, except that the device "disappears" at one step: as when a USB stick
 * is pulled out. `writeFile` failing writes half the bytes first, as a real device would.
 */
function failingFs(step: 'write' | 'sync' | 'rename'): AtomicWriteFs {
  return {
    open: async (...args: Parameters<typeof fsPromises.open>) => {
      const handle = await fsPromises.open(...args);
      return new Proxy(handle, {
        get(target, property, receiver) {
          if (step === 'write' && property === 'writeFile') {
            return async (bytes: Uint8Array) => {
              await target.writeFile(bytes.subarray(0, Math.floor(bytes.byteLength / 2)));
              throw ioError('device removed during write');
            };
          }
          if (step === 'sync' && property === 'sync') return () => Promise.reject(ioError('device removed during fsync'));
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
    rename: (...args: Parameters<typeof fsPromises.rename>) =>
      step === 'rename' ? Promise.reject(ioError('device removed during rename')) : fsPromises.rename(...args),
    unlink: (...args: Parameters<typeof fsPromises.unlink>) => fsPromises.unlink(...args),
  };
}

describe('writeFileAtomically', () => {
  it('writes a new file', async () => {
    const target = join(dir, 'export.cwb');
    await writeFileAtomically(target, NEW);
    expect(new Uint8Array(await readFile(target))).toEqual(NEW);
  });

  it('replaces an existing file completely', async () => {
    const target = join(dir, 'export.cwb');
    await writeFile(target, new Uint8Array(10_000).fill(7)); // longer than the new content
    await writeFileAtomically(target, NEW);
    expect(new Uint8Array(await readFile(target))).toEqual(NEW);
  });

  it('writes empty files', async () => {
    const target = join(dir, 'empty.ndjson');
    await writeFileAtomically(target, new Uint8Array());
    expect((await readFile(target)).byteLength).toBe(0);
  });

  it('leaves no temporary file behind on success', async () => {
    await writeFileAtomically(join(dir, 'export.cwb'), NEW);
    expect(await readdir(dir)).toEqual(['export.cwb']);
  });

  it.each(['write', 'sync', 'rename'] as const)(
    'keeps the old file intact and removes the temporary one when the device fails at %s',
    async (step) => {
      const target = join(dir, 'export.cwb');
      await writeFile(target, OLD);
      await expect(writeFileAtomically(target, NEW, failingFs(step))).rejects.toThrow(/device removed/);
      expect(new Uint8Array(await readFile(target))).toEqual(OLD);
      expect(await readdir(dir)).toEqual(['export.cwb']);
    },
  );

  it('creates nothing under the final name when the write fails and there was no old file', async () => {
    const target = join(dir, 'export.cwb');
    await expect(writeFileAtomically(target, NEW, failingFs('write'))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails without creating anything when the folder does not exist (stick already gone)', async () => {
    const target = join(dir, 'unplugged', 'export.cwb');
    await expect(writeFileAtomically(target, NEW)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails and cleans up when the target name is taken by a folder', async () => {
    const target = join(dir, 'export.cwb');
    await mkdir(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomically(target, NEW)).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['export.cwb']);
    expect(await readdir(target)).toEqual(['inside']);
  });
});

describe('temporaryNameFor', () => {
  it('is a hidden sibling in the same folder, different each time', () => {
    const target = join(dir, 'export.cwb');
    const first = temporaryNameFor(target);
    expect(first.startsWith(join(dir, '.export.cwb.'))).toBe(true);
    expect(first.endsWith('.partial')).toBe(true);
    expect(temporaryNameFor(target)).not.toBe(first);
  });
});
