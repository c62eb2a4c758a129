/**
 * The import's payload decoding on a second core. Verifying a large bundle is mostly decoding its
 * lines (UTF-8, JSON, the operation schema, the canonical form): a worker decodes blocks of lines
 * while this thread reads, hashes and inflates the payload and decodes the blocks the worker has
 * no room for. The worker runs the very function this thread would (`decodeOperationBlock`), and
 * everything that relates lines to each other stays with the reader, in line order
 * (shared/bundle/payload.ts `OperationBlockDecoder`). Where no worker can be started (tests under
 * Node, a policy that blocks it), or when it fails, the blocks are decoded on this thread: the
 * verdict is the same either way.
 */
import { decodeOperationBlock, type DecodedBlock, type LineContext, type OperationBlockDecoder } from '../../../shared/bundle/payload';
import type { WorkerPort } from './workerPort';

export type DecodingRequest = {
  readonly kind: 'decode';
  readonly id: number;
  readonly block: Uint8Array;
  readonly firstLine: number;
  readonly context: LineContext;
};

export type DecodingReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'decoded'; readonly id: number; readonly result: DecodedBlock }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** What the decoder needs of a Worker (a fake one in tests). */
export type DecodingWorker = WorkerPort<DecodingRequest, DecodingReply>;

/**
 * Blocks handed to the worker and not yet answered, at most: enough that it never waits for the
 * next one, few enough that this thread decodes the rest itself instead of queueing them.
 */
export const MAX_BLOCKS_IN_WORKER = 3;

/** A worker that does not say it is ready within this time is given up: this thread decodes. */
export const WORKER_START_TIMEOUT_MS = 5_000;

/** The worker's side (payloadDecoding.worker.ts wires it to `self`). */
export function decodingWorkerHandler(reply: (message: DecodingReply) => void): (request: DecodingRequest) => void {
  return (request) => {
    try {
      reply({ kind: 'decoded', id: request.id, result: decodeOperationBlock(request.block, request.firstLine, request.context) });
    } catch (error) {
      reply({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  };
}

/**
 * Compressed payload bytes from which a worker is started: below it (some 7,000 operations), the
 * worker's start-up (tens of milliseconds) costs more than it saves; an everyday bundle of a few
 * entries is decoded here at once.
 */
export const MIN_PAYLOAD_BYTES_FOR_WORKER = 1024 * 1024;

/** The block decoder the app's import uses: a worker per reading of a large payload, when the platform has workers. */
export function payloadBlockDecoder(): ((payloadBytes: number) => OperationBlockDecoder | undefined) | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return (payloadBytes) =>
    payloadBytes < MIN_PAYLOAD_BYTES_FOR_WORKER
      ? undefined
      : new WorkerBlockDecoder(() => new Worker(new URL('./payloadDecoding.worker.ts', import.meta.url), { type: 'module', name: 'payload-decoding' }));
}

interface PendingBlock {
  readonly request: DecodingRequest;
  readonly resolve: (result: DecodedBlock) => void;
  readonly reject: (error: Error) => void;
}

/** Decodes blocks in a worker made by `spawn`; every block it was given is answered, by it or here. */
export class WorkerBlockDecoder implements OperationBlockDecoder {
  private worker: DecodingWorker | null = null;
  private started = false;
  private usable = true;
  private nextId = 1;
  private readonly pending = new Map<number, PendingBlock>();
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private pauses: MessageChannel | null = null;

  constructor(spawn: () => DecodingWorker, startTimeoutMs = WORKER_START_TIMEOUT_MS) {
    try {
      this.worker = spawn();
    } catch {
      this.usable = false;
      return;
    }
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.giveUp();
    };
    this.startTimer = setTimeout(() => {
      if (!this.started) this.giveUp();
    }, startTimeoutMs);
  }

  get ready(): boolean {
    return this.usable && this.pending.size < MAX_BLOCKS_IN_WORKER;
  }

  decode(block: Uint8Array, firstLine: number, context: LineContext): Promise<DecodedBlock> {
    const request: DecodingRequest = { kind: 'decode', id: this.nextId++, block, firstLine, context };
    if (!this.usable || this.worker === null) return Promise.resolve().then(() => decodeOperationBlock(block, firstLine, context));
    return new Promise<DecodedBlock>((resolve, reject) => {
      this.pending.set(request.id, { request, resolve, reject });
      // A copy travels (structured clone): the block stays here, to be decoded here if the worker fails.
      this.worker?.postMessage(request);
    });
  }

  /**
   * A task of its own on this thread's event loop (a message to itself, which no timer clamp
   * delays), so that the worker's answers queued before it are handled first.
   */
  pause(): Promise<void> {
    return new Promise((resolve) => {
      this.pauses ??= new MessageChannel();
      this.pauses.port1.onmessage = () => resolve();
      this.pauses.port2.postMessage(null);
    });
  }

  close(): void {
    this.pauses?.port1.close();
    this.pauses = null;
    this.usable = false;
    this.clearStartTimer();
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  private receive(message: DecodingReply): void {
    if (message.kind === 'ready') {
      this.started = true;
      this.clearStartTimer();
      return;
    }
    const entry = this.pending.get(message.id);
    if (entry === undefined) return;
    this.pending.delete(message.id);
    if (message.kind === 'decoded') entry.resolve(message.result);
    else decodeHere(entry);
  }

  /** The worker could not start or broke: what it holds is decoded here, and so is everything after. */
  private giveUp(): void {
    this.usable = false;
    this.clearStartTimer();
    this.worker?.terminate();
    this.worker = null;
    const held = [...this.pending.values()].sort((a, b) => a.request.id - b.request.id);
    this.pending.clear();
    for (const entry of held) decodeHere(entry);
  }

  private clearStartTimer(): void {
    if (this.startTimer !== null) clearTimeout(this.startTimer);
    this.startTimer = null;
  }
}

/** Decodes a block on this thread (an error here is a fault of this program, not of the file). */
function decodeHere(entry: PendingBlock): void {
  try {
    entry.resolve(decodeOperationBlock(entry.request.block, entry.request.firstLine, entry.request.context));
  } catch (error) {
    entry.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
