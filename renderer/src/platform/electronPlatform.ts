import type { WorkbookBridge } from '../../../shared/ipc/contract';
import type { Platform } from './Platform';

export function createElectronPlatform(bridge: WorkbookBridge): Platform {
  return {
    kind: 'desktop',
    appInfo: () => bridge.getAppInfo(),
    openFile: (kind) => bridge.openFile({ kind }),
    saveFile: async (kind, suggestedName, bytes) => bridge.saveFile({ kind, suggestedName, bytes }),
    setLanguage: async (language) => {
      await bridge.setLanguage(language);
    },
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
  };
}
