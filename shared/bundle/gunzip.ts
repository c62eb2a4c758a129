/**
 * Gunzip of a bundle's payload by the platform's own `DecompressionStream` (zlib, in Chromium,
 * Electron and Node alike): about three times the speed of inflating in JavaScript, which was half
 * of what the reading thread did while verifying a bundle (bench/README.md).
 *
 * What it accepts, everywhere: one complete gzip member whose CRC-32 matches. Chromium refuses
 * anything after the member itself; Node's stream would read a second member, so `finish` also
 * checks the member's size trailer against what came out (a second member, or bytes after the
 * member, make them differ; bench/README.md says which crafted payload Node still takes).
 */

interface ByteWriter {
  readonly ready: Promise<undefined>;
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
interface ByteReader {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}
interface DecompressionStreamLike {
  readonly writable: { getWriter(): ByteWriter };
  readonly readable: { getReader(): ByteReader };
}
// DecompressionStream exists in every runtime we target (Node >= 18, Chromium >= 80, Electron), but
// its types live in lib.dom / @types/node, which `shared/` deliberately does not load.
const platform = globalThis as unknown as { readonly DecompressionStream?: new (format: 'gzip') => DecompressionStreamLike };

/** Why a payload is not one valid gzip member, as thrown by `push` and `finish`. */
export class GunzipError extends Error {
  override readonly name = 'GunzipError';
}

/**
 * Pieces go in one at a time, each once the stream has taken the one before (so a decompression
 * bomb never has more than one piece's output waiting), and the output reaches `onData` in order.
 * An exception thrown by `onData` stops the gunzip and is what `push` or `finish` throws next.
 */
export class PlatformGunzip {
  private readonly writer: ByteWriter;
  private readonly reader: ByteReader;
  private readonly reading: Promise<void>;
  private failure: { readonly error: unknown } | null = null;
  private written = 0;
  private readonly trailer = new Uint8Array(8);
  private out = 0;

  constructor(onData: (data: Uint8Array) => void) {
    const Stream = platform.DecompressionStream;
    if (Stream === undefined) throw new GunzipError('this runtime has no DecompressionStream');
    const stream = new Stream('gzip');
    this.writer = stream.writable.getWriter();
    this.reader = stream.readable.getReader();
    this.reading = this.read(onData);
  }

  async push(piece: Uint8Array): Promise<void> {
    this.throwIfFailed();
    this.keepTrailer(piece);
    // A stream that failed rejects `ready`: the reading side holds the reason.
    await this.writer.ready.catch(() => undefined);
    this.throwIfFailed();
    void this.writer.write(piece).catch(() => undefined);
  }

  async finish(): Promise<void> {
    this.throwIfFailed();
    await this.writer.close().catch(() => undefined);
    await this.reading;
    this.throwIfFailed();
    const view = this.trailer;
    const size = (view[4]! | (view[5]! << 8) | (view[6]! << 16) | (view[7]! << 24)) >>> 0;
    if (this.written < 18 || size !== this.out % 2 ** 32) {
      throw new GunzipError('its size trailer does not match what it expands to: more than one gzip member, or data after it');
    }
  }

  /** Stops, after a problem found in what came out: nothing more is inflated. */
  cancel(): void {
    this.failure ??= { error: new GunzipError('cancelled') };
    void this.reader.cancel().catch(() => undefined);
    void this.writer.abort().catch(() => undefined);
  }

  private async read(onData: (data: Uint8Array) => void): Promise<void> {
    for (;;) {
      let next: Awaited<ReturnType<ByteReader['read']>>;
      try {
        next = await this.reader.read();
      } catch (e) {
        // Chromium says TypeError, Node the zlib message: the same verdict, in the platform's words.
        this.fail(new GunzipError(e instanceof Error ? e.message : String(e)));
        return;
      }
      if (next.done) return;
      this.out += next.value.length;
      try {
        onData(next.value);
      } catch (e) {
        this.fail(e);
        return;
      }
    }
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    // Errors the writing side too: a push waiting for room must not wait for ever.
    void this.reader.cancel(error).catch(() => undefined);
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure.error;
  }

  /** The last 8 bytes pushed: the member's CRC-32 and size, when nothing follows it. */
  private keepTrailer(piece: Uint8Array): void {
    this.written += piece.length;
    if (piece.length >= 8) {
      this.trailer.set(piece.subarray(piece.length - 8));
      return;
    }
    this.trailer.copyWithin(0, piece.length);
    this.trailer.set(piece, 8 - piece.length);
  }
}
