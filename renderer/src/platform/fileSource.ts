/**
 * A file picked by the user that can be read as a stream of chunks, as many times as needed
 * (bundles are verified in one pass and read again to be staged for import), without holding it
 * in memory: a browser `File`/`Blob`, a file the desktop app reads in chunks for the renderer, or
 * bytes already in memory.
 */
import type { Result } from '../../../shared/ipc/result';

export interface FileSource {
  readonly name: string;
  readonly size: number;
  /** A fresh stream of the file's bytes from the start. */
  open(): AsyncIterable<Uint8Array>;
}

/** Bytes in memory as a file source. */
export function fileSourceFromBytes(name: string, bytes: Uint8Array): FileSource {
  return {
    name,
    size: bytes.length,
    // eslint-disable-next-line @typescript-eslint/require-await -- an async iterable of one chunk
    open: async function* () {
      yield bytes;
    },
  };
}

/** Chunks a file source asks for at a time: large enough to be quick, small enough for IPC. */
export const SOURCE_CHUNK_BYTES = 1024 * 1024;

/**
 * A file the desktop app's main process reads for the renderer, chunk by chunk, by handle. A
 * refused read (the file changed or vanished) ends the stream with an error, which the bundle
 * reader reports as a refusal.
 */
export function fileSourceFromChunks(
  file: { readonly handle: string; readonly name: string; readonly size: number },
  readChunk: (request: { handle: string; offset: number; length: number }) => Promise<Result<Uint8Array>>,
  chunkBytes: number = SOURCE_CHUNK_BYTES,
): FileSource {
  return {
    name: file.name,
    size: file.size,
    open: async function* () {
      for (let offset = 0; offset < file.size; ) {
        const chunk = await readChunk({ handle: file.handle, offset, length: Math.min(chunkBytes, file.size - offset) });
        if (!chunk.ok) throw new Error(`${file.name}: ${chunk.error.code} ${chunk.error.detail ?? ''}`.trim());
        if (chunk.value.length === 0) throw new Error(`${file.name}: ended early at ${offset} bytes`);
        yield chunk.value;
        offset += chunk.value.length;
      }
    },
  };
}

/** A Blob (a picked `File`, or one kept in IndexedDB) as a file source, read chunk by chunk. */
export function fileSourceFromBlob(name: string, blob: Blob): FileSource {
  return {
    name,
    size: blob.size,
    open: async function* () {
      const reader = blob.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/** All bytes of a (small) source. */
export async function bytesOfSource(source: FileSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source.open()) {
    parts.push(chunk);
    length += chunk.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Copy a source into a Blob (e.g. to keep a quarantined bundle); the browser may keep large Blobs on disk. */
export async function blobOfSource(source: FileSource): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const chunk of source.open()) parts.push(chunk.slice());
  return new Blob(parts, { type: 'application/octet-stream' });
}
