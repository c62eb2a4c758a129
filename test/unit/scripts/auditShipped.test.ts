/**
 * The CI supply-chain gate (scripts/audit-shipped.mjs): which packages count as shipped, which
 * advisories fail the build, and that an unreachable advisory service is reported as not run.
 */
import { describe, expect, it } from 'vitest';
import { judgeAudit, packageOfPath, shippedPackages, unpinnedDependencies } from '../../../scripts/audit-shipped.mjs';

describe('packageOfPath', () => {
  it('names the package after the last node_modules, scoped or not', () => {
    expect(packageOfPath('../../node_modules/react-dom/cjs/react-dom.production.js')).toBe('react-dom');
    expect(packageOfPath('../../node_modules/@noble/curves/ed25519.js')).toBe('@noble/curves');
    expect(packageOfPath('node_modules/a/node_modules/@scope/b/index.js')).toBe('@scope/b');
    expect(packageOfPath('C:\\work\\node_modules\\zod\\v4\\index.js')).toBe('zod');
  });
  it('is null for the app’s own code and for Vite’s virtual modules', () => {
    expect(packageOfPath('../../renderer/src/main.tsx')).toBeNull();
    expect(packageOfPath('node_modules/.vite/deps/chunk.js')).toBeNull();
  });
});

describe('shippedPackages', () => {
  it('collects packages from source maps and from region comments of unminified bundles', () => {
    const shipped = shippedPackages({
      sourceMaps: [{ sources: ['../../node_modules/dexie/dist/dexie.mjs', '../../shared/model/tlp.ts'] }, { sources: ['../../node_modules/@xyflow/react/dist/esm/index.js'] }],
      bundles: ['import { app } from "electron";\n// node_modules/zod/v4/core/util.js\nfunction f() {}\n//#region node_modules/ulid/dist/index.js\n', 'const text = "// node_modules/not-at-line-start";'],
    });
    expect(shipped).toEqual(['@xyflow/react', 'dexie', 'ulid', 'zod']);
  });
});

describe('unpinnedDependencies', () => {
  it('accepts exact versions only', () => {
    expect(unpinnedDependencies({ dependencies: { a: '1.2.3', b: '^1.0.0' }, devDependencies: { c: '~2.0.0', d: '3.0.0-beta.1', e: 'latest', f: '>=1' } })).toEqual(['b@^1.0.0', 'c@~2.0.0', 'e@latest', 'f@>=1']);
  });
  it('holds for this project’s package.json', async () => {
    const { default: packageJson } = await import('../../../package.json', { with: { type: 'json' } });
    expect(unpinnedDependencies(packageJson)).toEqual([]);
  });
});

describe('judgeAudit', () => {
  const shipped = ['react', 'dexie'];
  it('reports an unreachable advisory service as not run, never as passed', () => {
    const verdict = judgeAudit({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '' } }, shipped);
    expect(verdict).toEqual({ status: 'not-run', reason: 'the advisory service answered HTTP 405' });
    expect(judgeAudit(null, shipped).status).toBe('not-run');
  });
  it('fails on a high or critical advisory against a shipped package only', () => {
    const verdict = judgeAudit(
      {
        auditReportVersion: 2,
        vulnerabilities: {
          dexie: { severity: 'critical', via: [{ title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-x' }] },
          react: { severity: 'moderate', via: [{ title: 'Something minor', url: '' }] },
          'some-build-tool': { severity: 'high', via: ['another-tool'] },
        },
      },
      shipped,
    );
    expect(verdict.status).toBe('failed');
    if (verdict.status === 'not-run') throw new Error('unreachable');
    expect(verdict.fatal.map((f) => f.name)).toEqual(['dexie']);
    expect(verdict.other.map((f) => f.name).sort()).toEqual(['react', 'some-build-tool']);
  });
  it('passes when no shipped package has a high or critical advisory', () => {
    expect(judgeAudit({ auditReportVersion: 2, vulnerabilities: {} }, shipped)).toEqual({ status: 'passed', fatal: [], other: [] });
  });
});
