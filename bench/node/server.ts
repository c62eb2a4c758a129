/**
 * A tiny static server on 127.0.0.1 for a page (the harness, dist/bench, or the built web app,
 * dist/renderer) and the dataset files (under /data/). GET and HEAD only, no directory listings, nothing outside the two folders.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.cwb': 'application/octet-stream',
  '.ndjson': 'application/x-ndjson',
  // The built web app (dist/renderer): browsers refuse stylesheets and manifests of another type.
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** Base URL, ending in `/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Resolve `relative` inside `dir`, or null when it would leave it. */
function inside(dir: string, relative: string): string | null {
  const path = normalize(join(dir, relative));
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? path : null;
}

export async function startServer(options: { pageDir: string; dataDir: string; port: number }): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const fail = (status: number) => {
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(String(status));
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405);
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return fail(400);
    }
    const path = pathname.startsWith('/data/')
      ? inside(options.dataDir, pathname.slice('/data/'.length))
      : inside(options.pageDir, pathname === '/' ? 'index.html' : pathname.slice(1));
    if (path === null) return fail(404);
    stat(path).then(
      (info) => {
        if (!info.isFile()) return fail(404);
        response.writeHead(200, {
          'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
          'content-length': info.size,
          'cache-control': 'no-store',
        });
        if (request.method === 'HEAD') return response.end();
        createReadStream(path)
          .on('error', () => response.destroy())
          .pipe(response);
      },
      () => fail(404),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
