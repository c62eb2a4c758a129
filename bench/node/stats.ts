/** Summary of repeated measurements: median, min, max, and the samples themselves. */

/** Milliseconds, bytes, or a fraction (size against size). */
export type Unit = 'ms' | 'bytes' | 'ratio';

export interface Summary {
  readonly unit: Unit;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** In run order. */
  readonly samples: readonly number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const roundRatio = (r: number) => Math.round(r * 10_000) / 10_000;

export function summarise(samples: readonly number[], unit: Unit = 'ms'): Summary {
  const r = unit === 'ratio' ? roundRatio : unit === 'bytes' ? Math.round : round;
  return {
    unit,
    median: r(median(samples)),
    min: r(Math.min(...samples)),
    max: r(Math.max(...samples)),
    samples: samples.map(r),
  };
}

/** The p-th percentile (0 < p ≤ 100) by the nearest-rank method: a value that was measured. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}
