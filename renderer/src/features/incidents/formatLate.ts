/**
 * "2 h 15 min" in the reader's language: how late a retrospective entry was recorded. Days are
 * spelt out beyond 24 hours, because a logbook read after a long crisis has entries days late.
 */
import type { TFunction } from 'i18next';

export function formatLate(t: TFunction, minutesLate: number): string {
  const days = Math.floor(minutesLate / 1440);
  const hours = Math.floor((minutesLate % 1440) / 60);
  const minutes = minutesLate % 60;
  if (days > 0) return t('logForm.lateDays', { days, hours });
  if (hours > 0) return t('logForm.lateHours', { hours, minutes });
  return t('logForm.lateMinutes', { minutes });
}
