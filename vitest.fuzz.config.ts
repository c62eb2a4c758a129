/**
 * The long fuzzing run (`npm run fuzz`, issue 9): the same properties as the ordinary run, with
 * FUZZ_RUNS cases in total (default 1,000,000, split equally between the parsers; see
 * test/fuzz/fuzzKit.ts), and a table of the inputs tried per parser at the end.
 * FUZZ_REPRO=1 runs the reproductions of open findings in test/fuzz/repro instead.
 */
import { defineConfig } from 'vitest/config';

const repro = process.env.FUZZ_REPRO === '1';

export default defineConfig({
  test: {
    include: repro ? ['test/fuzz/repro/*Repro.ts'] : ['test/fuzz/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/fuzz/globalSetup.ts'],
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '1000000' },
    // One property may run for minutes; fuzzKit bounds each property (FUZZ_PROPERTY_MS) and each case.
    testTimeout: 0,
    hookTimeout: 120_000,
    // Two cores shared with others: one file at a time.
    fileParallelism: false,
  },
});
