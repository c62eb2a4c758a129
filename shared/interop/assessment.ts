/**
 * PURE: the incident's current assessment as labelled facts in one language, and as Markdown or
 * plain text, for the MISP event report and the STIX note that carry it. Labels come from the
 * translation files, as in the printed reports.
 */
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { SEVERITY_DIMENSIONS, type Incident } from '../model/records';
import { markdownInlineText, markdownOneLine } from '../reports/markdown';

export interface AssessmentFact {
  readonly label: string;
  readonly value: string;
}

export function assessmentFacts(incident: Incident, language: Language): AssessmentFact[] {
  const t = (key: string) => translate(language, key);
  const rated = SEVERITY_DIMENSIONS.filter((d) => incident.severity[d] !== 'unknown');
  return [
    { label: t('incidentField.escalation'), value: t(`escalation.${incident.escalation}`) },
    { label: t('incidentField.status'), value: t(`incidentStatus.${incident.status}`) },
    { label: t('reports.fact.startedAt'), value: incident.startedAt },
    ...rated.map((d) => ({ label: `${t('incidentField.severity')}: ${t(`severity.dimension.${d}`)}`, value: t(`severity.rating.${incident.severity[d]}`) })),
    { label: t('incidentField.memberStates'), value: incident.memberStates.join(', ') || '—' },
    { label: t('incidentField.sectors'), value: incident.sectors.join(', ') || '—' },
    { label: t('incidentField.csirtsNetwork'), value: t(`networkState.${incident.csirtsNetwork}`) },
    { label: t('incidentField.cyclone'), value: t(`networkState.${incident.cyclone}`) },
    { label: t('incidentField.ipcr'), value: t(`ipcr.mode.${incident.ipcr.mode}`) },
  ];
}

/** The facts as a Markdown list; people's text never becomes markup (shared/reports/markdown.ts). */
export function assessmentMarkdown(facts: readonly AssessmentFact[]): string {
  return facts.map((f) => `- **${markdownOneLine(f.label)}:** ${markdownInlineText(f.value, '  ') || '—'}`).join('\n');
}

export function assessmentPlainText(facts: readonly AssessmentFact[]): string {
  return facts.map((f) => `${f.label}: ${f.value}`).join('\n');
}
