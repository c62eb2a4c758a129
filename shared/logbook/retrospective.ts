/**
 * When a logbook entry is retrospective. Crisis-logbook practice distinguishes entries written at
 * the time from entries reconstructed afterwards: a reader (an inquiry, the next shift) weighs the
 * two differently, so a late entry is marked and says why it is late.
 *
 * The rule: an entry recorded more than RETROSPECTIVE_AFTER_MINUTES after the moment it says it
 * happened is retrospective. 30 minutes because that covers writing up a telephone call or a
 * short meeting straight afterwards (contemporaneous by any standard), and is half the hourly
 * situation-report rhythm common in a crisis cell: anything later has usually crossed a reporting
 * moment and is being written from memory or from notes, which is exactly what a reader must
 * know. The rule measures from `occurredAt`, not from when the information was received: a
 * message that arrived late makes a late entry that is honest about it, and the justification
 * field is where the author says "received by courier at 14:05".
 *
 * Pure: times are ISO instants given by the caller, so the same rule runs in the form (against the
 * clock now) and in tests (against fixed times).
 */

/** Minutes between happening and recording beyond which an entry is retrospective. */
export const RETROSPECTIVE_AFTER_MINUTES = 30;

export interface RetrospectiveAssessment {
  /** Recorded more than the threshold after it happened. */
  readonly retrospective: boolean;
  /** Whole minutes between happening and recording (0 when recorded before or at the moment). */
  readonly minutesLate: number;
}

/**
 * How late an entry is recorded, and whether that makes it retrospective. An entry dated after
 * its recording (a clock slightly ahead, a planned event) is never retrospective; unreadable
 * times are not either, because the schema rejects them before they are stored.
 */
export function assessRetrospective(occurredAt: string, recordedAt: string, thresholdMinutes: number = RETROSPECTIVE_AFTER_MINUTES): RetrospectiveAssessment {
  const lateMs = Date.parse(recordedAt) - Date.parse(occurredAt);
  if (!Number.isFinite(lateMs) || lateMs <= 0) return { retrospective: false, minutesLate: 0 };
  return { retrospective: lateMs > thresholdMinutes * 60_000, minutesLate: Math.floor(lateMs / 60_000) };
}

/**
 * The `retrospective` field an entry is stored with: the justification when the entry is
 * retrospective (required) or when the author gave one anyway (an author may mark an entry as
 * written after the fact even inside the threshold); otherwise null. Returns
 * 'justification-required' when a retrospective entry comes without one.
 */
export function retrospectiveField(
  occurredAt: string,
  recordedAt: string,
  justification: string,
  thresholdMinutes: number = RETROSPECTIVE_AFTER_MINUTES,
): { readonly justification: string } | null | 'justification-required' {
  const given = justification.trim();
  if (given) return { justification: given };
  return assessRetrospective(occurredAt, recordedAt, thresholdMinutes).retrospective ? 'justification-required' : null;
}
