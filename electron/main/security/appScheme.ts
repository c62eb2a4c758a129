/**
 * PURE: how the `app:` scheme is registered with Chromium. Must be passed to
 * `protocol.registerSchemesAsPrivileged` before the app is ready.
 *
 * `standard` gives `app://workbook` a real origin, and IndexedDB, localStorage and the Cache
 * API are keyed by that origin — the workbook's data lives there. Never rename the scheme or
 * the host, and never drop `standard`: the data would silently appear to be gone.
 */
import type { CustomScheme } from 'electron';
import { APP_ORIGIN, APP_SCHEME } from '../../../shared/security/contentSecurityPolicy';

export const APP_SCHEME_REGISTRATION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true, // origin, relative URLs, storage APIs
    secure: true, // treated like https: secure-context APIs (crypto.subtle, storage.persist)
    supportFetchAPI: true, // fetch() of the app's own files (e.g. the web manifest)
    codeCache: true, // V8 code cache for the renderer bundle: faster start
    // Deliberately NOT set: bypassCSP (the CSP must apply), corsEnabled, allowServiceWorkers
    // (the renderer skips its service worker inside Electron), stream.
  },
};

/** The page the main window opens. */
export const MAIN_WINDOW_URL = `${APP_ORIGIN}/index.html`;
