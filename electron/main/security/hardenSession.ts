/**
 * Electron glue for the session and web-contents controls of the security baseline (B4):
 * permissions, network requests, navigation, new windows and `<webview>`. The decisions are
 * pure functions in `urlPolicy.ts` and `sessionPolicy.ts`.
 */
import type { App, Session, WebContents } from 'electron';
import { log } from '../log';
import { isAllowedRequestUrl, isPermissionGranted } from './sessionPolicy';
import { isAppUrl } from './urlPolicy';

/** Permissions and network policy of a session (the default one is the only one we use). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl);
    if (!granted) log.warn(`denied permission request "${permission}" from ${details.requestingUrl}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  // No remote content at all: anything that is not the app itself never leaves the machine.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) log.warn(`blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
}

/** Navigation, window-opening and webview controls for one web contents. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });
  // No second windows, ever: links with target=_blank and window.open() do nothing.
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`blocked a new window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log.warn(`blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log.warn(`blocked frame navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log.warn(`blocked redirect to ${event.url}`);
    }
  });
}

/** Apply `hardenWebContents` to every web contents the app ever creates, before it loads. */
export function hardenAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
