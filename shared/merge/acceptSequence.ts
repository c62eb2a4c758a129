/**
 * Anti-replay bookkeeping for bundles: each sender numbers the bundles it sends to a receiver
 * 1, 2, 3, …; the receiver remembers the last number it accepted from that sender. This module
 * only classifies an incoming number. It never refuses data: an old or replayed bundle is still
 * merged, and merging is idempotent and last-writer-wins by clock, so an old bundle can never
 * undo newer state (see the tests). The verdict is for telling people what happened.
 */

/** How an incoming bundle number relates to the last one accepted, and the number to remember next. */
export type SequenceVerdict =
  /** The next bundle in order. */
  | { readonly status: 'new'; readonly lastAccepted: number }
  /** Already imported, or older than one already imported: nothing new can come of it. */
  | { readonly status: 'replay'; readonly lastAccepted: number }
  /** Newer than expected: `missing` bundles (numbers `from`…`to`) have not arrived (yet). */
  | { readonly status: 'gap'; readonly lastAccepted: number; readonly missing: number; readonly from: number; readonly to: number };

/**
 * Classify bundle number `incoming` from a sender whose last accepted number is `lastAccepted`
 * (undefined before the first bundle; numbering starts at 1). The verdict's `lastAccepted` is
 * what to remember afterwards: it never goes down. Throws RangeError on a number that is not a
 * positive safe integer (the bundle header is validated before this is called).
 */
export function acceptSequence(lastAccepted: number | undefined, incoming: number): SequenceVerdict {
  if (!Number.isSafeInteger(incoming) || incoming < 1) throw new RangeError(`bundle sequence number ${incoming} is not a positive integer`);
  const last = lastAccepted ?? 0;
  if (!Number.isSafeInteger(last) || last < 0) throw new RangeError(`last accepted sequence number ${last} is not a non-negative integer`);
  if (incoming <= last) return { status: 'replay', lastAccepted: last };
  if (incoming === last + 1) return { status: 'new', lastAccepted: incoming };
  return { status: 'gap', lastAccepted: incoming, missing: incoming - last - 1, from: last + 1, to: incoming - 1 };
}
