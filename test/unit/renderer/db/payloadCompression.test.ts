/**
 * The export's worker compressor: the same gzip bytes as on this thread, a bounded number of
 * batches waiting for the worker, a clean fallback when the worker cannot start, and every failure
 * (the producer's, the worker's) reaching the export instead of hanging it.
 */
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gzipHere, type GzipLevel } from '../../../../shared/bundle/payload';
import { concatBytes } from '../../../../shared/crypto/bytes';
import {
  MAX_BATCHES_IN_FLIGHT,
  compressionWorkerHandler,
  workerCompressor,
  type CompressionReply,
  type CompressionRequest,
  type CompressionWorker,
} from '../../../../renderer/src/db/payloadCompression';

/** A worker in this thread: replies come later (as a real worker's do), after `delayMs`. */
class FakeWorker implements CompressionWorker {
  onmessage: ((event: MessageEvent<CompressionReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  unanswered = 0;
  maxUnanswered = 0;
  private readonly handle = compressionWorkerHandler((message) => {
    setTimeout(() => {
      if (message.kind === 'chunks') this.unanswered -= 1;
      if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<CompressionReply>);
    }, this.delayMs);
  });

  constructor(
    private readonly delayMs = 0,
    private readonly behaviour: 'works' | 'cannot-start' = 'works',
  ) {}

  postMessage(message: CompressionRequest): void {
    if (this.behaviour === 'cannot-start') {
      setTimeout(() => this.onerror?.({ message: 'blocked', preventDefault() {} } as ErrorEvent), 0);
      return;
    }
    if (message.kind === 'batch') {
      this.unanswered += 1;
      this.maxUnanswered = Math.max(this.maxUnanswered, this.unanswered);
    }
    // The real worker gets a structured clone: so does this one.
    this.handle(structuredClone(message));
  }

  terminate(): void {
    this.terminated = true;
  }
}

function batches(count: number, seed = 1): Uint8Array[] {
  const encoder = new TextEncoder();
  const out: Uint8Array[] = [];
  let x = seed;
  for (let b = 0; b < count; b++) {
    let text = '';
    for (let i = 0; i < 300; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      text += `{"opId":"${x.toString(36)}","text":"entry ${i} of batch ${b}: ${(x % 9973).toString(16)}"}\n`;
    }
    out.push(encoder.encode(text));
  }
  return out;
}

async function* from(items: readonly Uint8Array[], failAfter?: number): AsyncGenerator<Uint8Array> {
  let n = 0;
  for (const item of items) {
    if (failAfter !== undefined && n++ === failAfter) throw new Error('operation 01X carries fields of another record than its own');
    await Promise.resolve();
    yield item.slice(); // a fresh array, as the encoder makes them
  }
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return concatBytes(...parts);
}

const concat = (items: readonly Uint8Array[]) => concatBytes(...items);

describe('payload compression in a worker', () => {
  it.each([
    [0, 6],
    [1, 6],
    [25, 6],
    [7, 1],
  ] as [number, GzipLevel][])('gives the same gzip bytes as this thread (%i batches, level %i)', async (count, level) => {
    const input = batches(count, count + level);
    const here = await collect(gzipHere(from(input), level));
    const worker = new FakeWorker(1);
    const there = await collect(workerCompressor(() => worker)(from(input), level));
    expect(there).toEqual(here);
    expect(gunzipSync(there)).toEqual(concat(input));
    expect(worker.terminated).toBe(true);
  });

  it(`keeps at most ${MAX_BATCHES_IN_FLIGHT} batches waiting for a slow worker`, async () => {
    const worker = new FakeWorker(5);
    const input = batches(30);
    const out = await collect(workerCompressor(() => worker)(from(input), 6));
    expect(gunzipSync(out)).toEqual(concat(input));
    expect(worker.maxUnanswered).toBeGreaterThan(1); // it does run ahead of the worker …
    expect(worker.maxUnanswered).toBeLessThanOrEqual(MAX_BATCHES_IN_FLIGHT); // … but not far
  });

  it('compresses on this thread when the worker cannot start or cannot be made', async () => {
    const input = batches(5);
    const here = await collect(gzipHere(from(input), 6));
    expect(await collect(workerCompressor(() => new FakeWorker(0, 'cannot-start'))(from(input), 6))).toEqual(here);
    expect(
      await collect(
        workerCompressor(() => {
          throw new Error('Refused to create a worker (Content Security Policy)');
        })(from(input), 6),
      ),
    ).toEqual(here);
  });

  it('stops the export with the serialiser’s error, and ends the worker', async () => {
    const worker = new FakeWorker(1);
    await expect(collect(workerCompressor(() => worker)(from(batches(10), 6), 6))).rejects.toThrow(/another record/);
    expect(worker.terminated).toBe(true);
  });

  it('stops the export when the worker reports a failure or dies half-way', async () => {
    const failing = new FakeWorker(0);
    const compressor = workerCompressor(() => {
      const original = failing.postMessage.bind(failing);
      failing.postMessage = (message) => {
        if (message.kind === 'batch') {
          setTimeout(() => failing.onmessage?.({ data: { kind: 'failed', message: 'out of memory' } } as MessageEvent<CompressionReply>), 0);
          return;
        }
        original(message);
      };
      return failing;
    });
    await expect(collect(compressor(from(batches(3)), 6))).rejects.toThrow(/compressing the bundle failed: out of memory/);

    const dying = new FakeWorker(0);
    const dies = workerCompressor(() => {
      const original = dying.postMessage.bind(dying);
      dying.postMessage = (message) => {
        original(message);
        if (message.kind === 'batch') setTimeout(() => dying.onerror?.({ message: 'crashed', preventDefault() {} } as ErrorEvent), 0);
      };
      return dying;
    });
    await expect(collect(dies(from(batches(20)), 6))).rejects.toThrow(/compression worker failed: crashed/);
  });

  it('ends the worker when the reader stops early', async () => {
    const worker = new FakeWorker(1);
    for await (const chunk of workerCompressor(() => worker)(from(batches(20)), 6)) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    expect(worker.terminated).toBe(true);
  });
});
