import { describe, expect, it } from 'vitest';
import { encodePath, WebDavClient, WebDavError, type FetchInitLike, type FetchLike } from '../../../../shared/sync/webdav';

function fakeFetch(answer: (url: string, init: FetchInitLike) => { status: number; body?: string } | Error): { fetch: FetchLike; calls: Array<{ url: string; init: FetchInitLike }> } {
  const calls: Array<{ url: string; init: FetchInitLike }> = [];
  return {
    calls,
    fetch: (url, init) => {
      calls.push({ url, init });
      const a = answer(url, init);
      if (a instanceof Error) return Promise.reject(a);
      const body = a.body ?? '';
      return Promise.resolve({ status: a.status, text: () => Promise.resolve(body), arrayBuffer: () => Promise.resolve(new TextEncoder().encode(body).buffer) });
    },
  };
}

describe('WebDAV client', () => {
  it('sends Basic credentials, Depth 1 and percent-encoded paths', async () => {
    const f = fakeFetch(() => ({ status: 207, body: '<D:multistatus xmlns:D="DAV:"/>' }));
    const client = new WebDavClient({ baseUrl: 'https://hub.example/work book', fetch: f.fetch, credentials: { username: 'ncsc', password: 'pä:ss' } });
    expect(await client.list(['a b'])).toEqual([]);
    expect(f.calls[0]!.url).toBe('https://hub.example/work book/a%20b/');
    expect(f.calls[0]!.init.method).toBe('PROPFIND');
    expect(f.calls[0]!.init.headers).toMatchObject({ Depth: '1', Authorization: `Basic ${Buffer.from('ncsc:pä:ss').toString('base64')}` });
    expect(f.calls[0]!.init.redirect).toBe('error');
  });

  it('classifies failures so that the engine knows whether to back off or ask for credentials', async () => {
    const cases: Array<[number | Error, string]> = [
      [401, 'unauthorized'], [403, 'unauthorized'], [503, 'unreachable'], [500, 'server'], [409, 'conflict'], [302, 'protocol'], [new TypeError('fetch failed'), 'unreachable'],
    ];
    for (const [answer, kind] of cases) {
      const client = new WebDavClient({ baseUrl: 'http://127.0.0.1:1/', fetch: fakeFetch(() => (answer instanceof Error ? answer : { status: answer })).fetch });
      await expect(client.get(['x'], 10)).rejects.toMatchObject({ kind });
    }
  });

  it('treats a missing collection as empty, refuses an oversized file and a non-WebDAV answer', async () => {
    const client = (status: number, body = '') => new WebDavClient({ baseUrl: 'http://h/', fetch: fakeFetch(() => ({ status, body })).fetch });
    expect(await client(404).list(['nothing'])).toEqual([]);
    await expect(client(200, 'x'.repeat(11)).get(['f'], 10)).rejects.toMatchObject({ kind: 'protocol' });
    await expect(client(207, '<html/>').list([])).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('makes missing collections one by one and accepts ones that exist', async () => {
    const f = fakeFetch((url) => ({ status: url.endsWith('/a/') ? 405 : 201 }));
    await new WebDavClient({ baseUrl: 'http://h/root/', fetch: f.fetch }).ensureCollection(['a', 'b']);
    expect(f.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['MKCOL http://h/root/a/', 'MKCOL http://h/root/a/b/']);
  });

  it('never builds a path from unsafe segments or a URL with credentials in it', () => {
    for (const bad of [['..'], ['a/b'], ['']]) expect(() => encodePath(bad)).toThrow(WebDavError);
    expect(() => new WebDavClient({ baseUrl: 'ftp://h/', fetch: fakeFetch(() => ({ status: 200 })).fetch })).toThrow(WebDavError);
  });
});
