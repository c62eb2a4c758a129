import { describe, expect, it } from 'vitest';
import { addCalendarMonths, isStale, staleness } from '../../../../shared/contacts/staleness';

const verified = (at: string) => ({ at });
const ms = (iso: string) => new Date(Date.parse(iso));

describe('addCalendarMonths', () => {
  it('moves by calendar months, clamping to the end of shorter months, keeping the time of day', () => {
    expect(addCalendarMonths('2026-01-15T09:30:00.000Z', 6).toISOString()).toBe('2026-07-15T09:30:00.000Z');
    expect(addCalendarMonths('2025-08-31T10:00:00.000Z', 6).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addCalendarMonths('2027-08-31T10:00:00.000Z', 6).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addCalendarMonths('2026-10-31T00:00:00.000Z', 1).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(addCalendarMonths('2026-11-30T23:59:59.999Z', 14).toISOString()).toBe('2028-01-30T23:59:59.999Z');
  });
});

describe('staleness', () => {
  it('is stale when never verified', () => {
    expect(staleness(null, ms('2026-01-01T00:00:00.000Z'))).toEqual({ stale: true, reason: 'never-verified' });
  });

  it('turns stale exactly six calendar months after the verification, by default', () => {
    const v = verified('2026-03-31T12:00:00.000Z');
    // 30 September 12:00 (no 31 September), not 183 days later (30 September as well here, but see below).
    expect(isStale(v, ms('2026-09-30T11:59:59.999Z'))).toBe(false);
    expect(isStale(v, ms('2026-09-30T12:00:00.000Z'))).toBe(true);
    expect(staleness(v, ms('2026-10-01T00:00:00.000Z'))).toMatchObject({ stale: true, reason: 'expired' });
  });

  it('counts months, not a fixed number of days', () => {
    // From 1 September, six months is 1 March: 181 days in a common year, 182 in a leap year.
    const v = verified('2026-09-01T00:00:00.000Z');
    expect(isStale(v, ms('2027-02-28T23:59:59.999Z'))).toBe(false);
    expect(isStale(v, ms('2027-03-01T00:00:00.000Z'))).toBe(true);
    const leap = verified('2027-09-01T00:00:00.000Z');
    expect(isStale(leap, ms('2028-02-29T23:59:59.999Z'))).toBe(false);
    expect(isStale(leap, ms('2028-03-01T00:00:00.000Z'))).toBe(true);
  });

  it('follows the configured period and tells when it falls due', () => {
    const v = verified('2026-01-10T08:00:00.000Z');
    expect(staleness(v, ms('2026-02-01T00:00:00.000Z'), 1)).toEqual({ stale: false, dueAt: ms('2026-02-10T08:00:00.000Z') });
    expect(isStale(v, ms('2026-02-10T08:00:00.000Z'), 1)).toBe(true);
    expect(isStale(v, ms('2030-12-31T00:00:00.000Z'), 60)).toBe(false);
    expect(isStale(v, ms('2031-01-10T08:00:00.000Z'), 60)).toBe(true);
  });
});
