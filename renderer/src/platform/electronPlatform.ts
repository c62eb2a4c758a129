import type { WorkbookBridge } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/ipc/result';
import { fileSourceFromBytes } from './fileSource';
import type { Platform } from './Platform';

export function createElectronPlatform(bridge: WorkbookBridge): Platform {
  return {
    kind: 'desktop',
    appInfo: () => bridge.getAppInfo(),
    openFile: (kind) => bridge.openFile({ kind }),
    openFileSource: async (kind) => {
      // Main reads the chosen file (up to MAX_FILE_BYTES) and hands its bytes over; from there the
      // import streams and stages it like any other source.
      const picked = await bridge.openFile({ kind });
      return picked.ok && picked.value ? ok(fileSourceFromBytes(picked.value.name, picked.value.bytes)) : picked.ok ? ok(null) : picked;
    },
    saveFile: async (kind, suggestedName, bytes) => bridge.saveFile({ kind, suggestedName, bytes }),
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
  };
}
