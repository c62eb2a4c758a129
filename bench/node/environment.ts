/**
 * What a result must say about where it was measured, so figures from two machines or two days
 * are never compared blindly: versions, the CPU, and how busy the machine was.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Environment {
  readonly appVersion: string;
  readonly gitCommit: string | null;
  /** Whether the working tree had changes when the benchmark ran. */
  readonly gitDirty: boolean | null;
  readonly node: string;
  readonly chromium: string | null;
  readonly os: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryGiB: number;
  /** 1, 5 and 15-minute load averages when the run started and when it ended. */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] | null };
}

function git(root: string, args: readonly string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const loads = () => loadavg().map((l) => Math.round(l * 100) / 100);

export function describeEnvironment(root: string): Environment {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const status = git(root, ['status', '--porcelain']);
  const cpu = cpus();
  return {
    appVersion: packageJson.version,
    gitCommit: git(root, ['rev-parse', 'HEAD']),
    gitDirty: status === null ? null : status.length > 0,
    node: process.version,
    chromium: null,
    os: `${platform()} ${release()}`,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cpuCount: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: { start: loads(), end: null },
  };
}

export function finishEnvironment(environment: Environment, chromium: string | null): Environment {
  return { ...environment, chromium, loadAverage: { start: environment.loadAverage.start, end: loads() } };
}
