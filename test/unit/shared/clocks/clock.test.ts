/**
 * Clock arithmetic across time zones and daylight-saving changes (issue 4), and clock states at
 * their boundaries.
 *
 * Reference dates (2026): Europe/Amsterdam springs forward on 29 March (02:00 CET → 03:00 CEST,
 * 01:00Z) and falls back on 25 October (03:00 CEST → 02:00 CET, 01:00Z); Europe/Athens changes at
 * the same instants (EET +2 / EEST +3); America/New_York springs forward on 8 March and falls back
 * on 1 November; Asia/Tokyo and UTC have no daylight saving time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ClockSchema,
  clockState,
  deadlineMsOf,
  deadlineOf,
  formatRemaining,
  type Clock,
  type ClockDuration,
} from '../../../../shared/clocks/clock';
import { localTimeAt } from '../../../../shared/clocks/zonedTime';

const HOUR = 3_600_000;
const DAY = 86_400_000;

function clock(startedAt: string, duration: ClockDuration, timeZone = 'Europe/Amsterdam', extra: Partial<Clock> = {}): Clock {
  return {
    id: '01JBZ00000000000000000CK01',
    template: 'custom',
    label: { en: 'Test clock', nl: 'Testklok' },
    startedAt,
    duration,
    timeZone,
    warnBeforeMinutes: 60,
    stoppedAt: null,
    stopReason: null,
    ...extra,
  };
}

/** Local wall-clock time of an instant as "YYYY-MM-DD hh:mm". */
function local(iso: string, timeZone: string): string {
  const t = localTimeAt(Date.parse(iso), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${p(t.month)}-${p(t.day)} ${p(t.hour)}:${p(t.minute)}`;
}

function elapsed(c: Clock): number {
  return deadlineMsOf(c) - Date.parse(c.startedAt);
}

describe('deadlineOf: elapsed units across daylight-saving changes', () => {
  it('24 hours across the Amsterdam spring-forward night are 86,400,000 ms; the local time moves from 10:00 to 11:00', () => {
    const c = clock('2026-03-28T09:00:00.000Z', { unit: 'hours', amount: 24 });
    expect(local(c.startedAt, c.timeZone)).toBe('2026-03-28 10:00');
    expect(elapsed(c)).toBe(86_400_000);
    expect(deadlineOf(c)).toBe('2026-03-29T09:00:00.000Z');
    expect(local(deadlineOf(c), c.timeZone)).toBe('2026-03-29 11:00');
  });

  it('24 hours across the Amsterdam fall-back night are 86,400,000 ms; the local time moves from 10:00 to 09:00', () => {
    const c = clock('2026-10-24T08:00:00.000Z', { unit: 'hours', amount: 24 });
    expect(local(c.startedAt, c.timeZone)).toBe('2026-10-24 10:00');
    expect(elapsed(c)).toBe(86_400_000);
    expect(local(deadlineOf(c), c.timeZone)).toBe('2026-10-25 09:00');
  });

  it('90 minutes across the skipped hour are 90 real minutes', () => {
    const c = clock('2026-03-29T00:30:00.000Z', { unit: 'minutes', amount: 90 });
    expect(local(c.startedAt, c.timeZone)).toBe('2026-03-29 01:30');
    expect(deadlineOf(c)).toBe('2026-03-29T02:00:00.000Z');
    expect(local(deadlineOf(c), c.timeZone)).toBe('2026-03-29 04:00');
  });

  it('72 hours (NIS2 notification) are 72 real hours in every zone', () => {
    for (const zone of ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Tokyo']) {
      expect(elapsed(clock('2026-10-23T22:15:30.500Z', { unit: 'hours', amount: 72 }, zone))).toBe(72 * HOUR);
    }
  });
});

describe('deadlineOf: calendar units in the clock time zone', () => {
  it('1 day across the Amsterdam spring-forward night keeps 10:00 local and lasts 23 hours', () => {
    const c = clock('2026-03-28T09:00:00.000Z', { unit: 'days', amount: 1 });
    expect(local(deadlineOf(c), c.timeZone)).toBe('2026-03-29 10:00');
    expect(elapsed(c)).toBe(23 * HOUR);
  });

  it('1 day across the Amsterdam fall-back night keeps 10:00 local and lasts 25 hours', () => {
    const c = clock('2026-10-24T08:00:00.000Z', { unit: 'days', amount: 1 });
    expect(local(deadlineOf(c), c.timeZone)).toBe('2026-10-25 10:00');
    expect(elapsed(c)).toBe(25 * HOUR);
  });

  it('1 month from 31 January 10:00 Amsterdam ends on 28 February 10:00 local (month-end clamping)', () => {
    const c = clock('2026-01-31T09:00:00.000Z', { unit: 'months', amount: 1 });
    expect(local(c.startedAt, c.timeZone)).toBe('2026-01-31 10:00');
    expect(deadlineOf(c)).toBe('2026-02-28T09:00:00.000Z');
    expect(local(deadlineOf(c), c.timeZone)).toBe('2026-02-28 10:00');
  });

  it('clamps to 29 February in a leap year and to 30 April from 31 March', () => {
    expect(deadlineOf(clock('2028-01-31T10:00:00.000Z', { unit: 'months', amount: 1 }, 'UTC'))).toBe('2028-02-29T10:00:00.000Z');
    expect(local(deadlineOf(clock('2026-03-31T07:00:00.000Z', { unit: 'months', amount: 1 })), 'Europe/Amsterdam')).toBe('2026-04-30 09:00');
    expect(deadlineOf(clock('2026-01-31T10:00:00.000Z', { unit: 'months', amount: 13 }, 'UTC'))).toBe('2027-02-28T10:00:00.000Z');
  });

  it('1 month from 15 March 09:00 in Athens, across its daylight-saving change, keeps 09:00 local', () => {
    const c = clock('2026-03-15T07:00:00.000Z', { unit: 'months', amount: 1 }, 'Europe/Athens');
    expect(local(c.startedAt, c.timeZone)).toBe('2026-03-15 09:00');
    expect(deadlineOf(c)).toBe('2026-04-15T06:00:00.000Z');
    expect(local(deadlineOf(c), c.timeZone)).toBe('2026-04-15 09:00');
    expect(elapsed(c)).toBe(31 * DAY - HOUR);
  });

  it('the same clock read in another zone gives another deadline: calendar units belong to the zone', () => {
    const start = '2026-03-28T09:00:00.000Z';
    expect(deadlineOf(clock(start, { unit: 'days', amount: 1 }, 'UTC'))).toBe('2026-03-29T09:00:00.000Z');
    expect(deadlineOf(clock(start, { unit: 'days', amount: 1 }, 'Europe/Amsterdam'))).toBe('2026-03-29T08:00:00.000Z');
  });

  it('UTC: days are always 24 hours', () => {
    expect(elapsed(clock('2026-03-28T09:00:00.000Z', { unit: 'days', amount: 2 }, 'UTC'))).toBe(2 * DAY);
    expect(elapsed(clock('2026-10-24T23:59:59.999Z', { unit: 'days', amount: 1 }, 'UTC'))).toBe(DAY);
  });

  it('Asia/Tokyo (no daylight saving time): days are 24 hours, months keep the local time', () => {
    expect(elapsed(clock('2026-03-28T09:00:00.000Z', { unit: 'days', amount: 1 }, 'Asia/Tokyo'))).toBe(DAY);
    const c = clock('2026-01-31T00:00:00.000Z', { unit: 'months', amount: 1 }, 'Asia/Tokyo');
    expect(local(c.startedAt, c.timeZone)).toBe('2026-01-31 09:00');
    expect(deadlineOf(c)).toBe('2026-02-28T00:00:00.000Z');
  });

  it('America/New_York: 1 day is 23 hours across 8 March and 25 hours across 1 November', () => {
    const spring = clock('2026-03-07T17:00:00.000Z', { unit: 'days', amount: 1 }, 'America/New_York');
    expect(local(spring.startedAt, spring.timeZone)).toBe('2026-03-07 12:00');
    expect(local(deadlineOf(spring), spring.timeZone)).toBe('2026-03-08 12:00');
    expect(elapsed(spring)).toBe(23 * HOUR);
    const fall = clock('2026-10-31T16:00:00.000Z', { unit: 'days', amount: 1 }, 'America/New_York');
    expect(local(deadlineOf(fall), fall.timeZone)).toBe('2026-11-01 12:00');
    expect(elapsed(fall)).toBe(25 * HOUR);
  });
});

describe('deadlineOf: local times that do not exist or exist twice on the target day', () => {
  // Legend: start (local), unit, the target local time, and what it becomes.
  const CASES = [
    // Amsterdam, 29 March: 02:00–03:00 does not exist; moved forward by the gap.
    { zone: 'Europe/Amsterdam', start: '2026-03-28T01:30:00.000Z', startLocal: '2026-03-28 02:30', deadline: '2026-03-29T01:30:00.000Z', deadlineLocal: '2026-03-29 03:30' },
    // Amsterdam, 25 October: 02:00–03:00 happens twice; the earlier (CEST) is taken.
    { zone: 'Europe/Amsterdam', start: '2026-10-24T00:30:00.000Z', startLocal: '2026-10-24 02:30', deadline: '2026-10-25T00:30:00.000Z', deadlineLocal: '2026-10-25 02:30' },
    // Starting in the second 02:30 of 25 October (CET): the next day's 02:30 exists once.
    { zone: 'Europe/Amsterdam', start: '2026-10-25T01:30:00.000Z', startLocal: '2026-10-25 02:30', deadline: '2026-10-26T01:30:00.000Z', deadlineLocal: '2026-10-26 02:30' },
    // New York, 8 March: 02:30 does not exist → 03:30 EDT.
    { zone: 'America/New_York', start: '2026-03-07T07:30:00.000Z', startLocal: '2026-03-07 02:30', deadline: '2026-03-08T07:30:00.000Z', deadlineLocal: '2026-03-08 03:30' },
    // New York, 1 November: 01:30 happens twice → the earlier, EDT.
    { zone: 'America/New_York', start: '2026-10-31T05:30:00.000Z', startLocal: '2026-10-31 01:30', deadline: '2026-11-01T05:30:00.000Z', deadlineLocal: '2026-11-01 01:30' },
  ] as const;

  for (const c of CASES) {
    it(`${c.zone}: ${c.startLocal} + 1 day → ${c.deadlineLocal}`, () => {
      const k = clock(c.start, { unit: 'days', amount: 1 }, c.zone);
      expect(local(k.startedAt, c.zone)).toBe(c.startLocal);
      expect(deadlineOf(k)).toBe(c.deadline);
      expect(local(deadlineOf(k), c.zone)).toBe(c.deadlineLocal);
    });
  }

  it('a month landing in the gap moves forward too', () => {
    const k = clock('2026-01-29T01:30:00.000Z', { unit: 'months', amount: 2 });
    expect(local(k.startedAt, k.timeZone)).toBe('2026-01-29 02:30');
    expect(deadlineOf(k)).toBe('2026-03-29T01:30:00.000Z');
    expect(local(deadlineOf(k), k.timeZone)).toBe('2026-03-29 03:30');
  });
});

describe('deadlineOf properties', () => {
  const zones = fc.constantFrom(...Intl.supportedValuesOf('timeZone'));
  const instants = fc.integer({ min: Date.parse('1990-01-01T00:00:00.000Z'), max: Date.parse('2060-01-01T00:00:00.000Z') });

  it('hours: deadline − start = amount × 3,600,000 whatever the zone', () => {
    fc.assert(
      fc.property(zones, instants, fc.integer({ min: 1, max: 10_000 }), (zone, start, amount) => {
        const c = clock(new Date(start).toISOString(), { unit: 'hours', amount }, zone);
        expect(elapsed(c)).toBe(amount * 3_600_000);
      }),
      { numRuns: 500 },
    );
  });

  it('minutes: deadline − start = amount × 60,000 whatever the zone', () => {
    fc.assert(
      fc.property(zones, instants, fc.integer({ min: 1, max: 100_000 }), (zone, start, amount) => {
        expect(elapsed(clock(new Date(start).toISOString(), { unit: 'minutes', amount }, zone))).toBe(amount * 60_000);
      }),
      { numRuns: 300 },
    );
  });

  it('days: the deadline falls on the right local date, at the start local time unless that time is skipped', () => {
    const europeanAndAmerican = fc.constantFrom('Europe/Amsterdam', 'Europe/Athens', 'Europe/Lisbon', 'America/New_York', 'America/Santiago', 'Australia/Sydney', 'Asia/Tokyo', 'UTC');
    fc.assert(
      fc.property(europeanAndAmerican, fc.integer({ min: Date.parse('2020-01-01T00:00:00.000Z'), max: Date.parse('2035-01-01T00:00:00.000Z') }), fc.integer({ min: 1, max: 400 }), (zone, start, amount) => {
        const c = clock(new Date(start).toISOString(), { unit: 'days', amount }, zone);
        const from = localTimeAt(start, zone);
        const to = localTimeAt(deadlineMsOf(c), zone);
        const expectedDate = new Date(Date.UTC(from.year, from.month - 1, from.day + amount));
        expect([to.year, to.month, to.day]).toEqual([expectedDate.getUTCFullYear(), expectedDate.getUTCMonth() + 1, expectedDate.getUTCDate()]);
        const fromMinutes = from.hour * 60 + from.minute;
        const toMinutes = to.hour * 60 + to.minute;
        // Equal, or moved forward out of a skipped hour (at most one hour).
        expect(toMinutes - fromMinutes).toBeGreaterThanOrEqual(0);
        expect(toMinutes - fromMinutes).toBeLessThanOrEqual(60);
        expect(to.second).toBe(from.second);
      }),
      { numRuns: 500 },
    );
  });
});

describe('clockState at its boundaries', () => {
  // 24 hours from 10:00Z with a 60-minute warning: warns from 09:00Z next day, overdue from 10:00Z.
  const c = clock('2026-05-04T10:00:00.000Z', { unit: 'hours', amount: 24 });
  const deadline = Date.parse('2026-05-05T10:00:00.000Z');
  const warningStart = deadline - 60 * 60_000;

  it.each([
    ['at the start', Date.parse(c.startedAt), 'running', 24 * HOUR],
    ['one millisecond before the warning', warningStart - 1, 'running', HOUR + 1],
    ['exactly at the start of the warning', warningStart, 'warning', HOUR],
    ['one millisecond before the deadline', deadline - 1, 'warning', 1],
    ['exactly at the deadline', deadline, 'overdue', 0],
    ['an hour after the deadline', deadline + HOUR, 'overdue', -HOUR],
    ['before the start (a clock counting from a later event)', Date.parse(c.startedAt) - HOUR, 'running', 25 * HOUR],
  ] as const)('%s: %s', (_, now, status, remainingMs) => {
    expect(clockState(c, now)).toEqual({ status, deadline: '2026-05-05T10:00:00.000Z', remainingMs });
  });

  it('a clock with no warning goes from running to overdue', () => {
    const silent = { ...c, warnBeforeMinutes: 0 };
    expect(clockState(silent, deadline - 1).status).toBe('running');
    expect(clockState(silent, deadline).status).toBe('overdue');
  });

  it('stopped before the deadline: stopped, with the time that was left', () => {
    const stopped = { ...c, stoppedAt: '2026-05-05T06:00:00.000Z', stopReason: 'Reserve team on site.' };
    expect(clockState(stopped, deadline + DAY)).toEqual({ status: 'stopped', deadline: '2026-05-05T10:00:00.000Z', remainingMs: 4 * HOUR });
  });

  it('stopped after the deadline: stopped, late by a negative remainder', () => {
    const stopped = { ...c, stoppedAt: '2026-05-05T10:30:00.000Z', stopReason: 'Notification sent late.' };
    expect(clockState(stopped, deadline - DAY)).toEqual({ status: 'stopped', deadline: '2026-05-05T10:00:00.000Z', remainingMs: -30 * 60_000 });
  });
});

describe('formatRemaining', () => {
  it.each([
    [0, { sign: -1, days: 0, hours: 0, minutes: 0 }],
    [1, { sign: 1, days: 0, hours: 0, minutes: 1 }],
    [60_000, { sign: 1, days: 0, hours: 0, minutes: 1 }],
    [60_001, { sign: 1, days: 0, hours: 0, minutes: 2 }],
    [-59_999, { sign: -1, days: 0, hours: 0, minutes: 0 }],
    [-60_000, { sign: -1, days: 0, hours: 0, minutes: 1 }],
    [24 * HOUR, { sign: 1, days: 1, hours: 0, minutes: 0 }],
    [(3 * 24 + 5) * HOUR + 7 * 60_000, { sign: 1, days: 3, hours: 5, minutes: 7 }],
    [-(26 * HOUR + 59 * 60_000 + 59_999), { sign: -1, days: 1, hours: 2, minutes: 59 }],
  ] as const)('%i ms → %o', (ms, parts) => {
    expect(formatRemaining(ms)).toEqual(parts);
  });

  it('adds back up to the remaining minutes (left: rounded up; overdue: rounded down)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100 * DAY, max: 100 * DAY }), (ms) => {
        const p = formatRemaining(ms);
        const minutes = p.days * 1_440 + p.hours * 60 + p.minutes;
        expect(p.hours).toBeLessThan(24);
        expect(p.minutes).toBeLessThan(60);
        expect(minutes).toBe(ms > 0 ? Math.ceil(ms / 60_000) : Math.floor(Math.abs(ms) / 60_000));
      }),
    );
  });
});

describe('ClockSchema', () => {
  const valid = clock('2026-03-28T09:00:00.000Z', { unit: 'hours', amount: 24 });

  it('accepts a custom clock and a template clock', () => {
    expect(ClockSchema.parse(valid)).toEqual(valid);
    expect(ClockSchema.safeParse({ ...valid, template: 'nis2-final-report', duration: { unit: 'months', amount: 1 } }).success).toBe(true);
  });

  it('refuses an unknown time zone, a fixed offset and a non-positive or fractional amount', () => {
    const zone = ClockSchema.safeParse({ ...valid, timeZone: 'Europe/Atlantis' });
    expect(zone.success).toBe(false);
    expect(zone.error?.issues[0]?.message).toMatch(/IANA time zone/);
    expect(ClockSchema.safeParse({ ...valid, timeZone: '+01:00' }).success).toBe(false);
    expect(ClockSchema.safeParse({ ...valid, duration: { unit: 'hours', amount: 0 } }).success).toBe(false);
    expect(ClockSchema.safeParse({ ...valid, duration: { unit: 'days', amount: 1.5 } }).success).toBe(false);
    expect(ClockSchema.safeParse({ ...valid, duration: { unit: 'weeks', amount: 1 } }).success).toBe(false);
    expect(ClockSchema.safeParse({ ...valid, template: 'nis2-late-report' }).success).toBe(false);
  });

  it('refuses a stop reason on a running clock', () => {
    expect(ClockSchema.safeParse({ ...valid, stopReason: 'done' }).success).toBe(false);
    expect(ClockSchema.safeParse({ ...valid, stoppedAt: '2026-03-28T10:00:00.000Z', stopReason: 'done' }).success).toBe(true);
  });

  it('deadlineOf names a bad time zone clearly', () => {
    expect(() => deadlineOf({ ...valid, duration: { unit: 'days', amount: 1 }, timeZone: 'Europe/Atlantis' })).toThrow(/unknown time zone: "Europe\/Atlantis"/);
    expect(() => deadlineOf({ ...valid, duration: { unit: 'days', amount: 1 }, timeZone: '+01:00' })).toThrow(RangeError);
  });
});
