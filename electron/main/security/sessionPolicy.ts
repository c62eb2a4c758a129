/**
 * PURE: the decisions the hardened session makes — which requests may leave the renderer and
 * which web permissions a page gets. The workbook is offline by design: nothing is fetched from
 * a network, so every request that is not for the app itself is cancelled.
 */
import { isAppUrl, parseUrl } from './urlPolicy';

/**
 * Schemes a request may use. `app:` is the renderer itself; `devtools:` is Chromium's own
 * DevTools UI (only reachable in development builds); `data:` and `blob:` are in-memory
 * content the CSP already allows for images (they never reach a network).
 */
const LOCAL_REQUEST_SCHEMES: ReadonlySet<string> = new Set(['devtools:', 'data:', 'blob:']);

/** `true` if a request may proceed: the app's own origin or a purely local scheme. */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parseUrl(url);
  return parsed !== null && LOCAL_REQUEST_SCHEMES.has(parsed.protocol);
}

/**
 * Permissions granted to the app's own pages; everything else is denied. Each entry is here
 * for a reason:
 * - `persistent-storage`: `navigator.storage.persist()` keeps Chromium from evicting the
 *   IndexedDB that holds the workbook under disk pressure — losing it would lose crisis data.
 * - `clipboard-sanitized-write`: `navigator.clipboard.writeText()` for "copy diagnostics";
 *   write-only and sanitised (reading the clipboard stays denied).
 */
// notifications: clocks that warn or run out (issue 4), shown by the operating system.
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['persistent-storage', 'clipboard-sanitized-write', 'notifications']);

/** Grant only listed permissions, and only to the app's own origin. */
export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}
