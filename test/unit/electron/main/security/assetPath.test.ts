import fc from 'fast-check';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset, type AssetResolution } from '../../../../../electron/main/security/assetPath';

const ROOT = resolve('/srv/crisis-workbook/dist/renderer');

function isInsideRoot(path: string): boolean {
  const inside = relative(ROOT, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

describe('resolveAppAsset — what is served', () => {
  it.each([
    ['app://workbook/', 'index.html', 'text/html; charset=utf-8'],
    ['app://workbook', 'index.html', 'text/html; charset=utf-8'],
    ['app://workbook/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://workbook/index.html?lang=nl#/contacts', 'index.html', 'text/html; charset=utf-8'],
    ['app://workbook/assets/index-Bx1.js', join('assets', 'index-Bx1.js'), 'text/javascript; charset=utf-8'],
    ['app://workbook/assets/index-Bx1.css', join('assets', 'index-Bx1.css'), 'text/css; charset=utf-8'],
    ['app://workbook/manifest.webmanifest', 'manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['app://workbook/icons/icon.svg', join('icons', 'icon.svg'), 'image/svg+xml'],
    ['app://workbook/icons/icon-512.png', join('icons', 'icon-512.png'), 'image/png'],
    ['app://workbook/favicon.ico', 'favicon.ico', 'image/x-icon'],
    ['app://workbook/assets/inter.woff2', join('assets', 'inter.woff2'), 'font/woff2'],
    ['app://workbook/locales/nl.json', join('locales', 'nl.json'), 'application/json; charset=utf-8'],
    ['app://workbook/robots.txt', 'robots.txt', 'text/plain; charset=utf-8'],
    ['app://workbook/sw.js', 'sw.js', 'text/javascript; charset=utf-8'],
    ['app://workbook/ASSETS/LOGO.PNG', join('ASSETS', 'LOGO.PNG'), 'image/png'], // extension case-insensitive
    ['app://workbook/assets/my%20file.js', join('assets', 'my file.js'), 'text/javascript; charset=utf-8'],
    ['app://workbook/..hidden.js', '..hidden.js', 'text/javascript; charset=utf-8'], // a name, not a dot-segment
  ])('%s → %s', (url, file, mime) => {
    expect(resolveAppAsset(url, ROOT)).toEqual({ path: join(ROOT, file), mime });
  });

  it('keeps a dot-segment that the URL parser resolves inside the root', () => {
    // The URL parser turns these into "/etc/passwd.js": a path under the root, not /etc.
    for (const url of ['app://workbook/../etc/passwd.js', 'app://workbook/%2e%2e/etc/passwd.js', 'app://workbook/a/.%2E/../../etc/passwd.js']) {
      expect(resolveAppAsset(url, ROOT)).toEqual({ path: join(ROOT, 'etc', 'passwd.js'), mime: 'text/javascript; charset=utf-8' });
    }
  });
});

describe('resolveAppAsset — what is refused', () => {
  // Legend: [why, url, expected reason]. Every refusal is a 404 with the reason that caught it.
  it.each([
    ['encoded slash hides ..', 'app://workbook/..%2f..%2fetc%2fpasswd', 'bad-segment'],
    ['fully encoded ../', 'app://workbook/%2e%2e%2fetc%2fpasswd', 'bad-segment'],
    ['upper-case encoded ../', 'app://workbook/%2E%2E%2Fsecret.js', 'bad-segment'],
    ['encoded backslash', 'app://workbook/..%5c..%5csecret.js', 'bad-segment'],
    ['raw backslash', 'app://workbook/assets\\..\\..\\secret.js', 'bad-segment'],
    ['NUL byte', 'app://workbook/index.html%00.png', 'bad-segment'],
    ['control character', 'app://workbook/a%0a.js', 'bad-segment'],
    ['empty segment = absolute path', 'app://workbook//etc/passwd.js', 'bad-segment'],
    ['encoded absolute path', 'app://workbook/%2fetc%2fpasswd.js', 'bad-segment'],
    ['Windows drive letter', 'app://workbook/C:/Windows/win.ini', 'bad-segment'],
    ['encoded drive letter', 'app://workbook/C%3a%5cWindows%5cwin.ini', 'bad-segment'],
    ['alternate data stream', 'app://workbook/index.html::$DATA', 'bad-segment'],
    ['malformed percent-encoding', 'app://workbook/%E0%A4%A.js', 'malformed-url'],
    ['a directory', 'app://workbook/assets/', 'directory'],
    ['unknown file type', 'app://workbook/assets/tool.exe', 'unknown-type'],
    ['no extension', 'app://workbook/assets/LICENSE', 'unknown-type'],
    ['a native module', 'app://workbook/x.node', 'unknown-type'],
    ['another host', 'app://evil/index.html', 'other-origin'],
    ['a look-alike host', 'app://workbook.evil/index.html', 'other-origin'],
    ['credentials', 'app://workbook@evil/index.html', 'other-origin'],
    ['a port', 'app://workbook:1/index.html', 'other-origin'],
    ['another scheme', 'file:///etc/passwd', 'other-origin'],
    ['https', 'https://workbook/index.html', 'other-origin'],
    ['not a URL', '../../etc/passwd', 'malformed-url'],
  ])('%s: %s', (_why, url, reason) => {
    expect(resolveAppAsset(url, ROOT)).toEqual({ status: 404, reason });
  });
});

describe('resolveAppAsset — invariant', () => {
  it('never returns a path outside the root, whatever the path', () => {
    // Paths built from the characters that matter for traversal, raw and percent-encoded.
    const pieces = fc.constantFrom('..', '.', '/', '\\', '%2e', '%2E', '%2f', '%2F', '%5c', '%00', ':', 'a', 'b.js', '%', '%25', 'C:', '~');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const result: AssetResolution = resolveAppAsset(`app://workbook/${parts.join('')}`, ROOT);
        return 'status' in result || isInsideRoot(result.path);
      }),
      { numRuns: 5_000 },
    );
  });

  it('never returns a path outside the root for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (tail) => {
        const result = resolveAppAsset(`app://workbook/${tail}`, ROOT);
        return 'status' in result || isInsideRoot(result.path);
      }),
      { numRuns: 5_000 },
    );
  });
});
