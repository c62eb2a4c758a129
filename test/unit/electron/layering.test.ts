/**
 * Structural checks on electron/: the modules that hold the decisions must stay pure (no
 * runtime import of `electron`, so they run under Vitest and can be reasoned about alone), and
 * the preload bundle may only pull in the IPC contract from shared/.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const ELECTRON_DIR = join(ROOT, 'electron');

/** The Electron glue: the only files allowed a runtime `import … from 'electron'`. */
const GLUE = new Set([
  'electron/main/index.ts',
  'electron/main/mainWindow.ts',
  'electron/main/menu.ts',
  'electron/main/ipc/handle.ts',
  'electron/main/ipc/registerIpc.ts',
  'electron/main/security/appProtocol.ts',
  'electron/main/services/fileDialogs.ts',
  'electron/preload/index.ts',
]);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.c?ts$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** Module specifiers of value (non-type) imports; `import type` is erased at build time. */
function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?!type\s)([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) {
    const clause = match[1];
    const specifier = match[2] ?? match[3];
    if (specifier === undefined) continue;
    // `import { type A, type B } from 'x'` imports nothing at run time either.
    if (clause !== undefined && /^\{\s*(?:type\s+\w+\s*(?:as\s+\w+\s*)?,?\s*)+\}$/.test(clause)) continue;
    specifiers.push(specifier);
  }
  return specifiers;
}

describe('electron/ layering', () => {
  it('imports electron at run time only from the listed glue modules', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(ELECTRON_DIR)) {
      const imports = runtimeImports(await readFile(join(ROOT, file), 'utf8'));
      if (imports.includes('electron') && !GLUE.has(file)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('every glue module listed still exists (the list cannot rot)', async () => {
    const files = new Set(await sourceFiles(ELECTRON_DIR));
    for (const file of GLUE) expect(files.has(file), file).toBe(true);
  });

  it('never imports renderer code', async () => {
    for (const file of await sourceFiles(ELECTRON_DIR)) {
      const imports = runtimeImports(await readFile(join(ROOT, file), 'utf8'));
      expect(imports.filter((specifier) => specifier.includes('renderer/')), file).toEqual([]);
    }
  });

  it('keeps the preload to electron, its own bridge and the shared IPC contract', async () => {
    const allowed = new Set(['electron', './bridge', '../../shared/ipc/channels', '../../shared/ipc/contract']);
    for (const file of ['electron/preload/index.ts', 'electron/preload/bridge.ts']) {
      const source = await readFile(join(ROOT, file), 'utf8');
      const all = [...source.matchAll(/from\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
      expect(all.filter((specifier) => !allowed.has(specifier ?? '')), file).toEqual([]);
    }
  });

  it('recognises runtime and type-only imports correctly (self-check of the scanner)', () => {
    expect(runtimeImports("import { app } from 'electron';")).toEqual(['electron']);
    expect(runtimeImports("import { app, type BrowserWindow } from 'electron';")).toEqual(['electron']);
    expect(runtimeImports("import type { App } from 'electron';")).toEqual([]);
    expect(runtimeImports("import { type App, type Session } from 'electron';")).toEqual([]);
    expect(runtimeImports("import 'electron';")).toEqual(['electron']);
  });
});
