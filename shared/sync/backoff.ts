/**
 * When to try an unreachable destination again: exponential backoff with jitter, capped, reset by
 * a success. The jitter ("equal jitter": half the delay fixed, half random) keeps many
 * installations that lost the same hub from all knocking at the same second when it comes back,
 * while never retrying sooner than half the nominal delay.
 */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  readonly initialMs: number;
  /** No delay is longer than this. */
  readonly maxMs: number;
  /** Growth per failure (2: doubling). */
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 5_000, maxMs: 10 * 60_000, factor: 2 };

/** The state kept per destination. */
export interface BackoffState {
  /** Failures in a row since the last success. */
  readonly failures: number;
  /** Epoch ms before which no automatic attempt is made (0: any time). */
  readonly notBefore: number;
}

export const READY: BackoffState = { failures: 0, notBefore: 0 };

/** The nominal (jitter-free) delay after `failures` failures in a row (≥ 1). */
export function nominalDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  // Compute in the exponent's domain so that many failures cannot overflow to Infinity·0.
  const exponent = Math.min(failures - 1, 64);
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
}

/** The delay after `failures` failures, with jitter; `random` in [0, 1). */
export function backoffDelay(failures: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const nominal = nominalDelay(failures, policy);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * r);
}

export function afterFailure(state: BackoffState, now: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): BackoffState {
  const failures = state.failures + 1;
  return { failures, notBefore: now + backoffDelay(failures, random, policy) };
}

export function afterSuccess(): BackoffState {
  return READY;
}

/** Whether an automatic attempt is due (a person pressing "sync now" does not wait). */
export function isDue(state: BackoffState, now: number): boolean {
  return now >= state.notBefore;
}
