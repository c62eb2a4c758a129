/** Measured latencies (change on one replica → visible on another), printed for the closing note. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function recordLatency(transport: string, ms: number): void {
  const line = `${new Date().toISOString()}\t${transport}\t${ms.toFixed(0)} ms`;
  process.stdout.write(`[sync latency] ${line}\n`);
  const dir = join(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, 'sync-latency.tsv'), `${line}\n`);
}
