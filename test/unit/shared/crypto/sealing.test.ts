/** Sealing of stored rows and wrapping of the data key (shared/crypto/sealing.ts). */
import { describe, expect, it } from 'vitest';
import { isSealedRow, openBytes, openRow, sealBytes, SEALED_PROPERTY, sealRow, SealedRowError, unwrapDataKey, wrapDataKey } from '../../../../shared/crypto/sealing';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const key = random(32);
const CLEAR = ['id', 'workspace', 'incidentId', 'occurredAt', 'chain.seq'];
const row = {
  id: 'entry-1',
  workspace: 'real',
  incidentId: 'incident-1',
  occurredAt: '2026-03-10T08:00:00.000Z',
  text: 'Power restored at substation Zuid — ☎︎ über 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  chain: { seq: 3, prev: 'ab'.repeat(32) },
  bytes: new Uint8Array([1, 2, 3]),
  when: new Date(1_700_000_000_000),
  gone: undefined,
  odd: [-0, Number.NaN, Number.POSITIVE_INFINITY],
};

describe('sealing a row', () => {
  it('keeps the indexed key paths in clear, seals the rest, and opens to the same row', () => {
    const sealed = sealRow(key, 'logEntries', row.id, row, CLEAR, random);
    expect(isSealedRow(sealed)).toBe(true);
    expect(Object.keys(sealed).sort()).toEqual(['$sealed', 'chain', 'id', 'incidentId', 'occurredAt', 'workspace'].sort());
    expect(sealed['chain']).toEqual({ seq: 3 });
    expect(new TextDecoder().decode(sealed[SEALED_PROPERTY] as Uint8Array)).not.toContain('substation');
    const opened = openRow(key, 'logEntries', row.id, sealed);
    expect(opened).toEqual(row);
    expect(Object.keys(opened)).toEqual(Object.keys(row));
    expect(Object.is((opened['odd'] as number[])[0], -0)).toBe(true);
  });

  it('uses a new nonce for every write', () => {
    const a = sealRow(key, 'logEntries', row.id, row, CLEAR, random)[SEALED_PROPERTY] as Uint8Array;
    const b = sealRow(key, 'logEntries', row.id, row, CLEAR, random)[SEALED_PROPERTY] as Uint8Array;
    expect(a.subarray(1, 13)).not.toEqual(b.subarray(1, 13));
  });

  it('returns a row stored in clear as it is', () => {
    expect(openRow(key, 'logEntries', row.id, row)).toBe(row);
    expect(isSealedRow(row)).toBe(false);
  });

  it('does not open with another key', () => {
    const sealed = sealRow(key, 'logEntries', row.id, row, CLEAR, random);
    expect(() => openRow(random(32), 'logEntries', row.id, sealed)).toThrow(SealedRowError);
  });

  it('does not open in another row or another table (associated data)', () => {
    const sealed = sealRow(key, 'logEntries', row.id, row, CLEAR, random);
    expect(() => openRow(key, 'logEntries', 'entry-2', { ...sealed, id: 'entry-2' })).toThrow(SealedRowError);
    expect(() => openRow(key, 'contacts', row.id, sealed)).toThrow(SealedRowError);
    // Compound keys are bound as a whole.
    const staged = sealRow(key, 'importStaging', ['import-1', 1], { importId: 'import-1', seq: 1, operations: [] }, ['importId', 'seq'], random);
    expect(() => openRow(key, 'importStaging', ['import-1', 2], staged)).toThrow(SealedRowError);
    expect(openRow(key, 'importStaging', ['import-1', 1], staged)).toEqual({ importId: 'import-1', seq: 1, operations: [] });
  });

  it('does not open when any byte is altered', () => {
    const sealed = sealRow(key, 'logEntries', row.id, row, CLEAR, random);
    const blob = sealed[SEALED_PROPERTY] as Uint8Array;
    for (const at of [0, 1, 12, 13, blob.length - 1]) {
      const tampered = blob.slice();
      tampered[at] = tampered[at]! ^ 0x01;
      expect(() => openRow(key, 'logEntries', row.id, { ...sealed, [SEALED_PROPERTY]: tampered })).toThrow(SealedRowError);
    }
  });

  it('leaves what cannot be serialised synchronously in clear (a Blob)', () => {
    const file = new Blob(['bundle bytes']);
    const sealed = sealRow(key, 'quarantine', 'b-1', { bundleId: 'b-1', fileName: 'secret-name.cwb', file }, ['bundleId'], random);
    expect(sealed['file']).toBe(file);
    expect(sealed['fileName']).toBeUndefined();
    expect(openRow(key, 'quarantine', 'b-1', sealed)).toEqual({ bundleId: 'b-1', fileName: 'secret-name.cwb', file });
  });
});

describe('wrapping the data key', () => {
  it('unwraps with the passphrase only', async () => {
    const wrapped = await wrapDataKey(key, 'correct horse battery staple', random, 10);
    expect(wrapped.salt).not.toEqual('');
    expect(await unwrapDataKey(wrapped, 'correct horse battery staple')).toEqual(key);
    expect(await unwrapDataKey(wrapped, 'correct horse battery stapler')).toBeNull();
    expect(await unwrapDataKey({ ...wrapped, wrapped: wrapped.wrapped.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, 'correct horse battery staple')).toBeNull();
  });
});

describe('sealing bytes with the data key', () => {
  it('opens with the same key and context only', () => {
    const secret = new TextEncoder().encode('AGE-SECRET-KEY-1 and a seed');
    const sealed = sealBytes(key, 'installation secret identity\u0000A', secret, random);
    expect(new TextDecoder().decode(sealed)).not.toContain('AGE-SECRET');
    expect(openBytes(key, 'installation secret identity\u0000A', sealed)).toEqual(secret);
    expect(() => openBytes(key, 'installation secret identity\u0000B', sealed)).toThrow(SealedRowError);
    expect(() => openBytes(random(32), 'installation secret identity\u0000A', sealed)).toThrow(SealedRowError);
    const tampered = sealed.slice();
    tampered[20] = tampered[20]! ^ 0x80;
    expect(() => openBytes(key, 'installation secret identity\u0000A', tampered)).toThrow(SealedRowError);
  });
});
