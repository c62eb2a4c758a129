import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, backoffDelay, DEFAULT_BACKOFF, isDue, nominalDelay, READY, type BackoffPolicy } from '../../../../shared/sync/backoff';

const policyArb = fc.record({
  initialMs: fc.integer({ min: 1, max: 60_000 }),
  maxMs: fc.integer({ min: 1, max: 24 * 3_600_000 }),
  factor: fc.double({ min: 1, max: 4, noNaN: true }),
}).filter((p) => p.maxMs >= p.initialMs) as fc.Arbitrary<BackoffPolicy>;

describe('backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => nominalDelay(n))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(nominalDelay(50)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(nominalDelay(0)).toBe(0);
  });

  it('stays between half the nominal delay and the cap, whatever the jitter', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (policy, failures, random) => {
        const delay = backoffDelay(failures, random, policy);
        const nominal = nominalDelay(failures, policy);
        expect(Number.isFinite(delay)).toBe(true);
        expect(delay).toBeLessThanOrEqual(policy.maxMs);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(nominal / 2));
      }),
    );
  });

  it('never shrinks the nominal delay as failures add up', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 200 }), (policy, failures) => {
        expect(nominalDelay(failures + 1, policy)).toBeGreaterThanOrEqual(nominalDelay(failures, policy));
      }),
    );
  });

  it('counts failures, waits, and starts afresh after a success', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 2 ** 40 }), (randoms, now) => {
        let state = READY;
        for (const r of randoms) state = afterFailure(state, now, r);
        expect(state.failures).toBe(randoms.length);
        expect(isDue(state, now)).toBe(false);
        expect(isDue(state, state.notBefore)).toBe(true);
        expect(afterSuccess()).toEqual(READY);
        expect(isDue(afterSuccess(), now)).toBe(true);
      }),
    );
  });
});
