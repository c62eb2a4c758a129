/**
 * PURE: the situation report (issue 4, "Reports"), built from an incident and its logbook for a
 * chosen period and level. EU-CyCLONe and CSIRTs network situation reports are the main
 * instruments of common situational awareness at operational and technical level, and may feed
 * the ISAA reports of the political level (pts. 55(c)(iv), 57); the three levels read different
 * reports, and the rules below decide what each one gets.
 *
 * Rules per level (`LEVEL_RULES`):
 * - technical (pt. 55(a)): "What happened" lists observations, messages received and sent, and
 *   escalations; "Measures taken" lists actions and decisions. Every detail is printed: author,
 *   each entry's label, how and when the information was received, retrospective justification,
 *   EU classified exchanges (that they happened, never their content), state changes from → to.
 * - operational (pt. 55(b)): the same entries, without the reception details and the
 *   retrospective justification; state changes show the new value only.
 * - political (pt. 55(c)): shorter and without technical detail — only escalations under "What
 *   happened" and only decisions under "Measures taken"; time and text, no author, no per-entry
 *   labels, no classified-exchange records. The entries left out are counted by kind, so the
 *   reader knows more exists at the other levels.
 * At every level, situation reports and shift handovers already in the logbook are not listed
 * (they are summaries themselves); requests for assistance, the current assessment and the
 * running clocks are always included.
 *
 * Period: entries whose (current) time of occurrence is in [from, to); without `to`, up to and
 * including the time of generation. Corrected entries appear in their corrected form with a note;
 * withdrawn ones are left out and counted. Decisions needed: what the author writes, one per
 * line, followed by the requests for assistance still awaiting an answer (status "requested").
 * Label: the most restrictive of the incident's label (its state is always included), of every
 * listed entry, and of the minimum the author chose for the text they added.
 * Number: one more than the situation reports recorded in the logbook (withdrawn ones excepted).
 */
import type { Level } from '../model/levels';
import {
  SEVERITY_DIMENSIONS,
  type AssistanceRequest,
  type EscalationLevel,
  type Incident,
  type IncidentStatus,
  type IpcrState,
  type LogEntry,
  type LogEntryKind,
  type NetworkState,
  type SeverityDimension,
  type SeverityRating,
} from '../model/records';
import { mostRestrictiveTlp, type Tlp } from '../model/tlp';
import { resolveLogItems, type LogItem } from './logItems';
import {
  countByKind,
  isExercise,
  reportEntryOf,
  runningClocks,
  type KindCounts,
  type ReportClock,
  type ReportContext,
  type ReportEntry,
  type ReportHeader,
} from './types';

/** How much of each listed entry a level prints. */
export type EntryDetail = 'full' | 'summary' | 'essential';

export interface LevelRule {
  /** Kinds listed under "What happened". */
  readonly happened: readonly LogEntryKind[];
  /** Kinds listed under "Measures taken". */
  readonly measures: readonly LogEntryKind[];
  readonly detail: EntryDetail;
  /** The point of the Recommendation that describes the response at this level. */
  readonly citation: string;
}

export const LEVEL_RULES: Readonly<Record<Level, LevelRule>> = {
  technical: {
    happened: ['observation', 'communication-in', 'communication-out', 'escalation'],
    measures: ['action', 'decision'],
    detail: 'full',
    citation: 'pt. 55(a)',
  },
  operational: {
    happened: ['observation', 'communication-in', 'communication-out', 'escalation'],
    measures: ['action', 'decision'],
    detail: 'summary',
    citation: 'pt. 55(b)',
  },
  political: {
    happened: ['escalation'],
    measures: ['decision'],
    detail: 'essential',
    citation: 'pt. 55(c)',
  },
};

export interface SituationReportOptions {
  readonly level: Level;
  /** Start of the period (inclusive). */
  readonly from: string;
  /** End of the period (exclusive); null: up to the time of generation. */
  readonly to: string | null;
  /** When the next report is due, as announced in this one; null when none is scheduled. */
  readonly nextReportAt: string | null;
  /** Decisions the author asks for, one per element (blank ones are dropped). */
  readonly decisionsNeeded: readonly string[];
  /** The least label the report carries, for what the author wrote into it. */
  readonly minimumTlp: Tlp;
}

export interface Assessment {
  readonly startedAt: string;
  readonly summary: string;
  readonly escalation: EscalationLevel;
  readonly status: IncidentStatus;
  /** Only the dimensions rated (not "unknown"), in the order of pt. 30. */
  readonly severity: ReadonlyArray<{ readonly dimension: SeverityDimension; readonly rating: SeverityRating }>;
  readonly csirtsNetwork: NetworkState;
  readonly cyclone: NetworkState;
  readonly ipcr: IpcrState;
  readonly memberStates: Incident['memberStates'];
  readonly sectors: readonly string[];
}

export interface SituationReport {
  readonly header: ReportHeader;
  readonly number: number;
  readonly level: Level;
  readonly rule: LevelRule;
  readonly period: { readonly from: string; readonly to: string | null };
  readonly assessment: Assessment;
  readonly happened: readonly ReportEntry[];
  readonly measures: readonly ReportEntry[];
  /** Every request for assistance with its status, oldest first. */
  readonly requests: readonly AssistanceRequest[];
  readonly decisionsNeeded: readonly string[];
  /** Requests still awaiting an answer. */
  readonly pendingRequests: readonly AssistanceRequest[];
  readonly clocks: readonly ReportClock[];
  readonly nextReportAt: string | null;
  /** Entries of the listed kinds in the period that were withdrawn (left out). */
  readonly withdrawnCount: number;
  /** Entries in the period this level does not list, by kind. */
  readonly notListed: KindCounts;
}

/** Whether an item's time of occurrence lies in the report's period. */
export function inPeriod(occurredAt: string, from: string, to: string | null, generatedAt: string): boolean {
  const t = Date.parse(occurredAt);
  if (t < Date.parse(from)) return false;
  return to === null ? t <= Date.parse(generatedAt) : t < Date.parse(to);
}

/** The number the next situation report of the incident gets. */
export function nextSituationReportNumber(items: readonly LogItem[]): number {
  return items.filter((i) => i.current.kind === 'situation-report').length + 1;
}

/**
 * Where the next report's period starts by default: when the last situation report in the
 * logbook was made (its time of occurrence), or null when there is none yet.
 */
export function lastSituationReportAt(entries: readonly LogEntry[], incidentId: string): string | null {
  const { items } = resolveLogItems(entries, incidentId);
  return items.filter((i) => i.current.kind === 'situation-report').at(-1)?.occurredAt ?? null;
}

/** Non-empty lines of free text, trimmed (the dialog's one-per-line fields). */
export function splitLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function assessmentOf(incident: Incident): Assessment {
  return {
    startedAt: incident.startedAt,
    summary: incident.summary,
    escalation: incident.escalation,
    status: incident.status,
    severity: SEVERITY_DIMENSIONS.filter((d) => incident.severity[d] !== 'unknown').map((dimension) => ({ dimension, rating: incident.severity[dimension] })),
    csirtsNetwork: incident.csirtsNetwork,
    cyclone: incident.cyclone,
    ipcr: incident.ipcr,
    memberStates: incident.memberStates,
    sectors: incident.sectors,
  };
}

export function sortedRequests(incident: Incident): AssistanceRequest[] {
  return [...incident.requests].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
}

export function buildSituationReport(
  incident: Incident,
  entries: readonly LogEntry[],
  options: SituationReportOptions,
  context: ReportContext,
): SituationReport {
  const rule = LEVEL_RULES[options.level];
  const { items, withdrawn } = resolveLogItems(entries, incident.id);
  const within = (item: LogItem) => inPeriod(item.occurredAt, options.from, options.to, context.generatedAt);
  const listedKinds = new Set<LogEntryKind>([...rule.happened, ...rule.measures]);

  const inPeriodItems = items.filter(within);
  const happened = inPeriodItems.filter((i) => rule.happened.includes(i.current.kind));
  const measures = inPeriodItems.filter((i) => rule.measures.includes(i.current.kind));
  const notListed = countByKind(inPeriodItems.filter((i) => !listedKinds.has(i.current.kind)));
  const withdrawnCount = withdrawn.filter((i) => within(i) && listedKinds.has(i.current.kind)).length;
  const requests = sortedRequests(incident);

  const tlp = mostRestrictiveTlp([incident.tlp, options.minimumTlp, ...happened.map((i) => i.tlp), ...measures.map((i) => i.tlp)]);

  return {
    header: {
      kind: 'situation-report',
      incidentId: incident.id,
      incidentTitle: incident.title,
      generatedAt: context.generatedAt,
      author: context.author,
      tlp,
      exercise: isExercise(incident, context),
    },
    number: nextSituationReportNumber(items),
    level: options.level,
    rule,
    period: { from: options.from, to: options.to },
    assessment: assessmentOf(incident),
    happened: happened.map(reportEntryOf),
    measures: measures.map(reportEntryOf),
    requests,
    decisionsNeeded: options.decisionsNeeded.map((d) => d.trim()).filter((d) => d !== ''),
    pendingRequests: requests.filter((r) => r.status === 'requested'),
    clocks: runningClocks(incident, Date.parse(context.generatedAt)),
    nextReportAt: options.nextReportAt,
    withdrawnCount,
    notListed,
  };
}
