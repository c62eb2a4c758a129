/**
 * PURE (Node only, no Electron): answers requests of the `app:` protocol from the built
 * renderer directory. `appProtocol.ts` hands this function to `protocol.handle`; keeping it
 * free of Electron lets the tests drive it with real `Request` objects under Node.
 *
 * Rules: GET and HEAD only (405 otherwise), files chosen by `resolveAppAsset` only (404
 * otherwise), every response carries the app's Content-Security-Policy and `nosniff`.
 * Symbolic links need no extra check: in a packaged app the files come from app.asar, which
 * cannot hold links pointing outside itself and whose integrity the fuses let Electron verify.
 */
import { readFile, stat } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../shared/security/contentSecurityPolicy';
import type { Logger } from '../log';
import { resolveAppAsset } from './assetPath';

export type AppRequestHandler = (request: Request) => Promise<Response>;

/** Headers on every answer, including errors: an error page must not run scripts either. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const ALLOWED_METHODS = ['GET', 'HEAD'];

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/** Builds the handler for files under `rootDir` (absolute path of dist/renderer). */
export function createAppRequestHandler(rootDir: string, logger?: Pick<Logger, 'warn'>): AppRequestHandler {
  return async (request) => {
    if (!ALLOWED_METHODS.includes(request.method)) {
      return plain(405, 'Method Not Allowed', { Allow: ALLOWED_METHODS.join(', ') });
    }
    const asset = resolveAppAsset(request.url, rootDir);
    if ('status' in asset) {
      logger?.warn(`app protocol refused ${request.method} ${request.url} (${asset.reason})`);
      return plain(404, 'Not Found');
    }
    try {
      const info = await stat(asset.path);
      if (!info.isFile()) return plain(404, 'Not Found');
      const headers = { ...SECURITY_HEADERS, 'Content-Type': asset.mime, 'Content-Length': String(info.size) };
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
      const bytes = await readFile(asset.path);
      return new Response(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        status: 200,
        headers: { ...headers, 'Content-Length': String(bytes.byteLength) },
      });
    } catch {
      // Missing file (the common case) or unreadable: either way there is nothing to serve.
      return plain(404, 'Not Found');
    }
  };
}
