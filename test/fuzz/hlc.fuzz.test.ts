/**
 * Fuzzing the hybrid logical clock against timestamps from peers (issue 9): any sequence of local
 * ticks and remote observations, with remote clocks far behind, close, or far in the future, and
 * malformed timestamps. Properties: a tick always sorts after every tick before it and after every
 * timestamp observed; a remote clock beyond the drift guard is refused (ClockDriftError) and moves
 * nothing; malformed text is refused with an Error, never crashes the clock.
 * A tick never fails: the clock stays within a day of the wall clock, and after 65535 events in one
 * millisecond it moves on to the next. (The journal and imports: authority.fuzz.test.ts, "far-future clocks".)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, HlcSchema, HybridLogicalClock, formatHlc, parseHlc } from '../../shared/journal/hlc';
import { testUlid } from './bundleKit';
import { fuzzParser, reportCounts } from './fuzzKit';
import { hostileText } from './hostile';

reportCounts('hlc');

const DAY = 24 * 3_600_000;
const START = Date.parse('2026-03-01T08:00:00.000Z');
const MAX_MILLIS = Date.parse('9999-12-31T23:59:59.999Z');
const LOCAL = testUlid('LOCAL', 1);
const PEER = testUlid('PEER', 2);

type Step =
  | { readonly kind: 'tick'; readonly advance: number }
  | { readonly kind: 'observe'; readonly offset: number; readonly counter: number }
  | { readonly kind: 'garbage'; readonly text: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('tick' as const), advance: fc.oneof(fc.constant(0), fc.integer({ min: -DAY, max: DAY })) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('observe' as const),
      // Far behind, close, just within / beyond the guard, years ahead, up to the year 9999.
      offset: fc.oneof(fc.integer({ min: -10 * 365 * DAY, max: 10_000 }), fc.constantFrom(DAY - 1, DAY, DAY + 1, 365 * DAY, MAX_MILLIS - START)),
      counter: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(0xfffe, 0xffff)),
    }),
  },
  // Impossible dates ("2026-02-30T25:61:61") are left out here: they are an open finding (it.todo below).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), text: fc.oneof(hostileText, fc.constantFrom('9999-12-31T23:59:59.999Z-ffff-builtin', '+010000-01-01T00:00:00.000Z-0000-builtin', '2026-03-01T08:00:00.000Z-zzzz-x', '2026-03-01T08:00:00.000Z-0000-')) }) },
);

describe('HLC', () => {
  const hlc = fuzzParser('HLC', 2);

  it('orders every local tick after everything seen, and refuses clocks beyond the guard', () => {
    hlc.check(2000, [fc.array(step, { maxLength: 40 })], (steps) => {
      let wall = START;
      const clock = new HybridLogicalClock(LOCAL, { wallClock: () => wall });
      let highest = '';
      for (const s of steps) {
        if (s.kind === 'tick') {
          wall = Math.max(0, wall + s.advance);
          // Never refuses (a local edit must always be possible), even after a remote counter of
          // 0xffff at a millisecond ahead of this wall clock: it moves on to the next millisecond.
          const t = clock.tick();
          expect(t > highest).toBe(true);
          highest = t;
        } else if (s.kind === 'observe') {
          const millis = Math.min(MAX_MILLIS, Math.max(0, wall + s.offset));
          const remote = formatHlc({ millis, counter: s.counter, node: PEER });
          try {
            clock.observe(remote);
            if (remote > highest) highest = remote;
          } catch (e) {
            expect(e).toBeInstanceOf(ClockDriftError);
            expect(millis - wall).toBeGreaterThan(DAY);
          }
        } else {
          try {
            clock.observe(s.text);
            // Accepted only if it is a well-formed timestamp.
            expect(HlcSchema.safeParse(s.text).success).toBe(true);
            if (s.text > highest) highest = s.text;
          } catch (e) {
            expect(e).toBeInstanceOf(Error);
          }
        }
      }
    });
  });

  // An impossible date would read as no time at all (no drift guard sees it) and sort after every
  // real timestamp, winning every merge for good.
  it('refuses timestamps of impossible dates, in the schema and when observed', () => {
    const node = testUlid('LOCAL', 1);
    for (const instant of ['9999-99-99T99:99:99.999Z', '2026-02-30T12:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-01-01T24:00:00.000Z']) {
      const hlc = `${instant}-ffff-${node}`;
      expect(HlcSchema.safeParse(hlc).success).toBe(false);
      expect(() => parseHlc(hlc)).toThrow();
      expect(() => new HybridLogicalClock(node).observe(hlc)).toThrow();
    }
    expect(HlcSchema.safeParse(`2026-02-28T23:59:59.999Z-0000-${node}`).success).toBe(true);
  });

  it('parses arbitrary text without crashing: a timestamp, or an Error', () => {
    hlc.check(2000, [fc.oneof(hostileText, fc.string(), fc.date({ noInvalidDate: false }).map((d) => `${Number.isNaN(d.getTime()) ? 'x' : d.toISOString()}-0000-builtin`))], (text) => {
      const valid = HlcSchema.safeParse(text).success;
      try {
        const parts = parseHlc(text);
        expect(valid).toBe(true);
        expect(Number.isFinite(parts.millis) || Number.isNaN(parts.millis)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
      }
    });
  });
});
