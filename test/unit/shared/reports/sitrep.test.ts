import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../shared/clocks/clock';
import type { Level } from '../../../../shared/model/levels';
import type { AssistanceRequest } from '../../../../shared/model/records';
import { situationReportDocument } from '../../../../shared/reports/document';
import { documentToMarkdown } from '../../../../shared/reports/markdown';
import { buildSituationReport, inPeriod, LEVEL_RULES, splitLines, type SituationReportOptions } from '../../../../shared/reports/sitrep';
import { at, context, correction, entry, incident, nextId } from './builders';

const options = (overrides: Partial<SituationReportOptions> = {}): SituationReportOptions => ({
  level: 'operational',
  from: at(0),
  to: null,
  nextReportAt: null,
  decisionsNeeded: [],
  minimumTlp: 'CLEAR',
  ...overrides,
});

/** One entry of every kind, ten minutes apart, all GREEN. */
function everyKind() {
  return [
    entry({ kind: 'observation', occurred: 10, text: 'Booking portal down' }),
    entry({ kind: 'communication-in', occurred: 20, text: 'Call from operator A' }),
    entry({ kind: 'communication-out', occurred: 30, text: 'Alert sent to the CSIRTs network' }),
    entry({ kind: 'escalation', occurred: 40, text: 'Escalated to significant incident' }),
    entry({ kind: 'action', occurred: 50, text: 'Backup booking line opened' }),
    entry({ kind: 'decision', occurred: 60, text: 'Ask ENISA for support' }),
    entry({ kind: 'situation-report', occurred: 70, text: 'SITREP 1' }),
    entry({ kind: 'handover', occurred: 80, text: 'Night shift handed over' }),
  ];
}

const texts = (list: ReadonlyArray<{ text: string }>) => list.map((e) => e.text);

describe('situation report: period', () => {
  it('includes entries from `from` (inclusive) to `to` (exclusive), by time of occurrence', () => {
    const entries = [entry({ occurred: 59 }), entry({ occurred: 60 }), entry({ occurred: 119 }), entry({ occurred: 120 })];
    const report = buildSituationReport(incident(), entries, options({ from: at(60), to: at(120) }), context());
    expect(texts(report.happened)).toEqual(['Observation at minute 60', 'Observation at minute 119']);
  });

  it('without an end runs to the time of generation, and leaves out entries dated after it', () => {
    const entries = [entry({ occurred: 600 }), entry({ occurred: 601 })];
    const report = buildSituationReport(incident(), entries, options(), context({ generatedAt: at(600) }));
    expect(texts(report.happened)).toEqual(['Observation at minute 600']);
    expect(inPeriod(at(601), at(0), null, at(600))).toBe(false);
  });

  it('uses the period of occurrence, not of recording (a late entry about the period is in it)', () => {
    const late = entry({ occurred: 30, recorded: 500, text: 'Written up afterwards' });
    const report = buildSituationReport(incident(), [late], options({ from: at(0), to: at(60) }), context());
    expect(texts(report.happened)).toEqual(['Written up afterwards']);
  });

  it('reports an empty period as empty, in words', () => {
    const report = buildSituationReport(incident(), everyKind(), options({ from: at(300), to: at(400) }), context());
    expect(report.happened).toEqual([]);
    expect(report.measures).toEqual([]);
    expect(report.withdrawnCount).toBe(0);
    expect(report.notListed).toEqual({});
    const md = documentToMarkdown(situationReportDocument(report, { language: 'en', timeZone: 'UTC' }));
    expect(md).toContain('Nothing of this kind was logged in this period.');
    expect(md).toContain('No measures of this kind were logged in this period.');
  });
});

describe('situation report: levels', () => {
  // Legend: level → texts under "What happened", under "Measures taken", and kinds not listed.
  it.each<[Level, string[], string[], Record<string, number>]>([
    [
      'technical',
      ['Booking portal down', 'Call from operator A', 'Alert sent to the CSIRTs network', 'Escalated to significant incident'],
      ['Backup booking line opened', 'Ask ENISA for support'],
      { 'situation-report': 1, handover: 1 },
    ],
    [
      'operational',
      ['Booking portal down', 'Call from operator A', 'Alert sent to the CSIRTs network', 'Escalated to significant incident'],
      ['Backup booking line opened', 'Ask ENISA for support'],
      { 'situation-report': 1, handover: 1 },
    ],
    [
      'political',
      ['Escalated to significant incident'],
      ['Ask ENISA for support'],
      { observation: 1, 'communication-in': 1, 'communication-out': 1, action: 1, 'situation-report': 1, handover: 1 },
    ],
  ])('%s level lists what its rule says and counts the rest', (level, happened, measures, notListed) => {
    const report = buildSituationReport(incident(), everyKind(), options({ level }), context());
    expect(texts(report.happened)).toEqual(happened);
    expect(texts(report.measures)).toEqual(measures);
    expect(report.notListed).toEqual(notListed);
    expect(report.rule).toBe(LEVEL_RULES[level]);
  });

  it('never lists earlier situation reports or handovers, at any level', () => {
    for (const rule of Object.values(LEVEL_RULES)) {
      expect([...rule.happened, ...rule.measures]).not.toContain('situation-report');
      expect([...rule.happened, ...rule.measures]).not.toContain('handover');
    }
  });

  it('prints less detail the higher the level', () => {
    const received = entry({
      kind: 'communication-in',
      occurred: 20,
      text: 'Radio message from the harbour master',
      extra: { receivedAt: at(25), channel: 'radio', classified: { level: 'restreint-ue', with: 'EU-CyCLONe', channel: 'accredited terminal', exchangedAt: at(26) } },
    });
    const escalation = entry({
      kind: 'escalation',
      occurred: 40,
      text: 'Escalated',
      incidentChange: [{ field: 'escalation', from: 'incident', to: 'significant-incident' }],
    });
    const doc = (level: Level) => documentToMarkdown(situationReportDocument(buildSituationReport(incident(), [received, escalation], options({ level }), context()), { language: 'en', timeZone: 'UTC' }));

    const technical = doc('technical');
    expect(technical).toContain('Received 3 Nov 2025, 08:25 UTC by radio.');
    expect(technical).toContain('RESTREINT UE/EU RESTRICTED');
    expect(technical).toContain('Escalation level: Incident → Significant incident');
    expect(technical).toContain('A. Analyst, CSIRT');

    const operational = doc('operational');
    expect(operational).not.toContain('Received 3 Nov');
    expect(operational).toContain('RESTREINT UE/EU RESTRICTED');
    expect(operational).toContain('Escalation level: Significant incident');
    expect(operational).not.toContain('Incident → Significant incident');

    const political = doc('political');
    expect(political).not.toContain('Radio message');
    expect(political).not.toContain('RESTREINT');
    expect(political).not.toContain('A. Analyst, CSIRT');
    expect(political).toContain('Escalated');
    expect(political).toContain('Political level (Recommendation, pt. 55(c))');
  });
});

describe('situation report: corrections and withdrawals', () => {
  it('shows a corrected entry once, corrected, with a note; leaves withdrawn ones out with a count', () => {
    const original = entry({ occurred: 10, text: 'Three terminals down' });
    const fixed = correction(original, 'correction', 90, 'Four terminals down');
    const wrong = entry({ occurred: 20, text: 'Entry for another incident' });
    const withdrawal = correction(wrong, 'withdrawal', 95);
    const report = buildSituationReport(incident(), [original, fixed, wrong, withdrawal], options(), context());
    expect(texts(report.happened)).toEqual(['Four terminals down']);
    expect(report.happened[0]?.correction).toEqual({ count: 1, at: fixed.createdAt, by: 'B. Checker, CSIRT', reason: 'Wrong number of terminals' });
    expect(report.withdrawnCount).toBe(1);

    const md = documentToMarkdown(situationReportDocument(report, { language: 'en', timeZone: 'UTC' }));
    expect(md).toContain('Corrected 3 Nov 2025, 09:30 UTC by B. Checker, CSIRT: Wrong number of terminals');
    expect(md).toContain('Withdrawn entries left out: 1.');
    expect(md).not.toContain('Three terminals down');
    expect(md).not.toContain('Entry for another incident');
  });

  it('counts only withdrawn entries of the kinds the level lists, in the period', () => {
    const observation = entry({ kind: 'observation', occurred: 10 });
    const decision = entry({ kind: 'decision', occurred: 20 });
    const outside = entry({ kind: 'decision', occurred: 700 });
    const all = [observation, decision, outside, correction(observation, 'withdrawal', 30), correction(decision, 'withdrawal', 31), correction(outside, 'withdrawal', 701)];
    expect(buildSituationReport(incident(), all, options({ level: 'technical', to: at(600) }), context()).withdrawnCount).toBe(2);
    expect(buildSituationReport(incident(), all, options({ level: 'political', to: at(600) }), context()).withdrawnCount).toBe(1);
  });
});

describe('situation report: label', () => {
  it('is the most restrictive label of the incident and every included entry', () => {
    const entries = [entry({ occurred: 10, tlp: 'GREEN' }), entry({ occurred: 20, tlp: 'AMBER+STRICT' }), entry({ kind: 'decision', occurred: 30, tlp: 'AMBER' })];
    expect(buildSituationReport(incident({ tlp: 'GREEN' }), entries, options(), context()).header.tlp).toBe('AMBER+STRICT');
    expect(buildSituationReport(incident({ tlp: 'RED' }), entries, options(), context()).header.tlp).toBe('RED');
  });

  it('is not raised by what the report leaves out: other periods, other levels, withdrawn entries', () => {
    const red = entry({ kind: 'observation', occurred: 10, tlp: 'RED' });
    const lateRed = entry({ kind: 'decision', occurred: 500, tlp: 'RED' });
    const withdrawnRed = entry({ kind: 'decision', occurred: 20, tlp: 'RED' });
    const entries = [red, lateRed, withdrawnRed, correction(withdrawnRed, 'withdrawal', 25), entry({ kind: 'decision', occurred: 30, tlp: 'AMBER' })];
    const political = buildSituationReport(incident({ tlp: 'GREEN' }), entries, options({ level: 'political', to: at(400) }), context());
    expect(political.header.tlp).toBe('AMBER');
    const technical = buildSituationReport(incident({ tlp: 'GREEN' }), entries, options({ level: 'technical', to: at(400) }), context());
    expect(technical.header.tlp).toBe('RED');
  });

  it('takes a correction’s label into account, and the minimum the author chose', () => {
    const original = entry({ occurred: 10, tlp: 'GREEN' });
    const fix = correction(original, 'correction', 20, 'now sensitive', 'AMBER');
    expect(buildSituationReport(incident({ tlp: 'CLEAR' }), [original, fix], options(), context()).header.tlp).toBe('AMBER');
    expect(buildSituationReport(incident({ tlp: 'CLEAR' }), [], options({ minimumTlp: 'RED' }), context()).header.tlp).toBe('RED');
  });

  it('stands in the header and the footer of the document and the Markdown', () => {
    const report = buildSituationReport(incident({ tlp: 'AMBER' }), [], options(), context());
    const doc = situationReportDocument(report, { language: 'nl', timeZone: 'Europe/Amsterdam' });
    expect(doc.tlp).toBe('AMBER');
    const md = documentToMarkdown(doc);
    expect(md.startsWith('**TLP:AMBER**')).toBe(true);
    expect(md.trimEnd().split('\n').at(-1)).toMatch(/^\*\*TLP:AMBER\*\*/);
  });
});

describe('situation report: marking, number, author', () => {
  it('marks a report from the exercise workspace EXERCISE — OEFENING, and names the file so', () => {
    const report = buildSituationReport(incident({ workspace: 'exercise' }), [], options(), context({ workspace: 'exercise' }));
    expect(report.header.exercise).toBe(true);
    const doc = situationReportDocument(report, { language: 'en', timeZone: 'UTC' });
    expect(doc.exerciseMarking).toBe('EXERCISE — OEFENING');
    expect(documentToMarkdown(doc)).toContain('**EXERCISE — OEFENING**');
    expect(doc.fileStem).toMatch(/^EXERCISE-grey-ferry-outage-sitrep-1-operational-20251103-1800$/);
  });

  it('does not mark a real report', () => {
    const doc = situationReportDocument(buildSituationReport(incident(), [], options(), context()), { language: 'en', timeZone: 'UTC' });
    expect(doc.exerciseMarking).toBeNull();
    expect(documentToMarkdown(doc)).not.toContain('EXERCISE');
    expect(doc.fileStem.startsWith('grey-ferry')).toBe(true);
  });

  it('numbers the report after the situation reports already in the logbook (withdrawn ones excepted)', () => {
    const first = entry({ kind: 'situation-report', occurred: 10 });
    const second = entry({ kind: 'situation-report', occurred: 20 });
    const entries = [first, second, correction(second, 'withdrawal', 30)];
    expect(buildSituationReport(incident(), entries, options(), context()).number).toBe(2);
    expect(buildSituationReport(incident(), [], options(), context()).number).toBe(1);
  });

  it('names the author, the time of generation and the level of the Recommendation', () => {
    const doc = situationReportDocument(buildSituationReport(incident(), [], options({ level: 'technical' }), context()), { language: 'en', timeZone: 'UTC' });
    const facts = Object.fromEntries(doc.facts.map((f) => [f.label, f.value]));
    expect(facts['Author']).toBe('Jo Tester, NCSC Testland');
    expect(facts['Generated']).toBe('3 Nov 2025, 18:00 UTC');
    expect(facts['Level']).toBe('Technical level (Recommendation, pt. 55(a))');
    expect(facts['Label']).toBe('TLP:GREEN');
    expect(doc.title).toBe('Situation report no. 1');
  });
});

describe('situation report: assessment, measures, decisions, clocks', () => {
  const request = (status: AssistanceRequest['status'], requestedAt: string): AssistanceRequest => ({
    id: nextId(),
    kind: 'reserve-services',
    to: 'European Commission',
    description: 'Incident response for the booking platform',
    requestedAt,
    status,
  });

  it('lists every request with its status and the open ones under decisions needed', () => {
    const requests = [request('granted', at(50)), request('requested', at(40))];
    const report = buildSituationReport(incident({ requests }), [], options({ decisionsNeeded: ['  Activate the IPCR?  ', '', 'Public statement'] }), context());
    expect(report.requests.map((r) => r.status)).toEqual(['requested', 'granted']);
    expect(report.pendingRequests.map((r) => r.status)).toEqual(['requested']);
    expect(report.decisionsNeeded).toEqual(['Activate the IPCR?', 'Public statement']);
  });

  it('rates only the severity dimensions that are rated', () => {
    const inc = incident({ severity: { services: 'high', entities: 'unknown', otherServices: 'low', financial: 'unknown', reputational: 'unknown', political: 'medium' } });
    const report = buildSituationReport(inc, [], options(), context());
    expect(report.assessment.severity).toEqual([
      { dimension: 'services', rating: 'high' },
      { dimension: 'otherServices', rating: 'low' },
      { dimension: 'political', rating: 'medium' },
    ]);
  });

  it('shows running clocks, soonest first, with the time left at generation; stopped clocks are left out', () => {
    const clock = (hours: number, stopped: boolean, label: string): Clock => ({
      id: nextId(),
      template: 'custom',
      label: { en: label, nl: label },
      startedAt: at(0),
      duration: { unit: 'hours', amount: hours },
      timeZone: 'Europe/Amsterdam',
      warnBeforeMinutes: 120,
      stoppedAt: stopped ? at(30) : null,
      stopReason: stopped ? 'Done' : null,
    });
    const inc = incident({ clocks: [clock(72, false, 'NIS2 notification'), clock(24, false, 'Reserve'), clock(5, false, 'Overdue one'), clock(24, true, 'Stopped one')] });
    const report = buildSituationReport(inc, [], options(), context({ generatedAt: at(600) }));
    expect(report.clocks.map((c) => [c.label.en, c.status, c.remainingMs])).toEqual([
      ['Overdue one', 'overdue', (5 * 60 - 600) * 60_000],
      ['Reserve', 'running', (24 * 60 - 600) * 60_000],
      ['NIS2 notification', 'running', (72 * 60 - 600) * 60_000],
    ]);
    const md = documentToMarkdown(situationReportDocument(report, { language: 'en', timeZone: 'UTC' }));
    expect(md).toContain('| Overdue one | 3 Nov 2025, 13:00 UTC | overdue by 5 h 0 min | Overdue |');
    expect(md).toContain('| Reserve | 4 Nov 2025, 08:00 UTC | 14 h 0 min left | Running |');
    expect(md).not.toContain('Stopped one');
  });

  it('announces the next report, or says none is scheduled', () => {
    const scheduled = situationReportDocument(buildSituationReport(incident(), [], options({ nextReportAt: at(720) }), context()), { language: 'en', timeZone: 'UTC' });
    expect(documentToMarkdown(scheduled)).toContain('The next situation report is due 3 Nov 2025, 20:00 UTC.');
    const none = situationReportDocument(buildSituationReport(incident(), [], options(), context()), { language: 'nl', timeZone: 'UTC' });
    expect(documentToMarkdown(none)).toContain('Er is nog geen volgend rapport gepland.');
  });

  it('splits the one-per-line fields of the dialog', () => {
    expect(splitLines(' a \r\n\n b\rc ')).toEqual(['a', 'b', 'c']);
  });
});
