/**
 * Fuzzing the arguments of IPC calls (issue 9): what a compromised or buggy renderer could send
 * to the main process, as structured-clone values. The schemas of shared/ipc/contract.ts and the
 * pure gate of electron/main/ipc/ipcCall.ts (no Electron loaded) must never throw, must refuse
 * with a bounded detail, and what they accept must parse again to itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIpcCall } from '../../electron/main/ipc/ipcCall';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared/ipc/channels';
import { IPC_ARGUMENT_SCHEMAS, parseIpcArguments } from '../../shared/ipc/contract';
import { MAX_DETAIL_CHARS, expectBoundedMessage, fuzzParser, reportCounts } from './fuzzKit';
import { XSS_PAYLOADS, hostileText, hugeText } from './hostile';

reportCounts('ipc');

const APP_TOP_FRAME = { url: 'app://workbook/index.html', isTopFrame: true };
const ULID = '01JQ5Z0000000000000000000A';

/** One valid argument list per channel with arguments: the samples mutated below. */
const VALID: Partial<Record<InvokeChannel, unknown[]>> = {
  'app:setLanguage': ['nl'],
  'file:open': [{ kind: 'bundle' }],
  'file:save': [{ kind: 'report', suggestedName: 'sitrep.md', bytes: new Uint8Array([1, 2, 3]) }],
  'file:openForReading': [{ kind: 'contacts' }],
  'file:readChunk': [{ handle: 'ab'.repeat(16), offset: 0, length: 4096 }],
  'keys:create': [{ profile: { installationId: ULID, organisation: 'NCSC-NL', country: 'NL', person: 'J. Jansen', role: 'csirt' }, passphrase: 'correct horse battery staple' }],
  'keys:restore': [{ backup: new Uint8Array([1]), passphrase: 'x', installationId: ULID }],
  'keys:sign': [{ message: new Uint8Array(64) }],
  'keys:unwrapFileKey': [{ stanzas: [{ args: ['X25519', `${'A'.repeat(42)}A`], body: new Uint8Array(32) }] }],
  'report:printToPdf': [{ suggestedName: 'sitrep.pdf' }],
  'sync:list': [{ target: { kind: 'folder', path: '/media/usb/bundles' }, recipient: ULID }],
  'sync:read': [{ target: { kind: 'webdav', destinationId: ULID, url: 'https://hub.example.eu/dav/' }, location: { sender: ULID, recipient: ULID, sequence: 1, bundleId: ULID }, maxBytes: 1024 }],
  'sync:put': [{ target: { kind: 'folder', path: 'C:\\bundles' }, location: { sender: ULID, recipient: ULID, sequence: 2, bundleId: ULID }, bytes: new Uint8Array(10) }],
  'sync:setCredentials': [{ destinationId: ULID, username: 'duty', password: 'secret' }],
  'sync:forgetCredentials': [{ destinationId: ULID }],
  'sync:watchFolders': [{ folders: [{ destinationId: ULID, path: '/media/usb' }] }],
};

/** Values a renderer can send through structured clone: no functions, getters or class instances beyond these. */
const cloneable: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  values: [
    hostileText,
    hugeText,
    fc.constantFrom(...XSS_PAYLOADS, '../../.bashrc', '/etc/passwd', 'C:\\Windows\\System32', '\\\\server\\share', 'file:///etc/passwd', 'javascript:alert(1)', '__proto__', 'constructor'),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53, -1, 4 * 1024 * 1024 + 1, 1024 * 1024 * 1024 + 1),
    fc.uint8Array({ maxLength: 64 }),
  ],
});

/**
 * An absurd value that must be refused cheaply: huge arrays, huge byte arrays, deep nesting, many
 * keys. Generated as a description and built in the property, so that a failure report stays short.
 */
type Absurd = { kind: 'array' | 'bytes' | 'nest' | 'keys'; size: number };
const absurd: fc.Arbitrary<Absurd> = fc.oneof(
  fc.record({ kind: fc.constant('array' as const), size: fc.integer({ min: 1_000, max: 100_000 }) }),
  fc.record({ kind: fc.constant('bytes' as const), size: fc.constantFrom(16 * 1024 * 1024, 64 * 1024 + 1, 4097) }),
  fc.record({ kind: fc.constant('nest' as const), size: fc.integer({ min: 100, max: 5_000 }) }),
  fc.record({ kind: fc.constant('keys' as const), size: fc.integer({ min: 100, max: 50_000 }) }),
);

function build({ kind, size }: Absurd): unknown {
  switch (kind) {
    case 'array':
      return Array.from({ length: size }, () => ({ destinationId: ULID, path: '/x' }));
    case 'bytes':
      return new Uint8Array(size);
    case 'nest': {
      let v: unknown = 'deep';
      for (let i = 0; i < size; i++) v = { folders: [v] };
      return v;
    }
    case 'keys':
      return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}${'x'.repeat(i % 50)}`, i]));
  }
}

/** A copy of `args` with the value at one place (any depth) replaced. */
function replaceAt(args: unknown[], pick: number, replacement: unknown): unknown[] {
  const copy = structuredClone(args);
  const places: Array<{ holder: Record<string | number, unknown>; key: string | number }> = [];
  const visit = (value: unknown): void => {
    if (value instanceof Uint8Array || value === null || typeof value !== 'object') return;
    for (const key of Object.keys(value)) {
      places.push({ holder: value as Record<string, unknown>, key });
      visit((value as Record<string, unknown>)[key]);
    }
  };
  visit(copy);
  const place = places[pick % Math.max(1, places.length)];
  if (place) place.holder[place.key] = replacement;
  else copy.push(replacement);
  return copy;
}

const channels = INVOKE_CHANNELS as readonly InvokeChannel[];

function expectChecked(channel: InvokeChannel, args: unknown[]): void {
  const parsed = parseIpcArguments(channel, args);
  if (parsed.ok) {
    // What is accepted is exactly what the schema describes: parsing it again gives it back.
    const again = IPC_ARGUMENT_SCHEMAS[channel].safeParse(parsed.value);
    expect(again.success).toBe(true);
  } else expectBoundedMessage(parsed.detail);
  const gate = checkIpcCall(channel, APP_TOP_FRAME, args);
  expect(gate.ok).toBe(parsed.ok);
  if (!gate.ok) {
    expect(gate.error.code).toBe('ipc-bad-arguments');
    expect((gate.error.detail ?? '').length).toBeLessThanOrEqual(MAX_DETAIL_CHARS);
  }
  // An untrusted frame learns nothing, whatever it sends.
  expect(checkIpcCall(channel, { url: 'https://evil.example/', isTopFrame: true }, args)).toMatchObject({ ok: false, error: { code: 'ipc-untrusted-sender' } });
}

describe('IPC arguments: regression found by fuzzing', () => {
  it('keeps the refusal detail short when many items or keys are wrong', () => {
    // Was: every issue joined, e.g. 1,034 characters for one object of unknown keys, megabytes for 100,000 wrong folders.
    const folders = Array.from({ length: 100_000 }, () => ({ destinationId: 'x', path: 'relative' }));
    const r = parseIpcArguments('sync:watchFolders', [{ folders }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail.length).toBeLessThanOrEqual(600);
    const keys = parseIpcArguments('file:open', [{ kind: 'bundle', ...Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`key${i}`, i])) }]);
    expect(keys.ok).toBe(false);
    if (!keys.ok) expect(keys.detail.length).toBeLessThanOrEqual(600);
    expect(parseIpcArguments('file:open', [{ kind: 'executable' }])).toMatchObject({ ok: false, detail: expect.stringMatching(/^0\.kind: /) as unknown });
  });

  it('refuses bytes where an object belongs without enumerating them (no throw, no heap blow-up)', () => {
    // Was: RangeError "Invalid array length" thrown by zod for 600 MiB (seed 817257110), and 3.5 s /
    // 1 GB of heap in main for 8 MB: a strict object schema listed every index as an unknown key.
    const r = parseIpcArguments('file:save', [new Uint8Array(600 * 1024 * 1024)]);
    expect(r).toEqual({ ok: false, detail: '0: bytes where none are expected' });
    expect(parseIpcArguments('keys:create', [{ profile: new Uint8Array(8_000_000), passphrase: 'correct horse battery staple' }])).toEqual({ ok: false, detail: '0.profile: bytes where none are expected' });
    // Bytes where they belong still pass; a cyclic value (structured clone allows it) is walked once.
    expect(parseIpcArguments('keys:sign', [{ message: new Uint8Array(64) }]).ok).toBe(true);
    const cyclic: Record<string, unknown> = { kind: 'bundle' };
    cyclic.self = cyclic;
    expect(parseIpcArguments('file:open', [cyclic]).ok).toBe(false);
  });
});

describe('IPC arguments', () => {
  const ipc = fuzzParser('IPC arguments', 3);

  it('accepts the valid samples (so that their mutations below test something)', () => {
    for (const [channel, args] of Object.entries(VALID) as Array<[InvokeChannel, unknown[]]>) {
      ipc.counted();
      expect(parseIpcArguments(channel, args)).toMatchObject({ ok: true });
    }
  });

  it('checks mutated valid arguments of every channel without throwing', () => {
    ipc.check(3000, [fc.constantFrom(...channels), fc.nat(), cloneable], (channel, pick, replacement) => {
      expectChecked(channel, replaceAt(VALID[channel] ?? [], pick, replacement));
    });
  });

  it('checks arbitrary argument lists without throwing', () => {
    ipc.check(3000, [fc.constantFrom(...channels), fc.array(cloneable, { maxLength: 4 })], (channel, args) => expectChecked(channel, args));
  });

  it('refuses absurd sizes, counts and nesting with a bounded detail', () => {
    ipc.check(100, [fc.constantFrom(...channels), fc.nat(), absurd], (channel, pick, description) => {
      expectChecked(channel, replaceAt(VALID[channel] ?? [], pick, build(description)));
    });
  });
});
