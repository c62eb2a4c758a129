import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppRequestHandler, type AppRequestHandler } from '../../../../../electron/main/security/appRequestHandler';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../../../shared/security/contentSecurityPolicy';

const INDEX_HTML = '<!doctype html><title>Crisis Workbook</title>';
const APP_JS = 'console.log("app");';

let base: string;
let root: string;
let handler: AppRequestHandler;
const warn = vi.fn();

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cwb-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets', 'nested.js'), { recursive: true }); // a directory named like a file
  await writeFile(join(root, 'index.html'), INDEX_HTML);
  await writeFile(join(root, 'assets', 'app.js'), APP_JS);
  await writeFile(join(root, 'manifest.webmanifest'), '{}');
  // A file next to the root that must never be reachable.
  await writeFile(join(base, 'secret.js'), 'SECRET');
  handler = createAppRequestHandler(root, { warn });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('app protocol handler', () => {
  it('serves index.html for the origin, with type and security headers', async () => {
    const response = await handler(new Request('app://workbook/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves built assets with their MIME type', async () => {
    const js = await handler(new Request('app://workbook/assets/app.js'));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-length')).toBe(String(Buffer.byteLength(APP_JS)));
    expect(await js.text()).toBe(APP_JS);

    const manifest = await handler(new Request('app://workbook/manifest.webmanifest'));
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
  });

  it('answers HEAD with headers and no body', async () => {
    const response = await handler(new Request('app://workbook/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX_HTML)));
    expectSecurityHeaders(response);
    expect(response.body).toBeNull();
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405', async (method) => {
    const response = await handler(new Request('app://workbook/index.html', { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expectSecurityHeaders(response);
  });

  it.each([
    'app://workbook/missing.js',
    'app://workbook/assets/nested.js', // a directory, not a file
    'app://workbook/..%2fsecret.js',
    'app://workbook/%2e%2e%2fsecret.js',
    'app://workbook/assets/..%5c..%5csecret.js',
    'app://evil/index.html',
    'app://workbook.evil/index.html',
  ])('answers 404 and serves nothing for %s', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
    expect(await response.text()).not.toContain('SECRET');
  });

  it('logs why a request was refused', async () => {
    warn.mockClear();
    await handler(new Request('app://workbook/..%2fsecret.js'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('bad-segment'));
  });
});
