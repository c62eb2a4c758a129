/**
 * Where the compressed payload waits while the header (which holds the payload's hash and
 * counts, and comes first in the file) is made. In memory by default: 100,000 operations are a
 * few megabytes compressed. Node callers with very large exports can pass a spool backed by a
 * temporary file.
 */

/** Holds the compressed payload between writing it and emitting it after the header. */
export interface PayloadSpool {
  append(chunk: Uint8Array): Promise<void> | void;
  /** Everything appended, in order; may be called once, after the last append. */
  replay(): AsyncIterable<Uint8Array>;
  /** Frees what the spool holds (a temporary file, say). Called after the last replayed chunk. */
  dispose?(): Promise<void> | void;
}

/** A spool that keeps the chunks in memory (the default). */
export function memorySpool(): PayloadSpool {
  let chunks: Uint8Array[] = [];
  return {
    append(chunk) {
      chunks.push(chunk);
    },
    async *replay() {
      const held = chunks;
      chunks = [];
      for (const c of held) yield c;
      await Promise.resolve();
    },
  };
}
