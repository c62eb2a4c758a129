import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from '../../../../../electron/main/security/urlPolicy';

describe('isAppUrl', () => {
  it.each([
    'app://workbook/index.html',
    'app://workbook/',
    'app://workbook',
    'app://workbook/assets/index-abc123.js?v=1#top',
    'APP://workbook/index.html', // schemes are case-insensitive
  ])('accepts the app itself: %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  // Legend: look-alikes that start with the right characters but are another origin, other
  // schemes that could carry local or remote content, and strings that are not URLs at all.
  it.each([
    ['a longer host', 'app://workbook.evil/index.html'],
    ['credentials before another host', 'app://workbook@evil/index.html'],
    ['credentials before the right host', 'app://user@workbook/index.html'],
    ['user and password', 'app://user:pw@workbook/index.html'],
    ['a port', 'app://workbook:8080/index.html'],
    ['a trailing dot on the host', 'app://workbook./index.html'],
    ['an encoded host', 'app://work%62ook/index.html'],
    ['no authority', 'app:workbook/index.html'],
    ['an empty host', 'app:///workbook/index.html'],
    ['another host', 'app://evil/index.html'],
    ['an upper-case host (Chromium always lower-cases)', 'app://WORKBOOK/index.html'],
    ['https', 'https://workbook/index.html'],
    ['http on localhost', 'http://localhost:5173/'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['a scheme with the right prefix', 'apps://workbook/index.html'],
    ['a relative path', '/index.html'],
    ['an empty string', ''],
    ['garbage', 'not a url'],
  ])('rejects %s', (_why, url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the top frame of an app page', () => {
    expect(isTrustedSender({ url: 'app://workbook/index.html', isTopFrame: true })).toBe(true);
  });

  it('does not trust a subframe, even one of the app', () => {
    expect(isTrustedSender({ url: 'app://workbook/index.html', isTopFrame: false })).toBe(false);
  });

  it('does not trust a top frame from anywhere else', () => {
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://workbook.evil/', isTopFrame: true })).toBe(false);
  });

  it('does not trust a frame that is gone (senderFrame null)', () => {
    expect(isTrustedSender(null)).toBe(false);
  });
});
