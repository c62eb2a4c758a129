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
import { Gunzip, Gzip } from 'fflate';
import { fromUtf8, utf8 } from '../crypto/bytes';
import { MAX_CLOCK_DRIFT_MS, hlcMillis } from '../journal/hlc';
import { compareOperations, OperationSchema, type Operation } from '../journal/operation';
import { APPEND_ONLY_TABLES, isReplicated } from '../journal/tables';
import type { Workspace } from '../model/workspace';
import { canonicalize, hasProtoKey, isCanonicalText } from './canonical';
import { BundleRefusal, bundleError, refuse, type BundleError } from './errors';
import type { BundleLimits } from './limits';

const LF = 0x0a;
const BATCH_BYTES = 64 * 1024;
/**
 * Compressed bytes pushed into the inflater at a time: deflate expands at most ~1032:1, so one
 * push yields ≤ ~16.5 MiB before the limits are checked. (Smaller pushes cost far more: the
 * inflater copies its 32 KiB window on every push; 1 KiB pushes made inflating 5× slower.)
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

/** The canonical NDJSON of operations in batches of about 64 KiB; the last batch may be empty. */
async function* ndjsonBatches(
  operations: AsyncIterable<Operation> | Iterable<Operation>,
  workspace: Workspace,
  stats: EncodedOperationStats,
  onOperation: ((op: Operation) => void) | undefined,
): AsyncGenerator<Uint8Array> {
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
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
    const line = utf8(`${text}\n`);
    stats.operations += 1;
    stats.counts[op.table] = (stats.counts[op.table] ?? 0) + 1;
    stats.rawBytes += line.length;
    batch.push(line);
    batchBytes += line.length;
    if (batchBytes >= BATCH_BYTES) {
      yield joinBytes(batch, batchBytes);
      batch = [];
      batchBytes = 0;
    }
  }
  yield joinBytes(batch, batchBytes);
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
}

/**
 * Incremental decoder of the payload: `push` compressed bytes as they arrive, `finish` at the end.
 * The first problem found is kept (not thrown), because the caller must first finish hashing the
 * payload: a hash mismatch ("altered") takes precedence over what the altered bytes decode to.
 * Once a problem is found, nothing more is inflated.
 */
export class OperationDecoder {
  private readonly gunzip: Gunzip;
  private compressed = 0;
  private decompressed = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
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
  readonly operations: Operation[] = [];
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly workspace: Workspace,
    private readonly limits: BundleLimits,
    private readonly sink: ((op: Operation) => void) | null,
    private readonly options: OperationDecoderOptions = {},
  ) {
    this.gunzip = new Gunzip((data) => this.onData(data));
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

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length && this.problem === null; i += INFLATE_PUSH_BYTES) {
      const piece = chunk.subarray(i, i + INFLATE_PUSH_BYTES);
      this.compressed += piece.length;
      this.guard(() => this.gunzip.push(piece));
    }
  }

  finish(): void {
    if (this.problem !== null) return;
    this.guard(() => {
      this.gunzip.push(new Uint8Array(0), true);
      if (this.pendingBytes > 0) this.fail('bundle-malformed', 'the last operation line does not end with a line feed');
    });
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (e) {
      if (e instanceof BundleRefusal) this.problem ??= e.error;
      else this.problem ??= bundleError('bundle-malformed', `the payload is not valid gzip (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  private fail(code: BundleError['code'], detail: string): never {
    refuse(code, detail);
  }

  private onData(data: Uint8Array): void {
    if (this.problem !== null || data.length === 0) return;
    this.decompressed += data.length;
    if (this.decompressed > this.limits.maxDecompressedBytes) {
      this.fail('bundle-too-large', `the payload expands to more than ${this.limits.maxDecompressedBytes} bytes`);
    }
    if (this.decompressed > this.limits.ratioGraceBytes && this.decompressed > this.compressed * this.limits.maxCompressionRatio) {
      this.fail('bundle-too-large', `the payload expands more than ${this.limits.maxCompressionRatio} times (a decompression bomb?)`);
    }
    let start = 0;
    for (let i = data.indexOf(LF); i >= 0; i = data.indexOf(LF, start)) {
      const piece = data.subarray(start, i);
      if (this.pendingBytes === 0) this.line(piece);
      else {
        this.pending.push(piece);
        this.line(joinBytes(this.pending, this.pendingBytes + piece.length));
        this.pending = [];
        this.pendingBytes = 0;
      }
      start = i + 1;
    }
    if (start < data.length) {
      const rest = data.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.limits.maxOperationBytes) this.fail('bundle-too-large', `an operation line is longer than ${this.limits.maxOperationBytes} bytes`);
      // Copy: fflate may reuse its output buffer.
      this.pending.push(rest.slice());
    }
  }

  private line(bytes: Uint8Array): void {
    const n = this.count + 1;
    if (bytes.length > this.limits.maxOperationBytes) this.fail('bundle-too-large', `operation ${n} is longer than ${this.limits.maxOperationBytes} bytes`);
    if (n > this.limits.maxOperations) this.fail('bundle-too-large', `more than ${this.limits.maxOperations} operations`);
    let text: string;
    let value: unknown;
    try {
      text = fromUtf8(bytes);
      value = JSON.parse(text);
    } catch {
      this.fail('bundle-malformed', `operation line ${n} is not UTF-8 JSON`);
    }
    const parsed = OperationSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.fail('bundle-malformed', `operation line ${n} is not a valid operation (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema'})`);
    }
    if (!isCanonicalText(value, text)) this.fail('bundle-malformed', `operation line ${n} is not in canonical JSON form`);
    if (hasProtoKey(text)) this.fail('bundle-malformed', `operation line ${n} has a "__proto__" key`);
    const op = parsed.data;
    if (op.workspace !== this.workspace) this.fail('bundle-malformed', `operation line ${n} belongs to workspace ${String(op.workspace)}, the bundle to ${this.workspace}`);
    if (!isReplicated(op.table)) this.fail('bundle-malformed', `operation line ${n} is on the local table ${op.table}`);
    if (APPEND_ONLY_TABLES.has(op.table) && op.kind !== 'create') this.fail('bundle-malformed', `operation line ${n} ${op.kind}s a record of ${op.table}, which are append-only`);
    // An operation speaks for its own record and workspace only: fields naming another record or
    // workspace would write outside that record's history (or into the other workspace).
    if ('id' in op.fields && op.fields['id'] !== op.recordId) this.fail('bundle-malformed', `operation line ${n} carries fields of another record than its own`);
    if ('workspace' in op.fields && op.fields['workspace'] !== op.workspace) this.fail('bundle-malformed', `operation line ${n} carries fields of another workspace than its own`);
    const authority = authorityProblem(op);
    if (authority !== null) this.fail('bundle-unauthorised-change', `operation line ${n} (${op.opId}) ${authority}`);
    if (this.previous !== null && compareOperations(this.previous, op) >= 0) this.fail('bundle-malformed', `operation line ${n} is out of clock order or repeated`);
    if (this.opIds.has(op.opId)) this.fail('bundle-malformed', `operation line ${n} uses the operation id ${op.opId} of another operation in the bundle`);
    if (hlcMillis(op.hlc) > this.latestClock) {
      const hours = Math.round((hlcMillis(op.hlc) - (this.options.clockNow ?? 0)) / 3_600_000);
      this.fail('bundle-clock-ahead', `operation line ${n} is stamped ${op.hlc.slice(0, 24)}, ${hours} hours ahead of this installation's clock`);
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

  /** Operations decoded so far. */
  get count(): number {
    return this.sink === null ? this.operations.length : this.counted;
  }
}
