/**
 * Build of the benchmark harness page (bench/harness → dist/bench), which runs the app's own data
 * layer in Chromium for `npm run bench`. Production settings, like the renderer's build
 * (vite.renderer.config.ts), so the figures are those of the code users run; no React, no
 * service worker: the harness has no UI.
 */
import { defineConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  root: 'bench/harness',
  base: './',
  publicDir: false,
  define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
  build: {
    outDir: '../../dist/bench',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2048,
  },
  logLevel: 'warn',
});
