// Builds the command-line tool with Vite's JS API (no config file):
//   cli/crisis-workbook.ts -> dist/cli/crisis-workbook.mjs   ESM for Node 20+, every dependency bundled
// Only Node's built-ins stay external, so the file runs on any machine with Node and nothing else
// (a kiosk machine checking a USB stick). It starts with a `#!/usr/bin/env node` line and is made
// executable, which is what package.json's "bin" entry needs.
import { chmod } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, 'dist/cli');
const outFile = resolve(outDir, 'crisis-workbook.mjs');
const forbidden = ['renderer', 'electron'].map((d) => resolve(root, d) + sep);

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Layering (B1): the tool uses shared/ only, never the app's renderer or main process code. */
function forbidAppImports() {
  return {
    name: 'crisis-workbook-cli-layering',
    load(id) {
      const path = resolve(id.split('?')[0]);
      if (forbidden.some((dir) => path.startsWith(dir))) throw new Error(`cli/ must not import app code: ${id}`);
      return null;
    },
  };
}

await build({
  configFile: false,
  root,
  publicDir: false,
  logLevel: 'warn',
  envDir: false, // nothing from the environment is baked in
  plugins: [forbidAppImports()],
  build: {
    outDir,
    emptyOutDir: true, // only dist/cli
    target: 'node20',
    minify: false, // readable stack traces
    sourcemap: false,
    reportCompressedSize: false,
    copyPublicDir: false,
    ssr: resolve(root, 'cli/crisis-workbook.ts'),
    rolldownOptions: {
      external: nodeBuiltins,
      output: { format: 'es', entryFileNames: 'crisis-workbook.mjs', banner: '#!/usr/bin/env node', codeSplitting: false },
    },
  },
  // Bundle every dependency (zod, canonicalize, fflate, noble, age-encryption, shared/).
  ssr: { noExternal: true, target: 'node' },
});
await chmod(outFile, 0o755);
console.log('built dist/cli/crisis-workbook.mjs');
