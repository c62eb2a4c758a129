import { describe, expect, it } from 'vitest';
import {
  GRANTED_PERMISSIONS,
  isAllowedRequestUrl,
  isPermissionGranted,
} from '../../../../../electron/main/security/sessionPolicy';

describe('isAllowedRequestUrl', () => {
  it.each([
    'app://workbook/index.html',
    'app://workbook/assets/app.js',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://workbook/8c1a1f6e-1b7e-4a0c-9a43-5b0f1d1c2a11',
  ])('lets local requests through: %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'https://example.org/tracker.js',
    'http://127.0.0.1:8080/',
    'ws://localhost:5173/',
    'wss://example.org/socket',
    'ftp://example.org/file',
    'file:///etc/passwd',
    'app://workbook.evil/x.js',
    'app://evil/x.js',
    'chrome://settings',
    'not a url',
  ])('cancels everything else: %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

describe('isPermissionGranted', () => {
  it('grants only the listed permissions, and only to the app', () => {
    expect(GRANTED_PERMISSIONS).toEqual(new Set(['persistent-storage', 'clipboard-sanitized-write', 'notifications']));
    expect(isPermissionGranted('persistent-storage', 'app://workbook')).toBe(true);
    expect(isPermissionGranted('notifications', 'app://workbook/index.html')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://workbook/index.html')).toBe(true);
  });

  it('denies listed permissions to any other origin', () => {
    expect(isPermissionGranted('persistent-storage', 'https://evil.example')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://workbook.evil')).toBe(false);
    expect(isPermissionGranted('persistent-storage', '')).toBe(false);
    expect(isPermissionGranted('notifications', 'https://evil.example')).toBe(false);
  });

  it.each([
    'media',
    'geolocation',
    'clipboard-read',
    'openExternal',
    'fileSystem',
    'hid',
    'serial',
    'usb',
    'display-capture',
    'unknown',
  ])('denies %s even to the app', (permission) => {
    expect(isPermissionGranted(permission, 'app://workbook/index.html')).toBe(false);
  });
});
