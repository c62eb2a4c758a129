import type { WorkbookBridge } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/ipc/result';
import { fileSourceFromChunks } from './fileSource';
import type { Platform } from './Platform';
import { createDesktopSyncPort } from '../sync/syncPort';

export function createElectronPlatform(bridge: WorkbookBridge): Platform {
  return {
    kind: 'desktop',
    appInfo: () => bridge.getAppInfo(),
    openFile: (kind) => bridge.openFile({ kind }),
    openFileSource: async (kind) => {
      const picked = await bridge.openFileForReading({ kind });
      if (!picked.ok || picked.value === null) return picked.ok ? ok(null) : picked;
      return ok(fileSourceFromChunks(picked.value, bridge.readFileChunk));
    },
    saveFile: async (kind, suggestedName, bytes) => bridge.saveFile({ kind, suggestedName, bytes }),
    printToPdf: (suggestedName) => bridge.printToPdf({ suggestedName }),
    setLanguage: async (language) => {
      await bridge.setLanguage(language);
    },
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    keyVault: {
      status: () => bridge.getKeyStatus(),
      create: (profile, passphrase) => bridge.createKeys({ profile, passphrase }),
      restore: (backup, passphrase, installationId) => bridge.restoreKeys({ backup, passphrase, installationId }),
      sign: (message) => bridge.signWithKeys({ message }),
      unwrapFileKey: (stanzas) => bridge.unwrapFileKey({ stanzas: [...stanzas] }),
    },
    sync: createDesktopSyncPort(bridge),
  };
}
