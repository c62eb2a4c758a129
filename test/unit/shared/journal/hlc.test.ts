import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, ClockOverflowError, HybridLogicalClock, formatHlc, parseHlc } from '../../../../shared/journal/hlc';

const NODE_A = '01JEXAMP1E0000000000000001';
const NODE_B = '01JEXAMP1E0000000000000002';

describe('hybrid logical clock', () => {
  it('formats and parses back', () => {
    const parts = { millis: Date.parse('2026-03-10T06:40:00.123Z'), counter: 42, node: NODE_A };
    const text = formatHlc(parts);
    expect(text).toBe(`2026-03-10T06:40:00.123Z-002a-${NODE_A}`);
    expect(parseHlc(text)).toEqual(parts);
  });

  it('rejects malformed timestamps', () => {
    expect(() => parseHlc('yesterday')).toThrow();
    expect(() => parseHlc('2026-03-10T06:40:00.123Z-zzzz-node')).toThrow();
  });

  it('issues strictly increasing timestamps even when the wall clock stands still or goes back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5_000, max: 5_000 }), { minLength: 1, maxLength: 200 }), (steps) => {
        let wall = Date.parse('2026-01-01T00:00:00.000Z');
        const clock = new HybridLogicalClock(NODE_A, { wallClock: () => wall });
        let previous = '';
        for (const step of steps) {
          wall += step;
          const next = clock.tick();
          expect(next > previous).toBe(true);
          previous = next;
        }
      }),
    );
  });

  it('sorts a local event after every timestamp it observed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 0xfffe }), (ahead, counter) => {
        const wall = Date.parse('2026-01-01T00:00:00.000Z');
        const remote = formatHlc({ millis: wall + ahead, counter, node: NODE_B });
        const clock = new HybridLogicalClock(NODE_A, { wallClock: () => wall });
        clock.observe(remote);
        expect(clock.tick() > remote).toBe(true);
      }),
    );
  });

  it('refuses a remote clock beyond the allowed drift', () => {
    const wall = Date.parse('2026-01-01T00:00:00.000Z');
    const clock = new HybridLogicalClock(NODE_A, { wallClock: () => wall, maxDriftMs: 60_000 });
    expect(() => clock.observe(formatHlc({ millis: wall + 120_000, counter: 0, node: NODE_B }))).toThrow(ClockDriftError);
    // Within the drift it is accepted.
    clock.observe(formatHlc({ millis: wall + 30_000, counter: 0, node: NODE_B }));
  });

  it('reports more than 65535 events in one millisecond instead of wrapping', () => {
    const clock = new HybridLogicalClock(NODE_A, { wallClock: () => 0 });
    clock.observe(formatHlc({ millis: 0, counter: 0xffff, node: NODE_B }));
    expect(() => clock.tick()).toThrow(ClockOverflowError);
  });

  it('breaks ties between installations by node', () => {
    const t = Date.parse('2026-01-01T00:00:00.000Z');
    const a = new HybridLogicalClock(NODE_A, { wallClock: () => t }).tick();
    const b = new HybridLogicalClock(NODE_B, { wallClock: () => t }).tick();
    expect(a).not.toBe(b);
    expect(a < b).toBe(true);
  });
});
