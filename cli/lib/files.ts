/**
 * File input and output for the command-line tool: bundles are read and written as 64 KiB chunks
 * (never whole), outputs appear atomically (written to a temporary file beside the target, then
 * renamed), and nothing existing is overwritten.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, chmod, open, readFile, rename, unlink } from 'node:fs/promises';
import type { Blake2b512Factory } from '../../shared/crypto/blake2b';
import { CliError } from './errors';

const CHUNK_BYTES = 64 * 1024;

/** The file's bytes as chunks (a `Buffer` is a `Uint8Array`). */
export async function* readFileChunks(path: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } catch (e) {
    throw new CliError('file-read-failed', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  } finally {
    stream.destroy();
  }
}

export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError('file-read-failed', `cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export async function readBinaryFile(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new CliError('file-read-failed', `cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function refuseExisting(path: string): Promise<void> {
  if (await exists(path)) throw new CliError('file-exists', `${path} already exists; it is never overwritten (remove it first)`);
}

/**
 * Writes chunks to `path` atomically: a partial file never carries the final name, so a stick
 * pulled halfway leaves no bundle that looks complete. Refuses an existing target.
 */
export async function writeFileAtomically(path: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, mode = 0o644): Promise<number> {
  await refuseExisting(path);
  const temporary = `${path}.partial-${process.pid}`;
  const handle = await open(temporary, 'wx', mode).catch((e: NodeJS.ErrnoException) => {
    throw new CliError('file-write-failed', `cannot create ${temporary}: ${e.code ?? String(e)}`);
  });
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      await handle.write(chunk);
      bytes += chunk.length;
    }
    await handle.sync();
    await handle.close();
    await chmod(temporary, mode);
    await refuseExisting(path);
    await rename(temporary, path);
    return bytes;
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw e;
  }
}

/** Node's native BLAKE2b-512 (~25× the speed of the pure-JavaScript one), same digests. */
export const nodeBlake2b512: Blake2b512Factory = () => {
  const h = createHash('blake2b512');
  return {
    update(chunk) {
      h.update(chunk);
    },
    digest() {
      return new Uint8Array(h.digest());
    },
  };
};
