/**
 * A block decoder for tests that behaves like a busy worker: it takes blocks only some of the
 * time (the reader decodes the others itself), answers each after its own delay so that answers
 * arrive out of order, and hands blocks and results across as structured clones, as a worker's
 * messages are. Whatever it does, the reader's verdict must be the one it reaches alone.
 */
import { decodeOperationBlock, type DecodedBlock, type LineContext, type OperationBlockDecoder } from '../../../../shared/bundle/payload';

export interface ScatterPlan {
  /** Bytes of whole lines per block. */
  readonly blockBytes: number;
  /** Cycled over the reader's asks: whether it takes the block. */
  readonly takes: readonly boolean[];
  /** Cycled over the blocks it takes: milliseconds before it answers. */
  readonly delaysMs: readonly number[];
}

export class ScatteredBlockDecoder implements OperationBlockDecoder {
  readonly blockBytes: number;
  taken = 0;
  closed = false;
  private asks = 0;

  constructor(private readonly plan: ScatterPlan) {
    this.blockBytes = plan.blockBytes;
  }

  get ready(): boolean {
    const takes = this.plan.takes[this.asks % this.plan.takes.length] ?? true;
    this.asks += 1;
    return !this.closed && takes;
  }

  decode(block: Uint8Array, firstLine: number, context: LineContext): Promise<DecodedBlock> {
    const delay = this.plan.delaysMs[this.taken % this.plan.delaysMs.length] ?? 0;
    this.taken += 1;
    const copy = structuredClone(block);
    return new Promise((resolve) => {
      setTimeout(() => resolve(structuredClone(decodeOperationBlock(copy, firstLine, structuredClone(context)))), delay);
    });
  }

  pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  close(): void {
    this.closed = true;
  }
}
