/**
 * PURE: the shift handover summary (issue 4, "Reports"): what the outgoing officer hands to the
 * incoming one — what changed in the logbook since a given time, the changes of the incident's
 * state, what is still open, and the clocks that run.
 *
 * Rules:
 * - "Since" is about recording, not occurrence: the incoming shift must learn of an entry written
 *   during the shift about an earlier event, and of a correction made during the shift to an older
 *   entry. An item is listed when any of its entries was recorded at or after `since`; it is shown
 *   in its current form, ordered by time of occurrence.
 * - Items that record a change of the incident (escalation, status, networks, IPCR, requests,
 *   clocks…) are listed apart as state changes; all other kinds, including situation reports and
 *   earlier handovers, are listed as entries.
 * - Withdrawals recorded since are left out and counted.
 * - Open: requests for assistance that are requested or granted (not yet delivered, refused or
 *   withdrawn), the lessons-learned actions when lessons exist, and the officer's own notes.
 * - Label: the most restrictive of the incident's, every listed item's and the minimum chosen.
 */
import type { AssistanceRequest, Incident, LessonsLearned, LogEntry } from '../model/records';
import { mostRestrictiveTlp, type Tlp } from '../model/tlp';
import { resolveLogItems } from './logItems';
import { assessmentOf, sortedRequests, type Assessment } from './sitrep';
import { isExercise, reportEntryOf, runningClocks, type ReportClock, type ReportContext, type ReportEntry, type ReportHeader } from './types';

export interface HandoverOptions {
  /** Start of the shift: items recorded at or after this instant are listed. */
  readonly since: string;
  /** Notes for the incoming shift, one per element (blank ones are dropped). */
  readonly notes: readonly string[];
  readonly minimumTlp: Tlp;
}

export interface HandoverSummary {
  readonly header: ReportHeader;
  readonly since: string;
  readonly assessment: Assessment;
  /** Items recorded since that change the incident's state. */
  readonly stateChanges: readonly ReportEntry[];
  /** Other items recorded since. */
  readonly entries: readonly ReportEntry[];
  /** Of the listed items, how many were corrected during the shift. */
  readonly correctedCount: number;
  /** Withdrawals recorded since (left out). */
  readonly withdrawnCount: number;
  readonly openRequests: readonly AssistanceRequest[];
  readonly lessonActions: LessonsLearned['actions'];
  readonly clocks: readonly ReportClock[];
  readonly notes: readonly string[];
}

const OPEN_REQUEST_STATUSES: ReadonlySet<AssistanceRequest['status']> = new Set(['requested', 'granted']);

/** The default start of a shift: the last handover recorded in the logbook, if any. */
export function lastHandoverAt(entries: readonly LogEntry[], incidentId: string): string | null {
  const { items } = resolveLogItems(entries, incidentId);
  const handovers = items.filter((i) => i.current.kind === 'handover').map((i) => i.root.createdAt);
  return handovers.sort().at(-1) ?? null;
}

export function buildHandover(incident: Incident, entries: readonly LogEntry[], options: HandoverOptions, context: ReportContext): HandoverSummary {
  const since = Date.parse(options.since);
  const { items, withdrawn } = resolveLogItems(entries, incident.id);
  const recordedSince = (e: LogEntry) => Date.parse(e.createdAt) >= since;

  const changed = items.filter((i) => Date.parse(i.lastRecordedAt) >= since);
  const stateChanges = changed.filter((i) => i.current.incidentChange !== null && i.current.incidentChange.length > 0);
  const others = changed.filter((i) => !stateChanges.includes(i));
  const correctedCount = changed.filter((i) => i.corrections.some(recordedSince)).length;
  const withdrawnCount = withdrawn.filter((i) => i.withdrawal !== null && recordedSince(i.withdrawal)).length;

  return {
    header: {
      kind: 'handover',
      incidentId: incident.id,
      incidentTitle: incident.title,
      generatedAt: context.generatedAt,
      author: context.author,
      tlp: mostRestrictiveTlp([incident.tlp, options.minimumTlp, ...changed.map((i) => i.tlp)]),
      exercise: isExercise(incident, context),
    },
    since: options.since,
    assessment: assessmentOf(incident),
    stateChanges: stateChanges.map(reportEntryOf),
    entries: others.map(reportEntryOf),
    correctedCount,
    withdrawnCount,
    openRequests: sortedRequests(incident).filter((r) => OPEN_REQUEST_STATUSES.has(r.status)),
    lessonActions: incident.lessons?.actions ?? [],
    clocks: runningClocks(incident, Date.parse(context.generatedAt)),
    notes: options.notes.map((n) => n.trim()).filter((n) => n !== ''),
  };
}
