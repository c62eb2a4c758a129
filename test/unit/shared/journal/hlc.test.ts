import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, ClockOverflowError, HybridLogicalClock, MAX_CLOCK_DRIFT_MS, formatHlc, parseHlc } from '../../../../shared/journal/hlc';

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

  it('moves on to the next millisecond after 65535 events in one, instead of wrapping or refusing', () => {
    const clock = new HybridLogicalClock(NODE_A, { wallClock: () => 0 });
    const seen = formatHlc({ millis: 0, counter: 0xffff, node: NODE_B });
    clock.observe(seen);
    const next = clock.tick();
    expect(next).toBe(formatHlc({ millis: 1, counter: 0, node: NODE_A }));
    expect(next > seen).toBe(true);
    expect(clock.tick()).toBe(formatHlc({ millis: 1, counter: 1, node: NODE_A }));
  });

  it('keeps ticking after observing the highest counter a day ahead (local edits stay possible)', () => {
    const wall = Date.parse('2026-01-01T00:00:00.000Z');
    const clock = new HybridLogicalClock(NODE_A, { wallClock: () => wall });
    const ahead = formatHlc({ millis: wall + MAX_CLOCK_DRIFT_MS, counter: 0xffff, node: NODE_B });
    clock.observe(ahead);
    let previous = ahead;
    for (let i = 0; i < 70_000; i++) {
      const next = clock.tick();
      if (!(next > previous)) throw new Error(`${next} does not sort after ${previous}`);
      previous = next;
    }
    expect(parseHlc(previous).millis).toBe(wall + MAX_CLOCK_DRIFT_MS + 2);
  });

  it('stops only at the end of the timestamp form (year 9999)', () => {
    const end = Date.parse('9999-12-31T23:59:59.999Z');
    const clock = new HybridLogicalClock(NODE_A, { wallClock: () => end });
    clock.observe(formatHlc({ millis: end, counter: 0xffff, node: NODE_B }));
    expect(() => clock.tick()).toThrow(ClockOverflowError);
  });

  it('does not follow a timestamp beyond the drift guard when asked to observe within it', () => {
    const wall = Date.parse('2026-01-01T00:00:00.000Z');
    const clock = new HybridLogicalClock(NODE_A, { wallClock: () => wall });
    expect(clock.observeWithinDrift(formatHlc({ millis: wall + MAX_CLOCK_DRIFT_MS + 1, counter: 0, node: NODE_B }))).toBe(false);
    expect(parseHlc(clock.tick()).millis).toBe(wall);
    expect(clock.observeWithinDrift(formatHlc({ millis: wall + 5, counter: 3, node: NODE_B }))).toBe(true);
    expect(clock.tick()).toBe(formatHlc({ millis: wall + 5, counter: 4, node: NODE_A }));
  });

  it('resumes after its own timestamps whatever the wall clock says (the clock was set back)', () => {
    const clock = new HybridLogicalClock(NODE_A, { wallClock: () => Date.parse('2000-01-01T00:00:00.000Z') });
    const own = formatHlc({ millis: Date.parse('2026-01-01T00:00:00.000Z'), counter: 0, node: NODE_A });
    clock.resume(own);
    expect(clock.tick() > own).toBe(true);
  });

  it('breaks ties between installations by node', () => {
    const t = Date.parse('2026-01-01T00:00:00.000Z');
    const a = new HybridLogicalClock(NODE_A, { wallClock: () => t }).tick();
    const b = new HybridLogicalClock(NODE_B, { wallClock: () => t }).tick();
    expect(a).not.toBe(b);
    expect(a < b).toBe(true);
  });
});
