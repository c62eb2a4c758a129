/**
 * Clocks attached to an incident (issue 4): a deadline counted from a start, that warns before it
 * runs out. The clock as stored is plain data (`ClockSchema`); its deadline and state are derived
 * here, never stored, so every installation shows the same deadline for the same clock.
 *
 * Units: minutes and hours are elapsed time; days and months are calendar units in the clock's
 * time zone (see `deadlineOf`).
 */
import { z } from 'zod';
import { RecordIdSchema } from '../model/ids';
import { IsoInstantSchema, type IsoInstant } from '../model/time';
import { CLOCK_TEMPLATE_IDS } from './templates';
import { addLocalDays, addLocalMonths, instantOfLocal, isTimeZone, localTimeAt } from './zonedTime';

export const CLOCK_UNITS = ['minutes', 'hours', 'days', 'months'] as const;
export const ClockUnitSchema = z.enum(CLOCK_UNITS);
export type ClockUnit = z.infer<typeof ClockUnitSchema>;

/** Generous, and keeps every deadline far inside the range of a JavaScript Date. */
export const MAX_CLOCK_AMOUNT = 100_000;

export const ClockDurationSchema = z.object({
  unit: ClockUnitSchema,
  amount: z.number().int().positive().max(MAX_CLOCK_AMOUNT),
});
export type ClockDuration = z.infer<typeof ClockDurationSchema>;

export const ClockTemplateIdSchema = z.enum(CLOCK_TEMPLATE_IDS);
export type ClockTemplateId = z.infer<typeof ClockTemplateIdSchema>;

/** An IANA time-zone name the runtime knows, e.g. "Europe/Amsterdam". */
export const TimeZoneSchema = z.string().max(64).refine(isTimeZone, 'not an IANA time zone name (such as "Europe/Amsterdam")');

/** A short name in both languages of the project; either may be empty while a translation is pending. */
export const ClockLabelSchema = z.object({
  en: z.string().max(200),
  nl: z.string().max(200),
});
export type ClockLabel = z.infer<typeof ClockLabelSchema>;

export const ClockSchema = z
  .object({
    id: RecordIdSchema,
    template: z.union([ClockTemplateIdSchema, z.literal('custom')]),
    label: ClockLabelSchema,
    /** When the period began (the request, becoming aware, the notification), not when the clock was entered. */
    startedAt: IsoInstantSchema,
    duration: ClockDurationSchema,
    /** The zone calendar units are counted in; also the zone the deadline is shown in. */
    timeZone: TimeZoneSchema,
    /** Warn this many minutes before the deadline; 0 for no warning. */
    warnBeforeMinutes: z.number().int().min(0).max(MAX_CLOCK_AMOUNT * 60),
    /** When the obligation was met or dropped; the clock then stands still. */
    stoppedAt: IsoInstantSchema.nullable(),
    stopReason: z.string().min(1).max(2_000).nullable(),
  })
  .refine((clock) => clock.stoppedAt !== null || clock.stopReason === null, {
    message: 'a running clock has no stop reason',
    path: ['stopReason'],
  });
export type Clock = z.infer<typeof ClockSchema>;

/** What `deadlineOf` needs of a clock. */
export type ClockTiming = Pick<Clock, 'startedAt' | 'duration' | 'timeZone'>;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * The deadline in epoch milliseconds. Minutes and hours are elapsed time: 24 hours across a
 * daylight-saving change are 24 real hours, so the local wall-clock time of the deadline moves by
 * an hour (10:00 becomes 11:00 or 09:00). Days and months are calendar units in `timeZone`: the
 * same local time on the target day, so 1 day across such a change is 23 or 25 real hours;
 * months clamp to the month's end (31 January + 1 month = 28/29 February); a local time the
 * target day skips moves forward, one it has twice is the earlier. Throws RangeError for an
 * unknown time zone.
 */
export function deadlineMsOf(clock: ClockTiming): number {
  const start = Date.parse(clock.startedAt);
  if (Number.isNaN(start)) throw new RangeError(`not an instant: "${clock.startedAt}"`);
  const { unit, amount } = clock.duration;
  switch (unit) {
    case 'minutes':
      return start + amount * MINUTE_MS;
    case 'hours':
      return start + amount * HOUR_MS;
    case 'days':
      return instantOfLocal(addLocalDays(localTimeAt(start, clock.timeZone), amount), clock.timeZone);
    case 'months':
      return instantOfLocal(addLocalMonths(localTimeAt(start, clock.timeZone), amount), clock.timeZone);
  }
}

/** The deadline as an ISO instant; see `deadlineMsOf` for the arithmetic. */
export function deadlineOf(clock: ClockTiming): IsoInstant {
  return new Date(deadlineMsOf(clock)).toISOString();
}

export const CLOCK_STATUSES = ['running', 'warning', 'overdue', 'stopped'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export interface ClockState {
  readonly status: ClockStatus;
  readonly deadline: IsoInstant;
  /**
   * Deadline minus now (running, warning, overdue: negative when overdue), or deadline minus the
   * stop time for a stopped clock (negative: stopped after the deadline, i.e. late).
   */
  readonly remainingMs: number;
}

/**
 * The state of a clock at `now` (epoch ms). A clock is overdue from the deadline itself on (the
 * time is up when the countdown reaches zero) and warns from `warnBeforeMinutes` before it,
 * inclusive. A stopped clock stays stopped whatever the time.
 */
export function clockState(clock: ClockTiming & Pick<Clock, 'warnBeforeMinutes' | 'stoppedAt'>, now: number): ClockState {
  const deadlineMs = deadlineMsOf(clock);
  const deadline = new Date(deadlineMs).toISOString();
  if (clock.stoppedAt !== null) return { status: 'stopped', deadline, remainingMs: deadlineMs - Date.parse(clock.stoppedAt) };
  const remainingMs = deadlineMs - now;
  const status: ClockStatus = remainingMs <= 0 ? 'overdue' : remainingMs <= clock.warnBeforeMinutes * MINUTE_MS ? 'warning' : 'running';
  return { status, deadline, remainingMs };
}

/** Remaining time in parts for the UI to put into words: sign 1 = left, -1 = overdue by. */
export interface RemainingParts {
  readonly sign: 1 | -1;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

/**
 * Splits a remaining time into whole days, hours and minutes. Time left is rounded up (a running
 * clock never shows 0 minutes), time overdue is rounded down (overdue by 0 minutes in the first
 * minute), so the display turns over exactly at the deadline.
 */
export function formatRemaining(ms: number): RemainingParts {
  const sign = ms > 0 ? 1 : -1;
  const totalMinutes = sign === 1 ? Math.ceil(ms / MINUTE_MS) : Math.floor(Math.abs(ms) / MINUTE_MS);
  return {
    sign,
    days: Math.floor(totalMinutes / 1_440),
    hours: Math.floor((totalMinutes % 1_440) / 60),
    minutes: totalMinutes % 60,
  };
}
