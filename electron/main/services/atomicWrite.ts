/**
 * PURE (node:fs only): write a file so that the final name holds either the complete old
 * content or the complete new content — never a half-written file. Users save exports to USB
 * sticks that get pulled out mid-write; a truncated bundle under the real name would look valid
 * until someone tries to import it in a crisis.
 *
 * How: write to a hidden temporary file in the SAME directory (rename is only atomic within a
 * file system), flush it to the device (fsync), rename it over the target, then fsync the
 * directory so the rename itself survives a power cut. On any failure the temporary file is
 * removed and the target is untouched. (On FAT-formatted sticks rename is not strictly atomic,
 * but it is still far safer than overwriting in place.)
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fsPromises } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file-system operations used; injectable so tests can simulate a device failing. */
export type AtomicWriteFs = Pick<typeof fsPromises, 'open' | 'rename' | 'unlink'>;

/** Name of the temporary sibling; hidden, and recognisable if a crash ever leaves one. */
export function temporaryNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
}

/**
 * Write `bytes` to `target` atomically. Rejects with the underlying fs error on failure.
 * `options.mode` sets the permissions of the new file from its creation on (e.g. 0o600 for the
 * key vault), so that it is never readable by others, not even for a moment.
 */
export async function writeFileAtomically(
  target: string,
  bytes: Uint8Array,
  fs: AtomicWriteFs = fsPromises,
  options: { readonly mode?: number } = {},
): Promise<void> {
  const temporary = temporaryNameFor(target);
  let created = false;
  try {
    // 'wx': fail rather than reuse an existing file of that name.
    const handle = await fs.open(temporary, 'wx', options.mode);
    created = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
    created = false;
  } catch (error) {
    if (created) await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(target), fs);
}

/**
 * Make the rename durable. Best effort: Windows cannot open a directory for fsync, and the new
 * content is already in place, so a failure here is not a failed save.
 */
async function syncDirectory(directory: string, fs: AtomicWriteFs): Promise<void> {
  try {
    const handle = await fs.open(directory, fsConstants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // See above: nothing to do.
  }
}
