/**
 * When a directory entry is due for verification. The Recommendation asks EU-CyCLONe to keep its
 * list of authorities and officers up to date (pt. 14); an entry nobody has confirmed for a while
 * is a number that may ring in an empty office on the day it matters.
 *
 * The period is in calendar months, counted in UTC: verified on 31 August, six months on is the
 * last day of February (the day is clamped to the end of a shorter month), at the same time of day.
 * From that instant on the entry is stale.
 */
import type { ContactVerification } from '../model/records';

export const DEFAULT_STALE_AFTER_MONTHS = 6;

/** `iso` plus `months` calendar months (UTC), the day clamped to the end of the target month. */
export function addCalendarMonths(iso: string, months: number): Date {
  const from = new Date(iso);
  const target = new Date(from.getTime());
  const totalMonth = from.getUTCMonth() + months;
  const year = from.getUTCFullYear() + Math.floor(totalMonth / 12);
  const month = ((totalMonth % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  target.setUTCFullYear(year, month, Math.min(from.getUTCDate(), lastDay));
  return target;
}

export type Staleness =
  | { readonly stale: false; readonly dueAt: Date }
  | { readonly stale: true; readonly reason: 'never-verified' }
  | { readonly stale: true; readonly reason: 'expired'; readonly dueAt: Date };

/** Whether an entry is stale at `now`, and since or until when. */
export function staleness(
  verified: Pick<ContactVerification, 'at'> | null,
  now: Date,
  staleAfterMonths: number = DEFAULT_STALE_AFTER_MONTHS,
): Staleness {
  if (verified === null) return { stale: true, reason: 'never-verified' };
  const dueAt = addCalendarMonths(verified.at, staleAfterMonths);
  return now.getTime() >= dueAt.getTime() ? { stale: true, reason: 'expired', dueAt } : { stale: false, dueAt };
}

export function isStale(verified: Pick<ContactVerification, 'at'> | null, now: Date, staleAfterMonths: number = DEFAULT_STALE_AFTER_MONTHS): boolean {
  return staleness(verified, now, staleAfterMonths).stale;
}
