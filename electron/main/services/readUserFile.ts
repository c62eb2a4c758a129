/**
 * PURE (node:fs only): read a file the user picked, refusing anything over the size limit
 * before reading it into memory. Uses one open handle for the size check and the read, so a
 * file swapped or grown in between cannot slip past the limit.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_FILE_BYTES, type OpenedFile } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function readUserFile(path: string, maxBytes: number = MAX_FILE_BYTES): Promise<Result<OpenedFile>> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return err('file-read-failed', messageOf(error));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return err('file-read-failed', 'not a regular file');
    if (info.size > maxBytes) return err('file-too-large', `${info.size} bytes; the limit is ${maxBytes}`);
    const bytes = await handle.readFile();
    if (bytes.byteLength > maxBytes) return err('file-too-large', `grew to ${bytes.byteLength} bytes while reading`);
    // A plain Uint8Array view: what the renderer receives, without Buffer's extra surface.
    return ok({ name: basename(path), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } catch (error) {
    return err('file-read-failed', messageOf(error));
  } finally {
    await handle.close().catch(() => undefined);
  }
}
