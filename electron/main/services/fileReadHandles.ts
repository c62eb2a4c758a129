/**
 * PURE (node:fs only): files the user picked for reading in chunks, kept behind unguessable
 * handles. The renderer asks for chunks by handle and offset, never by path, so it reaches only
 * what the user chose in a dialog; each read re-checks the size, so a file that changes while it
 * is read is reported instead of read half old, half new.
 */
import { randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_STREAMED_FILE_BYTES, type FileForReading } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';

interface PickedForReading {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class FileReadHandles {
  private readonly files = new Map<string, PickedForReading>();

  /** @param capacity how many picked files stay readable; the oldest is forgotten first. */
  constructor(
    private readonly capacity = 16,
    private readonly maxBytes = MAX_STREAMED_FILE_BYTES,
  ) {}

  /** Register a file the user picked; returns its handle, name and size. */
  async register(path: string): Promise<Result<FileForReading>> {
    try {
      const info = await stat(path);
      if (!info.isFile()) return err('file-read-failed', 'not a regular file');
      if (info.size > this.maxBytes) return err('file-too-large', `${info.size} bytes; the limit is ${this.maxBytes}`);
      const handle = randomBytes(16).toString('hex');
      this.files.set(handle, { path, size: info.size, mtimeMs: info.mtimeMs });
      while (this.files.size > this.capacity) {
        const oldest = this.files.keys().next().value;
        if (oldest === undefined) break;
        this.files.delete(oldest);
      }
      return ok({ handle, name: basename(path), size: info.size });
    } catch (error) {
      return err('file-read-failed', messageOf(error));
    }
  }

  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  async read(handle: string, offset: number, length: number): Promise<Result<Uint8Array>> {
    const picked = this.files.get(handle);
    if (!picked) return err('file-read-failed', 'this file is no longer open for reading; pick it again');
    if (offset > picked.size) return err('file-read-failed', `offset ${offset} is past the end (${picked.size} bytes)`);
    let file;
    try {
      file = await open(picked.path, 'r');
    } catch (error) {
      return err('file-read-failed', messageOf(error));
    }
    try {
      const info = await file.stat();
      if (info.size !== picked.size || info.mtimeMs !== picked.mtimeMs) return err('file-read-failed', 'the file changed while it was being read');
      const want = Math.min(length, picked.size - offset);
      const buffer = new Uint8Array(want);
      let filled = 0;
      while (filled < want) {
        const { bytesRead } = await file.read(buffer, filled, want - filled, offset + filled);
        if (bytesRead === 0) return err('file-read-failed', 'the file ended early');
        filled += bytesRead;
      }
      return ok(buffer);
    } catch (error) {
      return err('file-read-failed', messageOf(error));
    } finally {
      await file.close().catch(() => undefined);
    }
  }
}
