/**
 * Hybrid logical clock (Kulkarni et al., 2014), in the string form Actual Budget uses:
 * `<ISO instant>-<counter, 4 hex>-<node>`. Strings compare in causal-then-node order, so the
 * change journal can order operations from many installations with plain string comparison,
 * and two operations never get the same timestamp (the node part breaks ties).
 */
import { z } from 'zod';
import { OriginSchema, type Origin } from '../model/ids';

const MAX_COUNTER = 0xffff;
/** The last instant the four-digit-year form can write. */
const MAX_MILLIS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * How far ahead of this device's wall clock a timestamp from elsewhere may be: 24 hours covers
 * any time zone mistake and a clock set a day wrong. Beyond it the clock refuses to follow
 * (`observe`), and bundles carrying such timestamps are refused (`bundle-clock-ahead`): a clock
 * pushed far ahead would make every later local edit lose to the far-future one.
 */
export const MAX_CLOCK_DRIFT_MS = 24 * 60 * 60 * 1000;

/** The wall-clock instant (ms) of a timestamp, or NaN when it is not one. Cheaper than `parseHlc`. */
export function hlcMillis(hlc: string): number {
  return Date.parse(hlc.slice(0, 24));
}
const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-(.+)$/;

export const HlcSchema = z
  .string()
  .regex(HLC_PATTERN, 'not a hybrid logical clock timestamp')
  // The instant must be a real one: "9999-99-99T99:99:99.999Z" matches the pattern, reads as no
  // time at all (so no drift guard sees it) and would outrank every real edit in string order.
  .refine((hlc) => {
    const instant = hlc.slice(0, 24);
    const millis = Date.parse(instant);
    return Number.isFinite(millis) && new Date(millis).toISOString() === instant;
  }, 'not a real instant in a hybrid logical clock timestamp');
export type Hlc = z.infer<typeof HlcSchema>;

export interface HlcParts {
  /** Physical part, milliseconds since the epoch. */
  readonly millis: number;
  /** Logical counter for events within the same millisecond. */
  readonly counter: number;
  readonly node: Origin;
}

export class ClockDriftError extends Error {
  override readonly name = 'ClockDriftError';
  constructor(
    readonly remoteMillis: number,
    readonly localMillis: number,
  ) {
    super(`a clock is ${Math.round((remoteMillis - localMillis) / 1000)} s ahead of this device`);
  }
}

/** The clock reached the end of the four-digit-year form (never within the drift guard). */
export class ClockOverflowError extends Error {
  override readonly name = 'ClockOverflowError';
  constructor() {
    super('the clock has reached 9999-12-31T23:59:59.999Z-ffff');
  }
}

export function formatHlc(parts: HlcParts): Hlc {
  const counter = parts.counter.toString(16).padStart(4, '0');
  return `${new Date(parts.millis).toISOString()}-${counter}-${parts.node}`;
}

export function parseHlc(hlc: string): HlcParts {
  const m = HLC_PATTERN.exec(hlc);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new Error(`not a hybrid logical clock timestamp: ${hlc}`);
  }
  const node = OriginSchema.parse(m[3]);
  const millis = Date.parse(m[1]);
  if (!Number.isFinite(millis) || new Date(millis).toISOString() !== m[1]) throw new Error(`not a real instant in a hybrid logical clock timestamp: ${hlc.slice(0, 40)}`);
  return { millis, counter: parseInt(m[2], 16), node };
}

/** The lowest timestamp any real operation can have; useful as the start of a range. */
export const HLC_ZERO: Hlc = '1970-01-01T00:00:00.000Z-0000-0';

export interface HybridLogicalClockOptions {
  /** Wall clock, injectable for tests. */
  readonly wallClock?: () => number;
  /** How far ahead of this device a remote clock may be before `observe` refuses it. */
  readonly maxDriftMs?: number;
}

/**
 * One clock per installation. `tick` stamps a local change; `observe` moves the clock past a
 * timestamp seen in imported data, so that a later local edit always sorts after what it saw.
 */
export class HybridLogicalClock {
  private millis = 0;
  private counter = 0;
  private readonly wallClock: () => number;
  private readonly maxDriftMs: number;

  constructor(
    readonly node: Origin,
    options: HybridLogicalClockOptions = {},
  ) {
    this.wallClock = options.wallClock ?? Date.now;
    this.maxDriftMs = options.maxDriftMs ?? MAX_CLOCK_DRIFT_MS;
  }

  /** A timestamp for a new local event, greater than every timestamp issued or observed before. */
  tick(): Hlc {
    const wall = this.wallClock();
    if (wall > this.millis) {
      this.millis = wall;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return formatHlc({ millis: this.millis, counter: this.counter, node: this.node });
  }

  /** Advance past a timestamp received from elsewhere. Throws ClockDriftError for absurd clocks. */
  observe(remote: Hlc): void {
    if (!this.observeWithinDrift(remote)) {
      throw new ClockDriftError(parseHlc(remote).millis, this.wallClock());
    }
  }

  /**
   * Continue after a timestamp this installation issued itself (read back from its own journal):
   * followed whatever the wall clock says, so that its edits stay in order even when the wall
   * clock was set back.
   */
  resume(own: Hlc): void {
    const r = parseHlc(own);
    if (r.millis > this.millis || (r.millis === this.millis && r.counter > this.counter)) {
      this.millis = r.millis;
      this.counter = r.counter;
    }
  }

  /**
   * As `observe`, but a timestamp beyond the drift guard leaves the clock where it is and returns
   * false instead of throwing: for replaying what a database holds already, where refusing is no
   * longer possible but following a far-future clock would be harmful.
   */
  observeWithinDrift(remote: Hlc): boolean {
    const r = parseHlc(remote);
    if (r.millis - this.wallClock() > this.maxDriftMs) return false;
    this.resume(remote);
    return true;
  }

  /**
   * Next logical time within the same physical instant. After 65535 events in one millisecond
   * (or after observing a remote counter of ffff ahead of this wall clock) the clock moves on to
   * the next millisecond rather than refusing: a local edit must always be possible, and the
   * order stays strict. The clock runs at most a few ms ahead of the wall clock for it.
   */
  private bumpCounter(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter += 1;
      return;
    }
    if (this.millis >= MAX_MILLIS) throw new ClockOverflowError();
    this.millis += 1;
    this.counter = 0;
  }
}
