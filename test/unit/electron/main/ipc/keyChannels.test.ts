/**
 * The `keys:*` channels: what their argument schemas let through to the key vault, and how the
 * vault's answers and refusals come back (as `Result` values, the way main answers the renderer).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkIpcCall, runIpcCall } from '../../../../../electron/main/ipc/ipcCall';
import { keyChannelImplementations } from '../../../../../electron/main/ipc/keyChannels';
import { createKeyVault, type KeyVault } from '../../../../../electron/main/services/keyVault';
import type { IpcSender } from '../../../../../electron/main/security/urlPolicy';
import type { InvokeChannel } from '../../../../../shared/ipc/channels';
import { MAX_AGE_STANZAS, MAX_IDENTITY_BACKUP_BYTES, MAX_SIGN_MESSAGE_BYTES } from '../../../../../shared/ipc/contract';
import { newRecordId } from '../../../../../shared/model/ids';
import { FakeSecretProtector } from '../../../../helpers/fakeSecretProtector';

const APP_TOP_FRAME: IpcSender = { url: 'app://workbook/index.html', isTopFrame: true };
const INSTALLATION = newRecordId();
const PROFILE = { installationId: INSTALLATION, organisation: 'NCSC Testland', country: 'NL', person: 'Jo Tester', role: 'liaison-officer' };
const PASSPHRASE = 'correct horse battery staple';
/** A well-formed X25519 stanza (canonical unpadded base64 share, 32-byte body). */
const STANZA = { args: ['X25519', `${'B'.repeat(42)}A`], body: new Uint8Array(32) };

function quietLogger() {
  return { warn: vi.fn(), error: vi.fn() };
}

describe('keys:* argument schemas', () => {
  // Legend: [channel, arguments] that must reach the vault.
  it.each<[InvokeChannel, unknown[]]>([
    ['keys:status', []],
    ['keys:create', [{ profile: PROFILE, passphrase: PASSPHRASE }]],
    ['keys:create', [{ profile: PROFILE, passphrase: 'x'.repeat(1024) }]],
    ['keys:restore', [{ backup: new Uint8Array(1000), passphrase: 'x', installationId: INSTALLATION }]],
    ['keys:sign', [{ message: new Uint8Array(64) }]],
    ['keys:sign', [{ message: new Uint8Array(MAX_SIGN_MESSAGE_BYTES) }]],
    ['keys:unwrapFileKey', [{ stanzas: [STANZA] }]],
    ['keys:unwrapFileKey', [{ stanzas: Array.from({ length: MAX_AGE_STANZAS }, () => STANZA) }]],
  ])('lets %s through with good arguments', (channel, args) => {
    expect(checkIpcCall(channel, APP_TOP_FRAME, args).ok).toBe(true);
  });

  // Legend: [why, channel, arguments] that must never reach the vault.
  it.each<[string, InvokeChannel, unknown[]]>([
    ['an argument to status', 'keys:status', [{}]],
    ['a passphrase under the minimum', 'keys:create', [{ profile: PROFILE, passphrase: 'too short' }]],
    ['a passphrase over the maximum', 'keys:create', [{ profile: PROFILE, passphrase: 'x'.repeat(1025) }]],
    ['an unknown country', 'keys:create', [{ profile: { ...PROFILE, country: 'XX' }, passphrase: PASSPHRASE }]],
    ['an extra profile field', 'keys:create', [{ profile: { ...PROFILE, signingSeed: 'AAAA' }, passphrase: PASSPHRASE }]],
    ['a path as installation id', 'keys:create', [{ profile: { ...PROFILE, installationId: '../../etc' }, passphrase: PASSPHRASE }]],
    ['an empty backup', 'keys:restore', [{ backup: new Uint8Array(0), passphrase: 'x', installationId: INSTALLATION }]],
    ['a backup over the limit', 'keys:restore', [{ backup: new Uint8Array(MAX_IDENTITY_BACKUP_BYTES + 1), passphrase: 'x', installationId: INSTALLATION }]],
    ['a backup as text', 'keys:restore', [{ backup: 'AGE', passphrase: 'x', installationId: INSTALLATION }]],
    ['an empty passphrase', 'keys:restore', [{ backup: new Uint8Array(10), passphrase: '', installationId: INSTALLATION }]],
    ['a message over the limit', 'keys:sign', [{ message: new Uint8Array(MAX_SIGN_MESSAGE_BYTES + 1) }]],
    ['a message as text', 'keys:sign', [{ message: 'sign me' }]],
    ['a bare message', 'keys:sign', [new Uint8Array(64)]],
    ['no stanzas', 'keys:unwrapFileKey', [{ stanzas: [] }]],
    ['too many stanzas', 'keys:unwrapFileKey', [{ stanzas: Array.from({ length: MAX_AGE_STANZAS + 1 }, () => STANZA) }]],
    ['another stanza type', 'keys:unwrapFileKey', [{ stanzas: [{ args: ['scrypt', 'c2FsdA', '18'], body: new Uint8Array(32) }] }]],
    ['a padded share', 'keys:unwrapFileKey', [{ stanzas: [{ ...STANZA, args: ['X25519', `${STANZA.args[1]}=`] }] }]],
    ['a non-canonical share', 'keys:unwrapFileKey', [{ stanzas: [{ ...STANZA, args: ['X25519', `${'B'.repeat(42)}B`] }] }]],
    ['a body of the wrong size', 'keys:unwrapFileKey', [{ stanzas: [{ ...STANZA, body: new Uint8Array(33) }] }]],
  ])('refuses %s', (_why, channel, args) => {
    const result = checkIpcCall(channel, APP_TOP_FRAME, args);
    expect(!result.ok && result.error.code).toBe('ipc-bad-arguments');
  });
});

describe('keys:* implementations over a vault', () => {
  let dir: string;
  let vault: KeyVault;
  let keys: ReturnType<typeof keyChannelImplementations>;
  let protector: FakeSecretProtector;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cwb-key-channels-'));
    protector = new FakeSecretProtector();
    vault = createKeyVault({ directory: dir, protector, scryptWorkFactor: 10 });
    keys = keyChannelImplementations(vault);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers with values, and with the vault’s codes when it refuses', async () => {
    const created = await runIpcCall('keys:create', APP_TOP_FRAME, [{ profile: PROFILE, passphrase: PASSPHRASE }], keys['keys:create'], quietLogger());
    expect(created.ok && created.value.card.installationId).toBe(INSTALLATION);
    const again = await runIpcCall('keys:create', APP_TOP_FRAME, [{ profile: PROFILE, passphrase: PASSPHRASE }], keys['keys:create'], quietLogger());
    expect(!again.ok && again.error.code).toBe('identity-exists');
    const signed = await runIpcCall('keys:sign', APP_TOP_FRAME, [{ message: new Uint8Array(64) }], keys['keys:sign'], quietLogger());
    expect(signed.ok && signed.value).toHaveLength(64);
    const status = await runIpcCall('keys:status', APP_TOP_FRAME, [], keys['keys:status'], quietLogger());
    expect(status.ok && status.value.protection).toEqual({ available: true, backend: 'gnome_libsecret' });

    protector.backend = 'basic_text';
    const refused = await runIpcCall('keys:sign', APP_TOP_FRAME, [{ message: new Uint8Array(64) }], keys['keys:sign'], quietLogger());
    expect(!refused.ok && refused.error.code).toBe('identity-protection-unavailable');
  });

  it('turns a low-order share (well-formed, but never honest) into ipc-bad-arguments', async () => {
    await vault.create(PROFILE, PASSPHRASE);
    const lowOrder = { args: ['X25519', 'A'.repeat(43)], body: new Uint8Array(32) };
    const result = await runIpcCall('keys:unwrapFileKey', APP_TOP_FRAME, [{ stanzas: [lowOrder] }], keys['keys:unwrapFileKey'], quietLogger());
    expect(!result.ok && result.error.code).toBe('ipc-bad-arguments');
  });

  it('never asks the vault for an untrusted sender', async () => {
    const sign = vi.spyOn(vault, 'sign');
    const result = await runIpcCall('keys:sign', { url: 'https://evil.example/', isTopFrame: true }, [{ message: new Uint8Array(64) }], keys['keys:sign'], quietLogger());
    expect(result).toEqual({ ok: false, error: { code: 'ipc-untrusted-sender' } });
    expect(sign).not.toHaveBeenCalled();
  });

  it('answers internal, without the message, when the vault fails unexpectedly', async () => {
    const broken = keyChannelImplementations({ ...vault, status: () => Promise.reject(new Error('EACCES /home/officer/.config')) });
    const logger = quietLogger();
    expect(await runIpcCall('keys:status', APP_TOP_FRAME, [], broken['keys:status'], logger)).toEqual({ ok: false, error: { code: 'internal' } });
    expect(logger.error).toHaveBeenCalled();
  });
});
