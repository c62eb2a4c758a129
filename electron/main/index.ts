/**
 * Entry point of the main process — lifecycle only: one instance, the app:// scheme, then on
 * ready the protocol, the hardened session, IPC, the menu and the window. Everything with a
 * decision in it lives in a pure module next to the glue that uses it.
 */
import { app, BrowserWindow, powerMonitor, protocol, safeStorage, session } from 'electron';
import { closestLanguage } from '../../shared/i18n/languages';
import { APP_ID } from './appIdentity';
import { distPaths } from './distPaths';
import { registerIpc } from './ipc/registerIpc';
import { log } from './log';
import { createMainWindow } from './mainWindow';
import { lockOnSuspend } from './lockOnSuspend';
import { installApplicationMenu } from './menu';
import { sendEvent } from './ipc/sendEvent';
import { registerAppProtocol } from './security/appProtocol';
import { APP_SCHEME_REGISTRATION } from './security/appScheme';
import { hardenAllWebContents, hardenSession } from './security/hardenSession';
import { createKeyVault } from './services/keyVault';
import { createSafeStorageProtector } from './services/safeStorageProtector';

// Both must happen before 'ready'.
protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]);
app.enableSandbox(); // every renderer sandboxed, whatever a window's options say

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same IndexedDB; hand over to the running one instead.
  app.quit();
} else {
  start();
}

function start(): void {
  const paths = distPaths(import.meta.dirname);
  let mainWindow: BrowserWindow | null = null;
  const getWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const openMainWindow = (): void => {
    mainWindow = createMainWindow(paths.preload, { allowDevTools: !app.isPackaged });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.setAppUserModelId(APP_ID);
  hardenAllWebContents(app);

  app.on('second-instance', () => {
    const window = getWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      registerAppProtocol(protocol, paths.rendererRoot);
      hardenSession(session.defaultSession);
      const language = installApplicationMenu({
        initialLanguage: closestLanguage(app.getLocale()),
        platform: process.platform,
        isPackaged: app.isPackaged,
        version: app.getVersion(),
        getWindow,
      });
      // The installation identity lives next to the IndexedDB data, sealed with safeStorage
      // (usable only after 'ready'); see docs/electron-security.md, "Key storage".
      const keyVault = createKeyVault({ directory: app.getPath('userData'), protector: createSafeStorageProtector(safeStorage, process.platform) });
      registerIpc({ language, getWindow, keyVault });
      // App lock: the OS locking the screen or sleeping locks the workbook (if its lock is on).
      lockOnSuspend(powerMonitor, (command) => {
        const window = getWindow();
        if (window) sendEvent(window.webContents, 'menu:command', command);
      });
      openMainWindow();
    })
    .catch((error: unknown) => {
      log.error('start-up failed', error);
      app.exit(1);
    });
}
