/**
 * A small WebDAV client for a store-and-forward hub: PROPFIND (Depth 1), GET, PUT, MOVE, DELETE
 * and MKCOL, over an injected `fetch` (the browser's, Node's or Electron main's: all the same
 * standard API). It is kept to what a hub of opaque bundles needs, so that any standard server
 * does (Apache httpd mod_dav, Nextcloud, …).
 *
 * Errors are values with a kind the sync engine acts on: `unreachable` (network down, timeout,
 * 502–504: try again later with backoff), `unauthorized` (401/403: ask for credentials, do not
 * hammer), `not-found`, `conflict` (409/412: a parent is missing or the name is taken),
 * `server` (other 5xx) and `protocol` (an answer that is not WebDAV).
 */
import { toBase64, utf8 } from '../crypto/bytes';
import { MultistatusError, parseMultistatus, type DavEntry } from './multistatus';

/** What this client needs of `fetch`'s answer (the standard Response has it). */
export interface FetchResponseLike {
  readonly status: number;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface FetchInitLike {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer> | string;
  signal?: unknown;
  redirect?: 'error' | 'follow' | 'manual';
}

/** The standard `fetch`, as far as this client uses it. */
export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>;

export type WebDavErrorKind = 'unreachable' | 'unauthorized' | 'not-found' | 'conflict' | 'server' | 'protocol';

export class WebDavError extends Error {
  override readonly name = 'WebDavError';
  constructor(
    readonly kind: WebDavErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export interface WebDavCredentials {
  readonly username: string;
  readonly password: string;
}

export interface WebDavOptions {
  /** The hub's root collection, e.g. `https://hub.example.org/workbook/` (a trailing slash is added). */
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly credentials?: WebDavCredentials | null;
  /** Per request; a hub that does not answer within it counts as unreachable. */
  readonly timeoutMs?: number;
}

// AbortSignal is standard in browsers and Node; shared/ compiles without DOM or Node types.
declare const AbortSignal: { timeout(ms: number): unknown };

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/><D:getetag/></D:prop></D:propfind>';

/** Percent-encode each segment (names are checked by the layout, but a hub URL must never be built by string luck). */
export function encodePath(segments: readonly string[]): string {
  return segments.map((s) => {
    if (s === '' || s === '.' || s === '..' || s.includes('/')) throw new WebDavError('protocol', `invalid path segment ${JSON.stringify(s)}`);
    return encodeURIComponent(s);
  }).join('/');
}

function classify(status: number, what: string): WebDavError {
  if (status === 401 || status === 403) return new WebDavError('unauthorized', `${what}: the hub refused the credentials (HTTP ${status})`, status);
  if (status === 404) return new WebDavError('not-found', `${what}: not found (HTTP 404)`, status);
  if (status === 409 || status === 412) return new WebDavError('conflict', `${what}: conflict (HTTP ${status})`, status);
  if (status === 502 || status === 503 || status === 504) return new WebDavError('unreachable', `${what}: the hub is not available (HTTP ${status})`, status);
  if (status >= 500) return new WebDavError('server', `${what}: server error (HTTP ${status})`, status);
  return new WebDavError('protocol', `${what}: unexpected HTTP ${status}`, status);
}

export class WebDavClient {
  private readonly base: string;
  private readonly basePath: string;
  private readonly authorization: string | null;

  constructor(private readonly options: WebDavOptions) {
    const match = /^(https?:\/\/[^/?#]+)(\/[^?#]*)?$/i.exec(options.baseUrl.trim());
    if (!match) throw new WebDavError('protocol', `not an http(s) URL: ${options.baseUrl}`);
    const path = (match[2] ?? '/').replace(/\/*$/, '/');
    this.base = `${match[1]}${path}`;
    this.basePath = path;
    this.authorization = options.credentials ? `Basic ${toBase64(utf8(`${options.credentials.username}:${options.credentials.password}`))}` : null;
  }

  private url(segments: readonly string[], collection: boolean): string {
    const path = encodePath(segments);
    return `${this.base}${path}${collection && path !== '' ? '/' : ''}`;
  }

  private async request(method: string, url: string, what: string, headers: Record<string, string> = {}, body?: Uint8Array<ArrayBuffer> | string): Promise<FetchResponseLike> {
    const all: Record<string, string> = { ...headers };
    if (this.authorization) all['Authorization'] = this.authorization;
    try {
      return await this.options.fetch(url, {
        method,
        headers: all,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        redirect: 'error',
      });
    } catch (e) {
      throw new WebDavError('unreachable', `${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
  }

  /** Whether the hub's root answers (and accepts the credentials): used to notice that it is back. */
  async probe(): Promise<void> {
    await this.list([]);
  }

  /** The members of a collection; a collection that does not exist lists as empty. */
  async list(segments: readonly string[]): Promise<DavEntry[]> {
    const what = `PROPFIND /${segments.join('/')}`;
    const response = await this.request('PROPFIND', this.url(segments, true), what, { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, PROPFIND_BODY);
    if (response.status === 404) return [];
    if (response.status !== 207) throw classify(response.status, what);
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      throw new WebDavError('unreachable', `${what}: the answer broke off (${e instanceof Error ? e.message : String(e)})`);
    }
    const path = `${this.basePath}${encodePath(segments)}`;
    try {
      return parseMultistatus(text, path);
    } catch (e) {
      if (e instanceof MultistatusError) throw new WebDavError('protocol', `${what}: ${e.message}`);
      throw e;
    }
  }

  async get(segments: readonly string[], maxBytes: number): Promise<Uint8Array> {
    const what = `GET /${segments.join('/')}`;
    const response = await this.request('GET', this.url(segments, false), what);
    if (response.status !== 200) throw classify(response.status, what);
    let buffer: ArrayBuffer;
    try {
      buffer = await response.arrayBuffer();
    } catch (e) {
      throw new WebDavError('unreachable', `${what}: the transfer broke off (${e instanceof Error ? e.message : String(e)})`);
    }
    if (buffer.byteLength > maxBytes) throw new WebDavError('protocol', `${what}: ${buffer.byteLength} bytes is more than the ${maxBytes} allowed`);
    return new Uint8Array(buffer);
  }

  async put(segments: readonly string[], bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    const what = `PUT /${segments.join('/')}`;
    const response = await this.request('PUT', this.url(segments, false), what, { 'Content-Type': 'application/octet-stream' }, bytes);
    if (response.status !== 201 && response.status !== 204 && response.status !== 200) throw classify(response.status, what);
  }

  /** Rename within the hub; `overwrite` false refuses (412) when the destination exists. */
  async move(from: readonly string[], to: readonly string[], overwrite: boolean): Promise<void> {
    const what = `MOVE /${from.join('/')}`;
    const response = await this.request('MOVE', this.url(from, false), what, { Destination: this.url(to, false), Overwrite: overwrite ? 'T' : 'F' });
    if (response.status !== 201 && response.status !== 204) throw classify(response.status, what);
  }

  /** Delete; one that is gone already counts as deleted. */
  async delete(segments: readonly string[]): Promise<void> {
    const what = `DELETE /${segments.join('/')}`;
    const response = await this.request('DELETE', this.url(segments, false), what);
    if (response.status !== 200 && response.status !== 204 && response.status !== 404) throw classify(response.status, what);
  }

  /** Make each collection along the path that does not exist yet (MKCOL answers 405 for one that does). */
  async ensureCollection(segments: readonly string[]): Promise<void> {
    for (let i = 1; i <= segments.length; i++) {
      const part = segments.slice(0, i);
      const what = `MKCOL /${part.join('/')}`;
      const response = await this.request('MKCOL', this.url(part, true), what);
      if (response.status !== 201 && response.status !== 405) throw classify(response.status, what);
    }
  }
}
