/**
 * The SHA-256 fingerprint of a file the author attaches to a log entry. Only the fingerprint
 * (with name, type and size) is written into the logbook; the file stays wherever the
 * organisation keeps its evidence, and the fingerprint later proves that a copy is the same file.
 *
 * WebCrypto (`crypto.subtle.digest`) is used for files that fit comfortably in memory: it is the
 * fastest and is what the browser offers. It has no streaming interface, though, and evidence
 * files (disk images, packet captures) can be larger than the memory a window may take, so larger
 * files are read as a stream into the incremental SHA-256 of @noble/hashes. Works offline: nothing
 * leaves the machine.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../../../../shared/crypto/bytes';

/** Up to this size the whole file is read at once and hashed by WebCrypto. */
const WHOLE_FILE_LIMIT = 256 * 1024 * 1024;

export async function sha256OfFile(file: Blob): Promise<string> {
  if (file.size <= WHOLE_FILE_LIMIT) {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return toHex(new Uint8Array(digest));
  }
  const hash = sha256.create();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  return toHex(hash.digest());
}
