import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distPaths } from '../../../../electron/main/distPaths';

describe('distPaths', () => {
  it('finds the preload next to main.js and the renderer beside dist/electron', () => {
    const mainDir = resolve('/opt/app/resources/app.asar/dist/electron');
    expect(distPaths(mainDir)).toEqual({
      preload: join(mainDir, 'preload.cjs'),
      rendererRoot: resolve('/opt/app/resources/app.asar/dist/renderer'),
    });
  });
});
