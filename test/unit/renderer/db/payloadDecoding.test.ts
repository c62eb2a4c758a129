/**
 * The import's worker decoder: the verdict and operations are those of decoding on this thread,
 * at most a few blocks wait for the worker, and a worker that cannot start, never answers, breaks
 * half-way or fails a block costs time, never a wrong or hanging verification.
 */
import { gzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalize } from '../../../../shared/bundle/canonical';
import { resolveLimits } from '../../../../shared/bundle/limits';
import { OperationDecoder, decodeOperationBlock, type OperationBlockDecoder } from '../../../../shared/bundle/payload';
import type { Operation } from '../../../../shared/journal/operation';
import {
  MAX_BLOCKS_IN_WORKER,
  MIN_PAYLOAD_BYTES_FOR_WORKER,
  payloadBlockDecoder,
  WorkerBlockDecoder,
  decodingWorkerHandler,
  type DecodingReply,
  type DecodingRequest,
  type DecodingWorker,
} from '../../../../renderer/src/db/payloadDecoding';
import { logEntryOperations, testUlid } from '../../shared/bundle/bundleFixtures';

type Behaviour = 'works' | 'cannot-start' | 'silent' | 'dies-after-2' | 'fails-every-3rd';

/** A worker in this thread: it gets and gives structured clones, and answers later, as a real one does. */
class FakeWorker implements DecodingWorker {
  onmessage: ((event: MessageEvent<DecodingReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received = 0;
  answered = 0;
  unanswered = 0;
  maxUnanswered = 0;
  private readonly handle = decodingWorkerHandler((message) => this.answer(message));

  constructor(
    private readonly behaviour: Behaviour = 'works',
    private readonly delayMs = 1,
  ) {
    if (behaviour === 'cannot-start') setTimeout(() => this.onerror?.({ message: 'blocked', preventDefault() {} } as ErrorEvent), 0);
    else if (behaviour !== 'silent') setTimeout(() => this.deliver({ kind: 'ready' }), 0);
  }

  postMessage(message: DecodingRequest): void {
    this.received += 1;
    this.unanswered += 1;
    this.maxUnanswered = Math.max(this.maxUnanswered, this.unanswered);
    if (this.behaviour === 'silent' || this.behaviour === 'cannot-start') return;
    if (this.behaviour === 'dies-after-2' && this.received > 2) {
      setTimeout(() => this.onerror?.({ message: 'worker crashed', preventDefault() {} } as ErrorEvent), this.delayMs);
      return;
    }
    if (this.behaviour === 'fails-every-3rd' && this.received % 3 === 0) {
      this.answer({ kind: 'failed', id: message.id, message: 'out of memory' });
      return;
    }
    this.handle(structuredClone(message));
  }

  terminate(): void {
    this.terminated = true;
  }

  private answer(message: DecodingReply): void {
    setTimeout(() => {
      this.unanswered -= 1;
      this.answered += 1;
      this.deliver(message);
    }, this.delayMs);
  }

  private deliver(message: DecodingReply): void {
    if (!this.terminated) this.onmessage?.({ data: structuredClone(message) } as MessageEvent<DecodingReply>);
  }
}

/** A decoder that asks for small blocks, so that a payload makes many of them. */
function smallBlocks(inner: WorkerBlockDecoder, blockBytes = 2_000): OperationBlockDecoder {
  return {
    blockBytes,
    get ready() {
      return inner.ready;
    },
    decode: (block, firstLine, context) => inner.decode(block, firstLine, context),
    pause: () => inner.pause(),
    close: () => inner.close(),
  };
}

const origin = testUlid('ORIGIN', 1);
const ops = logEntryOperations(300, { origin });
const payload = gzipSync(new TextEncoder().encode(ops.map((op) => `${canonicalize(op)}\n`).join('')), { mtime: 0 });

async function decodeHere(gz: Uint8Array): Promise<OperationDecoder> {
  const decoder = new OperationDecoder('real', resolveLimits({}), null);
  await decoder.push(gz);
  await decoder.finish();
  return decoder;
}

async function decodeWith(gz: Uint8Array, blockDecoder: OperationBlockDecoder): Promise<OperationDecoder> {
  const decoder = new OperationDecoder('real', resolveLimits({}), null, { blockDecoder });
  for (let i = 0; i < gz.length; i += 1_024) {
    await decoder.push(gz.subarray(i, i + 1_024));
    await decoder.settled(4);
    // The next chunk comes from the file later, as a read does: the worker's answers arrive between.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await decoder.finish();
  await decoder.settled(0);
  blockDecoder.close();
  return decoder;
}

function withBadLine(at: number): Uint8Array {
  const lines = ops.map((op) => canonicalize(op));
  lines[at] = canonicalize({ ...(ops[at] as Operation), workspace: 'exercise' });
  return gzipSync(new TextEncoder().encode(lines.map((l) => `${l}\n`).join('')), { mtime: 0 });
}

describe('payload decoding in a worker', () => {
  it('gives the operations of decoding here, most blocks decoded by the worker', async () => {
    const worker = new FakeWorker('works');
    const decoder = await decodeWith(payload, smallBlocks(new WorkerBlockDecoder(() => worker)));
    expect(decoder.error).toBeNull();
    expect(decoder.operations).toEqual((await decodeHere(payload)).operations);
    expect(decoder.operations).toHaveLength(ops.length);
    expect(worker.answered).toBeGreaterThan(5);
    expect(worker.terminated).toBe(true);
  });

  it(`keeps at most ${MAX_BLOCKS_IN_WORKER} blocks waiting for a slow worker and decodes the rest here`, async () => {
    const worker = new FakeWorker('works', 8);
    const decoder = await decodeWith(payload, smallBlocks(new WorkerBlockDecoder(() => worker)));
    expect(decoder.operations).toHaveLength(ops.length);
    expect(worker.maxUnanswered).toBeGreaterThan(1);
    expect(worker.maxUnanswered).toBeLessThanOrEqual(MAX_BLOCKS_IN_WORKER);
  });

  it('refuses a bad line with the same words wherever its block was decoded', async () => {
    for (const at of [0, 7, 150, 299]) {
      const bad = withBadLine(at);
      const here = (await decodeHere(bad)).error;
      expect(here?.detail).toContain(`operation line ${at + 1} `);
      const decoder = await decodeWith(bad, smallBlocks(new WorkerBlockDecoder(() => new FakeWorker('works'))));
      expect(decoder.error).toEqual(here);
    }
  });

  it.each<[string, Behaviour]>([
    ['cannot start', 'cannot-start'],
    ['never says it is ready', 'silent'],
    ['dies half-way', 'dies-after-2'],
    ['fails some blocks', 'fails-every-3rd'],
  ])('decodes here what a worker that %s was given', async (_, behaviour) => {
    const worker = new FakeWorker(behaviour);
    const decoder = await decodeWith(payload, smallBlocks(new WorkerBlockDecoder(() => worker, 30)));
    expect(decoder.error).toBeNull();
    expect(decoder.operations).toEqual((await decodeHere(payload)).operations);
    expect(worker.terminated).toBe(true);
  });

  it('decodes here when no worker can be made', async () => {
    const decoder = await decodeWith(
      payload,
      smallBlocks(
        new WorkerBlockDecoder(() => {
          throw new Error('Refused to create a worker (Content Security Policy)');
        }),
      ),
    );
    expect(decoder.operations).toEqual((await decodeHere(payload)).operations);
  });

  it('the worker’s side answers with what decoding the block here gives, problem included', () => {
    const replies: DecodingReply[] = [];
    const handle = decodingWorkerHandler((reply) => replies.push(reply));
    const block = new TextEncoder().encode(`${canonicalize(ops[0])}\n{"not":"an operation"}\n`);
    handle({ kind: 'decode', id: 7, block, firstLine: 41, context: { workspace: 'real' } });
    expect(replies).toEqual([{ kind: 'decoded', id: 7, result: decodeOperationBlock(block, 41, { workspace: 'real' }) }]);
    const reply = replies[0];
    expect(reply?.kind === 'decoded' ? reply.result.operations : null).toEqual([ops[0]]);
    expect(reply?.kind === 'decoded' ? reply.result.problem?.detail : null).toMatch(/^operation line 42 is not a valid operation/);
  });

  describe('which payloads get a worker', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('none where the platform has no workers (Node, tests)', () => {
      vi.stubGlobal('Worker', undefined);
      expect(payloadBlockDecoder()).toBeUndefined();
    });

    it('a worker for a large payload only: a small one is decoded here at once', () => {
      const made: FakeWorker[] = [];
      vi.stubGlobal(
        'Worker',
        class {
          constructor() {
            const worker = new FakeWorker('works');
            made.push(worker);
            return worker;
          }
        },
      );
      const factory = payloadBlockDecoder();
      expect(factory).toBeDefined();
      expect(factory?.(MIN_PAYLOAD_BYTES_FOR_WORKER - 1)).toBeUndefined();
      expect(made).toHaveLength(0);
      const decoder = factory?.(MIN_PAYLOAD_BYTES_FOR_WORKER);
      expect(decoder).toBeInstanceOf(WorkerBlockDecoder);
      expect(made).toHaveLength(1);
      decoder?.close();
      expect(made[0]?.terminated).toBe(true);
    });
  });
});
