// `npm run bench` starts here. The runner (bench/node/main.ts) is TypeScript that imports the
// app's shared/ modules with extensionless paths, which Node cannot load as they are; so it is
// bundled for Node first with Vite's build API, as scripts/build-cli.mjs bundles the command-line
// tool, then imported and run. Vite and Playwright stay external (the runner uses them); the
// bundle's hash keys the dataset cache, so a change to shared/ remakes the dataset.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Per process, so a smoke run (CI) and a full run can share a checkout. Under node_modules/.cache:
// ESLint and tsc never look there, and Node resolves the external packages from it.
const outDir = resolve(root, 'node_modules/.cache/crisis-workbook-bench', `runner-${process.pid}`);
const outFile = resolve(outDir, 'runner.mjs');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

await build({
  configFile: false,
  root,
  publicDir: false,
  logLevel: 'warn',
  envDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    copyPublicDir: false,
    ssr: resolve(root, 'bench/node/main.ts'),
    rolldownOptions: {
      external: [...nodeBuiltins, 'vite', /^@playwright\//, /^playwright/],
      output: { format: 'es', entryFileNames: 'runner.mjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

try {
  const codeHash = createHash('sha256').update(await readFile(outFile)).digest('hex');
  const { main } = await import(pathToFileURL(outFile).href);
  process.exitCode = await main({ root, argv: process.argv.slice(2), codeHash });
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
} finally {
  await rm(outDir, { recursive: true, force: true });
}
