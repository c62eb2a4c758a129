/**
 * The options of the report view and how they become a report: defaults from the logbook,
 * validation, and the call into the pure builders of shared/reports. Kept apart from the
 * component so the component only wires state to controls.
 */
import { LanguageSchema, type Language } from '../../../../shared/i18n/languages';
import type { Level } from '../../../../shared/model/levels';
import type { Incident, LogEntry } from '../../../../shared/model/records';
import type { Tlp } from '../../../../shared/model/tlp';
import { handoverDocument, lessonsDocument, situationReportDocument, type ReportDocument } from '../../../../shared/reports/document';
import { buildHandover, lastHandoverAt } from '../../../../shared/reports/handover';
import { buildLessonsReport } from '../../../../shared/reports/lessons';
import { buildSituationReport, lastSituationReportAt, splitLines } from '../../../../shared/reports/sitrep';
import type { ReportContext, ReportKind } from '../../../../shared/reports/types';
import { fromLocalInputValue, toLocalInputValue } from '../../lib/time';

/** Values of the form controls; times as `<input type="datetime-local">` values. */
export interface ReportForm {
  readonly language: Language;
  readonly level: Level;
  readonly from: string;
  readonly to: string;
  readonly nextReport: string;
  readonly decisions: string;
  readonly since: string;
  readonly notes: string;
  readonly minimumTlp: Tlp;
}

export type ReportFormField = keyof ReportForm;

/** A shift is commonly eight hours: without an earlier handover, that is where "since" starts. */
const SHIFT_MS = 8 * 3_600_000;

export function initialForm(incident: Incident, entries: readonly LogEntry[], uiLanguage: string, now: number): ReportForm {
  const lastHandover = lastHandoverAt(entries, incident.id);
  const shiftStart = Math.max(now - SHIFT_MS, Date.parse(incident.startedAt));
  return {
    language: LanguageSchema.catch('en').parse(uiLanguage),
    level: 'operational',
    from: toLocalInputValue(lastSituationReportAt(entries, incident.id) ?? incident.startedAt),
    to: '',
    nextReport: '',
    decisions: '',
    since: toLocalInputValue(lastHandover ?? new Date(shiftStart).toISOString()),
    notes: '',
    minimumTlp: 'CLEAR',
  };
}

/** Options that cannot make a report, by field, as translation keys. */
export function formErrors(kind: ReportKind, form: ReportForm): Partial<Record<ReportFormField, string>> {
  const errors: Partial<Record<ReportFormField, string>> = {};
  if (kind === 'situation-report') {
    const from = fromLocalInputValue(form.from);
    const to = fromLocalInputValue(form.to);
    if (from === null) errors.from = 'reports.ui.fromRequired';
    else if (to !== null && Date.parse(to) <= Date.parse(from)) errors.to = 'reports.ui.periodInvalid';
  }
  if (kind === 'handover' && fromLocalInputValue(form.since) === null) errors.since = 'reports.ui.sinceRequired';
  return errors;
}

/** The report in words, or null while the options are invalid. */
export function buildReportDocument(
  kind: ReportKind,
  incident: Incident,
  entries: readonly LogEntry[],
  form: ReportForm,
  context: ReportContext,
  timeZone: string,
): ReportDocument | null {
  if (Object.keys(formErrors(kind, form)).length > 0) return null;
  const settings = { language: form.language, timeZone };
  switch (kind) {
    case 'situation-report': {
      const report = buildSituationReport(
        incident,
        entries,
        {
          level: form.level,
          from: fromLocalInputValue(form.from) ?? incident.startedAt,
          to: fromLocalInputValue(form.to),
          nextReportAt: fromLocalInputValue(form.nextReport),
          decisionsNeeded: splitLines(form.decisions),
          minimumTlp: form.minimumTlp,
        },
        context,
      );
      return situationReportDocument(report, settings);
    }
    case 'handover': {
      const report = buildHandover(
        incident,
        entries,
        { since: fromLocalInputValue(form.since) ?? incident.startedAt, notes: splitLines(form.notes), minimumTlp: form.minimumTlp },
        context,
      );
      return handoverDocument(report, settings);
    }
    case 'lessons':
      return lessonsDocument(buildLessonsReport(incident, entries, { minimumTlp: form.minimumTlp }, context), settings);
  }
}
