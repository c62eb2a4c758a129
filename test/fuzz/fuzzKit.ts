/**
 * The fuzz harness (issue 9): how many cases each property runs, a per-case time bound, and a
 * count of the inputs actually tried per parser, printed as a table and kept in
 * `test-results/fuzz/` so that `npm run fuzz` can sum every file's counts at the end.
 *
 * Two modes:
 * - default (the ordinary Vitest run, CI): each property runs its own `ci` count, a few thousand
 *   cases in total;
 * - long (`npm run fuzz`, or FUZZ_RUNS set): FUZZ_RUNS (default 1,000,000) is the TOTAL over all
 *   parsers, split equally between the parsers of `PARSERS` and, within a parser, equally between
 *   its properties (never fewer than the CI count). FUZZ_RUNS=ci gives the CI counts.
 *   FUZZ_PROPERTY_MS (default 5 minutes) stops any one property early; the table says how many
 *   inputs were really tried.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect } from 'vitest';
import { COUNTS_DIR, PARSERS, countTable, type Parser } from './fuzzTable';

export { PARSERS, type Parser };

const RAW_RUNS = process.env.FUZZ_RUNS;
/** True in the long mode. */
export const LONG = RAW_RUNS !== undefined && RAW_RUNS !== '' && RAW_RUNS !== 'ci';
const TOTAL_RUNS = LONG ? Math.max(1, Number(RAW_RUNS) || 1_000_000) : 0;
const PROPERTY_MS = Number(process.env.FUZZ_PROPERTY_MS) || 5 * 60_000;

/** Per-case bound for async properties: a parser that takes longer than this on one input hangs. */
export const CASE_TIMEOUT_MS = 15_000;
/** Vitest timeout for a fuzz test: generous in the long mode, where one test may run minutes. */
export const TEST_TIMEOUT_MS = LONG ? PROPERTY_MS + 5 * 60_000 : 120_000;

const tried = new Map<string, number>();

/** fast-check's time plugins are typed `Plugin<unknown>` but never look at the values: usable for any property. */
function forAnyValue<T>(plugin: fc.Plugin<unknown>): fc.Plugin<T> {
  return plugin as unknown as fc.Plugin<T>;
}

/**
 * One file's fuzz properties for one parser. `properties` is how many properties the file runs
 * for it (the long mode's share of that parser is divided between them).
 */
export function fuzzParser(parser: Parser, properties: number) {
  const runs = (ci: number): number => (LONG ? Math.max(ci, Math.round(TOTAL_RUNS / PARSERS.length / properties)) : ci);
  const params = <T>(ci: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> => ({
    numRuns: runs(ci),
    // Shrinking a hostile input can take long; the seed and path printed on failure replay it.
    endOnFailure: LONG,
    ...extra,
    plugins: [forAnyValue<T>(fc.interruptAfterTimeLimit(PROPERTY_MS)), ...(extra.plugins ?? [])],
  });
  const count = (): void => {
    tried.set(parser, (tried.get(parser) ?? 0) + 1);
  };
  return {
    /** Check a synchronous property `ci` times (more in the long mode), counting the inputs. */
    check<Ts extends [unknown, ...unknown[]]>(ci: number, arbs: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }, predicate: (...args: Ts) => void, extra: fc.Parameters<Ts> = {}): void {
      fc.assert(
        fc.property<Ts>(...arbs, (...args: Ts) => {
          count();
          predicate(...args);
        }),
        params(ci, extra),
      );
    },
    /** The same for asynchronous parsers, with a per-case time bound. */
    async checkAsync<Ts extends [unknown, ...unknown[]]>(
      ci: number,
      arbs: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
      predicate: (...args: Ts) => Promise<void>,
      extra: fc.Parameters<Ts> = {},
    ): Promise<void> {
      await fc.assert(
        fc.asyncProperty<Ts>(...arbs, async (...args: Ts) => {
          count();
          await predicate(...args);
        }),
        params(ci, { ...extra, plugins: [forAnyValue<Ts>(fc.timeout(CASE_TIMEOUT_MS)), ...(extra.plugins ?? [])] }),
      );
    },
    /** Count hand-written hostile inputs checked outside fast-check. */
    counted(n = 1): void {
      for (let i = 0; i < n; i++) count();
    },
  };
}

/** Registers the file's count reporting (call once at the top level of each fuzz test file). */
export function reportCounts(file: string): void {
  afterAll(() => {
    mkdirSync(COUNTS_DIR, { recursive: true });
    writeFileSync(join(COUNTS_DIR, `${file}.json`), JSON.stringify(Object.fromEntries(tried)));
    process.stdout.write(`${countTable(tried, `fuzz ${file} (${LONG ? `long mode, FUZZ_RUNS=${TOTAL_RUNS}` : 'CI mode'})`)}\n`);
  });
}

// ---- what every refusal must look like -------------------------------------------------------------

/** Longest technical detail a refusal may carry: it may cite the input, never all of it. */
export const MAX_DETAIL_CHARS = 1_000;

/** A refusal's message: present, not empty, bounded, and not a dump of the input. */
export function expectBoundedMessage(message: unknown, input?: string, max = MAX_DETAIL_CHARS): void {
  expect(typeof message).toBe('string');
  const text = message as string;
  expect(text.trim().length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(max);
  if (input !== undefined && input.length > max) expect(text.includes(input)).toBe(false);
}
