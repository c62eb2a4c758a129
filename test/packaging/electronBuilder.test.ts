/**
 * Packaging check, fully offline (toolchain.md §6):
 * (a) electron-builder.yml passes electron-builder's own schema, and the check can fail;
 * (b) a real `--linux dir` build against a STUB Electron distribution (no binary download)
 *     produces an app.asar with the built app and nothing else, and flips every fuse.
 *
 * The stub is a shell script that carries a fuse wire in Electron's format (sentinel, version,
 * length, states) set to Electron's own defaults, so the fuse step of electron-builder runs for
 * real and the test can read back that each configured fuse was flipped. The packaged result
 * cannot run (no binary); real installers are built with `npm run dist` on a connected machine.
 */
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../electron/main/appIdentity';

const ROOT = resolve(import.meta.dirname, '../..');
const REQUIRED_BUILD_OUTPUT = ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
const VALIDATOR = join(ROOT, 'scripts/validate-builder-config.cjs');
const ELECTRON_BUILDER_CLI = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const EXECUTABLE_NAME = 'crisis-workbook'; // linux.executableName in electron-builder.yml

/** @electron/fuses' marker before the fuse wire in every Electron binary since v12. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_DISABLED = 0x30; // '0'
const FUSE_ENABLED = 0x31; // '1'
/** Electron's default fuse states, in wire order (FuseV1Options 0…7). */
const ELECTRON_DEFAULT_FUSES = [1, 0, 1, 1, 0, 0, 0, 1].map((on) => (on ? FUSE_ENABLED : FUSE_DISABLED));

const temporaryDirs: string[] = [];

async function temporaryDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

function run(command: string, args: string[], timeout = 55_000) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, error: result.error };
}

/** An unpacked "Electron" that electron-builder can copy, rename and flip fuses in. */
async function createStubElectronDist(): Promise<string> {
  const stub = await temporaryDir('cwb-electron-stub-');
  await mkdir(join(stub, 'resources'));
  await mkdir(join(stub, 'locales'));
  await writeFile(join(stub, 'locales', 'en-US.pak'), '');
  await writeFile(join(stub, 'version'), 'v45.4.1');
  const script = Buffer.from('#!/bin/sh\necho "stub electron: cannot run" >&2\nexit 1\n# ');
  const fuseWire = Buffer.from([1 /* wire version */, ELECTRON_DEFAULT_FUSES.length, ...ELECTRON_DEFAULT_FUSES]);
  await writeFile(join(stub, 'electron'), Buffer.concat([script, Buffer.from(FUSE_SENTINEL), fuseWire, Buffer.from('\n')]));
  await chmod(join(stub, 'electron'), 0o755);
  return stub;
}

beforeAll(() => {
  const missing = REQUIRED_BUILD_OUTPUT.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`Packaging test needs the built app; missing ${missing.join(', ')}. Run "npm run build" first.`);
  }
});

afterAll(async () => {
  await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('electron-builder.yml — schema', { timeout: 60_000 }, () => {
  it('is valid according to electron-builder 26', () => {
    const result = run(process.execPath, [VALIDATOR]);
    expect(result.output).toContain('electron-builder config OK');
    expect(result.status).toBe(0);
  });

  it('rejects an invalid configuration (the check can fail)', async () => {
    const dir = await temporaryDir('cwb-builder-config-');
    const invalid = join(dir, 'electron-builder.yml');
    await writeFile(invalid, 'appId: eu.crisis-workbook.app\nasar: yes-please\nlinux:\n  iconz: nope.png\n');
    const result = run(process.execPath, [VALIDATOR, invalid]);
    expect(result.status).toBe(1);
    expect(result.output).toContain('configuration.asar');
  });

  it('keeps appId and productName in step with electron/main/appIdentity.ts', async () => {
    const yml = await readFile(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(/^appId:\s*(.+?)\s*$/m.exec(yml)?.[1]).toBe(APP_ID);
    expect(/^productName:\s*(.+?)\s*$/m.exec(yml)?.[1]).toBe(PRODUCT_NAME);
  });

  it('has auto-update switched off', async () => {
    const yml = await readFile(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^publish:\s*null\s*$/m);
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    const declared = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((field) =>
      Object.keys((manifest[field] ?? {}) as Record<string, string>),
    );
    expect(declared).not.toContain('electron-updater');
  });
});

describe('electron-builder — offline "dir" build with a stub Electron', { timeout: 60_000 }, () => {
  let appOutDir: string;
  let asarPath: string;
  let entries: string[];

  beforeAll(async () => {
    const stub = await createStubElectronDist();
    const output = await temporaryDir('cwb-release-');
    const result = run(process.execPath, [
      ELECTRON_BUILDER_CLI,
      '--linux',
      'dir',
      `-c.electronDist=${stub}`,
      `-c.directories.output=${output}`,
    ]);
    if (result.status !== 0) {
      throw new Error(`electron-builder failed (status ${String(result.status)}, ${String(result.error ?? '')}):\n${result.output}`);
    }
    appOutDir = join(output, 'linux-unpacked');
    asarPath = join(appOutDir, 'resources', 'app.asar');
    entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.split('\\').join('/'));
  }, 60_000);

  it('packs the built main process, preload and renderer', () => {
    expect(entries).toContain('/dist/electron/main.js');
    expect(entries).toContain('/dist/electron/preload.cjs');
    expect(entries).toContain('/dist/renderer/index.html');
    expect(entries).toContain('/package.json');
  });

  it('packs no node_modules at all (everything is bundled)', () => {
    expect(entries.filter((entry) => entry.includes('/node_modules'))).toEqual([]);
  });

  it('packs no source, tests, configuration or source maps', () => {
    const unwanted = entries.filter(
      (entry) =>
        /\.(ts|tsx|cts|mts|map)$/.test(entry) ||
        /^\/(test|electron|renderer|shared|scripts|docs|release|build)(\/|$)/.test(entry) ||
        /^\/(tsconfig.*\.json|electron-builder\.yml|package-lock\.json|vite.*\.config\.ts)$/.test(entry),
    );
    expect(unwanted).toEqual([]);
    expect(entries.every((entry) => entry === '/dist' || entry === '/package.json' || entry.startsWith('/dist/'))).toBe(true);
  });

  it('points package.json "main" at the packed main bundle', () => {
    const packaged = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as { main?: string };
    expect(packaged.main).toBe('dist/electron/main.js');
    expect(entries).toContain(`/${packaged.main ?? ''}`);
  });

  it('flips every configured fuse in the binary', async () => {
    const wire = await getCurrentFuseWire(join(appOutDir, EXECUTABLE_NAME));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      enableCookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      enableNodeOptionsEnvironmentVariable: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      enableNodeCliInspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      enableEmbeddedAsarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      grantFileProtocolExtraPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: FUSE_DISABLED,
      enableCookieEncryption: FUSE_ENABLED,
      enableNodeOptionsEnvironmentVariable: FUSE_DISABLED,
      enableNodeCliInspectArguments: FUSE_DISABLED,
      enableEmbeddedAsarIntegrityValidation: FUSE_ENABLED,
      onlyLoadAppFromAsar: FUSE_ENABLED,
      grantFileProtocolExtraPrivileges: FUSE_DISABLED,
    });
  });
});
