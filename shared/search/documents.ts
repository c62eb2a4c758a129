/**
 * What the global search indexes: procedures, their steps, contacts, their channels, incidents
 * and log entries, each shaped into a flat document of three text fields. Procedures and steps carry both
 * languages in the same field, so that a Dutch and an English query find the same step.
 *
 * A document's id says what it is and where it opens: `p:<procedure>`, `s:<procedure>~<step>`,
 * `c:<contact>`, `h:<contact>~<channel number>`, `i:<incident>`, `l:<log entry>`. One record may give several
 * documents (a procedure and its steps; a contact and its channels); they are replaced together.
 */
import type { Contact, Incident, LogEntry, Procedure } from '../model/records';

export const SEARCH_KINDS = ['procedure', 'step', 'contact', 'channel', 'incident', 'logEntry'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The tables whose records the search indexes. */
export const SEARCHED_TABLES = ['procedures', 'contacts', 'incidents', 'logEntries'] as const;
export type SearchedTable = (typeof SEARCHED_TABLES)[number];

export function isSearchedTable(table: string): table is SearchedTable {
  return (SEARCHED_TABLES as readonly string[]).includes(table);
}

export interface SearchDocument {
  readonly id: string;
  readonly kind: SearchKind;
  /** What the result is called: a title, a name, a channel's address. Weighs most. */
  readonly title: string;
  /** The text: summary, step text, notes, the log entry itself. */
  readonly body: string;
  /** Further words it can be found by: authors, roles, kinds, citations. Weighs least. */
  readonly extra: string;
}

const PREFIX: Readonly<Record<SearchKind, string>> = { procedure: 'p', step: 's', contact: 'c', channel: 'h', incident: 'i', logEntry: 'l' };
const KIND_OF_PREFIX: Readonly<Record<string, SearchKind>> = { p: 'procedure', s: 'step', c: 'contact', h: 'channel', i: 'incident', l: 'logEntry' };

/** Where a document opens: the record, and the part of it (step, channel) if any. */
export interface DocumentRef {
  readonly kind: SearchKind;
  readonly recordId: string;
  /** Step id (steps) or channel position (channels). */
  readonly partId: string | null;
}

export function documentId(kind: SearchKind, recordId: string, partId: string | null = null): string {
  return `${PREFIX[kind]}:${recordId}${partId === null ? '' : `~${partId}`}`;
}

/** The kind of a document, from its id alone (null: not a document id). */
export function kindOfDocumentId(id: string): SearchKind | null {
  return id[1] === ':' ? (KIND_OF_PREFIX[id.slice(0, 1)] ?? null) : null;
}

export function parseDocumentId(id: string): DocumentRef | null {
  const kind = KIND_OF_PREFIX[id.slice(0, 1)];
  if (!kind || id[1] !== ':') return null;
  const rest = id.slice(2);
  const tilde = rest.indexOf('~');
  const hasPart = kind === 'step' || kind === 'channel';
  if (hasPart !== tilde > 0) return null;
  return hasPart ? { kind, recordId: rest.slice(0, tilde), partId: rest.slice(tilde + 1) } : { kind, recordId: rest, partId: null };
}

const join = (...parts: readonly (string | null | undefined)[]) => parts.filter((p): p is string => !!p).join('\n');
const bilingual = (text: { en: string; nl: string }) => (text.en === text.nl ? text.en : join(text.en, text.nl));
const words = (id: string) => id.replace(/[-_.]/g, ' ');

/** A procedure and each of its steps. */
export function procedureDocuments(procedure: Procedure): SearchDocument[] {
  const documents: SearchDocument[] = [
    {
      id: documentId('procedure', procedure.id),
      kind: 'procedure',
      title: bilingual(procedure.title),
      body: bilingual(procedure.summary),
      extra: join(procedure.key, words(procedure.key), ...procedure.citations),
    },
  ];
  for (const step of procedure.steps) {
    documents.push({
      id: documentId('step', procedure.id, step.id),
      kind: 'step',
      title: bilingual(step.title),
      body: join(bilingual(step.text), ...step.checklist.map(bilingual), ...step.reports.map(bilingual), ...step.outcomes.map((o) => bilingual(o.label))),
      extra: join(words(step.kind), ...step.citations),
    });
  }
  return documents;
}

/** Digits of a telephone number run together, so "0701234567" finds "+31 70 123 4567". */
function digitsOf(value: string): string | null {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 5 && /^[+\d\s().-]+$/.test(value.trim()) ? digits : null;
}

/** A contact and each of its channels (a channel carries its contact's name: "Jansen mobile"). */
export function contactDocuments(contact: Contact): SearchDocument[] {
  const documents: SearchDocument[] = [
    {
      id: documentId('contact', contact.id),
      kind: 'contact',
      title: contact.name,
      body: join(contact.organisation, contact.position, contact.notes),
      extra: join(...contact.roles.map(words), contact.country, contact.organisationType ? words(contact.organisationType) : null, contact.kind),
    },
  ];
  contact.channels.forEach((channel, index) => {
    documents.push({
      id: documentId('channel', contact.id, String(index)),
      kind: 'channel',
      title: join(channel.value, digitsOf(channel.value)),
      body: join(channel.label, channel.note, channel.onFailure),
      extra: join(words(channel.type), channel.tier, contact.name, contact.organisation),
    });
  });
  return documents;
}

export function incidentDocument(incident: Incident): SearchDocument {
  return {
    id: documentId('incident', incident.id),
    kind: 'incident',
    title: incident.title,
    body: incident.summary,
    extra: join(...incident.sectors, ...incident.memberStates, words(incident.escalation), incident.status),
  };
}

export function logEntryDocument(entry: LogEntry): SearchDocument {
  return {
    id: documentId('logEntry', entry.id),
    kind: 'logEntry',
    title: '',
    body: entry.corrects ? join(entry.text, entry.corrects.reason) : entry.text,
    extra: join(entry.author, words(entry.kind), entry.channel ? words(entry.channel) : null),
  };
}

/** The documents of any searched record; none for a deleted one. */
export function documentsOf(table: SearchedTable, record: Procedure | Contact | Incident | LogEntry): SearchDocument[] {
  if (record.deleted) return [];
  switch (table) {
    case 'procedures':
      return procedureDocuments(record as Procedure);
    case 'contacts':
      return contactDocuments(record as Contact);
    case 'incidents':
      return [incidentDocument(record as Incident)];
    case 'logEntries':
      return [logEntryDocument(record as LogEntry)];
  }
}

/** The field weights: a word in a title counts three times one in the text. */
export const FIELD_BOOSTS: Readonly<Record<'title' | 'body' | 'extra', number>> = { title: 3, body: 1, extra: 0.7 };
