/**
 * PURE: what every report built from the logbook has in common — who made it, when, for which
 * incident, under which label and marking — and the views of log entries and clocks that the
 * report builders hand to the renderers. Everything here is data: no language, no formatting.
 * Turning a report into words is `document.ts`; into Markdown, `markdown.ts`.
 */
import { clockState, type Clock, type ClockLabel, type ClockStatus } from '../clocks/clock';
import type { CountryCode } from '../model/countries';
import type { Incident, LogEntry } from '../model/records';
import type { Tlp } from '../model/tlp';
import type { Workspace } from '../model/workspace';
import type { LogItem } from './logItems';

export const REPORT_KINDS = ['situation-report', 'handover', 'lessons'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Who made the report: the installation's profile. */
export interface ReportAuthor {
  readonly person: string;
  readonly organisation: string;
  readonly country: CountryCode;
}

/** What a builder needs besides the incident and its logbook. */
export interface ReportContext {
  /** Time of generation; also the "now" of every clock in the report. */
  readonly generatedAt: string;
  readonly author: ReportAuthor;
  /** The workspace the report is made in: the exercise workspace marks everything it prints. */
  readonly workspace: Workspace;
}

export interface ReportHeader {
  readonly kind: ReportKind;
  readonly incidentId: string;
  readonly incidentTitle: string;
  readonly generatedAt: string;
  readonly author: ReportAuthor;
  /** The most restrictive label of everything the report includes. */
  readonly tlp: Tlp;
  /** True when the report comes from the exercise workspace (or is about an exercise incident). */
  readonly exercise: boolean;
}

/** A logged fact as a report shows it: its current form, with what a reader must know about its history. */
export interface ReportEntry {
  readonly id: string;
  readonly kind: LogEntry['kind'];
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly author: string;
  readonly text: string;
  readonly tlp: Tlp;
  readonly receivedAt: string | null;
  readonly channel: LogEntry['channel'];
  readonly retrospective: string | null;
  readonly classified: LogEntry['classified'];
  readonly incidentChange: LogEntry['incidentChange'];
  /** Set when the entry was corrected: the latest correction's time, author and reason. */
  readonly correction: { readonly count: number; readonly at: string; readonly by: string; readonly reason: string } | null;
  /** The entry corrects one this logbook does not (yet) hold. */
  readonly orphanCorrection: boolean;
}

export function reportEntryOf(item: LogItem): ReportEntry {
  const { current } = item;
  const last = item.corrections[item.corrections.length - 1];
  return {
    id: item.root.id,
    kind: current.kind,
    occurredAt: current.occurredAt,
    recordedAt: current.createdAt,
    author: current.author,
    text: current.text,
    tlp: item.tlp,
    receivedAt: current.receivedAt,
    channel: current.channel,
    retrospective: current.retrospective?.justification ?? null,
    classified: current.classified,
    incidentChange: current.incidentChange,
    correction: last && last.corrects ? { count: item.corrections.length, at: last.createdAt, by: last.author, reason: last.corrects.reason } : null,
    orphanCorrection: item.orphan && item.root.corrects?.mode === 'correction',
  };
}

export interface ReportClock {
  readonly id: string;
  readonly label: ClockLabel;
  readonly template: Clock['template'];
  readonly startedAt: string;
  readonly deadline: string;
  readonly timeZone: string;
  readonly status: Exclude<ClockStatus, 'stopped'>;
  /** Deadline minus the time of generation; negative when overdue. */
  readonly remainingMs: number;
}

/**
 * The incident's clocks that still run at `now` (ms), soonest deadline first. A clock whose
 * deadline cannot be computed (an unknown time zone from a newer installation) is left out
 * rather than failing the whole report.
 */
export function runningClocks(incident: Incident, now: number): ReportClock[] {
  const clocks: ReportClock[] = [];
  for (const clock of incident.clocks) {
    if (clock.stoppedAt !== null) continue;
    let state;
    try {
      state = clockState(clock, now);
    } catch {
      continue;
    }
    if (state.status === 'stopped') continue;
    clocks.push({
      id: clock.id,
      label: clock.label,
      template: clock.template,
      startedAt: clock.startedAt,
      deadline: state.deadline,
      timeZone: clock.timeZone,
      status: state.status,
      remainingMs: state.remainingMs,
    });
  }
  return clocks.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
}

/** Whether a report is marked EXERCISE. Either side suffices: the marking errs towards showing. */
export function isExercise(incident: Incident, context: ReportContext): boolean {
  return context.workspace === 'exercise' || incident.workspace === 'exercise';
}

/** Counts of items by kind, for "not listed at this level" notes. */
export type KindCounts = Partial<Record<LogEntry['kind'], number>>;

export function countByKind(items: readonly LogItem[]): KindCounts {
  const counts: KindCounts = {};
  for (const item of items) counts[item.current.kind] = (counts[item.current.kind] ?? 0) + 1;
  return counts;
}
