import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBundleEvent, watchBundleFolder } from '../../../../../electron/main/services/folderWatcher';

const A = '01HV0000000000000000000000';
const B = '01HV0000000000000000000001';
const NAME = '00000001-01HVXXXXXXXXXXXXXXXXXXXXXX.cwb';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cw-watch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watching a sync folder', () => {
  it('counts complete bundle names only', () => {
    expect(isBundleEvent(`${A}/${B}/${NAME}`)).toBe(true);
    expect(isBundleEvent(`${A}\\${B}\\${NAME}`)).toBe(true);
    expect(isBundleEvent(`${A}/${B}/.${NAME}.abc.partial`)).toBe(false);
    expect(isBundleEvent(`${A}/${B}/.syncthing.${NAME}.tmp`)).toBe(false);
    expect(isBundleEvent('notes.txt')).toBe(false);
    expect(isBundleEvent(null)).toBe(true);
  });

  it('reports a bundle renamed into place once, after the burst, and stays quiet for temporary files', async () => {
    await mkdir(join(dir, A, B), { recursive: true });
    let calls = 0;
    const watch = watchBundleFolder(dir, () => (calls += 1), { debounceMs: 100 });
    try {
      await writeFile(join(dir, A, B, `.${NAME}.abc.partial`), 'x');
      await wait(300);
      expect(calls).toBe(0);
      await rename(join(dir, A, B, `.${NAME}.abc.partial`), join(dir, A, B, NAME));
      await writeFile(join(dir, A, B, '00000002-01HVYYYYYYYYYYYYYYYYYYYYYY.cwb'), 'y');
      for (let i = 0; i < 40 && calls === 0; i++) await wait(50);
      await wait(250);
      expect(calls).toBe(1);
    } finally {
      watch.close();
    }
  });

  it('stops reporting once closed', async () => {
    let calls = 0;
    const watch = watchBundleFolder(dir, () => (calls += 1), { debounceMs: 20 });
    watch.close();
    await mkdir(join(dir, A, B), { recursive: true });
    await writeFile(join(dir, A, B, NAME), 'x');
    await wait(200);
    expect(calls).toBe(0);
  });
});
