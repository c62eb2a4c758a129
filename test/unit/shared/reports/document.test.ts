/**
 * The documents in words: every phrase a report can contain exists in every language (a missing
 * key would print as "reports.something"), times carry their zone, and file names are safe.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../shared/clocks/clock';
import { LANGUAGES } from '../../../../shared/i18n/languages';
import { LEVELS } from '../../../../shared/model/levels';
import { EUCI_LEVELS, IPCR_MODES, LOG_ENTRY_KINDS, RECEIVED_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES, type Incident, type LogEntry } from '../../../../shared/model/records';
import { handoverDocument, lessonsDocument, situationReportDocument, type ReportDocument } from '../../../../shared/reports/document';
import { buildHandover } from '../../../../shared/reports/handover';
import { buildLessonsReport } from '../../../../shared/reports/lessons';
import { documentToMarkdown } from '../../../../shared/reports/markdown';
import { documentToPlainText } from '../../../../shared/reports/plainText';
import { buildSituationReport } from '../../../../shared/reports/sitrep';
import { at, context, correction, entry, incident, nextId } from './builders';

/** Everything a report can mention: every kind, channel, classified level, change and request. */
function richIncident(): { incident: Incident; entries: LogEntry[] } {
  const clock = (status: 'running' | 'overdue' | 'warning'): Clock => ({
    id: nextId(),
    template: 'nis2-early-warning',
    label: { en: `Clock ${status}`, nl: '' },
    startedAt: at(0),
    duration: { unit: 'hours', amount: status === 'overdue' ? 1 : status === 'warning' ? 11 : 48 },
    timeZone: 'Europe/Amsterdam',
    warnBeforeMinutes: 120,
    stoppedAt: null,
    stopReason: null,
  });
  const inc = incident({
    tlp: 'AMBER',
    severity: { services: 'high', entities: 'medium', otherServices: 'low', financial: 'none', reputational: 'very-high', political: 'unknown' },
    ipcr: { mode: 'information-sharing', monitoringPage: true },
    requests: REQUEST_KINDS.flatMap((kind, i) => ({ id: nextId(), kind, to: 'ENISA', description: 'help', requestedAt: at(i), status: REQUEST_STATUSES[i % REQUEST_STATUSES.length] ?? 'requested' })),
    clocks: [clock('running'), clock('overdue'), clock('warning')],
    lessons: { wentWell: ['a'], didNotGoWell: ['b'], actions: [{ text: 'c', owner: 'd', due: '2026-01-01' }] },
    memberStates: ['EL', 'EU'],
  });
  const entries: LogEntry[] = [];
  LOG_ENTRY_KINDS.forEach((kind, i) => {
    entries.push(
      entry({
        kind,
        occurred: 10 + i,
        recorded: 100 + i,
        extra: {
          receivedAt: at(5),
          channel: RECEIVED_CHANNELS[i % RECEIVED_CHANNELS.length] ?? 'other',
          retrospective: { justification: 'Written from notes' },
          classified: { level: EUCI_LEVELS[i % EUCI_LEVELS.length] ?? 'restreint-ue', with: 'EU-CyCLONe', channel: 'accredited terminal', exchangedAt: at(6) },
        },
      }),
    );
  });
  RECEIVED_CHANNELS.forEach((channel, i) => entries.push(entry({ kind: 'communication-in', occurred: 40 + i, extra: { channel, receivedAt: i % 2 ? at(39) : null } })));
  const change = entry({
    kind: 'decision',
    occurred: 60,
    incidentChange: [
      { field: 'title', from: 'a', to: 'b' },
      { field: 'summary', from: '', to: 'b' },
      { field: 'escalation', from: 'incident', to: 'cyber-crisis' },
      { field: 'status', from: 'open', to: 'recovery' },
      { field: 'memberStates', from: ['NL'], to: ['NL', 'EL'] },
      { field: 'sectors', from: [], to: ['energy'] },
      { field: 'csirtsNetwork', from: 'not-involved', to: 'stood-down' },
      { field: 'cyclone', from: 'informed', to: 'activated' },
      { field: 'requests', from: [], to: inc.requests },
      { field: 'clocks', from: [], to: [{ ...inc.clocks[0], stoppedAt: at(70), stopReason: 'met' }] },
      { field: 'lessons', from: null, to: inc.lessons },
      { field: 'tlp', from: 'GREEN', to: 'AMBER' },
      { field: 'severity', from: undefined, to: inc.severity },
    ],
  });
  const moreChanges = entry({
    kind: 'escalation',
    occurred: 61,
    incidentChange: [
      ...IPCR_MODES.map((mode) => ({ field: 'ipcr' as const, from: { mode: 'not-activated', monitoringPage: false }, to: { mode, monitoringPage: true } })),
      { field: 'escalation', from: 42, to: 'not a level' },
    ],
  });
  entries.push(change, moreChanges, correction(change, 'correction', 200), correction(correction(entries[0]!, 'correction', 210), 'correction', 220));
  const orphanTarget = entry({ occurred: 15 });
  entries.push(correction(orphanTarget, 'correction', 230));
  return { incident: inc, entries };
}

function allDocuments(): ReportDocument[] {
  const { incident: inc, entries } = richIncident();
  const ctx = context({ generatedAt: at(600), workspace: 'exercise' });
  return LANGUAGES.flatMap((language) => {
    const settings = { language, timeZone: 'Europe/Amsterdam' };
    return [
      ...LEVELS.map((level) =>
        situationReportDocument(buildSituationReport(inc, entries, { level, from: at(0), to: null, nextReportAt: at(700), decisionsNeeded: ['x'], minimumTlp: 'CLEAR' }, ctx), settings),
      ),
      handoverDocument(buildHandover(inc, entries, { since: at(0), notes: ['n'], minimumTlp: 'CLEAR' }, ctx), settings),
      lessonsDocument(buildLessonsReport(inc, entries, { minimumTlp: 'CLEAR' }, ctx), settings),
    ];
  });
}

describe('report documents', () => {
  it('have words for everything, in every language (no untranslated keys)', () => {
    for (const doc of allDocuments()) {
      for (const text of [documentToMarkdown(doc), documentToPlainText(doc)]) {
        const keys = text.match(/\b(?:reports|log|requests|severity|escalation|incidentStatus|incidentField|networkState|ipcr|lessons)\.[a-zA-Z-]+(?:\.[a-zA-Z-]+)*/g) ?? [];
        expect(keys, `${doc.language} ${doc.title}`).toEqual([]);
      }
    }
  });

  it('name the countries in the report language (EL is Greece, EU the Union)', () => {
    const [en] = allDocuments();
    expect(documentToMarkdown(en!)).toContain('Greece, European Union');
    const nl = allDocuments().find((d) => d.language === 'nl');
    expect(documentToMarkdown(nl!)).toContain('Griekenland, Europese Unie');
  });

  it('show every time with its zone, and fall back to UTC for an unknown zone', () => {
    const report = buildSituationReport(incident(), [], { level: 'technical', from: at(0), to: at(60), nextReportAt: null, decisionsNeeded: [], minimumTlp: 'CLEAR' }, context());
    const amsterdam = situationReportDocument(report, { language: 'en', timeZone: 'Europe/Amsterdam' });
    expect(amsterdam.facts.find((f) => f.label === 'Period')?.value).toBe('3 Nov 2025, 09:00 CET to 3 Nov 2025, 10:00 CET');
    const unknown = situationReportDocument(report, { language: 'en', timeZone: 'Mars/Olympus_Mons' });
    expect(unknown.facts.find((f) => f.label === 'Period')?.value).toBe('3 Nov 2025, 08:00 UTC to 3 Nov 2025, 09:00 UTC');
  });

  it('have file names made of safe characters only', () => {
    const weird = incident({ title: 'Ünïcode / "quotes": <ransom> | *?' });
    const doc = lessonsDocument(buildLessonsReport(weird, [], { minimumTlp: 'CLEAR' }, context()), { language: 'en', timeZone: 'UTC' });
    expect(doc.fileStem).toBe('unicode-quotes-ransom-lessons-learned-20251103-1800');
    const empty = lessonsDocument(buildLessonsReport(incident({ title: '!!!' }), [], { minimumTlp: 'CLEAR' }, context()), { language: 'en', timeZone: 'UTC' });
    expect(empty.fileStem).toMatch(/^incident-lessons-learned-/);
  });

  it('fit the logbook as plain text, shortened with a note when too long', () => {
    const [doc] = allDocuments();
    const full = documentToPlainText(doc!);
    expect(full.startsWith('TLP:AMBER · EXERCISE — OEFENING')).toBe(true);
    expect(full).not.toContain('\\');
    const short = documentToPlainText(doc!, 600);
    expect(short.length).toBeLessThanOrEqual(600);
    expect(short).toContain(`the full report has ${full.length} characters`);
    expect(short.trimEnd().endsWith('TLP:AMBER · EXERCISE — OEFENING')).toBe(true);
  });
});
