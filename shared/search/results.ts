/**
 * How a search result is shown: its title and a passage of its text with the matched words
 * marked, a line of context, and where it opens. Built from the record as it is now (the index
 * holds terms, not texts), in the reader's language — or in the other one when only that one
 * matched ("netwerkstoring" finds the Dutch title, shown in Dutch).
 */
import type { Language } from '../i18n/languages';
import type { CorrectionState } from '../logbook/corrections';
import type { Contact, Incident, LocalizedText, LogEntry, Procedure } from '../model/records';
import type { DocumentRef, SearchKind } from './documents';
import { excerptAround, highlightSegments, type TextSegment } from './text';

/** Characters of text shown under a result's title. */
export const EXCERPT_LENGTH = 160;

export interface SearchHitView {
  /** The document id (unique in the results; the option's id is made from it). */
  readonly id: string;
  readonly kind: SearchKind;
  readonly recordId: string;
  /** Step id (steps), channel position (channels). */
  readonly partId: string | null;
  readonly title: readonly TextSegment[];
  readonly excerpt: readonly TextSegment[];
  /** Where it belongs: the procedure of a step, a contact's organisation, the incident of an entry, an incident's member states. */
  readonly context: string;
  /** Log entries: the incident they are in, when it happened, and whether it still stands (incidents: when it started). */
  readonly incidentId: string | null;
  readonly occurredAt: string | null;
  readonly correction: CorrectionState;
  /** Channels: the channel type ("mobile"), for the page to name in its language. */
  readonly channelType: string | null;
}

/** The record a document came from, as read at query time. */
export type HitRecord =
  | { readonly table: 'procedures'; readonly record: Procedure }
  | { readonly table: 'contacts'; readonly record: Contact }
  | { readonly table: 'incidents'; readonly record: Incident }
  | { readonly table: 'logEntries'; readonly record: LogEntry; readonly incidentTitle: string | null; readonly correction: CorrectionState };

function matchCount(text: string, terms: ReadonlySet<string>): number {
  return highlightSegments(text, terms).filter((s) => s.match).length;
}

function matches(text: string, terms: ReadonlySet<string>): boolean {
  return matchCount(text, terms) > 0;
}

/**
 * The language in which more of the matched words stand (a Dutch query finds the Dutch title
 * even when a near miss also matched the English one); the reader's language when even, or the
 * other one when the reader's is empty.
 */
function inBestLanguage(texts: readonly LocalizedText[], language: Language, terms: ReadonlySet<string>): Language {
  const other: Language = language === 'en' ? 'nl' : 'en';
  const count = (l: Language) => texts.reduce((n, t) => n + matchCount(t[l], terms), 0);
  if (count(other) > count(language)) return other;
  return texts.some((t) => t[language].trim() !== '') ? language : other;
}

const pick = (text: LocalizedText, language: Language) => text[language] || text[language === 'en' ? 'nl' : 'en'];

/** The shown form of one result; null when the record no longer holds what the document named. */
export function describeHit(ref: DocumentRef, id: string, source: HitRecord, language: Language, terms: ReadonlySet<string>): SearchHitView | null {
  const base = { id, kind: ref.kind, recordId: ref.recordId, partId: ref.partId, incidentId: null, occurredAt: null, correction: 'current' as const, channelType: null };
  const shown = (title: string, text: string, context: string): SearchHitView => ({
    ...base,
    title: highlightSegments(title, terms),
    excerpt: highlightSegments(excerptAround(text, terms, EXCERPT_LENGTH), terms),
    context,
  });
  switch (source.table) {
    case 'procedures': {
      const procedure = source.record;
      if (ref.kind === 'procedure') {
        const l = inBestLanguage([procedure.title, procedure.summary], language, terms);
        return shown(pick(procedure.title, l), pick(procedure.summary, l), procedure.citations.join(', '));
      }
      const step = procedure.steps.find((s) => s.id === ref.partId);
      if (!step) return null;
      const texts = [step.title, step.text, ...step.checklist, ...step.reports];
      const l = inBestLanguage(texts, language, terms);
      const number = procedure.steps.indexOf(step) + 1;
      // The step text, or failing a match there, the checklist line that matched.
      const detail = [step.text, ...step.checklist, ...step.reports].map((t) => pick(t, l)).find((t) => matches(t, terms)) ?? pick(step.text, l);
      return shown(`${number}. ${pick(step.title, l)}`, detail, pick(procedure.title, l));
    }
    case 'contacts': {
      const contact = source.record;
      const about = [contact.position, contact.organisation].filter((s) => s !== '').join(', ');
      if (ref.kind === 'contact') {
        const text = [contact.notes].find((t) => matches(t, terms)) ?? '';
        return shown(contact.name, text, about);
      }
      const channel = contact.channels[Number(ref.partId)];
      if (!channel) return null;
      const text = [channel.label, channel.note, channel.onFailure].filter((s) => s !== '').join(' — ');
      return { ...shown(channel.value, text, [contact.name, contact.organisation].filter((s) => s !== '').join(', ')), channelType: channel.type };
    }
    case 'incidents': {
      const incident = source.record;
      return { ...shown(incident.title, incident.summary, incident.memberStates.join(', ')), incidentId: incident.id, occurredAt: incident.startedAt };
    }
    case 'logEntries': {
      const entry = source.record;
      return {
        ...shown(entry.author, entry.text, source.incidentTitle ?? ''),
        incidentId: entry.incidentId,
        occurredAt: entry.occurredAt,
        correction: source.correction,
      };
    }
  }
}
