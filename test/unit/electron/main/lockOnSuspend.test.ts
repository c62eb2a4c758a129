/** OS screen lock and suspend reach the renderer as the 'app:lock' command, and stop when asked. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { lockOnSuspend } from '../../../../electron/main/lockOnSuspend';
import { MenuCommandSchema, type MenuCommand } from '../../../../shared/ipc/contract';

describe('lockOnSuspend', () => {
  it('sends app:lock on lock-screen and suspend, nothing on other power events', () => {
    const power = new EventEmitter();
    const send = vi.fn<(command: MenuCommand) => void>();
    lockOnSuspend(power, send);
    power.emit('resume');
    power.emit('unlock-screen');
    expect(send).not.toHaveBeenCalled();
    power.emit('lock-screen');
    power.emit('suspend');
    expect(send.mock.calls).toEqual([['app:lock'], ['app:lock']]);
    // The command is one the preload lets through.
    expect(MenuCommandSchema.parse('app:lock')).toBe('app:lock');
  });

  it('stops forwarding when stopped', () => {
    const power = new EventEmitter();
    const send = vi.fn<(command: MenuCommand) => void>();
    const stop = lockOnSuspend(power, send);
    stop();
    power.emit('lock-screen');
    expect(send).not.toHaveBeenCalled();
    expect(power.listenerCount('lock-screen')).toBe(0);
  });
});
