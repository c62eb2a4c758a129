/**
 * Build of the PouchDB peer page (bench/peer → dist/bench-peer) for `npm run bench`'s `peer`
 * measurement. Its own config, apart from the harness's (vite.bench.config.ts) and the app's
 * (vite.renderer.config.ts): PouchDB and its dump/load plugins are CommonJS written for Node
 * streams, which need Node's built-ins in the browser (`events`, `stream`, `buffer`, …) from
 * vite-plugin-node-polyfills, and `pouchdb-promise` taken from its CommonJS file (its ES entry
 * does not load in a Vite 8 build). Production settings, like the other two builds.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig({
  root: resolve(root, 'bench/peer'),
  base: './',
  publicDir: false,
  plugins: [nodePolyfills({ include: ['events', 'stream', 'buffer', 'util', 'process', 'os'], globals: { Buffer: true, process: true, global: true } })],
  resolve: {
    alias: [{ find: /^pouchdb-promise$/, replacement: resolve(root, 'node_modules/pouchdb-promise/lib/index.js') }],
  },
  build: {
    outDir: resolve(root, 'dist/bench-peer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
  },
  logLevel: 'warn',
});
