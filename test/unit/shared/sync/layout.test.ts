import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleFileName, bundlePath, isPartialFileName, newBundles, parseBundleFileName, parseBundlePath, partialFileName } from '../../../../shared/sync/layout';

const ULID = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const A = '01HV0000000000000000000000';
const B = '01HV0000000000000000000001';
const X = '01HVXXXXXXXXXXXXXXXXXXXXXX';

describe('bundle layout on a hub or in a folder', () => {
  it('names a bundle by sequence and id, and reads the name back', () => {
    fc.assert(
      fc.property(ULID, ULID, ULID, fc.integer({ min: 1, max: 99_999_999 }), (sender, recipient, bundleId, sequence) => {
        const path = bundlePath({ sender, recipient, sequence, bundleId });
        expect(parseBundlePath(path)).toEqual({ sender, recipient, sequence, bundleId });
      }),
    );
    expect(bundleFileName(42, X)).toBe(`00000042-${X}.cwb`);
  });

  it('never takes a temporary file, a stray file or a path outside the layout for a bundle', () => {
    const name = bundleFileName(3, X);
    expect(isPartialFileName(partialFileName(name))).toBe(true);
    expect(parseBundleFileName(partialFileName(name))).toBeNull();
    for (const bad of ['notes.txt', `00000003-${X}.cwb.tmp`, `0-${X}.cwb`, `00000003-${X.toLowerCase()}.cwb`, `../${name}`]) expect(parseBundleFileName(bad)).toBeNull();
    expect(parseBundlePath(`${A}/${name}`)).toBeNull();
    expect(parseBundlePath(`../${B}/${name}`)).toBeNull();
    expect(parseBundlePath(`${A}/..%2F/${name}`)).toBeNull();
    expect(() => bundlePath({ sender: '../etc', recipient: B, sequence: 1, bundleId: X })).toThrow();
    expect(() => bundleFileName(0, X)).toThrow(RangeError);
  });

  it('lists what is new, oldest first per sender, leaving out what was handled', () => {
    const one = { sender: A, recipient: B, sequence: 2, bundleId: X };
    const two = { sender: A, recipient: B, sequence: 1, bundleId: '01HV1111111111111111111111' };
    const other = { sender: '01HV2222222222222222222222', recipient: B, sequence: 7, bundleId: '01HV3333333333333333333333' };
    expect(newBundles([one, other, two, one], new Set())).toEqual([two, one, other]);
    expect(newBundles([one, two], new Set([bundlePath(two)]))).toEqual([one]);
    expect(newBundles([one, two], new Set([X]))).toEqual([two]);
  });
});
