/**
 * PURE: the `keys:*` channels over a key vault. `registerIpc.ts` binds them behind the sender and
 * argument checks of `runIpcCall`; tests call them the same way without Electron.
 *
 * The vault throws `WorkbookError`s with user-facing codes; here they become `Result` values
 * (B8: errors cross IPC as values). A malformed age stanza the schema could not catch (a
 * low-order share) is the caller's fault: `ipc-bad-arguments`. Anything else is rethrown, so
 * that `runIpcCall` logs it and answers `internal` without sending its message.
 */
import type { InvokeChannel } from '../../../shared/ipc/channels';
import { WorkbookError } from '../../../shared/errors/codes';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { AgeStanzaError } from '../services/ageX25519';
import type { KeyVault } from '../services/keyVault';
import type { IpcImplementation } from './ipcCall';

export type KeyChannel = Extract<InvokeChannel, `keys:${string}`>;

async function attempt<T>(operation: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await operation());
  } catch (error) {
    // Details are technical sentences made by the vault (never key material).
    if (error instanceof WorkbookError) return err(error.code, error.message.slice(0, 500));
    if (error instanceof AgeStanzaError) return err('ipc-bad-arguments', error.message);
    throw error;
  }
}

export function keyChannelImplementations(vault: KeyVault): { [K in KeyChannel]: IpcImplementation<K> } {
  return {
    'keys:status': () => attempt(() => vault.status()),
    'keys:create': (request) => attempt(() => vault.create(request.profile, request.passphrase)),
    'keys:restore': (request) => attempt(() => vault.restore(request.backup, request.passphrase, request.installationId)),
    'keys:sign': (request) => attempt(() => vault.sign(request.message)),
    'keys:unwrapFileKey': (request) => attempt(() => vault.unwrapFileKey(request.stanzas)),
  };
}
