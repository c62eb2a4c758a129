/**
 * PURE: the lessons-learned report at closure (issue 4, "Reports"): the structured list the
 * Recommendation expects to be gathered after a crisis (pts. 42–44, 74) — what went well, what
 * did not, and actions with owner and due date — with the facts of the incident it is about.
 *
 * The lessons are fields of the incident, so the report carries the incident's label (or the
 * minimum the author chose, if higher). The closing time is that of the latest logbook entry that
 * set the status to closed, as the logbook is the record of the incident's history.
 */
import { IncidentStatusSchema, type Incident, type LessonsLearned, type LogEntry } from '../model/records';
import { mostRestrictiveTlp, type Tlp } from '../model/tlp';
import { resolveLogItems } from './logItems';
import { assessmentOf, type Assessment } from './sitrep';
import { isExercise, type ReportContext, type ReportHeader } from './types';

export interface LessonsReport {
  readonly header: ReportHeader;
  readonly assessment: Assessment;
  /** When the incident was closed, per the logbook; null while it is not closed. */
  readonly closedAt: string | null;
  readonly lessons: LessonsLearned;
  /** Number of entries that stand in the logbook, for the reader's sense of scale. */
  readonly entryCount: number;
}

const NO_LESSONS: LessonsLearned = { wentWell: [], didNotGoWell: [], actions: [] };

/** Actions in due-date order, undated ones last, otherwise as written. */
export function orderedActions(actions: LessonsLearned['actions']): LessonsLearned['actions'] {
  return actions
    .map((action, index) => ({ action, index }))
    .sort((a, b) => {
      if (a.action.due === b.action.due) return a.index - b.index;
      if (a.action.due === null) return 1;
      if (b.action.due === null) return -1;
      return a.action.due.localeCompare(b.action.due);
    })
    .map(({ action }) => action);
}

export function buildLessonsReport(incident: Incident, entries: readonly LogEntry[], options: { readonly minimumTlp: Tlp }, context: ReportContext): LessonsReport {
  const { items } = resolveLogItems(entries, incident.id);
  const closings = items
    .filter((i) => i.current.incidentChange?.some((c) => c.field === 'status' && IncidentStatusSchema.safeParse(c.to).data === 'closed'))
    .map((i) => i.occurredAt)
    .sort();
  const lessons = incident.lessons ?? NO_LESSONS;
  return {
    header: {
      kind: 'lessons',
      incidentId: incident.id,
      incidentTitle: incident.title,
      generatedAt: context.generatedAt,
      author: context.author,
      tlp: mostRestrictiveTlp([incident.tlp, options.minimumTlp]),
      exercise: isExercise(incident, context),
    },
    assessment: assessmentOf(incident),
    closedAt: incident.status === 'closed' ? (closings.at(-1) ?? null) : null,
    lessons: { ...lessons, actions: orderedActions(lessons.actions) },
    entryCount: items.length,
  };
}
