import { createBrowserPlatform } from './browserPlatform';
import { createElectronPlatform } from './electronPlatform';
import type { Platform } from './Platform';
import { desktopBridge } from './workbookApi';

export type { Platform, PickedFile } from './Platform';

/** The platform the renderer runs on, chosen once at start. */
export function detectPlatform(): Platform {
  const bridge = desktopBridge();
  return bridge ? createElectronPlatform(bridge) : createBrowserPlatform(__APP_VERSION__);
}
