/**
 * Version vectors over sets of operations: for each origin (installation), the newest hybrid
 * logical clock of that origin's operations. They say what an installation holds, what a bundle
 * must carry for a peer, and which changes are missing when bundles were lost on the way.
 *
 * Invariant the exchange relies on: an installation's *contiguous* vector (`advanceVector`) only
 * ever claims "I hold every operation of origin X up to clock h" when that is true. The plain
 * maximum (`versionVector`) is what a set of operations contains, and may overstate what is held
 * when an earlier bundle was lost; it is safe as the `until` of a bundle only when the sender's
 * own journal has no gaps, so senders should put their contiguous vector there.
 */
import { compareOperations, type Operation } from '../journal/operation';
import type { Hlc } from '../journal/hlc';

/** Newest clock per origin. Keys are origins (installation ids or `builtin`). */
export type VersionVector = Readonly<Record<string, Hlc>>;

/** The part of an operation the vector helpers read. */
export type VectorOperation = Pick<Operation, 'origin' | 'hlc'>;

/** Max clock per origin over `operations` (what they contain, gaps or not). */
export function versionVector(operations: Iterable<VectorOperation>): VersionVector {
  const vector: Record<string, Hlc> = {};
  for (const op of operations) {
    const current = vector[op.origin];
    if (current === undefined || op.hlc > current) vector[op.origin] = op.hlc;
  }
  return vector;
}

/** True when `vector` claims the operation: its origin's entry is at or past the operation's clock. */
export function covers(vector: VersionVector, op: VectorOperation): boolean {
  const seen = vector[op.origin];
  return seen !== undefined && seen >= op.hlc;
}

/**
 * The operations a peer holding `vector` does not have yet, in clock order: the content of an
 * incremental bundle to that peer. Operations at or below the peer's entry for their origin are
 * left out, so a peer's overstated vector hides its gaps; `findGaps` is how they are found.
 */
export function operationsSince<T extends Pick<Operation, 'origin' | 'hlc' | 'opId'>>(operations: Iterable<T>, vector: VersionVector): T[] {
  return [...operations].filter((op) => !covers(vector, op)).sort(compareOperations);
}

/** Pointwise maximum: what someone holding both would hold. */
export function mergeVectors(a: VersionVector, b: VersionVector): VersionVector {
  const out: Record<string, Hlc> = { ...a };
  for (const [origin, hlc] of Object.entries(b)) {
    const current = out[origin];
    if (current === undefined || hlc > current) out[origin] = hlc;
  }
  return out;
}

/**
 * Changes of one origin that the receiver of a bundle lacks: every operation of `origin` with a
 * clock after `after` (or from the very first when null) up to and including `upTo`.
 */
export interface Gap {
  readonly origin: string;
  readonly after: Hlc | null;
  readonly upTo: Hlc;
}

/**
 * Gaps between what a bundle's sender assumed the receiver held (`since`, from the bundle header)
 * and what the receiver really holds contiguously (`held`). One gap per origin whose assumed
 * entry is past the held one, sorted by origin. An empty list means the bundle continues exactly
 * where the receiver is, and its operations complete the receiver's history up to its `until`.
 */
export function findGaps(since: VersionVector, held: VersionVector): Gap[] {
  const gaps: Gap[] = [];
  for (const origin of Object.keys(since).sort()) {
    const assumed = since[origin];
    const have = held[origin];
    if (assumed !== undefined && (have === undefined || have < assumed)) gaps.push({ origin, after: have ?? null, upTo: assumed });
  }
  return gaps;
}

/** What a bundle header says about its content: it holds every operation of each origin after `since` up to `until`. */
export interface BundleRange {
  readonly since: VersionVector;
  readonly until: VersionVector;
}

/**
 * The receiver's contiguous vector after importing a bundle: for each origin without a gap the
 * entry moves up to the bundle's `until`; an origin with a gap keeps its entry (its operations are
 * still merged, but the receiver cannot claim the missing ones). Never moves an entry backwards,
 * so an old or replayed bundle cannot shrink what the receiver claims.
 */
export function advanceVector(held: VersionVector, range: BundleRange): VersionVector {
  const out: Record<string, Hlc> = { ...held };
  for (const [origin, until] of Object.entries(range.until)) {
    const assumed = range.since[origin];
    const have = held[origin];
    const continuous = assumed === undefined || (have !== undefined && have >= assumed);
    if (continuous && (have === undefined || until > have)) out[origin] = until;
  }
  return out;
}
