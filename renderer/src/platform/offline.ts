/**
 * The web build's service worker: it precaches the whole app, so after one visit the workbook
 * starts with no network at all. Not used in the desktop app, which serves its files itself.
 */
import { registerSW } from 'virtual:pwa-register';

export function registerOfflineSupport(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
