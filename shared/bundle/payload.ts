/**
 * The payload `operations.ndjson.gz`: gzip (RFC 1952, one member, mtime 0, no name) of one
 * operation per line, each line the RFC 8785 canonical JSON of the operation followed by LF, in
 * clock order (`compareOperations`), every operation of a replicated table and of the header's
 * workspace.
 *
 * Both directions stream: the encoder gzips as operations arrive, the decoder gunzips and splits
 * lines as compressed chunks arrive, with guards against decompression bombs (absolute size and
 * ratio) that stop inflating the moment a limit is passed.
 */
import { Gzip } from 'fflate';
import { fromUtf8, utf8 } from '../crypto/bytes';
import { MAX_CLOCK_DRIFT_MS, hlcMillis } from '../journal/hlc';
import { compareOperations, OperationSchema, type Operation } from '../journal/operation';
import { APPEND_ONLY_TABLES, isReplicated } from '../journal/tables';
import type { Workspace } from '../model/workspace';
import { canonicalize, hasProtoKey, isCanonicalText } from './canonical';
import { BundleRefusal, bundleError, refuse, type BundleError } from './errors';
import { GunzipError, PlatformGunzip } from './gunzip';
import type { BundleLimits } from './limits';

const LF = 0x0a;
const BATCH_BYTES = 64 * 1024;
/**
 * Compressed bytes pushed into the inflater at a time: deflate expands at most ~1032:1, so one
 * push yields ≤ ~16.5 MiB before the limits are checked.
 */
const INFLATE_PUSH_BYTES = 16 * 1024;

/** What `encodeOperations` counts while writing (filled in as the operations stream past). */
export interface EncodedOperationStats {
  operations: number;
  counts: Record<string, number>;
  /** Bytes of NDJSON before compression. */
  rawBytes: number;
}

/** Compression levels of deflate. */
export type GzipLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export const DEFAULT_GZIP_LEVEL: GzipLevel = 6;

/**
 * Makes the payload's gzip member (RFC 1952, one member, mtime 0, no name) of NDJSON batches; the
 * last batch (possibly empty) ends the member. A port, so that an app can compress on another
 * thread while this one reads and serialises operations (`renderer/src/db/payloadCompression.ts`).
 * Every implementation pushes the batches into fflate's `Gzip` as `gzipHere` does, so the bytes
 * are the same wherever it runs.
 */
export type PayloadCompressor = (ndjson: AsyncIterable<Uint8Array>, level: GzipLevel) => AsyncIterable<Uint8Array>;

/** The batches with, for each, whether it is the last one (one batch of look-ahead). */
export async function* withLastFlag(batches: AsyncIterable<Uint8Array>): AsyncGenerator<{ batch: Uint8Array; last: boolean }> {
  let held: Uint8Array | null = null;
  for await (const batch of batches) {
    if (held !== null) yield { batch: held, last: false };
    held = batch;
  }
  yield { batch: held ?? new Uint8Array(0), last: true };
}

/** Gzip on this thread, chunk by chunk as the batches arrive. */
export const gzipHere: PayloadCompressor = async function* (ndjson, level) {
  const out: Uint8Array[] = [];
  const gzip = new Gzip({ level, mtime: 0 }, (data) => {
    if (data.length > 0) out.push(data);
  });
  for await (const { batch, last } of withLastFlag(ndjson)) {
    gzip.push(batch, last);
    yield* out.splice(0);
  }
};

/**
 * Gzips operations as canonical NDJSON. Checks what a writer must guarantee (valid, one workspace,
 * replicated tables, strictly increasing clock order) and throws `Error` on a violation: that is a
 * programming error of the caller, not a property of a received file. `onOperation` sees each
 * operation after its checks (for counts and TLP bookkeeping).
 */
export function encodeOperations(
  operations: AsyncIterable<Operation> | Iterable<Operation>,
  workspace: Workspace,
  stats: EncodedOperationStats,
  options: { level?: GzipLevel; onOperation?: (op: Operation) => void; compressor?: PayloadCompressor } = {},
): AsyncIterable<Uint8Array> {
  return (options.compressor ?? gzipHere)(ndjsonBatches(operations, workspace, stats, options.onOperation), options.level ?? DEFAULT_GZIP_LEVEL);
}

/**
 * The canonical NDJSON of operations in batches of about 64 KiB (counted in UTF-16 code units, the
 * same as bytes for ASCII text); the last batch may be empty. Each batch is encoded to UTF-8 in one
 * call: one call per line cost an export of 100,000 operations 0.7 s (bench/README.md).
 */
async function* ndjsonBatches(
  operations: AsyncIterable<Operation> | Iterable<Operation>,
  workspace: Workspace,
  stats: EncodedOperationStats,
  onOperation: ((op: Operation) => void) | undefined,
): AsyncGenerator<Uint8Array> {
  let lines: string[] = [];
  let batchUnits = 0;
  let previous: Operation | null = null;
  const opIds = new Set<string>();
  for await (const candidate of operations) {
    const op = OperationSchema.parse(candidate);
    if (op.workspace !== workspace) throw new Error(`operation ${op.opId} belongs to workspace ${String(op.workspace)}, the bundle to ${workspace}`);
    if (!isReplicated(op.table)) throw new Error(`operation ${op.opId} is on the local table ${op.table}, which never leaves the installation`);
    if (APPEND_ONLY_TABLES.has(op.table) && op.kind !== 'create') throw new Error(`operation ${op.opId} ${op.kind}s a record of ${op.table}, which are append-only`);
    if ('id' in op.fields && op.fields['id'] !== op.recordId) throw new Error(`operation ${op.opId} carries fields of another record than its own`);
    if ('workspace' in op.fields && op.fields['workspace'] !== op.workspace) throw new Error(`operation ${op.opId} carries fields of another workspace than its own`);
    const authority = authorityProblem(op);
    if (authority !== null) throw new Error(`operation ${op.opId} ${authority}`);
    if (previous !== null && compareOperations(previous, op) >= 0) throw new Error(`operations must be in strictly increasing clock order (${op.opId} after ${previous.opId})`);
    if (opIds.has(op.opId)) throw new Error(`operation id ${op.opId} is used twice`);
    opIds.add(op.opId);
    previous = op;
    onOperation?.(op);
    const text = canonicalize(op);
    if (hasProtoKey(text)) throw new Error(`operation ${op.opId} has a "__proto__" key, which cannot travel`);
    stats.operations += 1;
    stats.counts[op.table] = (stats.counts[op.table] ?? 0) + 1;
    lines.push(text, '\n');
    batchUnits += text.length + 1;
    if (batchUnits >= BATCH_BYTES) {
      yield encodedBatch(lines, stats);
      lines = [];
      batchUnits = 0;
    }
  }
  yield encodedBatch(lines, stats);
}

function encodedBatch(lines: readonly string[], stats: EncodedOperationStats): Uint8Array {
  const bytes = utf8(lines.join(''));
  stats.rawBytes += bytes.length;
  return bytes;
}

function joinBytes(parts: readonly Uint8Array[], total: number): Uint8Array {
  const b = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    b.set(p, o);
    o += p.length;
  }
  return b;
}

/**
 * What an operation may not say about who made a record, whoever signed the bundle
 * (docs/bundle-format.md §8a); null when it is fine. A creation carries its whole record, whose
 * `origin` must be the operation's own: nobody creates a record in another installation's name
 * (a log entry "of" NCSC-NL is one NCSC-NL's clock and key made). An edit never changes a
 * record's origin.
 */
export function authorityProblem(op: Pick<Operation, 'kind' | 'origin' | 'fields'>): string | null {
  const has = Object.prototype.hasOwnProperty.call(op.fields, 'origin');
  if (op.kind === 'create') {
    if (!has) return 'creates a record without saying who made it (fields.origin)';
    if (op.fields['origin'] !== op.origin) return 'creates a record in the name of another installation than its origin (fields.origin differs)';
    return null;
  }
  return has ? `${op.kind === 'delete' ? 'deletes' : 'edits'} a record and changes who made it (fields.origin)` : null;
}

/** What the decoder checks besides the format. */
export interface OperationDecoderOptions {
  /**
   * The receiver's wall clock (ms since the epoch): an operation stamped more than
   * `maxClockAheadMs` later is refused (`bundle-clock-ahead`). Absent: no such check (a tool
   * that only inspects a file has no clock to compare with).
   */
  readonly clockNow?: number;
  /** Default `MAX_CLOCK_DRIFT_MS` (24 h), the hybrid logical clock's own guard. */
  readonly maxClockAheadMs?: number;
  /**
   * Decodes blocks of lines elsewhere (a worker), while this thread inflates and hashes. Absent:
   * every block is decoded here, as it is complete.
   */
  readonly blockDecoder?: OperationBlockDecoder;
}

/** What decoding a line needs to know, wherever it runs: everything a line is checked against on its own. */
export interface LineContext {
  readonly workspace: Workspace;
}

/**
 * A block's lines decoded: the operations of its first lines, in order, and the problem of the
 * line after them (line `firstLine + operations.length`), if one stopped the decoding. Plain data,
 * so that it can come back from a worker.
 */
export interface DecodedBlock {
  readonly operations: Operation[];
  readonly problem: BundleError | null;
}

/**
 * A port: decodes blocks (`decodeOperationBlock`) somewhere else, so that decoding, which is most
 * of the work of verifying a large payload, runs on a second core. It must return exactly what
 * `decodeOperationBlock` returns for the block (`renderer/src/db/payloadDecoding.ts` runs that
 * very function in a worker). The decoder still checks everything that depends on more than one
 * line (order, repeated ids, counts, clock) itself, in line order.
 */
export interface OperationBlockDecoder {
  /** Whether it takes another block now; when not, this thread decodes blocks itself while it waits. */
  readonly ready: boolean;
  /** Bytes of whole lines per block it wants (default `DECODE_BLOCK_BYTES`). */
  readonly blockBytes?: number;
  decode(block: Uint8Array, firstLine: number, context: LineContext): Promise<DecodedBlock>;
  /**
   * Resolves once this thread has handled what arrived for it meanwhile (the answers of a worker
   * come as tasks of this thread's event loop): the decoder pauses so after decoding a block here.
   */
  pause(): Promise<void>;
  /** Releases what it holds (its worker); blocks still in flight are then never answered. */
  close(): void;
}

/**
 * Decodes a block of complete operation lines (each ends with LF), numbered from `firstLine`: each
 * line UTF-8 JSON in canonical form, a valid operation of the context's workspace on a replicated
 * table, speaking for its own record only, with the authority its kind allows. Stops at the first
 * line that is not. Whole lines' lengths and their number are checked by the caller, which splits
 * the lines.
 */
export function decodeOperationBlock(block: Uint8Array, firstLine: number, context: LineContext): DecodedBlock {
  const operations: Operation[] = [];
  let texts: string[] | null = null;
  try {
    // One decoding for the block: LF never occurs inside a multi-byte UTF-8 sequence, so the
    // block's text split at LF is the text of each line (a BOM is kept, as for a single line).
    texts = fromUtf8(block).split('\n');
  } catch {
    texts = null; // some line is not UTF-8: decode line by line to find it
  }
  let start = 0;
  let n = firstLine;
  try {
    for (let i = block.indexOf(LF), k = 0; i >= 0; i = block.indexOf(LF, start), k += 1) {
      const text = texts === null ? lineText(block.subarray(start, i), n) : (texts[k] as string);
      operations.push(decodeLine(text, n, context));
      start = i + 1;
      n += 1;
    }
  } catch (e) {
    // Never throws: whatever stops a line (a stack too deep for a hostile nesting, say) is that line's problem.
    const problem = e instanceof BundleRefusal ? e.error : bundleError('bundle-malformed', `operation line ${n} cannot be decoded (${e instanceof Error ? e.message : String(e)})`);
    return { operations, problem };
  }
  return { operations, problem: null };
}

function lineText(bytes: Uint8Array, n: number): string {
  try {
    return fromUtf8(bytes);
  } catch {
    refuse('bundle-malformed', `operation line ${n} is not UTF-8 JSON`);
  }
}

/** Whether the line is canonical; a value `canonicalize` refuses (a lone surrogate) is not. */
function canonicalText(value: unknown, text: string): boolean {
  try {
    return isCanonicalText(value, text);
  } catch {
    return false;
  }
}

/** One line's checks that depend on that line alone (see `decodeOperationBlock`). */
function decodeLine(text: string, n: number, context: LineContext): Operation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    refuse('bundle-malformed', `operation line ${n} is not UTF-8 JSON`);
  }
  const parsed = OperationSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse('bundle-malformed', `operation line ${n} is not a valid operation (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema'})`);
  }
  if (!canonicalText(value, text)) refuse('bundle-malformed', `operation line ${n} is not in canonical JSON form`);
  if (hasProtoKey(text)) refuse('bundle-malformed', `operation line ${n} has a "__proto__" key`);
  const op = parsed.data;
  if (op.workspace !== context.workspace) refuse('bundle-malformed', `operation line ${n} belongs to workspace ${String(op.workspace)}, the bundle to ${context.workspace}`);
  if (!isReplicated(op.table)) refuse('bundle-malformed', `operation line ${n} is on the local table ${op.table}`);
  if (APPEND_ONLY_TABLES.has(op.table) && op.kind !== 'create') refuse('bundle-malformed', `operation line ${n} ${op.kind}s a record of ${op.table}, which are append-only`);
  // An operation speaks for its own record and workspace only: fields naming another record or
  // workspace would write outside that record's history (or into the other workspace).
  if ('id' in op.fields && op.fields['id'] !== op.recordId) refuse('bundle-malformed', `operation line ${n} carries fields of another record than its own`);
  if ('workspace' in op.fields && op.fields['workspace'] !== op.workspace) refuse('bundle-malformed', `operation line ${n} carries fields of another workspace than its own`);
  const authority = authorityProblem(op);
  if (authority !== null) refuse('bundle-unauthorised-change', `operation line ${n} (${op.opId}) ${authority}`);
  return op;
}

/**
 * Decompressed bytes of whole lines gathered into one block before it is decoded: big enough that
 * handing a block to a worker costs little beside decoding it (some 200 operations), small enough
 * that the blocks in flight hold little memory.
 */
export const DECODE_BLOCK_BYTES = 256 * 1024;

/** A block in line order: decoded, being decoded elsewhere, or a problem found while splitting. */
interface QueuedBlock {
  /** The lines, until they are decoded here or handed over. */
  block: Uint8Array | null;
  readonly firstLine: number;
  result: DecodedBlock | null;
}

/**
 * Incremental decoder of the payload: `push` compressed bytes as they arrive, `finish` at the end,
 * then `settled()` when a `blockDecoder` was given. The first problem found (in line order) is
 * kept, not thrown, because the caller must first finish hashing the payload: a hash mismatch
 * ("altered") takes precedence over what the altered bytes decode to. Once a problem is known,
 * nothing more is inflated.
 *
 * Lines are split here and gathered into blocks, which are decoded here or by the `blockDecoder`;
 * their operations reach the sink strictly in line order, each after the checks that relate it to
 * the lines before it (clock order, repeated ids) and to this installation's clock.
 */
export class OperationDecoder {
  private readonly gunzip: PlatformGunzip;
  private compressed = 0;
  private decompressed = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Whole lines gathered for the next block. */
  private blockParts: Uint8Array[] = [];
  private blockBytes = 0;
  private blockFirstLine = 1;
  /** Lines split so far (decoded or not). */
  private lines = 0;
  /** Set once a problem is queued: nothing after it is inflated or split. */
  private stopped = false;
  private readonly queue: QueuedBlock[] = [];
  private waiters: (() => void)[] = [];
  private previous: Operation | null = null;
  private counted = 0;
  private problem: BundleError | null = null;
  /**
   * Every operation id so far: two different operations under one id would be kept one way on
   * one installation and the other way elsewhere. (About 80 bytes an operation; the operation
   * limit bounds it.)
   */
  private readonly opIds = new Set<string>();
  private readonly latestClock: number;
  private readonly context: LineContext;
  private readonly blockBytesTarget: number;
  readonly operations: Operation[] = [];
  readonly counts: Record<string, number> = {};

  constructor(
    workspace: Workspace,
    private readonly limits: BundleLimits,
    private readonly sink: ((op: Operation) => void) | null,
    private readonly options: OperationDecoderOptions = {},
  ) {
    this.gunzip = new PlatformGunzip((data) => this.onData(data));
    this.context = { workspace };
    this.blockBytesTarget = options.blockDecoder?.blockBytes ?? DECODE_BLOCK_BYTES;
    this.latestClock = options.clockNow === undefined ? Number.POSITIVE_INFINITY : options.clockNow + (options.maxClockAheadMs ?? MAX_CLOCK_DRIFT_MS);
  }

  /** Payload bytes decompressed so far. */
  get decodedBytes(): number {
    return this.decompressed;
  }

  /** The first problem found, if any. */
  get error(): BundleError | null {
    return this.problem;
  }

  /** Blocks split and not yet through the in-order checks (being decoded elsewhere, or waiting for one that is). */
  get blocksInFlight(): number {
    return this.queue.length;
  }

  async push(chunk: Uint8Array): Promise<void> {
    for (let i = 0; i < chunk.length && !this.stopped; i += INFLATE_PUSH_BYTES) {
      const piece = chunk.subarray(i, i + INFLATE_PUSH_BYTES);
      this.compressed += piece.length;
      await this.guard(() => this.gunzip.push(piece));
    }
  }

  async finish(): Promise<void> {
    if (this.stopped) return;
    await this.guard(async () => {
      await this.gunzip.finish();
      if (this.stopped) return;
      this.dispatchBlock();
      if (this.pendingBytes > 0) refuse('bundle-malformed', 'the last operation line does not end with a line feed');
    });
  }

  /**
   * Resolves once at most `maxInFlight` blocks are split and not yet through the in-order checks
   * (0: all are, which the caller awaits after `finish`), or a problem was found. Meanwhile it
   * decodes here the blocks the block decoder has no room for, earliest first. Without a
   * `blockDecoder` every block is decoded as it is split, and nothing ever waits.
   */
  async settled(maxInFlight = 0): Promise<void> {
    const remote = this.options.blockDecoder;
    while (this.queue.length > maxInFlight && this.problem === null) {
      this.handOver();
      const waiting = this.queue.find((q) => q.block !== null);
      if (remote !== undefined && waiting !== undefined) {
        this.decodeHere(waiting);
        this.drain();
        // Let the block decoder's answers in, and hand it more, before decoding the next one here.
        await remote.pause();
        continue;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (e) {
      if (e instanceof BundleRefusal) this.stopWith(e.error);
      else if (e instanceof GunzipError) this.stopWith(bundleError('bundle-malformed', `the payload is not valid gzip (${e.message})`));
      else this.stopWith(bundleError('bundle-malformed', `the payload could not be read (${e instanceof Error ? e.message : String(e)})`));
    }
  }

  /** A problem found while inflating or splitting: it comes after every line split before it. */
  private stopWith(error: BundleError): void {
    if (this.stopped) return;
    this.dispatchBlock();
    this.stopped = true;
    this.gunzip.cancel();
    this.queue.push({ block: null, firstLine: this.lines + 1, result: { operations: [], problem: error } });
    this.drain();
  }

  private onData(data: Uint8Array): void {
    if (this.stopped || data.length === 0) return;
    this.decompressed += data.length;
    if (this.decompressed > this.limits.maxDecompressedBytes) {
      refuse('bundle-too-large', `the payload expands to more than ${this.limits.maxDecompressedBytes} bytes`);
    }
    if (this.decompressed > this.limits.ratioGraceBytes && this.decompressed > this.compressed * this.limits.maxCompressionRatio) {
      refuse('bundle-too-large', `the payload expands more than ${this.limits.maxCompressionRatio} times (a decompression bomb?)`);
    }
    let start = 0;
    try {
      for (let i = data.indexOf(LF); i >= 0; i = data.indexOf(LF, start)) {
        const n = this.lines + 1;
        const length = this.pendingBytes + i - start;
        if (length > this.limits.maxOperationBytes) refuse('bundle-too-large', `operation ${n} is longer than ${this.limits.maxOperationBytes} bytes`);
        if (n > this.limits.maxOperations) refuse('bundle-too-large', `more than ${this.limits.maxOperations} operations`);
        this.lines = n;
        if (this.pendingBytes > 0) {
          // The first line began in earlier output.
          this.addToBlock(joinBytes(this.pending, this.pendingBytes));
          this.pending = [];
          this.pendingBytes = 0;
        }
        start = i + 1;
      }
    } finally {
      // This output's whole lines (up to a refused one), kept as they are: the stream never reuses an output chunk.
      if (start > 0) this.addToBlock(data.subarray(0, start));
    }
    if (start < data.length) {
      const rest = data.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.limits.maxOperationBytes) refuse('bundle-too-large', `an operation line is longer than ${this.limits.maxOperationBytes} bytes`);
      this.pending.push(rest);
    }
    if (this.blockBytes >= this.blockBytesTarget) this.dispatchBlock();
  }

  private addToBlock(bytes: Uint8Array): void {
    this.blockParts.push(bytes);
    this.blockBytes += bytes.length;
  }

  /** Hands the gathered lines over for decoding: elsewhere when the block decoder takes them, else here. */
  private dispatchBlock(): void {
    if (this.blockBytes === 0) return;
    const block = joinBytes(this.blockParts, this.blockBytes);
    const firstLine = this.blockFirstLine;
    this.blockParts = [];
    this.blockBytes = 0;
    this.blockFirstLine = this.lines + 1;
    const queued: QueuedBlock = { block, firstLine, result: null };
    this.queue.push(queued);
    if (this.options.blockDecoder === undefined) {
      this.decodeHere(queued);
      this.drain();
    } else this.handOver();
  }

  private decodeHere(queued: QueuedBlock): void {
    const block = queued.block;
    if (block === null) return;
    queued.block = null;
    queued.result = decodeOperationBlock(block, queued.firstLine, this.context);
  }

  /** Hands the earliest blocks not yet decoded to the block decoder, as many as it takes. */
  private handOver(): void {
    const remote = this.options.blockDecoder;
    if (remote === undefined) return;
    for (const queued of this.queue) {
      if (this.problem !== null || !remote.ready) return;
      const block = queued.block;
      if (block === null) continue;
      queued.block = null;
      remote.decode(block, queued.firstLine, this.context).then(
        (result) => {
          queued.result = result;
          this.handOver();
          this.drain();
        },
        (e: unknown) => {
          queued.result = { operations: [], problem: bundleError('bundle-malformed', `decoding the payload failed (${e instanceof Error ? e.message : String(e)})`) };
          this.drain();
        },
      );
    }
  }

  /** Takes the decoded blocks at the head of the queue through the in-order checks, to the sink. */
  private drain(): void {
    try {
      for (;;) {
        if (this.problem !== null) {
          this.queue.length = 0;
          break;
        }
        const head = this.queue[0];
        if (head?.result == null) break;
        this.queue.shift();
        for (const op of head.result.operations) this.accept(op);
        if (head.result.problem !== null) this.problem = head.result.problem;
      }
    } catch (e) {
      if (!(e instanceof BundleRefusal)) throw e;
      this.problem = e.error;
      this.queue.length = 0;
    }
    if (this.problem !== null) this.stopped = true;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** The checks that relate an operation to the lines before it and to this installation's clock. */
  private accept(op: Operation): void {
    const n = this.count + 1;
    if (this.previous !== null && compareOperations(this.previous, op) >= 0) refuse('bundle-malformed', `operation line ${n} is out of clock order or repeated`);
    if (this.opIds.has(op.opId)) refuse('bundle-malformed', `operation line ${n} uses the operation id ${op.opId} of another operation in the bundle`);
    if (hlcMillis(op.hlc) > this.latestClock) {
      const hours = Math.round((hlcMillis(op.hlc) - (this.options.clockNow ?? 0)) / 3_600_000);
      refuse('bundle-clock-ahead', `operation line ${n} is stamped ${op.hlc.slice(0, 24)}, ${hours} hours ahead of this installation's clock`);
    }
    this.opIds.add(op.opId);
    this.previous = op;
    this.counts[op.table] = (this.counts[op.table] ?? 0) + 1;
    if (this.sink === null) this.operations.push(op);
    else {
      this.counted += 1;
      this.sink(op);
    }
  }

  /** Operations decoded and accepted so far. */
  get count(): number {
    return this.sink === null ? this.operations.length : this.counted;
  }
}
