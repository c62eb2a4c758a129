/**
 * The built-in clock templates: the right durations, where each deadline comes from (the NIS2
 * ones say they are the Directive's, not the Recommendation's), and clocks made from them.
 */
import { describe, expect, it } from 'vitest';
import { ClockSchema, deadlineOf } from '../../../../shared/clocks/clock';
import { CLOCK_TEMPLATE_IDS, CLOCK_TEMPLATE_LIST, CLOCK_TEMPLATES, clockFromTemplate } from '../../../../shared/clocks/templates';

describe('clock templates', () => {
  it.each([
    ['reserve-deployment', 'recommendation', 'Recommendation pt. 55(b)(v)', { unit: 'hours', amount: 24 }],
    ['nis2-early-warning', 'nis2', 'Directive (EU) 2022/2555, Art. 23(4)(a)', { unit: 'hours', amount: 24 }],
    ['nis2-incident-notification', 'nis2', 'Directive (EU) 2022/2555, Art. 23(4)(b)', { unit: 'hours', amount: 72 }],
    ['nis2-final-report', 'nis2', 'Directive (EU) 2022/2555, Art. 23(4)(d)', { unit: 'months', amount: 1 }],
  ] as const)('%s: source %s, %s, %o', (id, source, citation, duration) => {
    const t = CLOCK_TEMPLATES[id];
    expect(t).toMatchObject({ id, source, citation, duration });
    expect(t.warnBeforeMinutes).toBeGreaterThan(0);
    for (const text of [t.label, t.basis, t.startsAt]) {
      expect(text.en.length).toBeGreaterThan(0);
      expect(text.nl.length).toBeGreaterThan(0);
      expect(text.nl).not.toBe(text.en);
    }
  });

  it('offers the templates in a fixed order', () => {
    expect(CLOCK_TEMPLATE_LIST.map((t) => t.id)).toEqual([...CLOCK_TEMPLATE_IDS]);
  });

  it('says in both languages that the NIS2 deadlines come from the Directive, not from the Recommendation', () => {
    for (const t of CLOCK_TEMPLATE_LIST.filter((x) => x.source === 'nis2')) {
      expect(t.basis.en).toMatch(/from the NIS2 Directive, not from the Recommendation/);
      expect(t.basis.nl).toMatch(/uit de NIS2-richtlijn, niet uit de Aanbeveling/);
      expect(t.basis.en).toContain('Directive (EU) 2022/2555');
      expect(t.basis.nl).toContain('Richtlijn (EU) 2022/2555');
    }
    const reserve = CLOCK_TEMPLATES['reserve-deployment'];
    expect(reserve.basis.en).toContain('pt. 55(b)(v)');
    expect(reserve.basis.nl).toContain('punt 55(b)(v)');
    expect(reserve.basis.en).not.toMatch(/NIS2/);
  });

  it('starts the final-report clock at the submission of the incident notification', () => {
    const t = CLOCK_TEMPLATES['nis2-final-report'];
    expect(t.startsAt.en).toMatch(/incident notification/);
    expect(t.startsAt.nl).toMatch(/incidentmelding/);
    expect(t.basis.en).toMatch(/one month after the submission of the incident notification/);
  });

  it('makes valid running clocks', () => {
    for (const id of CLOCK_TEMPLATE_IDS) {
      const c = clockFromTemplate(id, { id: '01JBZ00000000000000000CK01', startedAt: '2026-03-15T07:00:00.000Z', timeZone: 'Europe/Athens' });
      expect(ClockSchema.parse(c)).toEqual(c);
      expect(c).toMatchObject({ template: id, stoppedAt: null, stopReason: null, warnBeforeMinutes: CLOCK_TEMPLATES[id].warnBeforeMinutes });
    }
    const finalReport = clockFromTemplate('nis2-final-report', { id: '01JBZ00000000000000000CK01', startedAt: '2026-03-15T07:00:00.000Z', timeZone: 'Europe/Athens' });
    expect(deadlineOf(finalReport)).toBe('2026-04-15T06:00:00.000Z');
  });
});
