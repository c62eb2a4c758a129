import { describe, expect, it } from 'vitest';
import { APP_SCHEME_REGISTRATION, MAIN_WINDOW_URL } from '../../../../../electron/main/security/appScheme';
import { isAppUrl } from '../../../../../electron/main/security/urlPolicy';

describe('the app:// scheme registration', () => {
  it('keeps the origin that owns the IndexedDB data: scheme "app", standard', () => {
    expect(APP_SCHEME_REGISTRATION.scheme).toBe('app');
    expect(APP_SCHEME_REGISTRATION.privileges).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      codeCache: true,
    });
  });

  it('never bypasses the CSP', () => {
    expect(APP_SCHEME_REGISTRATION.privileges?.bypassCSP).toBeUndefined();
  });

  it('opens the window on the app origin', () => {
    expect(MAIN_WINDOW_URL).toBe('app://workbook/index.html');
    expect(isAppUrl(MAIN_WINDOW_URL)).toBe(true);
  });
});
