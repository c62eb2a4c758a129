/**
 * PURE: the `app:getInfo` answer (shown in About and in copied diagnostics) from the values
 * Electron and Node report.
 */
import type { AppInfo } from '../../../shared/ipc/contract';

export interface RuntimeFacts {
  readonly platform: string;
  readonly versions: Readonly<Record<string, string | undefined>>;
}

export function describeApp(version: string, runtime: RuntimeFacts): AppInfo {
  return {
    version,
    platform: runtime.platform,
    electron: runtime.versions['electron'] ?? 'unknown',
    chrome: runtime.versions['chrome'] ?? 'unknown',
  };
}
