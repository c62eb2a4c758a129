import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptSequence } from '../../../../shared/merge/acceptSequence';

// Legend: last accepted number from a sender (undefined = none yet) + incoming number → verdict.
describe('acceptSequence', () => {
  it.each([
    { last: undefined, incoming: 1, verdict: { status: 'new', lastAccepted: 1 } },
    { last: 4, incoming: 5, verdict: { status: 'new', lastAccepted: 5 } },
    { last: 5, incoming: 5, verdict: { status: 'replay', lastAccepted: 5 } },
    { last: 5, incoming: 2, verdict: { status: 'replay', lastAccepted: 5 } },
    { last: 5, incoming: 8, verdict: { status: 'gap', lastAccepted: 8, missing: 2, from: 6, to: 7 } },
    { last: undefined, incoming: 3, verdict: { status: 'gap', lastAccepted: 3, missing: 2, from: 1, to: 2 } },
  ])('last $last, incoming $incoming', ({ last, incoming, verdict }) => {
    expect(acceptSequence(last, incoming)).toEqual(verdict);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses the number %s', (n) => {
    expect(() => acceptSequence(3, n)).toThrow(RangeError);
  });

  it('refuses a corrupt last accepted number', () => {
    expect(() => acceptSequence(-2, 1)).toThrow(RangeError);
  });

  it('never lets the remembered number go down, and accepts each number as new or gap at most once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 60 }), (arrivals) => {
        let last: number | undefined;
        const fresh = new Set<number>();
        for (const n of arrivals) {
          const verdict = acceptSequence(last, n);
          expect(verdict.lastAccepted).toBeGreaterThanOrEqual(last ?? 0);
          if (verdict.status !== 'replay') {
            expect(fresh.has(n)).toBe(false);
            fresh.add(n);
          }
          last = verdict.lastAccepted;
        }
        expect(last ?? 0).toBe(Math.max(0, ...arrivals));
      }),
    );
  });
});
