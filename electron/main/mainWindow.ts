/**
 * Electron glue: creates the main window with the baseline of `windowOptions.ts` and loads the
 * renderer from app://workbook. Navigation and window-opening controls are attached to every
 * web contents by `hardenAllWebContents` before this runs.
 */
import { BrowserWindow } from 'electron';
import { log } from './log';
import { MAIN_WINDOW_URL } from './security/appScheme';
import { mainWindowOptions, type MainWindowChoices } from './windowOptions';

export function createMainWindow(preloadPath: string, choices: MainWindowChoices): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, choices));
  window.once('ready-to-show', () => window.show());
  window.loadURL(MAIN_WINDOW_URL).catch((error: unknown) => {
    log.error(`could not load ${MAIN_WINDOW_URL}`, error);
    window.show(); // show Chromium's error page rather than nothing at all
  });
  return window;
}
