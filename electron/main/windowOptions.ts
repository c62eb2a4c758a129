/**
 * PURE: the main window's options — the security baseline of B4 in one object, so a unit test
 * can assert every flag. The renderer is untrusted: no Node, sandboxed, isolated from the
 * preload, talking to main only through the named bridge.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from './appIdentity';

/** Matches the renderer's theme colour, so the window does not flash white while loading. */
export const MAIN_WINDOW_BACKGROUND = '#0f1b2d';

export interface MainWindowChoices {
  /** Developer tools are available in development only; a packaged build cannot open them. */
  readonly allowDevTools: boolean;
}

export function mainWindowOptions(preloadPath: string, choices: MainWindowChoices): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: MAIN_WINDOW_BACKGROUND,
    show: false, // shown on 'ready-to-show', so no half-painted window
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true, // checklist #3: the page cannot reach the preload's world
      sandbox: true, // checklist #4: OS-level sandbox; the preload is a bundled CJS file
      nodeIntegration: false, // checklist #2
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false, // checklist #12 (also blocked at 'will-attach-webview')
      webSecurity: true, // checklist #6: same-origin policy stays on
      allowRunningInsecureContent: false, // checklist #8
      experimentalFeatures: false, // checklist #9
      navigateOnDragDrop: false, // a dropped file must not replace the app
      spellcheck: false, // the spellchecker downloads dictionaries: no network
      safeDialogs: true, // a page cannot trap the user in alert() loops
      devTools: choices.allowDevTools,
    },
  };
}
