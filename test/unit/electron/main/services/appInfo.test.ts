import { describe, expect, it } from 'vitest';
import { describeApp } from '../../../../../electron/main/services/appInfo';

describe('describeApp', () => {
  it('reports version, platform and the Electron and Chromium versions', () => {
    expect(describeApp('0.1.0', { platform: 'linux', versions: { electron: '45.4.1', chrome: '140.0.7339.41', node: '22.19.0' } })).toEqual({
      version: '0.1.0',
      platform: 'linux',
      electron: '45.4.1',
      chrome: '140.0.7339.41',
    });
  });

  it('says "unknown" rather than failing outside Electron', () => {
    expect(describeApp('0.1.0', { platform: 'win32', versions: {} })).toEqual({
      version: '0.1.0',
      platform: 'win32',
      electron: 'unknown',
      chrome: 'unknown',
    });
  });
});
