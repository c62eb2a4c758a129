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
import { CallTreeSchema, ContactSchema, IncidentSchema, LogEntrySchema, ProcedureSchema, type CallTree, type Contact, type Incident, type LogEntry, type Procedure } from '../model/records';
import type { z } from 'zod';
import { formatHlc } from '../journal/hlc';
import type { OperationDraft } from '../journal/operation';
import type { ReplicatedTable, TableRecords } from '../journal/tables';

/** Bump when the scenario changes, so installations pick up the new version. */
export const EXERCISE_SCENARIO_VERSION = 2;

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

/**
 * When a later scenario version changes a record, installations that applied the earlier version
 * already hold its creation (same opId) and would skip it. So a revised record also travels as an
 * update operation with its own opId and a later clock, which every installation applies; its
 * fields are the whole record as this version has it. (A local edit of the record made later than
 * the revision wins over it, field by field, as any later edit does.)
 */
const REVISED_AT: { readonly [version: number]: number } = {
  2: Date.parse('2026-11-20T09:00:00.000Z'),
};

/** Record ids revised by a scenario version, with that version. */
const REVISIONS = new Map<string, { readonly version: number; readonly createdHlc: string }>();

function revisedMeta(n: number, version: number, tlp: Contact['tlp']) {
  const at = REVISED_AT[version];
  if (at === undefined) throw new Error(`exercise scenario: no revision time for version ${version}`);
  REVISIONS.set(seedId(n), { version, createdHlc: seedHlc(n) });
  return { ...meta(n, tlp), updatedAt: new Date(at).toISOString(), hlc: formatHlc({ millis: at, counter: n, node: BUILTIN_ORIGIN }) };
}

const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['id', 'workspace', 'origin', 'createdAt']);

function revisionOpId(recordId: string, version: number): string {
  const at = REVISED_AT[version] ?? SEEDED_AT;
  return encodeTime(at, 10) + recordId.slice(10);
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

// Version 2 (issue 5) revised the first four contacts (PACE tiers, failure rules, organisation
// links, verifications) and added organisations and persons; see REVISIONS below.
const CENTRE = seedId(30);
const CSIRT = seedId(31);
const MINISTRY = seedId(61);
const EU_AGENCY = seedId(60);
const verified = (at: string, by: string, method: 'call-back' | 'in-person' | 'video-call', note = '') => ({ at, by, method, note });

const contacts: Contact[] = ([
  {
    ...revisedMeta(30, 2, 'AMBER'),
    kind: 'organisation',
    name: 'Exercise National Cyber Crisis Centre',
    organisation: 'Exercise National Cyber Crisis Centre',
    organisationType: 'cyber-crisis-authority',
    country: 'NL',
    roles: ['cyber-crisis-authority'],
    level: 'operational',
    channels: [
      { type: 'landline', value: '+31 70 000 0101', label: '24/7 duty desk', note: '', tier: 'primary', failAfterMinutes: 5, onFailure: 'Try again once, then the satellite phone.' },
      { type: 'secure-email', value: 'duty@crisiscentre.example', label: 'Duty desk mailbox', note: 'Accredited for TLP:AMBER+STRICT', tier: 'alternate', failAfterMinutes: 30, onFailure: 'No acknowledgement: phone.' },
      { type: 'satellite-phone', value: '+870 000 000 101', label: 'Crisis room', note: 'When fixed and mobile networks fail', tier: 'contingency', failAfterMinutes: 15, onFailure: 'Send the liaison officer.' },
      { type: 'courier', value: 'Exercise Street 1, The Hague', label: 'Front desk, ground floor', note: 'Liaison officer on foot or by car', tier: 'emergency' },
    ],
    verified: verified('2026-11-16T10:00:00.000Z', 'Duty officer, exercise authority', 'call-back'),
    notes: 'Exercise entry. The crisis room runs on an emergency generator for 72 hours.',
  },
  {
    ...revisedMeta(31, 2, 'AMBER'),
    kind: 'organisation',
    name: 'CSIRT-EXERCISE',
    organisation: 'CSIRT-EXERCISE',
    organisationType: 'csirt',
    country: 'NL',
    roles: ['csirt', 'csirts-network-representative'],
    level: 'technical',
    channels: [
      { type: 'secure-email', value: 'duty@csirt.example', note: 'PGP key in the exercise binder', tier: 'primary', failAfterMinutes: 30, onFailure: 'No acknowledgement: duty phone.' },
      { type: 'mobile', value: '+31 6 0000 0102', label: 'Duty phone', note: '', tier: 'alternate', failAfterMinutes: 15, onFailure: 'No answer within 15 minutes: next channel.' },
      { type: 'radio', value: 'TETRA talk group EXERCISE-1', label: 'Crisis radio network', note: '', tier: 'contingency' },
      { type: 'in-person', value: 'Exercise Lane 7, Utrecht', label: 'Operations room', note: 'Badge at the gate', tier: 'emergency' },
    ],
    verified: verified('2026-03-02T09:00:00.000Z', 'Liaison officer, exercise authority', 'in-person'),
  },
  {
    ...revisedMeta(32, 2, 'AMBER'),
    kind: 'person',
    name: 'Alex Example',
    organisation: 'Exercise National Cyber Crisis Centre',
    organisationId: CENTRE,
    position: 'Head of the crisis desk',
    country: 'NL',
    roles: ['eu-cyclone-officer'],
    level: 'operational',
    channels: [
      { type: 'mobile', value: '+31 6 0000 0103', note: '', failAfterMinutes: 10, onFailure: 'Leave a voicemail, then next.' },
      { type: 'secure-messaging', value: '@alex.example', note: 'Exercise messaging account' },
      { type: 'satellite-phone', value: '+870 000 000 103', label: 'Personal satellite phone', note: 'Carried during exercises' },
      { type: 'in-person', value: 'Crisis room B, Exercise Street 1', note: 'Weekdays 08:00–18:00' },
    ],
    fingerprint: 'EXAMPLE 4F2A 9C1D 77B0 E513',
    verified: verified('2026-10-05T14:30:00.000Z', 'Duty officer, exercise authority', 'video-call'),
  },
  {
    ...revisedMeta(33, 2, 'GREEN'),
    kind: 'person',
    name: 'Bo Voorbeeld',
    organisation: 'Exercise Ministry of Infrastructure',
    organisationId: MINISTRY,
    position: 'Secretary-General',
    country: 'NL',
    roles: ['ministry'],
    level: 'political',
    channels: [
      { type: 'landline', value: '+31 70 000 0104', note: 'Office of the Secretary-General', failAfterMinutes: 10, onFailure: 'Ask the private office for a call-back.' },
      { type: 'email', value: 'b.voorbeeld@ministry.example', note: '' },
    ],
  },
  {
    ...meta(60, 'GREEN'),
    kind: 'organisation',
    name: 'Exercise EU Cybersecurity Agency',
    organisation: 'Exercise EU Cybersecurity Agency',
    organisationType: 'eu-body',
    country: 'EU',
    roles: ['eu-body'],
    level: 'operational',
    channels: [
      { type: 'secure-email', value: 'cyclone-secretariat@eu-agency.example', label: 'EU-CyCLONe secretariat', note: '', tier: 'primary', failAfterMinutes: 60, onFailure: 'Phone the secretariat.' },
      { type: 'landline', value: '+30 210 000 0160', label: 'Secretariat', note: '', tier: 'alternate' },
      { type: 'in-person', value: 'Exercise Avenue 60, Athens', label: 'Reception', note: '', tier: 'emergency' },
    ],
    verified: verified('2026-11-02T11:00:00.000Z', 'Alex Example', 'call-back'),
  },
  {
    ...meta(61, 'GREEN'),
    kind: 'organisation',
    name: 'Exercise Ministry of Infrastructure',
    organisation: 'Exercise Ministry of Infrastructure',
    organisationType: 'ministry',
    country: 'NL',
    roles: ['ministry'],
    level: 'political',
    channels: [
      { type: 'landline', value: '+31 70 000 0161', label: 'Switchboard', note: '' },
      { type: 'courier', value: 'Exercise Square 61, The Hague', label: 'Messenger service', note: 'Open day and night' },
    ],
  },
  {
    ...meta(62, 'AMBER'),
    kind: 'person',
    name: 'Sam Oefening',
    organisation: 'Exercise National Cyber Crisis Centre',
    organisationId: CENTRE,
    position: 'Director, national cyber crisis management',
    country: 'NL',
    roles: ['eu-cyclone-executive'],
    level: 'operational',
    channels: [
      { type: 'secure-phone', value: '+31 6 0000 0162', label: 'Accredited handset', note: '', failAfterMinutes: 10, onFailure: 'Call the private secretary on the landline.' },
      { type: 'landline', value: '+31 70 000 0162', label: 'Private secretary', note: '' },
      { type: 'secure-email', value: 's.oefening@crisiscentre.example', note: '' },
    ],
    verified: verified('2026-11-16T10:15:00.000Z', 'Duty officer, exercise authority', 'in-person'),
  },
  {
    ...meta(63, 'AMBER'),
    kind: 'person',
    name: 'Robin Proef',
    organisation: 'CSIRT-EXERCISE',
    organisationId: CSIRT,
    position: 'Duty manager',
    country: 'NL',
    roles: ['csirts-network-representative'],
    level: 'technical',
    channels: [
      { type: 'mobile', value: '+31 6 0000 0163', note: '', failAfterMinutes: 15, onFailure: 'Radio.' },
      { type: 'secure-phone', value: '+31 30 000 0163', label: 'Desk crypto phone', note: 'On the fixed line', dependsOn: ['fixed-telephony', 'mains-power'] },
      { type: 'radio', value: 'TETRA talk group EXERCISE-1', note: '' },
    ],
    verified: verified('2025-12-01T09:00:00.000Z', 'Liaison officer, exercise authority', 'call-back'),
  },
  {
    ...meta(64, 'GREEN'),
    kind: 'person',
    name: 'Dana Beispiel',
    organisation: 'Exercise EU Cybersecurity Agency',
    organisationId: EU_AGENCY,
    position: 'EU-CyCLONe secretariat officer',
    country: 'EU',
    roles: ['liaison-officer'],
    level: 'operational',
    channels: [
      { type: 'email', value: 'd.beispiel@eu-agency.example', note: '' },
      { type: 'mobile', value: '+30 69 0000 0164', note: '' },
    ],
  },
  {
    ...meta(65, 'AMBER'),
    kind: 'person',
    name: 'Kim Testpersoon',
    organisation: 'Exercise National Cyber Crisis Centre',
    organisationId: CENTRE,
    position: 'Desk officer',
    country: 'NL',
    roles: ['desk-officer'],
    level: 'operational',
    channels: [
      { type: 'email', value: 'k.testpersoon@crisiscentre.example', note: '' },
      { type: 'mobile', value: '+31 6 0000 0165', note: '' },
    ],
  },
] satisfies z.input<typeof ContactSchema>[]).map((c) => ContactSchema.parse(c));

const node = (id: string, contactId: string, parent: string | null, order: number, note = '') => ({ id, contactId, parent, order, note });

const callTrees: CallTree[] = [
  CallTreeSchema.parse({
    ...meta(70, 'AMBER'),
    name: 'Exercise national cyber crisis team',
    purpose: 'Activate the national cyber crisis team and the EU-CyCLONe officer when an incident may be large-scale (pts. 47–51).',
    nodes: [
      node('officer', seedId(32), null, 0, 'First call: the EU-CyCLONe officer decides on activation.'),
      node('csirt', seedId(63), null, 1),
      node('executive', seedId(62), 'officer', 0, 'Brief on the escalation decision.'),
      node('ministry', seedId(33), 'officer', 1),
      node('desk', seedId(65), 'csirt', 0, 'Opens the crisis room.'),
    ],
  } satisfies z.input<typeof CallTreeSchema>),
];


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

// The drill run on BLUE HARBOUR (issue 6): a procedure run whose progress is in the incident's log.
const procedureRun: TableRecords['procedureRuns'] = {
  ...meta(80, 'AMBER'),
  incidentId: EXERCISE_INCIDENT_ID,
  procedureId: procedure.id,
  procedureKey: procedure.key,
  procedureVersion: procedure.version,
  content: {
    scope: procedure.scope,
    country: procedure.country,
    title: procedure.title,
    summary: procedure.summary,
    citations: procedure.citations,
    lanes: procedure.lanes,
    steps: procedure.steps,
    flows: procedure.flows,
  },
  startedAt: at(56),
  startedBy: 'Head of crisis team, exercise authority',
  status: 'running',
};

const runLines: Array<[minutes: number, author: string, step: string | null, state: 'started' | 'done' | 'blocked', text: string]> = [
  [56, 'Head of crisis team, exercise authority', null, 'started', 'Started the procedure “Exercise drill: escalating a significant incident” (version 1).'],
  [57, 'Duty officer, exercise CSIRT', 'report', 'done', 'Done: “Receive or detect the report”.'],
  [70, 'Liaison officer, exercise authority', 'notify-csirts', 'done', 'Done: “Notify the CSIRTs network”.'],
  [71, 'Liaison officer, exercise authority', 'notify-cyclone', 'done', 'Done: “Notify EU-CyCLONe”.'],
  [150, 'Duty officer, exercise CSIRT', 'advise', 'blocked', 'Blocked at “Advise on large-scale potential”: waiting for the peer CSIRTs in BE and DE to share their analysis.'],
];

const runEntries: LogEntry[] = runLines.map(([minutes, author, step, state, text], i) =>
  LogEntrySchema.parse({
    ...meta(81 + i, 'AMBER'),
    incidentId: EXERCISE_INCIDENT_ID,
    kind: 'action',
    text,
    occurredAt: at(minutes),
    author,
    progress: { subject: 'procedure-run', runId: procedureRun.id, itemId: step, state },
    links: { contacts: [], procedureSteps: step ? [{ procedureId: procedure.id, stepId: step }] : [] },
  }),
);

/** All records of the scenario, table by table. */
export const EXERCISE_SCENARIO: { [T in ReplicatedTable]: ReadonlyArray<TableRecords[T]> } = {
  incidents: [incident],
  logEntries: [...logEntries, ...runEntries],
  contacts,
  procedures: [procedure],
  procedureVersions: [],
  procedureRuns: [procedureRun],
  callTrees,
  callRounds: [],
};

/** The scenario as journal operations, ready for the journal to apply. */
export function exerciseScenarioOperations(): OperationDraft[] {
  const drafts: OperationDraft[] = [];
  for (const table of Object.keys(EXERCISE_SCENARIO) as ReplicatedTable[]) {
    for (const record of EXERCISE_SCENARIO[table]) {
      const revision = REVISIONS.get(record.id);
      // A revised record's creation keeps its first clock; installations new to it get this
      // version's content straight away, and the revision below on top.
      const created = revision ? { ...record, updatedAt: record.createdAt, hlc: revision.createdHlc } : record;
      drafts.push({
        opId: record.id,
        hlc: created.hlc,
        origin: BUILTIN_ORIGIN,
        workspace: 'exercise',
        table,
        recordId: record.id,
        kind: 'create',
        fields: { ...created },
      });
      if (revision !== undefined) {
        // Identity fields are set once, by the creation; the revision carries everything else.
        const fields = Object.fromEntries(Object.entries(record).filter(([key]) => !IDENTITY_FIELDS.has(key)));
        drafts.push({
          opId: revisionOpId(record.id, revision.version),
          hlc: record.hlc,
          origin: BUILTIN_ORIGIN,
          workspace: 'exercise',
          table,
          recordId: record.id,
          kind: 'update',
          fields,
        });
      }
    }
  }
  return drafts;
}
