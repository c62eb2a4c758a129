/**
 * What the search indexes (issue 10): a procedure and each step in both languages, a contact and
 * each channel (with its contact's name, and a telephone number's digits run together), a log
 * entry with its author; nothing for a deleted record; ids that say where a result opens; and
 * results shown in the language that matched, with the matched words marked.
 */
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../../shared/journal/hlc';
import { newRecordId } from '../../../../shared/model/ids';
import { ContactSchema, IncidentSchema, LogEntrySchema, ProcedureSchema, type Contact, type LogEntry, type Procedure } from '../../../../shared/model/records';
import { contactDocuments, documentId, documentsOf, kindOfDocumentId, logEntryDocument, parseDocumentId, procedureDocuments, SEARCH_KINDS } from '../../../../shared/search/documents';
import { describeHit } from '../../../../shared/search/results';
import { indexTerms } from '../../../../shared/search/text';
import { sampleContent } from '../procedures/sampleProcedure';

const origin = newRecordId();
const meta = () => ({
  id: newRecordId(),
  workspace: 'exercise' as const,
  origin,
  tlp: 'GREEN' as const,
  createdAt: '2026-03-10T08:00:00.000Z',
  updatedAt: '2026-03-10T08:00:00.000Z',
  hlc: formatHlc({ millis: Date.parse('2026-03-10T08:00:00.000Z'), counter: 0, node: origin }),
  deleted: false,
});

function procedure(): Procedure {
  return ProcedureSchema.parse({ ...meta(), ...sampleContent(), key: 'nl.delta-escalation' });
}

function contact(overrides: Partial<Contact> = {}): Contact {
  return ContactSchema.parse({
    ...meta(),
    kind: 'person',
    name: 'Joost Jänssen',
    organisation: 'NCSC-NL',
    country: 'NL',
    roles: ['liaison-officer'],
    level: 'operational',
    position: 'Duty officer',
    notes: 'Reachable through the crisis centre.',
    channels: [
      { type: 'mobile', value: '+31 6 1234 5678', note: 'Personal phone', label: '24/7' },
      { type: 'email', value: 'j.janssen@ncsc.nl', note: '' },
    ],
    ...overrides,
  });
}

function entry(overrides: Partial<LogEntry> = {}): LogEntry {
  return LogEntrySchema.parse({
    ...meta(),
    incidentId: newRecordId(),
    kind: 'observation',
    text: 'Storing van het rijksnetwerk in Den Haag; coördinatie met de netbeheerder gestart.',
    occurredAt: '2026-03-10T07:55:00.000Z',
    author: 'M. de Vries, NCSC-NL',
    ...overrides,
  });
}

const termsOf = (text: string) => new Set(indexTerms(text));

describe('document ids', () => {
  it('say the kind, the record and the part, and read back', () => {
    expect(documentId('step', 'P1', 'assess')).toBe('s:P1~assess');
    for (const kind of SEARCH_KINDS) {
      const part = kind === 'step' ? 'assess' : kind === 'channel' ? '2' : null;
      expect(parseDocumentId(documentId(kind, 'R1', part))).toEqual({ kind, recordId: 'R1', partId: part });
      expect(kindOfDocumentId(documentId(kind, 'R1', part))).toBe(kind);
    }
    expect(kindOfDocumentId('R1')).toBeNull();
    expect(parseDocumentId('x:R1')).toBeNull();
    expect(parseDocumentId('s:R1')).toBeNull();
    expect(parseDocumentId('p:R1~x')).toBeNull();
  });
});

describe('procedure documents', () => {
  it('index the procedure and every step, in English and Dutch', () => {
    const p = procedure();
    const documents = procedureDocuments(p);
    expect(documents.map((d) => d.id)).toEqual([documentId('procedure', p.id), ...p.steps.map((s) => documentId('step', p.id, s.id))]);
    const assess = documents.find((d) => d.id === documentId('step', p.id, 'assess'))!;
    const terms = termsOf(`${assess.title} ${assess.body} ${assess.extra}`);
    for (const word of ['assess', 'impact', 'beoordelen', 'beoordeel', 'matrix', 'omvang', 'bekend', '49']) expect(terms).toContain(word);
    expect(termsOf(documents[0]!.title)).toContain('opschaling');
  });

  it('index a decision step’s outcomes and a report step’s reports', () => {
    const documents = procedureDocuments(procedure());
    expect(termsOf(documents.find((d) => d.id.endsWith('~escalate'))!.body)).toContain('nee');
    expect(termsOf(documents.find((d) => d.id.endsWith('~sitrep'))!.body)).toContain('situatierapport');
  });
});

describe('contact documents', () => {
  it('index the contact, and each channel with the contact’s name', () => {
    const c = contact();
    const [person, mobile, email] = contactDocuments(c);
    expect(person!.id).toBe(documentId('contact', c.id));
    for (const word of ['janssen', 'ncsc', 'duty', 'liaison']) expect(termsOf(`${person!.title} ${person!.body} ${person!.extra}`)).toContain(word);
    expect(mobile!.id).toBe(documentId('channel', c.id, '0'));
    expect(termsOf(mobile!.title)).toContain('31612345678');
    expect(termsOf(mobile!.extra)).toContain('janssen');
    expect(termsOf(mobile!.extra)).toContain('mobile');
    expect(termsOf(email!.title)).toContain('j.janssen@ncsc.nl');
  });
});

describe('log entry documents and deleted records', () => {
  it('index the text, the author and the reason of a correction', () => {
    const e = entry({ corrects: { entryId: newRecordId(), mode: 'correction', reason: 'Verkeerde locatie genoemd' } });
    const document = logEntryDocument(e);
    expect(termsOf(document.body)).toContain('rijksnetwerk');
    expect(termsOf(document.body)).toContain('locatie');
    expect(termsOf(document.extra)).toContain('vries');
  });

  it('index an incident by its title, summary and sectors', () => {
    const incident = IncidentSchema.parse({
      ...meta(),
      title: 'Storing rijksnetwerk',
      summary: 'Uitval van het netwerk van de rijksoverheid.',
      escalation: 'significant-incident',
      status: 'open',
      startedAt: '2026-03-10T07:00:00.000Z',
      memberStates: ['NL'],
      sectors: ['digital infrastructure'],
    });
    const [document] = documentsOf('incidents', incident);
    expect(document!.id).toBe(documentId('incident', incident.id));
    for (const word of ['storing', 'rijksoverheid', 'infrastructure', 'significant']) expect(termsOf(`${document!.title} ${document!.body} ${document!.extra}`)).toContain(word);
  });

  it('give nothing for a deleted record', () => {
    expect(documentsOf('contacts', contact({ deleted: true }))).toEqual([]);
    expect(documentsOf('procedures', { ...procedure(), deleted: true })).toEqual([]);
    expect(documentsOf('logEntries', entry())).toHaveLength(1);
  });
});

describe('describeHit', () => {
  it('shows a step in the language that matched, marked, with its procedure', () => {
    const p = procedure();
    const view = describeHit({ kind: 'step', recordId: p.id, partId: 'assess' }, 's:x', { table: 'procedures', record: p }, 'en', new Set(['beoordelen']));
    expect(view?.title.map((s) => s.text).join('')).toBe('2. Impact {beoordelen}');
    expect(view?.title.find((s) => s.match)?.text).toBe('beoordelen');
    expect(view?.context).toBe('Nationale opschaling "Delta" <test> & co');
  });

  it('shows a step in the reader’s language when both match or neither', () => {
    const p = procedure();
    const view = describeHit({ kind: 'step', recordId: p.id, partId: 'assess' }, 's:x', { table: 'procedures', record: p }, 'nl', new Set(['impact']));
    expect(view?.title.map((s) => s.text).join('')).toBe('2. Impact {beoordelen}');
    const english = describeHit({ kind: 'step', recordId: p.id, partId: 'assess' }, 's:x', { table: 'procedures', record: p }, 'en', new Set(['impact']));
    expect(english?.title.map((s) => s.text).join('')).toBe('2. Assess [impact]');
  });

  it('shows a step in the language where more of the matched words stand', () => {
    const p = procedure();
    const view = describeHit({ kind: 'step', recordId: p.id, partId: 'assess' }, 's:x', { table: 'procedures', record: p }, 'en', new Set(['impact', 'beoordelen']));
    expect(view?.title.map((s) => s.text).join('')).toBe('2. Impact {beoordelen}');
  });

  it('shows a channel with its contact, and nothing for a step or channel that is gone', () => {
    const c = contact();
    const view = describeHit({ kind: 'channel', recordId: c.id, partId: '1' }, 'h:x', { table: 'contacts', record: c }, 'en', new Set(['janssen']));
    expect(view?.title.map((s) => s.text).join('')).toBe('j.janssen@ncsc.nl');
    expect(view?.channelType).toBe('email');
    expect(view?.context).toBe('Joost Jänssen, NCSC-NL');
    expect(describeHit({ kind: 'channel', recordId: c.id, partId: '7' }, 'h:x', { table: 'contacts', record: c }, 'en', new Set())).toBeNull();
    const p = procedure();
    expect(describeHit({ kind: 'step', recordId: p.id, partId: 'gone' }, 's:x', { table: 'procedures', record: p }, 'en', new Set())).toBeNull();
  });

  it('shows a log entry with its incident, time and whether it still stands', () => {
    const e = entry();
    const view = describeHit({ kind: 'logEntry', recordId: e.id, partId: null }, 'l:x', { table: 'logEntries', record: e, incidentTitle: 'Storing rijksnetwerk', correction: 'withdrawn' }, 'nl', new Set(['coordinatie']));
    expect(view?.excerpt.find((s) => s.match)?.text).toBe('coördinatie');
    expect(view).toMatchObject({ incidentId: e.incidentId, occurredAt: e.occurredAt, correction: 'withdrawn', context: 'Storing rijksnetwerk' });
  });
});
