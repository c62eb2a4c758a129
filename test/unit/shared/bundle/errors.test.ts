import { describe, expect, it } from 'vitest';
import { BundleRefusal, MAX_QUOTED_CHARS, MAX_REFUSAL_DETAIL_CHARS, bundleError, clip, quote, refuse } from '../../../../shared/bundle/errors';

describe('refusal details', () => {
  it('cuts a detail to its bound, marking the cut, whichever way the refusal is made', () => {
    const long = 'x'.repeat(70_000);
    expect(bundleError('bundle-malformed', long).detail).toHaveLength(MAX_REFUSAL_DETAIL_CHARS);
    expect(bundleError('bundle-malformed', long).detail.endsWith('…')).toBe(true);
    expect(new BundleRefusal({ code: 'bundle-malformed', detail: long }).error.detail).toHaveLength(MAX_REFUSAL_DETAIL_CHARS);
    expect(() => refuse('bundle-malformed', long)).toThrow(BundleRefusal);
    try {
      refuse('bundle-malformed', long);
    } catch (e) {
      expect((e as BundleRefusal).message.length).toBeLessThanOrEqual(MAX_REFUSAL_DETAIL_CHARS + 'bundle-malformed: '.length);
    }
    expect(bundleError('bundle-malformed', 'short').detail).toBe('short');
  });

  it('quotes values as JSON, cut short, never splitting a surrogate pair', () => {
    expect(quote('1.0')).toBe('"1.0"');
    expect(quote(Array.from({ length: 5_000 }, (_, i) => i))).toHaveLength(MAX_QUOTED_CHARS);
    expect(quote(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(quote(cyclic)).toBe('[object Object]');
    const emoji = clip(`${'a'.repeat(8)}😀😀`, 10);
    expect(emoji).toBe(`${'a'.repeat(8)}…`);
    expect(emoji.isWellFormed()).toBe(true);
  });
});
