import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readUserFile } from '../../../../../electron/main/services/readUserFile';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cwb-read-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readUserFile', () => {
  it('returns the file name and its bytes as a plain Uint8Array', async () => {
    const path = join(dir, 'exercise.cwb');
    await writeFile(path, new Uint8Array([1, 2, 3, 4]));
    const result = await readUserFile(path, 4);
    expect(result).toEqual({ ok: true, value: { name: 'exercise.cwb', bytes: new Uint8Array([1, 2, 3, 4]) } });
    expect(result.ok && Buffer.isBuffer(result.value.bytes)).toBe(false);
  });

  it('refuses a file over the limit with file-too-large', async () => {
    const path = join(dir, 'huge.cwb');
    await writeFile(path, new Uint8Array(11));
    const result = await readUserFile(path, 10);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('file-too-large');
    expect(!result.ok && result.error.detail).toBe('11 bytes; the limit is 10'); // refused before reading
  });

  it('reports a missing file as file-read-failed with the reason', async () => {
    const result = await readUserFile(join(dir, 'gone.cwb'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('file-read-failed');
    expect(!result.ok && result.error.detail).toContain('ENOENT');
  });

  it('refuses a folder', async () => {
    const path = join(dir, 'folder.cwb');
    await mkdir(path);
    const result = await readUserFile(path);
    expect(!result.ok && result.error).toEqual({ code: 'file-read-failed', detail: 'not a regular file' });
  });
});
