/**
 * The built-in exercise scenario "BLUE HARBOUR": a small, entirely fictitious crisis that fills
 * the exercise workspace on first start, so a newcomer sees the workbook working at once. Every
 * organisation, person, number and address in it is invented; numbers use ranges reserved for
 * drama and addresses the reserved `.example` domain.
 *
 * The records have fixed ids and fixed clocks, so every installation holds identical copies and a
 * bundle that carries them never conflicts with them.
 */
import { encodeTime } from 'ulid';
import { BUILTIN_ORIGIN } from '../model/ids';
import { ContactSchema, IncidentSchema, LogEntrySchema, ProcedureSchema, type Contact, type Incident, type LogEntry, type Procedure } from '../model/records';
import type { z } from 'zod';
import { formatHlc } from '../journal/hlc';
import type { OperationDraft } from '../journal/operation';
import type { ReplicatedTable, TableRecords } from '../journal/tables';

/** Bump when the scenario changes, so installations pick up the new version. */
export const EXERCISE_SCENARIO_VERSION = 1;

const SEEDED_AT = Date.parse('2026-01-15T09:00:00.000Z');
const SCENARIO_START = Date.parse('2025-11-03T06:40:00.000Z');

function seedId(n: number): string {
  return encodeTime(SEEDED_AT, 10) + 'EXERC1SE' + String(n).padStart(8, '0');
}

function seedHlc(n: number): string {
  return formatHlc({ millis: SEEDED_AT, counter: n, node: BUILTIN_ORIGIN });
}

function at(minutesAfterStart: number): string {
  return new Date(SCENARIO_START + minutesAfterStart * 60_000).toISOString();
}

const SEEDED_ISO = new Date(SEEDED_AT).toISOString();

function meta(n: number, tlp: Contact['tlp']) {
  return {
    id: seedId(n),
    workspace: 'exercise' as const,
    origin: BUILTIN_ORIGIN,
    tlp,
    createdAt: SEEDED_ISO,
    updatedAt: SEEDED_ISO,
    hlc: seedHlc(n),
    deleted: false,
  };
}

export const EXERCISE_INCIDENT_ID = seedId(1);

// Parsed, so that fields with defaults (schema 5) are filled in exactly as the journal stores them.
const incident: Incident = IncidentSchema.parse({
  ...meta(1, 'AMBER'),
  title: 'BLUE HARBOUR — ransomware at port logistics operators',
  summary:
    'Exercise scenario. Ransomware has encrypted the terminal operating systems of two fictitious ' +
    'port logistics operators. Container handling in three member states is slowing down and ' +
    'fuel deliveries to inland terminals are at risk. Attribution is unknown.',
  escalation: 'large-scale-incident',
  status: 'open',
  startedAt: at(0),
  memberStates: ['NL', 'BE', 'DE'],
  sectors: ['transport', 'energy'],
});

const logLines: Array<[minutes: number, kind: LogEntry['kind'], author: string, text: string]> = [
  [0, 'communication-in', 'Duty officer, exercise CSIRT', 'Telephone call from Harbour Logistics One (fictitious): terminal operating system unreachable, ransom note on all workstations.'],
  [25, 'observation', 'Duty officer, exercise CSIRT', 'Second operator, Quay Systems Two (fictitious), reports the same ransom note. Both run the same terminal software supplier.'],
  [55, 'decision', 'Head of crisis team, exercise authority', 'Incident treated as significant (pt. 7). Notify the CSIRTs network and EU-CyCLONe (pt. 55(a)(iii)).'],
  [70, 'communication-out', 'Liaison officer, exercise authority', 'Notification sent to the CSIRTs network and EU-CyCLONe contact points, TLP:AMBER.'],
  [140, 'observation', 'Duty officer, exercise CSIRT', 'Peer CSIRTs in BE and DE confirm affected terminals. Impact on two member states: potential large-scale incident (pt. 7(c), pt. 50).'],
  [180, 'situation-report', 'Head of crisis team, exercise authority', 'SITREP 1: container handling at 40 % in three ports; no safety impact; fuel deliveries delayed by up to 12 hours; recovery estimate 48 hours.'],
];

const logEntries: LogEntry[] = logLines.map(([minutes, kind, author, text], i) =>
  LogEntrySchema.parse({
  ...meta(10 + i, 'AMBER'),
  incidentId: EXERCISE_INCIDENT_ID,
  kind,
  text,
  occurredAt: at(minutes),
  author,
}),
);

const contacts: Contact[] = ([
  {
    ...meta(30, 'AMBER'),
    kind: 'organisation',
    name: 'Exercise National Cyber Crisis Centre',
    organisation: 'Exercise National Cyber Crisis Centre',
    country: 'NL',
    roles: ['cyber-crisis-authority'],
    level: 'operational',
    channels: [
      { type: 'landline', value: '+31 70 000 0101', note: '24/7 duty desk' },
      { type: 'satellite-phone', value: '+870 000 000 101', note: 'When fixed and mobile networks fail' },
      { type: 'courier', value: 'Exercise Street 1, The Hague', note: 'Liaison officer on foot or by car' },
    ],
  },
  {
    ...meta(31, 'AMBER'),
    kind: 'organisation',
    name: 'CSIRT-EXERCISE',
    organisation: 'CSIRT-EXERCISE',
    country: 'NL',
    roles: ['csirt', 'csirts-network-representative'],
    level: 'technical',
    channels: [
      { type: 'secure-email', value: 'duty@csirt.example', note: 'PGP key in the exercise binder' },
      { type: 'mobile', value: '+31 6 0000 0102', note: 'Duty phone; no answer within 15 minutes: next channel' },
      { type: 'radio', value: 'TETRA talk group EXERCISE-1', note: 'Crisis radio network' },
    ],
  },
  {
    ...meta(32, 'AMBER'),
    kind: 'person',
    name: 'Alex Example',
    organisation: 'Exercise National Cyber Crisis Centre',
    country: 'NL',
    roles: ['eu-cyclone-officer'],
    level: 'operational',
    channels: [
      { type: 'mobile', value: '+31 6 0000 0103', note: '' },
      { type: 'secure-messaging', value: '@alex.example', note: 'Exercise messaging account' },
      { type: 'in-person', value: 'Crisis room B, Exercise Street 1', note: 'Weekdays 08:00–18:00' },
    ],
  },
  {
    ...meta(33, 'GREEN'),
    kind: 'person',
    name: 'Bo Voorbeeld',
    organisation: 'Exercise Ministry of Infrastructure',
    country: 'NL',
    roles: ['ministry'],
    level: 'political',
    channels: [
      { type: 'landline', value: '+31 70 000 0104', note: 'Office of the Secretary-General' },
      { type: 'email', value: 'b.voorbeeld@ministry.example', note: '' },
    ],
  },
] satisfies z.input<typeof ContactSchema>[]).map((c) => ContactSchema.parse(c));


const lane = (id: string, actor: string, level: 'technical' | 'operational' | 'political', en: string, nl: string) => ({
  id, actor, level, label: { en, nl }, roles: [],
});
const task = (id: string, laneId: string, title: [string, string], text: [string, string], citations: string[]) => ({
  id, lane: laneId, kind: 'task' as const, title: { en: title[0], nl: title[1] }, text: { en: text[0], nl: text[1] }, citations,
});
const next = (from: string, to: string, n: number) => ({ id: `f${n}`, from, to, kind: 'sequence' as const });

const procedure: Procedure = ProcedureSchema.parse({
  ...meta(40, 'CLEAR'),
  scope: 'national',
  country: 'NL',
  key: 'exercise.escalating-a-significant-incident',
  title: {
    en: 'Exercise drill: escalating a significant incident',
    nl: 'Oefening: een significant incident opschalen',
  },
  summary: {
    en: 'A short drill that follows an incident from the first report to the decision whether it may be large-scale, as practised in BLUE HARBOUR.',
    nl: 'Een korte oefening die een incident volgt van de eerste melding tot het besluit of het mogelijk grootschalig is, zoals geoefend in BLUE HARBOUR.',
  },
  citations: ['pts. 47–51'],
  lanes: [
    lane('csirt', 'national-csirt', 'technical', 'National CSIRT', 'Nationaal CSIRT'),
    lane('csirts-network', 'csirts-network', 'technical', 'CSIRTs network', 'CSIRT-netwerk'),
    lane('authority', 'national-cyber-crisis-authority', 'operational', 'Cyber crisis management authority', 'Autoriteit voor cybercrisisbeheer'),
    lane('cyclone', 'eu-cyclone', 'operational', 'EU-CyCLONe', 'EU-CyCLONe'),
    lane('council', 'council-presidency', 'political', 'Council (Presidency)', 'Raad (voorzitterschap)'),
  ],
  steps: [
    task('report', 'csirt', ['Receive or detect the report', 'Melding ontvangen of ontdekken'],
      ['Receive the report of a significant incident, or detect it.', 'Ontvang de melding van een significant incident, of ontdek het zelf.'], ['pt. 49']),
    task('notify-csirts', 'csirt', ['Notify the CSIRTs network', 'Melden bij het CSIRT-netwerk'],
      ['Notify the incident within the CSIRTs network.', 'Meld het incident binnen het CSIRT-netwerk.'], ['pt. 55(a)(iii)']),
    task('notify-cyclone', 'authority', ['Notify EU-CyCLONe', 'Melden bij EU-CyCLONe'],
      ['Notify the incident within EU-CyCLONe.', 'Meld het incident binnen EU-CyCLONe.'], ['pt. 55(a)(iii)']),
    task('advise', 'csirts-network', ['Advise on large-scale potential', 'Adviseren over grootschaligheid'],
      ['Advise EU-CyCLONe whether the incident may be a potential or ongoing large-scale incident.', 'Adviseer EU-CyCLONe of het incident een mogelijk of lopend grootschalig incident is.'], ['pt. 50']),
    task('arrangements', 'cyclone', ['Agree procedural arrangements', 'Procedurele afspraken maken'],
      ['Agree procedural arrangements with the CSIRTs network without undue delay.', 'Kom zonder onnodige vertraging procedurele afspraken overeen met het CSIRT-netwerk.'], ['pt. 51']),
    task('inform-council', 'council', ['Decide on IPCR activation', 'Besluiten over IPCR-activering'],
      ['Receive the information from EU-CyCLONe and decide whether the IPCR is activated.', 'Ontvang de informatie van EU-CyCLONe en besluit of de IPCR wordt geactiveerd.'], ['pt. 55(a)(v)']),
  ],
  flows: [
    next('report', 'notify-csirts', 1),
    next('notify-csirts', 'notify-cyclone', 2),
    next('notify-cyclone', 'advise', 3),
    next('advise', 'arrangements', 4),
    next('arrangements', 'inform-council', 5),
  ],
} satisfies z.input<typeof ProcedureSchema>);

/** All records of the scenario, table by table. */
export const EXERCISE_SCENARIO: { [T in ReplicatedTable]: ReadonlyArray<TableRecords[T]> } = {
  incidents: [incident],
  logEntries,
  contacts,
  procedures: [procedure],
  procedureVersions: [],
  procedureRuns: [],
  callTrees: [],
  callRounds: [],
};

/** The scenario as journal operations, ready for the journal to apply. */
export function exerciseScenarioOperations(): OperationDraft[] {
  const drafts: OperationDraft[] = [];
  for (const table of Object.keys(EXERCISE_SCENARIO) as ReplicatedTable[]) {
    for (const record of EXERCISE_SCENARIO[table]) {
      drafts.push({
        opId: record.id,
        hlc: record.hlc,
        origin: BUILTIN_ORIGIN,
        workspace: 'exercise',
        table,
        recordId: record.id,
        kind: 'create',
        fields: { ...record },
      });
    }
  }
  return drafts;
}
