/**
 * The export's payload compressor: gzip in a worker, so that compressing (a third of an export of
 * 100,000 operations) overlaps with reading and serialising the operations on the main thread
 * instead of following it. Where no worker can be started (tests under Node, a policy that blocks
 * it), the payload is gzipped on this thread: the same bytes either way (see
 * shared/bundle/payload.ts `PayloadCompressor`).
 */
import { Gzip } from 'fflate';
import { gzipHere, withLastFlag, type GzipLevel, type PayloadCompressor } from '../../../shared/bundle/payload';
import type { WorkerPort } from './workerPort';

export type CompressionRequest =
  | { readonly kind: 'start'; readonly level: GzipLevel }
  | { readonly kind: 'batch'; readonly batch: Uint8Array; readonly last: boolean };

export type CompressionReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'chunks'; readonly chunks: readonly Uint8Array[]; readonly last: boolean }
  | { readonly kind: 'failed'; readonly message: string };

/** What the compressor needs of a Worker (a fake one in tests). */
export type CompressionWorker = WorkerPort<CompressionRequest, CompressionReply>;

/**
 * Batches handed to the worker and not yet compressed, at most: the main thread is the faster of
 * the two, and without a bound the whole NDJSON (≈ 120 MB for 100,000 operations) could queue up.
 */
export const MAX_BATCHES_IN_FLIGHT = 4;

/** A worker that does not say it is ready within this time is given up: this thread compresses. */
export const WORKER_START_TIMEOUT_MS = 5_000;

/**
 * The worker's side (payloadCompression.worker.ts wires it to `self`): pushes the batches into
 * fflate's `Gzip` exactly as `gzipHere` does, so the bytes are the same as on the main thread.
 */
export function compressionWorkerHandler(reply: (message: CompressionReply) => void): (request: CompressionRequest) => void {
  let gzip: Gzip | null = null;
  let out: Uint8Array[] = [];
  return (request) => {
    try {
      if (request.kind === 'start') {
        out = [];
        gzip = new Gzip({ level: request.level, mtime: 0 }, (data) => {
          if (data.length > 0) out.push(data);
        });
        reply({ kind: 'ready' });
        return;
      }
      if (!gzip) throw new Error('a batch came before the start');
      gzip.push(request.batch, request.last);
      const chunks = out;
      out = [];
      reply({ kind: 'chunks', chunks, last: request.last });
    } catch (error) {
      reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

/** The compressor the app uses: a worker per payload when the platform has workers. */
export function payloadCompressor(): PayloadCompressor {
  if (typeof Worker === 'undefined') return gzipHere;
  return workerCompressor(
    () => new Worker(new URL('./payloadCompression.worker.ts', import.meta.url), { type: 'module', name: 'payload-compression' }),
  );
}

/** A compressor that gzips in a worker made by `spawn`, falling back to this thread if it does not start. */
export function workerCompressor(spawn: () => CompressionWorker): PayloadCompressor {
  return async function* (ndjson, level) {
    let worker: CompressionWorker;
    try {
      worker = spawn();
    } catch {
      yield* gzipHere(ndjson, level);
      return;
    }
    const pipe = new WorkerPipe(worker);
    try {
      if (!(await pipe.start(level))) {
        yield* gzipHere(ndjson, level);
        return;
      }
      // The producer runs on its own: it serialises the next batches while the worker compresses.
      const producing = pipe.feed(ndjson);
      producing.catch(() => undefined); // reported through the pipe
      yield* pipe.output();
    } finally {
      pipe.close();
    }
  };
}

/** The state of one payload's trip through a worker. */
class WorkerPipe {
  private readonly chunks: Uint8Array[] = [];
  private finished = false;
  private closed = false;
  private failure: Error | null = null;
  private inFlight = 0;
  /** Woken on every reply, failure or close. */
  private waiters: (() => void)[] = [];
  private onReady: ((ok: boolean) => void) | null = null;

  constructor(private readonly worker: CompressionWorker) {
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.onReady) {
        this.onReady(false);
        this.onReady = null;
        return;
      }
      this.fail(new Error(`the compression worker failed: ${event.message || 'unknown error'}`));
    };
  }

  /** Whether the worker started (false: it could not, use this thread). */
  start(level: GzipLevel): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.onReady = null;
        resolve(false);
      }, WORKER_START_TIMEOUT_MS);
      this.onReady = (ok) => {
        clearTimeout(timer);
        resolve(ok);
      };
      this.worker.postMessage({ kind: 'start', level });
    });
  }

  /** Hand the batches over, at most MAX_BATCHES_IN_FLIGHT at a time. */
  async feed(ndjson: AsyncIterable<Uint8Array>): Promise<void> {
    try {
      for await (const { batch, last } of withLastFlag(ndjson)) {
        while (this.inFlight >= MAX_BATCHES_IN_FLIGHT && !this.closed && this.failure === null) await this.next();
        if (this.closed || this.failure !== null) return;
        this.inFlight += 1;
        // Each batch is a fresh array the producer never touches again: moved, not copied.
        const whole = batch.byteOffset === 0 && batch.byteLength === batch.buffer.byteLength && batch.buffer instanceof ArrayBuffer;
        this.worker.postMessage({ kind: 'batch', batch, last }, whole ? [batch.buffer] : []);
      }
    } catch (error) {
      // A writer's mistake found while serialising (shared/bundle/payload.ts): the export stops with it.
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The compressed chunks in order, until the last batch is compressed. */
  async *output(): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (this.failure !== null) throw this.failure;
      const chunk = this.chunks.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (this.finished) return;
      await this.next();
    }
  }

  close(): void {
    this.closed = true;
    this.worker.terminate();
    this.wake();
  }

  private receive(message: CompressionReply): void {
    if (message.kind === 'ready') {
      this.onReady?.(true);
      this.onReady = null;
      return;
    }
    if (message.kind === 'failed') {
      this.fail(new Error(`compressing the bundle failed: ${message.message}`));
      return;
    }
    this.inFlight -= 1;
    this.chunks.push(...message.chunks);
    if (message.last) this.finished = true;
    this.wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  private next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
