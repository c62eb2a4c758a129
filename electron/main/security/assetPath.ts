/**
 * PURE: maps an `app://workbook/…` request URL to a file inside the built renderer directory,
 * or to the HTTP status to answer instead. This is the whole file-system exposure of the app
 * protocol, so it is an allowlist: one host, plain path segments only, known file types only.
 *
 * Invariant: a returned `path` is always `rootDir` itself joined with plain names — never
 * outside `rootDir`, whatever the URL (property-tested).
 */
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isAppUrl, parseUrl } from './urlPolicy';

/** Content types of the files the renderer build produces. Anything else is not served. */
export const ASSET_MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Why a request was refused; logged, and lets tests tell a refusal's cause apart. */
export type AssetRefusal =
  | 'malformed-url'
  | 'other-origin'
  | 'directory'
  | 'bad-segment'
  | 'unknown-type';

export type AssetResolution =
  | { readonly path: string; readonly mime: string }
  | { readonly status: 404; readonly reason: AssetRefusal };

/** The page `app://workbook/` stands for. */
export const INDEX_FILE = 'index.html';

function refuse(reason: AssetRefusal): AssetResolution {
  return { status: 404, reason };
}

/**
 * A decoded path segment is acceptable only as a plain file or folder name: no separators of
 * any platform, no dot-segments, no NUL or other control characters, no `:` (Windows drive
 * letters and alternate data streams).
 */
function isPlainName(segment: string): boolean {
  return (
    segment !== '' &&
    segment !== '.' &&
    segment !== '..' &&
    !/[/\\:\u0000-\u001f\u007f]/.test(segment)
  );
}

/** Resolve a request URL to a file under `rootDir` (an absolute path), or a refusal. */
export function resolveAppAsset(requestUrl: string, rootDir: string): AssetResolution {
  const url = parseUrl(requestUrl);
  if (url === null) return refuse('malformed-url');
  if (!isAppUrl(requestUrl)) return refuse('other-origin'); // one origin rule, in urlPolicy

  // The URL parser has already removed `.`/`..` and `%2e%2e` dot-segments; what is left is
  // still percent-encoded, and decoding may reveal separators (`%2f`, `%5c`) — checked below.
  const pathname = url.pathname === '' || url.pathname === '/' ? `/${INDEX_FILE}` : url.pathname;
  if (pathname.endsWith('/')) return refuse('directory');

  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse('malformed-url');
    }
    if (!isPlainName(segment)) return refuse('bad-segment');
    segments.push(segment);
  }

  const root = resolve(rootDir);
  const path = join(root, ...segments);
  // Belt and braces: the segment rules above already make escaping impossible.
  const inside = relative(root, path);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return refuse('bad-segment');

  const mime = ASSET_MIME_TYPES[extname(path).toLowerCase()];
  if (mime === undefined) return refuse('unknown-type');
  return { path, mime };
}
