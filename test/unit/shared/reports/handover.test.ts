import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../shared/clocks/clock';
import type { AssistanceRequest } from '../../../../shared/model/records';
import { handoverDocument } from '../../../../shared/reports/document';
import { buildHandover, lastHandoverAt, type HandoverOptions } from '../../../../shared/reports/handover';
import { documentToMarkdown } from '../../../../shared/reports/markdown';
import { at, context, correction, entry, incident, INCIDENT_ID, nextId } from './builders';

const options = (overrides: Partial<HandoverOptions> = {}): HandoverOptions => ({ since: at(240), notes: [], minimumTlp: 'CLEAR', ...overrides });

describe('shift handover', () => {
  it('lists what was recorded since the start of the shift, including late entries about earlier events', () => {
    const before = entry({ occurred: 100, text: 'Before the shift' });
    const during = entry({ occurred: 300, text: 'During the shift' });
    const lateAboutEarlier = entry({ occurred: 100, recorded: 320, text: 'Written up late' });
    const report = buildHandover(incident(), [before, during, lateAboutEarlier], options(), context());
    expect(report.entries.map((e) => e.text)).toEqual(['Written up late', 'During the shift']);
  });

  it('lists an older entry corrected during the shift, in its corrected form, and counts corrections and withdrawals', () => {
    const old = entry({ occurred: 100, text: 'Two ferries stuck' });
    const fixed = correction(old, 'correction', 300, 'Three ferries stuck');
    const wrong = entry({ occurred: 260, text: 'Wrong incident' });
    const report = buildHandover(incident(), [old, fixed, wrong, correction(wrong, 'withdrawal', 310)], options(), context());
    expect(report.entries.map((e) => e.text)).toEqual(['Three ferries stuck']);
    expect(report.correctedCount).toBe(1);
    expect(report.withdrawnCount).toBe(1);
    const md = documentToMarkdown(handoverDocument(report, { language: 'en', timeZone: 'UTC' }));
    expect(md).toContain('Entries corrected since then (shown as corrected): 1.');
    expect(md).toContain('Entries withdrawn since then, left out: 1.');
  });

  it('lists changes of the incident apart, from → to', () => {
    const change = entry({
      kind: 'escalation',
      occurred: 300,
      text: 'Two member states affected',
      incidentChange: [
        { field: 'escalation', from: 'significant-incident', to: 'large-scale-incident' },
        { field: 'cyclone', from: 'informed', to: 'activated' },
        { field: 'severity', from: { services: 'low', entities: 'unknown', otherServices: 'unknown', financial: 'unknown', reputational: 'unknown', political: 'unknown' }, to: { services: 'high', entities: 'unknown', otherServices: 'unknown', financial: 'unknown', reputational: 'unknown', political: 'unknown' } },
      ],
    });
    const report = buildHandover(incident(), [change, entry({ occurred: 310 })], options(), context());
    expect(report.stateChanges.map((e) => e.text)).toEqual(['Two member states affected']);
    expect(report.entries).toHaveLength(1);
    const md = documentToMarkdown(handoverDocument(report, { language: 'en', timeZone: 'UTC' }));
    expect(md).toContain('Escalation level: Significant incident → Large-scale cybersecurity incident');
    expect(md).toContain('EU-CyCLONe: Informed → Activated');
    expect(md).toContain('Impact on service delivery: Low → High');
  });

  it('hands over open requests, lessons actions, running clocks with time left, and the notes', () => {
    const request = (status: AssistanceRequest['status']): AssistanceRequest => ({ id: nextId(), kind: 'enisa-support', to: 'ENISA', description: 'Analysis', requestedAt: at(50), status });
    const clock: Clock = {
      id: nextId(),
      template: 'reserve-deployment',
      label: { en: 'EU Cybersecurity Reserve: services deployed', nl: 'EU-cyberbeveiligingsreserve: diensten ingezet' },
      startedAt: at(0),
      duration: { unit: 'hours', amount: 24 },
      timeZone: 'Europe/Brussels',
      warnBeforeMinutes: 240,
      stoppedAt: null,
      stopReason: null,
    };
    const inc = incident({
      requests: [request('requested'), request('granted'), request('delivered'), request('refused')],
      clocks: [clock],
      lessons: { wentWell: [], didNotGoWell: [], actions: [{ text: 'Exercise the fallback line', owner: 'Duty officer', due: '2025-12-01' }] },
    });
    const report = buildHandover(inc, [], options({ notes: ['Call ENISA at 06:00', ' '] }), context({ generatedAt: at(1_200) }));
    expect(report.openRequests.map((r) => r.status)).toEqual(['requested', 'granted']);
    expect(report.clocks.map((c) => c.status)).toEqual(['warning']);
    expect(report.notes).toEqual(['Call ENISA at 06:00']);
    const md = documentToMarkdown(handoverDocument(report, { language: 'nl', timeZone: 'Europe/Amsterdam' }));
    expect(md).toContain('EU-cyberbeveiligingsreserve: diensten ingezet');
    expect(md).toContain('nog 4 u. 0 min.');
    expect(md).toContain('| Exercise the fallback line | Duty officer | 1 dec 2025 |');
    expect(md).toContain('- Call ENISA at 06:00');
    expect(md).toContain('# Dienstoverdracht — GREY FERRY');
  });

  it('carries the most restrictive label of the incident and what it lists', () => {
    const entries = [entry({ occurred: 100, tlp: 'RED' }), entry({ occurred: 300, tlp: 'AMBER' })];
    expect(buildHandover(incident({ tlp: 'GREEN' }), entries, options(), context()).header.tlp).toBe('AMBER');
    expect(buildHandover(incident({ tlp: 'GREEN' }), entries, options({ since: at(0) }), context()).header.tlp).toBe('RED');
    expect(buildHandover(incident({ tlp: 'GREEN' }), entries, options({ minimumTlp: 'AMBER+STRICT' }), context()).header.tlp).toBe('AMBER+STRICT');
  });

  it('says so when nothing changed', () => {
    const md = documentToMarkdown(handoverDocument(buildHandover(incident(), [], options(), context()), { language: 'en', timeZone: 'UTC' }));
    expect(md).toContain('Nothing new was logged since then.');
    expect(md).toContain('The state of the incident did not change.');
    expect(md).toContain('No request is open.');
    expect(md).toContain('No clock is running.');
  });

  it('starts the next shift at the last handover recorded', () => {
    expect(lastHandoverAt([entry({ kind: 'observation', occurred: 10 })], INCIDENT_ID)).toBeNull();
    const first = entry({ kind: 'handover', occurred: 100, recorded: 110 });
    const second = entry({ kind: 'handover', occurred: 200, recorded: 205 });
    expect(lastHandoverAt([second, first], INCIDENT_ID)).toBe(at(205));
  });
});
