/**
 * PURE: which URLs belong to the app. The renderer is served from exactly one origin,
 * `app://workbook` (shared/security/contentSecurityPolicy), and that origin is the only place
 * allowed to navigate, to call IPC and to receive permissions. Always decide on a parsed
 * `URL`, never on string prefixes: `app://workbook.evil` and `app://workbook@evil` start with
 * the right characters and are someone else.
 */
import { APP_HOST, APP_SCHEME } from '../../../shared/security/contentSecurityPolicy';

/** The frame that sent an IPC message, reduced to what the trust decision needs. */
export interface IpcSender {
  readonly url: string;
  /** `true` only for the window's main frame (`senderFrame.parent === null`). */
  readonly isTopFrame: boolean;
}

/** Parses without throwing; `null` for anything that is not an absolute URL. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * `true` for `app://workbook` and every path under it; false for other schemes, other hosts,
 * ports, credentials and unparsable strings.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    // `host` includes any port, so `app://workbook:80` is rejected here too.
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * An IPC sender is trusted only if it is the top frame of a page of the app. A frame that has
 * navigated away or been destroyed arrives as `null` and is not trusted.
 */
export function isTrustedSender(sender: IpcSender | null): boolean {
  return sender !== null && sender.isTopFrame && isAppUrl(sender.url);
}
