/**
 * PURE: an incident as a MISP event in the MISP core format (`{"Event": {...}}`, the JSON that
 * MISP imports through "Add event from JSON" and PyMISP reads), so that a CSIRT can take the
 * national authority's picture into its own MISP.
 *
 * Mapping:
 * - Event: `info` is the title (prefixed with the exercise marking for exercise data); `date` the
 *   day the incident started (UTC); `threat_level_id` from the escalation level (cyber crisis and
 *   large-scale incident → 1 High, significant incident → 2 Medium, incident → 3 Low);
 *   `analysis` from the status (open, recovery → 1 ongoing; closed → 2 completed); `distribution`
 *   0 (this organisation only) and `published` false, so the receiving analyst decides on any
 *   further sharing; `timestamp` when anything exported last changed.
 * - Tags: the MISP `tlp` taxonomy tag of the most restrictive label in the file, and nis2
 *   taxonomy tags from the assessment (taxonomies.ts has the mapping table).
 * - Attributes: the summary, then every logged fact (timeline) as a `text` attribute in category
 *   `Other` (`to_ids` false: these are statements, not indicators), with `first_seen` the time
 *   of occurrence, the kind, author and recording time in `comment`, and the fact's own TLP tag.
 * - Event reports (Markdown): the current assessment, and each situation report recorded in the
 *   logbook. A recorded report is plain text laid out in columns, so it is put in a fenced code
 *   block that keeps its layout and can never turn into markup.
 * - UUIDs are UUIDv5 of the workbook record ids (scope.ts), so a re-export updates the same event.
 */
import { translate } from '../i18n/translate';
import type { EscalationLevel, IncidentStatus } from '../model/records';
import { EXERCISE_MARKING } from '../model/workspace';
import { markdownOneLine } from '../reports/markdown';
import type { LogItem } from '../reports/logItems';
import { assessmentFacts, assessmentMarkdown } from './assessment';
import { interopUuid, lastChangedAt, unixSeconds, type InteropContext, type InteropScope } from './scope';
import { incidentTags, tlpTag } from './taxonomies';

export interface MispTag {
  readonly name: string;
}

export interface MispAttribute {
  readonly uuid: string;
  readonly type: 'text';
  readonly category: 'Other';
  readonly value: string;
  readonly comment: string;
  readonly to_ids: false;
  /** 5: inherit the event's distribution. */
  readonly distribution: '5';
  readonly timestamp: string;
  readonly first_seen: string;
  readonly disable_correlation: true;
  readonly Tag: readonly MispTag[];
}

export interface MispEventReport {
  readonly uuid: string;
  readonly name: string;
  readonly content: string;
  readonly distribution: '5';
  readonly timestamp: string;
  readonly deleted: false;
}

export interface MispEvent {
  readonly Event: {
    readonly uuid: string;
    readonly info: string;
    readonly date: string;
    readonly threat_level_id: '1' | '2' | '3' | '4';
    readonly analysis: '0' | '1' | '2';
    readonly distribution: '0';
    readonly published: false;
    readonly timestamp: string;
    readonly Orgc: { readonly uuid: string; readonly name: string };
    readonly Tag: readonly MispTag[];
    readonly Attribute: readonly MispAttribute[];
    readonly Object: readonly never[];
    readonly EventReport: readonly MispEventReport[];
  };
}

const THREAT_LEVEL: Readonly<Record<EscalationLevel, '1' | '2' | '3'>> = {
  'cyber-crisis': '1',
  'large-scale-incident': '1',
  'significant-incident': '2',
  incident: '3',
};

const ANALYSIS: Readonly<Record<IncidentStatus, '1' | '2'>> = { open: '1', recovery: '1', closed: '2' };

/** A fence longer than any run of backticks in the text, so the text cannot close it (CommonMark). */
function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function markingLine(tlpText: string, exercise: boolean): string {
  return [`**TLP:${tlpText}**`, ...(exercise ? [`**${markdownOneLine(EXERCISE_MARKING)}**`] : [])].join(' · ');
}

/** Build the MISP event. Returns null when the scope holds no incident (see scope.ts). */
export function toMispEvent(scope: InteropScope, context: InteropContext): MispEvent | null {
  const { incident } = scope;
  if (incident === null) return null;
  const t = (key: string) => translate(context.language, key);
  const changed = lastChangedAt(scope);
  const eventTimestamp = unixSeconds(changed);

  const entryAttribute = (item: LogItem): MispAttribute => {
    const e = item.current;
    const comment = [t(`log.kind.${e.kind}`), e.author, `${t('interop.recordedAt')}: ${e.createdAt}`];
    if (item.corrections.length > 0) comment.push(t('interop.corrected'));
    return {
      uuid: interopUuid('entry', item.root.id),
      type: 'text',
      category: 'Other',
      value: e.text,
      comment: comment.join(' · '),
      to_ids: false,
      distribution: '5',
      timestamp: unixSeconds(item.lastRecordedAt),
      first_seen: new Date(Date.parse(e.occurredAt)).toISOString(),
      disable_correlation: true,
      Tag: [{ name: tlpTag(item.tlp) }],
    };
  };

  const attributes: MispAttribute[] = [];
  if (incident.summary.trim() !== '') {
    attributes.push({
      uuid: interopUuid('summary', incident.id),
      type: 'text',
      category: 'Other',
      value: incident.summary,
      comment: t('incidentField.summary'),
      to_ids: false,
      distribution: '5',
      timestamp: unixSeconds(incident.updatedAt),
      first_seen: new Date(Date.parse(incident.startedAt)).toISOString(),
      disable_correlation: true,
      Tag: [{ name: tlpTag(incident.tlp) }],
    });
  }
  attributes.push(...scope.timeline.map(entryAttribute));

  const assessmentReport: MispEventReport = {
    uuid: interopUuid('assessment', incident.id),
    name: `${t('interop.assessmentTitle')} — ${incident.title}`,
    content: [
      markingLine(incident.tlp, scope.exercise),
      `# ${markdownOneLine(`${t('interop.assessmentTitle')} — ${incident.title}`)}`,
      assessmentMarkdown(assessmentFacts(incident, context.language)),
    ].join('\n\n') + '\n',
    distribution: '5',
    timestamp: unixSeconds(incident.updatedAt),
    deleted: false,
  };
  const sitrepReport = (item: LogItem): MispEventReport => {
    const e = item.current;
    const name = `${t('reports.kind.situation-report')} — ${e.occurredAt}`;
    return {
      uuid: interopUuid('entry', item.root.id),
      name,
      content: [
        markingLine(item.tlp, scope.exercise),
        `# ${markdownOneLine(name)}`,
        `*${markdownOneLine(`${e.author} · ${t('interop.recordedAt')}: ${e.createdAt}`)}*`,
        fenced(e.text),
      ].join('\n\n') + '\n',
      distribution: '5',
      timestamp: unixSeconds(item.lastRecordedAt),
      deleted: false,
    };
  };

  const info = scope.exercise ? `${EXERCISE_MARKING}: ${incident.title}` : incident.title;
  return {
    Event: {
      uuid: interopUuid('incident', incident.id),
      info,
      date: new Date(Date.parse(incident.startedAt)).toISOString().slice(0, 10),
      threat_level_id: THREAT_LEVEL[incident.escalation],
      analysis: ANALYSIS[incident.status],
      distribution: '0',
      published: false,
      timestamp: eventTimestamp,
      Orgc: { uuid: interopUuid('organisation', `${context.country}:${context.organisation}`), name: context.organisation },
      Tag: incidentTags(incident, scope.highestTlp).map((name) => ({ name })),
      Attribute: attributes,
      Object: [],
      EventReport: [assessmentReport, ...scope.situationReports.map(sitrepReport)],
    },
  };
}
