/**
 * PURE: the gate every IPC call passes in main — trusted sender, known channel, arguments
 * that parse against the shared contract — and the wrapper that turns whatever the service
 * does (including throwing) into a `Result`. `handle.ts` only adapts Electron's event to this.
 */
import { isInvokeChannel, type InvokeChannel } from '../../../shared/ipc/channels';
import { parseIpcArguments, type IpcArgs, type IpcResult } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { Logger } from '../log';
import { isTrustedSender, type IpcSender } from '../security/urlPolicy';

/** What a service implements for one channel: checked arguments in, a `Result` out. */
export type IpcImplementation<K extends InvokeChannel> = (
  ...args: IpcArgs<K>
) => IpcResult<K> | Promise<IpcResult<K>>;

/**
 * Decide whether a call may run. Order matters: an untrusted sender learns nothing about
 * channels or argument shapes. `channel` is typed, but checked again at runtime because the
 * value arrives from another process.
 */
export function checkIpcCall<K extends InvokeChannel>(
  channel: K,
  sender: IpcSender | null,
  args: readonly unknown[],
): Result<IpcArgs<K>> {
  if (!isTrustedSender(sender)) return err('ipc-untrusted-sender');
  if (!isInvokeChannel(channel)) return err('ipc-bad-arguments', `unknown channel "${String(channel)}"`);
  const parsed = parseIpcArguments(channel, [...args]);
  return parsed.ok ? ok(parsed.value) : err('ipc-bad-arguments', parsed.detail);
}

/** Check, run, and never throw across the process boundary (errors are values, B8). */
export async function runIpcCall<K extends InvokeChannel>(
  channel: K,
  sender: IpcSender | null,
  args: readonly unknown[],
  implementation: IpcImplementation<K>,
  logger: Pick<Logger, 'warn' | 'error'>,
): Promise<IpcResult<K> | Result<never>> {
  const checked = checkIpcCall(channel, sender, args);
  if (!checked.ok) {
    logger.warn(`rejected IPC call on "${channel}" from ${sender?.url ?? 'a destroyed frame'}: ${checked.error.code}`);
    return err(checked.error.code, checked.error.detail);
  }
  try {
    return await implementation(...checked.value);
  } catch (error) {
    logger.error(`IPC handler for "${channel}" failed`, error);
    return err('internal');
  }
}
