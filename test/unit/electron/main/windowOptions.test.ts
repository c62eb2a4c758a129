import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../../electron/main/windowOptions';

const PRELOAD = '/opt/Crisis Workbook/resources/app.asar/dist/electron/preload.cjs';

describe('mainWindowOptions — security baseline (B4)', () => {
  const { webPreferences } = mainWindowOptions(PRELOAD, { allowDevTools: false });

  // Legend: [web preference, required value]. Every flag is asserted explicitly, so a
  // change to any of them fails here rather than silently weakening the app.
  it.each<[string, unknown]>([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
    ['safeDialogs', true],
    ['devTools', false],
    ['preload', PRELOAD],
  ])('%s is %s', (flag, value) => {
    expect(webPreferences).toHaveProperty(flag, value);
  });

  it('sets nothing that loosens the baseline', () => {
    expect(Object.keys(webPreferences ?? {}).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('allows developer tools only when asked (development builds)', () => {
    expect(mainWindowOptions(PRELOAD, { allowDevTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('opens hidden (shown on ready-to-show), on the theme background, with a usable minimum size', () => {
    const options = mainWindowOptions(PRELOAD, { allowDevTools: false });
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#0f1b2d');
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? 0);
    expect(options.title).toBe('Crisis Workbook');
  });
});
