/**
 * Build of the renderer: the same bundle runs inside Electron (served from app://workbook) and as
 * an installable offline web app (service worker precaching every file, web manifest).
 */
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY } from './shared/security/contentSecurityPolicy';
import packageJson from './package.json' with { type: 'json' };

/** Writes the single CSP definition into index.html, so it cannot drift from Electron's header. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'crisis-workbook-csp',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace('%CONTENT_SECURITY_POLICY%', CONTENT_SECURITY_POLICY),
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: 'public',
  define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
  plugins: [
    contentSecurityPolicy(),
    react(),
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['icons/*.svg', 'icons/*.png'],
      manifest: {
        id: './',
        name: 'Crisis Workbook',
        short_name: 'Crisis Workbook',
        description: 'Offline workbook for cyber crisis management under the EU cyber blueprint',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#0f1b2d',
        theme_color: '#0f1b2d',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
        // Everything must be cached for the app to work offline, the built-in content pack and the
        // diagram layout engine included; workbox's default 2 MiB limit would silently leave a chunk out.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Loaded from disk or the service worker cache, never over a slow link: one chunk is fine.
    chunkSizeWarningLimit: 1024,
  },
  preview: { host: '127.0.0.1' },
});
