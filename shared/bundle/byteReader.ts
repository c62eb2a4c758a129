/**
 * Pull-style reading of exact byte counts from a stream of chunks of any sizes, with a running
 * total checked against a limit. Reaching the end early is a typed refusal (`bundle-truncated`),
 * going over the limit another (`bundle-too-large`).
 */
import { refuse } from './errors';

/** Reads a chunk stream by exact byte counts, refusing truncation and oversize. */
export class ByteReader {
  private readonly it: AsyncIterator<Uint8Array>;
  private buffer: Uint8Array = new Uint8Array(0);
  private ended = false;
  /** Bytes handed out so far. */
  position = 0;
  /** Bytes pulled from the source so far (≥ position). */
  private pulled = 0;

  constructor(
    source: AsyncIterable<Uint8Array>,
    private readonly maxBytes: number,
    private readonly what: string,
  ) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Pulls one more chunk into the buffer; false at the end of the source. */
  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    for (;;) {
      const next = await this.it.next();
      if (next.done === true) {
        this.ended = true;
        return false;
      }
      const chunk = next.value;
      if (chunk.length === 0) continue;
      this.pulled += chunk.length;
      if (this.pulled > this.maxBytes) refuse('bundle-too-large', `${this.what} is larger than the limit of ${this.maxBytes} bytes`);
      this.buffer = this.buffer.length === 0 ? chunk : concat2(this.buffer, chunk);
      return true;
    }
  }

  /** Exactly `n` bytes, or a `bundle-truncated` refusal naming `context`. */
  async readExact(n: number, context: string): Promise<Uint8Array> {
    while (this.buffer.length < n) {
      if (!(await this.fill())) refuse('bundle-truncated', `the file ends inside ${context} (after ${this.position + this.buffer.length} bytes)`);
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    this.position += n;
    return out;
  }

  /** Up to `max` bytes already available, waiting for at least one; empty at the end of the source. */
  async readSome(max: number): Promise<Uint8Array> {
    if (this.buffer.length === 0 && !(await this.fill())) return new Uint8Array(0);
    const n = Math.min(max, this.buffer.length);
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    this.position += n;
    return out;
  }

  /** The next `n` bytes in pieces as they arrive (for large entries); refuses if the source ends first. */
  async *readChunks(n: number, context: string, pieceSize = 64 * 1024): AsyncGenerator<Uint8Array> {
    let left = n;
    while (left > 0) {
      const piece = await this.readSome(Math.min(left, pieceSize));
      if (piece.length === 0) refuse('bundle-truncated', `the file ends inside ${context} (${left} of ${n} bytes missing)`);
      left -= piece.length;
      yield piece;
    }
  }

  /** Up to `n` bytes without consuming them (fewer only at the end of the source). */
  async peek(n: number): Promise<Uint8Array> {
    while (this.buffer.length < n && (await this.fill()));
    return this.buffer.subarray(0, Math.min(n, this.buffer.length));
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return this.buffer.length === 0 && !(await this.fill());
  }

  /** The rest of the source, chunk by chunk (for handing a stream on after peeking). */
  async *rest(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const piece = await this.readSome(Number.MAX_SAFE_INTEGER);
      if (piece.length === 0) return;
      yield piece;
    }
  }

  /** Stops reading the source early (closes a file handle behind it). */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.it.return?.();
    }
  }
}

function concat2(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
