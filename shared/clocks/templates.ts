/**
 * The built-in clock templates (issue 4): the EU Cybersecurity Reserve deadline of the
 * Recommendation and the reporting stages of NIS2 Article 23. The NIS2 deadlines are obligations
 * of the Directive, not of the Recommendation, and each template says where its deadline comes
 * from, in both languages, so the dashboard can show it beside the clock.
 */
import type { Clock, ClockDuration, ClockLabel } from './clock';

export const CLOCK_TEMPLATE_IDS = ['reserve-deployment', 'nis2-early-warning', 'nis2-incident-notification', 'nis2-final-report'] as const;
type TemplateId = (typeof CLOCK_TEMPLATE_IDS)[number];

export interface ClockTemplate {
  readonly id: TemplateId;
  readonly label: ClockLabel;
  /** A sentence saying where the deadline comes from. */
  readonly basis: ClockLabel;
  /** The event the clock counts from, to be entered as its start. */
  readonly startsAt: ClockLabel;
  readonly source: 'recommendation' | 'nis2';
  readonly citation: string;
  readonly duration: ClockDuration;
  readonly warnBeforeMinutes: number;
}

const NIS2 = 'Directive (EU) 2022/2555';

export const CLOCK_TEMPLATES: Readonly<Record<TemplateId, ClockTemplate>> = {
  'reserve-deployment': {
    id: 'reserve-deployment',
    label: { en: 'EU Cybersecurity Reserve: services deployed', nl: 'EU-cyberbeveiligingsreserve: diensten ingezet' },
    basis: {
      en: 'The Recommendation (pt. 55(b)(v)) expects services of the EU Cybersecurity Reserve to be deployed within 24 hours of the request.',
      nl: 'De Aanbeveling (punt 55(b)(v)) verwacht dat diensten van de EU-cyberbeveiligingsreserve binnen 24 uur na het verzoek worden ingezet.',
    },
    startsAt: { en: 'The request for Reserve services', nl: 'Het verzoek om diensten uit de reserve' },
    source: 'recommendation',
    citation: 'Recommendation pt. 55(b)(v)',
    duration: { unit: 'hours', amount: 24 },
    warnBeforeMinutes: 4 * 60,
  },
  'nis2-early-warning': {
    id: 'nis2-early-warning',
    label: { en: 'NIS2: early warning', nl: 'NIS2: vroegtijdige waarschuwing' },
    basis: {
      en: 'This deadline comes from the NIS2 Directive, not from the Recommendation: Article 23(4)(a) of Directive (EU) 2022/2555 requires an early warning to the CSIRT or competent authority without undue delay and in any event within 24 hours of becoming aware of the significant incident.',
      nl: 'Deze termijn komt uit de NIS2-richtlijn, niet uit de Aanbeveling: artikel 23, lid 4, onder a), van Richtlijn (EU) 2022/2555 schrijft voor dat het CSIRT of de bevoegde autoriteit zonder onnodige vertraging, en in elk geval binnen 24 uur nadat kennis is verkregen van het significante incident, een vroegtijdige waarschuwing ontvangt.',
    },
    startsAt: { en: 'Becoming aware of the significant incident', nl: 'Kennisname van het significante incident' },
    source: 'nis2',
    citation: `${NIS2}, Art. 23(4)(a)`,
    duration: { unit: 'hours', amount: 24 },
    warnBeforeMinutes: 4 * 60,
  },
  'nis2-incident-notification': {
    id: 'nis2-incident-notification',
    label: { en: 'NIS2: incident notification', nl: 'NIS2: incidentmelding' },
    basis: {
      en: 'This deadline comes from the NIS2 Directive, not from the Recommendation: Article 23(4)(b) of Directive (EU) 2022/2555 requires an incident notification without undue delay and in any event within 72 hours of becoming aware of the significant incident (24 hours for trust service providers: use a custom clock for them).',
      nl: 'Deze termijn komt uit de NIS2-richtlijn, niet uit de Aanbeveling: artikel 23, lid 4, onder b), van Richtlijn (EU) 2022/2555 schrijft een incidentmelding voor zonder onnodige vertraging en in elk geval binnen 72 uur nadat kennis is verkregen van het significante incident (voor verleners van vertrouwensdiensten binnen 24 uur: gebruik daarvoor een eigen klok).',
    },
    startsAt: { en: 'Becoming aware of the significant incident', nl: 'Kennisname van het significante incident' },
    source: 'nis2',
    citation: `${NIS2}, Art. 23(4)(b)`,
    duration: { unit: 'hours', amount: 72 },
    warnBeforeMinutes: 12 * 60,
  },
  'nis2-final-report': {
    id: 'nis2-final-report',
    label: { en: 'NIS2: final report', nl: 'NIS2: eindverslag' },
    basis: {
      en: 'This deadline comes from the NIS2 Directive, not from the Recommendation: Article 23(4)(d) of Directive (EU) 2022/2555 requires a final report not later than one month after the submission of the incident notification. The clock therefore starts when the incident notification is submitted, not when the incident became known.',
      nl: 'Deze termijn komt uit de NIS2-richtlijn, niet uit de Aanbeveling: artikel 23, lid 4, onder d), van Richtlijn (EU) 2022/2555 schrijft een eindverslag voor uiterlijk één maand na de indiening van de incidentmelding. De klok loopt daarom vanaf het indienen van de incidentmelding, niet vanaf het bekend worden van het incident.',
    },
    startsAt: { en: 'Submission of the incident notification', nl: 'Indiening van de incidentmelding' },
    source: 'nis2',
    citation: `${NIS2}, Art. 23(4)(d)`,
    // A calendar month in the clock's time zone: from 15 March 09:00 to 15 April 09:00.
    duration: { unit: 'months', amount: 1 },
    warnBeforeMinutes: 7 * 24 * 60,
  },
};

/** The templates in the order the dashboard offers them. */
export const CLOCK_TEMPLATE_LIST: readonly ClockTemplate[] = CLOCK_TEMPLATE_IDS.map((id) => CLOCK_TEMPLATES[id]);

/** A new running clock from a template; `startedAt` is the event the template names in `startsAt`. */
export function clockFromTemplate(templateId: TemplateId, start: { readonly id: string; readonly startedAt: string; readonly timeZone: string }): Clock {
  const template = CLOCK_TEMPLATES[templateId];
  return {
    id: start.id,
    template: templateId,
    label: { ...template.label },
    startedAt: start.startedAt,
    duration: { ...template.duration },
    timeZone: start.timeZone,
    warnBeforeMinutes: template.warnBeforeMinutes,
    stoppedAt: null,
    stopReason: null,
  };
}
