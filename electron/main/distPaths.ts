/**
 * PURE: where the built pieces are, relative to the main bundle. Build layout (fixed):
 * dist/electron/main.js, dist/electron/preload.cjs, dist/renderer/index.html — in the
 * project during development and inside app.asar when packaged.
 */
import { join, resolve } from 'node:path';

export interface DistPaths {
  readonly preload: string;
  readonly rendererRoot: string;
}

/** `mainBundleDir` is the directory of dist/electron/main.js (`import.meta.dirname`). */
export function distPaths(mainBundleDir: string): DistPaths {
  const electronDir = resolve(mainBundleDir);
  return {
    preload: join(electronDir, 'preload.cjs'),
    rendererRoot: join(electronDir, '..', 'renderer'),
  };
}
