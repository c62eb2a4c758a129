/**
 * For `npm run fuzz`: clears the counts of an earlier run, then prints the table of inputs tried
 * per parser over all fuzz files.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTS_DIR, countTable } from './fuzzTable';

export function setup(): () => void {
  rmSync(COUNTS_DIR, { recursive: true, force: true });
  mkdirSync(COUNTS_DIR, { recursive: true });
  return () => {
    const totals = new Map<string, number>();
    for (const file of readdirSync(COUNTS_DIR).filter((f) => f.endsWith('.json'))) {
      const counts = JSON.parse(readFileSync(join(COUNTS_DIR, file), 'utf8')) as Record<string, number>;
      for (const [parser, n] of Object.entries(counts)) totals.set(parser, (totals.get(parser) ?? 0) + n);
    }
    process.stdout.write(`\n${countTable(totals, `inputs tried per parser (FUZZ_RUNS=${process.env.FUZZ_RUNS ?? '1000000'})`)}\n`);
  };
}
