// Builds the Electron main process and the preload with Vite's JS API (no config file):
//   electron/main/index.ts    -> dist/electron/main.js     ESM, Node 22, every dependency bundled
//   electron/preload/index.ts -> dist/electron/preload.cjs CommonJS for the sandboxed preload
// Only `electron` (and, for main, Node's built-ins) stay external, so the packaged app needs no
// node_modules at all. The renderer is built separately (vite.renderer.config.ts) into
// dist/renderer, which this script never touches.
import { builtinModules } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, 'dist/electron');
const rendererDir = resolve(root, 'renderer') + sep;

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Layering (B1): main and preload may import shared/, never renderer/. Fail the build if they do. */
function forbidRendererImports() {
  return {
    name: 'crisis-workbook-forbid-renderer',
    load(id) {
      if (resolve(id.split('?')[0]).startsWith(rendererDir)) {
        throw new Error(`electron/ must not import renderer code: ${id}`);
      }
      return null;
    },
  };
}

const common = {
  configFile: false,
  root,
  publicDir: false,
  logLevel: 'warn',
  envDir: false, // no .env files: nothing from the environment is baked in
  plugins: [forbidRendererImports()],
};

async function buildMain() {
  await build({
    ...common,
    build: {
      outDir,
      emptyOutDir: true, // only dist/electron: stale bundles never linger
      target: 'node22', // Electron 45's Node
      minify: false, // readable stack traces in logs
      sourcemap: false,
      reportCompressedSize: false,
      ssr: resolve(root, 'electron/main/index.ts'),
      rolldownOptions: {
        external: ['electron', ...nodeBuiltins],
        output: { format: 'es', entryFileNames: 'main.js' },
      },
    },
    // Bundle every dependency (zod, shared/): nothing is resolved from node_modules at run time.
    ssr: { noExternal: true, external: ['electron'], target: 'node' },
  });
}

async function buildPreload() {
  await build({
    ...common,
    build: {
      outDir,
      emptyOutDir: false, // main.js is already there
      target: 'chrome130', // runs in the renderer process of Electron 45
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      lib: {
        entry: resolve(root, 'electron/preload/index.ts'),
        formats: ['cjs'],
        fileName: () => 'preload.cjs',
      },
      rolldownOptions: {
        // A sandboxed preload's require() reaches only a few modules; it gets `electron` alone.
        external: ['electron'],
      },
    },
  });
}

await buildMain();
await buildPreload();
console.log('built dist/electron/main.js and dist/electron/preload.cjs');
