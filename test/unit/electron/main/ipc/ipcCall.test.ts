import { describe, expect, it, vi } from 'vitest';
import type { InvokeChannel } from '../../../../../shared/ipc/channels';
import { ok } from '../../../../../shared/ipc/result';
import { checkIpcCall, runIpcCall } from '../../../../../electron/main/ipc/ipcCall';
import type { IpcSender } from '../../../../../electron/main/security/urlPolicy';

const APP_TOP_FRAME: IpcSender = { url: 'app://workbook/index.html', isTopFrame: true };
const SAVE_REQUEST = { kind: 'bundle', suggestedName: 'exercise.cwb', bytes: new Uint8Array([1, 2, 3]) } as const;

function quietLogger() {
  return { warn: vi.fn(), error: vi.fn() };
}

describe('checkIpcCall', () => {
  it('passes a good call with its parsed arguments', () => {
    expect(checkIpcCall('app:setLanguage', APP_TOP_FRAME, ['nl'])).toEqual(ok(['nl']));
    expect(checkIpcCall('app:getInfo', APP_TOP_FRAME, [])).toEqual(ok([]));
    const saved = checkIpcCall('file:save', APP_TOP_FRAME, [SAVE_REQUEST]);
    expect(saved.ok && saved.value[0].suggestedName).toBe('exercise.cwb');
    expect(checkIpcCall('report:printToPdf', APP_TOP_FRAME, [{ suggestedName: 'EXERCISE-sitrep-2.pdf' }])).toEqual(ok([{ suggestedName: 'EXERCISE-sitrep-2.pdf' }]));
    expect(checkIpcCall('report:saveFile' as InvokeChannel, APP_TOP_FRAME, []).ok).toBe(false);
  });

  // Legend: [why, sender]. The sender check comes first, so even good arguments are refused.
  it.each<[string, IpcSender | null]>([
    ['a remote page', { url: 'https://evil.example/', isTopFrame: true }],
    ['a look-alike origin', { url: 'app://workbook.evil/index.html', isTopFrame: true }],
    ['a file: page', { url: 'file:///tmp/index.html', isTopFrame: true }],
    ['a subframe of the app', { url: 'app://workbook/index.html', isTopFrame: false }],
    ['a destroyed frame', null],
  ])('refuses %s as untrusted', (_why, sender) => {
    expect(checkIpcCall('app:setLanguage', sender, ['nl'])).toEqual({
      ok: false,
      error: { code: 'ipc-untrusted-sender' },
    });
  });

  it('refuses a channel that is not in the contract', () => {
    // As a compromised caller would send it: the type system cannot stop a runtime string.
    const result = checkIpcCall('shell:openExternal' as InvokeChannel, APP_TOP_FRAME, ['https://evil.example']);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('ipc-bad-arguments');
    expect(!result.ok && result.error.detail).toContain('unknown channel');
  });

  it.each<[string, InvokeChannel, unknown[]]>([
    ['an unsupported language', 'app:setLanguage', ['fr']],
    ['a missing argument', 'app:setLanguage', []],
    ['an extra argument', 'app:getInfo', ['surprise']],
    ['an unknown file kind', 'file:open', [{ kind: 'executable' }]],
    ['an extra property', 'file:open', [{ kind: 'bundle', path: '/etc/passwd' }]],
    ['a path as file name', 'file:save', [{ ...SAVE_REQUEST, suggestedName: '../../.bashrc' }]],
    ['bytes that are not bytes', 'file:save', [{ ...SAVE_REQUEST, bytes: 'AAAA' }]],
    ['a path instead of a read handle', 'file:readChunk', [{ handle: '/etc/passwd', offset: 0, length: 10 }]],
    ['a chunk over 4 MiB', 'file:readChunk', [{ handle: 'ab'.repeat(16), offset: 0, length: 4 * 1024 * 1024 + 1 }]],
    ['a negative offset', 'file:readChunk', [{ handle: 'ab'.repeat(16), offset: -1, length: 10 }]],
    ['a path passed to open for reading', 'file:openForReading', [{ kind: 'bundle', path: '/etc/shadow' }]],
    ['a path as PDF name', 'report:printToPdf', [{ suggestedName: '../../report.pdf' }]],
    ['a PDF name without .pdf', 'report:printToPdf', [{ suggestedName: 'report.html' }]],
    ['a hidden PDF name', 'report:printToPdf', [{ suggestedName: '.report.pdf' }]],
    ['print options from the page', 'report:printToPdf', [{ suggestedName: 'r.pdf', options: { pageRanges: '1' } }]],
    ['no print request', 'report:printToPdf', []],
  ])('refuses %s as bad arguments', (_why, channel, args) => {
    const result = checkIpcCall(channel, APP_TOP_FRAME, args);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('ipc-bad-arguments');
    expect(!result.ok && result.error.detail).toBeTruthy();
  });
});

describe('runIpcCall', () => {
  it('calls the implementation with the parsed arguments and returns its result', async () => {
    const implementation = vi.fn((_language: 'en' | 'nl') => ok(null));
    const result = await runIpcCall('app:setLanguage', APP_TOP_FRAME, ['nl'], implementation, quietLogger());
    expect(result).toEqual(ok(null));
    expect(implementation).toHaveBeenCalledExactlyOnceWith('nl');
  });

  it('never calls the implementation for an untrusted sender, and logs the refusal', async () => {
    const implementation = vi.fn(() => ok(null));
    const logger = quietLogger();
    const result = await runIpcCall('app:setLanguage', { url: 'https://evil.example/', isTopFrame: true }, ['nl'], implementation, logger);
    expect(result).toEqual({ ok: false, error: { code: 'ipc-untrusted-sender' } });
    expect(implementation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
  });

  it('never calls the implementation with bad arguments', async () => {
    const implementation = vi.fn(() => ok(null));
    const result = await runIpcCall('app:setLanguage', APP_TOP_FRAME, ['klingon'], implementation, quietLogger());
    expect(!result.ok && result.error.code).toBe('ipc-bad-arguments');
    expect(implementation).not.toHaveBeenCalled();
  });

  it('turns a thrown error into err("internal") and logs it, without leaking the message', async () => {
    const logger = quietLogger();
    const failure = new Error('disk on fire at /home/officer/secret');
    const result = await runIpcCall('app:getInfo', APP_TOP_FRAME, [], () => Promise.reject(failure), logger);
    expect(result).toEqual({ ok: false, error: { code: 'internal' } });
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('app:getInfo'), failure);
  });

  it('turns a synchronous throw into err("internal") too', async () => {
    const result = await runIpcCall(
      'app:getInfo',
      APP_TOP_FRAME,
      [],
      () => {
        throw new TypeError('bug');
      },
      quietLogger(),
    );
    expect(result).toEqual({ ok: false, error: { code: 'internal' } });
  });
});
