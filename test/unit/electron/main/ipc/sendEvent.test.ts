import { describe, expect, it, vi } from 'vitest';
import { sendEvent } from '../../../../../electron/main/ipc/sendEvent';

describe('sendEvent', () => {
  it('sends the payload on the channel', () => {
    const contents = { send: vi.fn(), isDestroyed: () => false };
    sendEvent(contents, 'menu:command', 'theme:toggle');
    expect(contents.send).toHaveBeenCalledExactlyOnceWith('menu:command', 'theme:toggle');
  });

  it('does nothing once the window is gone (send would throw)', () => {
    const contents = { send: vi.fn(), isDestroyed: () => true };
    sendEvent(contents, 'menu:command', 'theme:toggle');
    expect(contents.send).not.toHaveBeenCalled();
  });
});
