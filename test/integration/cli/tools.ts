/**
 * Helpers for the tests that run the real `minisign`, `age`, `unzip` and `b2sum` tools (Debian
 * packages; CI installs them). When one is missing the tests are skipped with a printed reason.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

export function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

/** The tools from `tools` that are not installed; prints why tests are skipped if any. */
export function missingTools(tools: readonly string[], what: string): string[] {
  const missing = tools.filter((t) => !onPath(t));
  if (missing.length > 0) console.warn(`SKIPPED ${what}: ${missing.join(', ')} not on PATH (apt-get install -y minisign age unzip coreutils)`);
  return missing;
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], options: { cwd?: string; input?: string } = {}): RunResult {
  const r: SpawnSyncReturns<string> = spawnSync(command, args, { cwd: options.cwd, input: options.input, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
