/**
 * The only module that reads `window.workbook`, the bridge the Electron preload exposes. Its
 * absence means the renderer runs in a plain browser.
 */
import type { WorkbookBridge } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    readonly workbook?: WorkbookBridge;
  }
}

export function desktopBridge(): WorkbookBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.workbook;
}
