import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadHandles } from '../../../../../electron/main/services/fileReadHandles';

let dir: string;
const content = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cwb-read-'));
  writeFileSync(join(dir, 'bundle.cwb'), content);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(handles: FileReadHandles, handle: string, size: number, chunk: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += chunk) {
    const r = await handles.read(handle, offset, chunk);
    if (!r.ok) throw new Error(r.error.detail);
    out.set(r.value, offset);
  }
  return out;
}

describe('FileReadHandles', () => {
  it('reads a picked file back exactly, chunk by chunk, by an unguessable handle', async () => {
    const handles = new FileReadHandles();
    const picked = await handles.register(join(dir, 'bundle.cwb'));
    if (!picked.ok) throw new Error(picked.error.detail);
    expect(picked.value).toMatchObject({ name: 'bundle.cwb', size: 10_000 });
    expect(picked.value.handle).toMatch(/^[0-9a-f]{32}$/);
    expect(await readAll(handles, picked.value.handle, 10_000, 3_000)).toEqual(content);
    const tail = await handles.read(picked.value.handle, 9_990, 3_000);
    expect(tail.ok && tail.value.length).toBe(10);
  });

  it('refuses an unknown handle, an offset past the end, a directory and an oversized file', async () => {
    const handles = new FileReadHandles(16, 5_000);
    expect((await handles.read('0'.repeat(32), 0, 10)).ok).toBe(false);
    expect(await handles.register(dir)).toMatchObject({ ok: false, error: { code: 'file-read-failed' } });
    expect(await handles.register(join(dir, 'bundle.cwb'))).toMatchObject({ ok: false, error: { code: 'file-too-large' } });
    const roomy = new FileReadHandles();
    const picked = await roomy.register(join(dir, 'bundle.cwb'));
    if (!picked.ok) throw new Error(picked.error.detail);
    expect((await roomy.read(picked.value.handle, 10_001, 10)).ok).toBe(false);
  });

  it('reports a file that changed after it was picked', async () => {
    const path = join(dir, 'changing.cwb');
    writeFileSync(path, content);
    const handles = new FileReadHandles();
    const picked = await handles.register(path);
    if (!picked.ok) throw new Error(picked.error.detail);
    writeFileSync(path, content.subarray(0, 9_000));
    expect(await handles.read(picked.value.handle, 0, 100)).toMatchObject({ ok: false, error: { detail: 'the file changed while it was being read' } });
  });

  it('forgets the oldest picked file beyond its capacity', async () => {
    const handles = new FileReadHandles(2);
    const first = await handles.register(join(dir, 'bundle.cwb'));
    await handles.register(join(dir, 'bundle.cwb'));
    await handles.register(join(dir, 'bundle.cwb'));
    if (!first.ok) throw new Error(first.error.detail);
    const forgotten = await handles.read(first.value.handle, 0, 10);
    expect(!forgotten.ok && forgotten.error.detail).toContain('pick it again');
  });
});
