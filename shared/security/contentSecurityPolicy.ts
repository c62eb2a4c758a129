/**
 * The Content-Security-Policy of the renderer, in one place: the web build writes it into
 * index.html as a meta tag, the Electron main process also sends it as a header with every
 * response of the app:// protocol. Nothing may load from anywhere but the app itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Directives that only work as an HTTP header (browsers ignore them in a meta tag). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** The origin the desktop app serves the renderer from. Never change it: IndexedDB data belongs to it. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
