// Supply-chain gate for CI (issue 9): `npm audit` judged on the packages the app really ships.
//
// Every library is a devDependency here, because Vite bundles what the app uses into
// dist/renderer and dist/electron and the packaged app carries no node_modules at all
// (electron-builder.yml `files`). So `npm audit --omit=dev` would judge nothing. Instead this
// script reads which packages are inside the built bundles (the renderer's source maps, the
// `// node_modules/...` region comments of the unminified main-process bundle), runs `npm audit`
// over the whole lockfile, and FAILS on a high or critical advisory against a shipped package.
// Advisories against build and test tools are listed, not fatal: they never reach a user.
//
// It also fails when a dependency in package.json is not pinned to an exact version (the lockfile
// pins the rest; CI installs with `npm ci`, which refuses a lockfile out of step).
//
// When the advisory service cannot be reached (an offline mirror answers 405, or no network), the
// audit is reported as NOT RUN, loudly, and does not fail the build: CI on an air-gapped machine
// must still be able to land a fix. The result is written to test-results/audit.json.
//
//   node scripts/audit-shipped.mjs            (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The package a module path belongs to: the segment after the LAST node_modules/ (nested installs). */
export function packageOfPath(path) {
  const normalized = path.replace(/\\/g, '/');
  const at = normalized.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const parts = normalized.slice(at + 'node_modules/'.length).split('/');
  if (!parts[0]) return null;
  if (parts[0].startsWith('@')) return parts[1] ? `${parts[0]}/${parts[1]}` : null;
  // Vite's virtual modules (e.g. "node_modules/.vite/...") are not packages.
  return parts[0].startsWith('.') ? null : parts[0];
}

/** Packages named by the `sources` of source maps and by `// node_modules/...` comments of bundles. */
export function shippedPackages({ sourceMaps, bundles }) {
  const names = new Set();
  for (const map of sourceMaps) {
    for (const source of map.sources ?? []) {
      const name = packageOfPath(source);
      if (name) names.add(name);
    }
  }
  for (const text of bundles) {
    for (const match of text.matchAll(/^\/\/(?: |#region )(\S*node_modules\/\S+)/gm)) {
      const name = packageOfPath(match[1]);
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

/** Dependencies whose version in package.json is not an exact version. */
export function unpinnedDependencies(packageJson) {
  const exact = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
  const loose = [];
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, spec] of Object.entries(packageJson[field] ?? {})) if (!exact.test(spec)) loose.push(`${name}@${spec}`);
  }
  return loose;
}

/**
 * Judge `npm audit --json` output: unreachable service, or the advisories split into fatal
 * (high or critical, against a shipped package) and the rest.
 */
export function judgeAudit(report, shipped) {
  if (!report || typeof report !== 'object') return { status: 'not-run', reason: 'npm audit printed no JSON' };
  if (report.error || report.statusCode || !report.vulnerabilities) {
    const reason = report.statusCode ? `the advisory service answered HTTP ${report.statusCode}` : (report.error?.summary || report.message || 'npm audit failed');
    return { status: 'not-run', reason };
  }
  const shippedSet = new Set(shipped);
  const fatal = [];
  const other = [];
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities)) {
    const titles = (vulnerability.via ?? []).map((v) => (typeof v === 'string' ? `via ${v}` : `${v.title ?? v.source} (${v.url ?? ''})`));
    const line = { name, severity: vulnerability.severity, advisories: titles };
    if (shippedSet.has(name) && (vulnerability.severity === 'high' || vulnerability.severity === 'critical')) fatal.push(line);
    else other.push(line);
  }
  return { status: fatal.length > 0 ? 'failed' : 'passed', fatal, other };
}

function filesUnder(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name));
}

function main() {
  const sourceMapFiles = filesUnder(join(root, 'dist/renderer'), '.js.map');
  const bundleFiles = [...filesUnder(join(root, 'dist/electron'), '.js'), ...filesUnder(join(root, 'dist/electron'), '.cjs')];
  if (sourceMapFiles.length === 0 || bundleFiles.length === 0) {
    console.error('audit: no build output in dist/ — run `npm run build` first');
    return 1;
  }
  const shipped = shippedPackages({
    sourceMaps: sourceMapFiles.map((file) => JSON.parse(readFileSync(file, 'utf8'))),
    bundles: bundleFiles.map((file) => readFileSync(file, 'utf8')),
  });
  const unpinned = unpinnedDependencies(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  const run = spawnSync('npm', ['audit', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  let report = null;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = null;
  }
  const verdict = judgeAudit(report, shipped);

  process.stdout.write(`audit: ${shipped.length} packages shipped in the built app: ${shipped.join(', ')}\n`);
  if (unpinned.length > 0) process.stdout.write(`audit: NOT PINNED to an exact version: ${unpinned.join(', ')}\n`);
  if (verdict.status === 'not-run') {
    process.stdout.write(`audit: NOT RUN — ${verdict.reason}; the shipped packages were not judged\n`);
  } else {
    for (const line of verdict.fatal) process.stdout.write(`audit: ${line.severity.toUpperCase()} in shipped ${line.name}: ${line.advisories.join('; ')}\n`);
    process.stdout.write(`audit: ${verdict.fatal.length} high/critical in shipped packages; ${verdict.other.length} other advisories (build/test tools or low/moderate): ${verdict.other.map((o) => `${o.name} ${o.severity}`).join(', ') || 'none'}\n`);
  }
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results/audit.json'), JSON.stringify({ shipped, unpinned, ...verdict }, null, 2));
  return verdict.status === 'failed' || unpinned.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
