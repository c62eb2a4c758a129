/**
 * Wall-clock time in an IANA time zone, with nothing but `Intl.DateTimeFormat` (every runtime we
 * target ships the full time-zone database with ICU), so deadlines in calendar units need no
 * time-zone library.
 *
 * Conventions, those of Temporal's `disambiguation: 'compatible'`: a local time skipped by a
 * spring-forward change is moved forward by the length of the gap (02:30 becomes 03:30); a local
 * time that occurs twice in a fall-back change is the earlier of the two.
 */

/** A wall-clock date and time; month 1–12. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const DAY_MS = 86_400_000;

// Offset names ("+01:00") are valid to newer Intl implementations but are no IANA names, and a
// fixed offset would silently ignore daylight saving time.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter !== undefined) return formatter;
  if (!IANA_NAME.test(timeZone)) throw new RangeError(`not an IANA time zone name: "${timeZone}"`);
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`unknown time zone: "${timeZone}" (expected an IANA name such as "Europe/Amsterdam")`);
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/** Whether `name` is an IANA time-zone name this runtime knows ("Europe/Amsterdam", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at an instant (epoch milliseconds). Throws RangeError for an unknown zone. */
export function localTimeAt(epochMs: number, timeZone: string): LocalDateTime {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return {
    ...fields,
    // Some engines still write midnight as 24 despite hourCycle h23.
    hour: fields.hour % 24,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

/** The wall-clock time read as if it were UTC, in epoch milliseconds. */
export function utcOf(local: LocalDateTime): number {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour, local.minute, local.second, local.millisecond);
  return date.getTime();
}

/** The offset of `timeZone` from UTC at an instant, in milliseconds (Amsterdam in summer: +7,200,000). */
export function offsetAt(epochMs: number, timeZone: string): number {
  return utcOf(localTimeAt(epochMs, timeZone)) - epochMs;
}

/**
 * The instant a wall-clock time in `timeZone` denotes: in a spring-forward gap, moved forward by
 * the gap; in a fall-back overlap, the earlier instant. Assumes at most one offset change within
 * a day either side, which holds for every zone in the current database.
 */
export function instantOfLocal(local: LocalDateTime, timeZone: string): number {
  const asUtc = utcOf(local);
  const offsetBefore = offsetAt(asUtc - DAY_MS, timeZone);
  const offsetAfter = offsetAt(asUtc + DAY_MS, timeZone);
  const withBefore = asUtc - offsetBefore;
  const withAfter = asUtc - offsetAfter;
  const valid = [withBefore, withAfter].filter((t) => t + offsetAt(t, timeZone) === asUtc);
  if (valid.length > 0) return Math.min(...valid);
  // In the gap: read with the offset in force before the change, the time lands as far past the
  // change as it was meant to be past the (skipped) hour: 02:30 → 03:30.
  return withBefore;
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** The calendar date `days` after a local date, time of day unchanged. */
export function addLocalDays(local: LocalDateTime, days: number): LocalDateTime {
  const date = new Date(0);
  date.setUTCFullYear(local.year, local.month - 1, local.day + days);
  return { ...local, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The same day `months` later, clamped to the month's last day (31 January + 1 → 28/29 February). */
export function addLocalMonths(local: LocalDateTime, months: number): LocalDateTime {
  const index = local.year * 12 + (local.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { ...local, year, month, day: Math.min(local.day, daysInMonth(year, month)) };
}
