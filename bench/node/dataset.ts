/**
 * The benchmark's dataset: incidents and their crisis-log entries in the `real` workspace, made
 * from a seed, as the change-journal operations an installation that typed them would hold
 * (`ChangeJournal.create`: one `create` operation per record whose fields are the whole record,
 * stamped by the author's hybrid logical clock).
 *
 * Log texts are 80–400 characters of what a crisis logbook holds: times, IP addresses, file
 * hashes, domains, CVE numbers, organisation and person names, drawn from pools the way real
 * indicators recur across a logbook. The mix compresses like real logs (docs/bundle-format.md §13),
 * not like prose from a small vocabulary, which would flatter the bundle size.
 *
 * Labels are CLEAR or GREEN only: those are what the app puts in an unencrypted bundle
 * (shared/bundle/tlpPolicy.ts); encrypted bundles are a later measurement of issue 8.
 */
import { formatHlc } from '../../shared/journal/hlc';
import { nextLink, type ChainedEntry } from '../../shared/logbook/chain';
import type { Operation } from '../../shared/journal/operation';
import { COUNTRY_CODES, type CountryCode } from '../../shared/model/countries';
import { LEVELS } from '../../shared/model/levels';
import {
  CHANNEL_TYPES,
  ContactSchema,
  ESCALATION_LEVELS,
  INCIDENT_STATUSES,
  LOG_ENTRY_KINDS,
  IncidentSchema,
  LogEntrySchema,
  PACE_TIERS,
  ProcedureSchema,
  ProcedureVersionSchema,
  type Contact,
  type Incident,
  type LogEntry,
  type LogEntryKind,
  type Procedure,
  type ProcedureVersion,
} from '../../shared/model/records';
import type { ProcedureContentInput, StepKind } from '../../shared/model/procedure';
import { ROLES } from '../../shared/model/roles';
import { mulberry32, seededUlid, type Random } from './prng';

/** Bump when the generator changes what it makes, so cached bundles are remade. */
export const DATASET_VERSION = 2;

export interface DatasetSpec {
  readonly seed: number;
  readonly incidents: number;
  readonly logEntries: number;
  /** Contacts of the directory, 3 channels each. */
  readonly contacts: number;
  /** National procedures, each with its first saved version (as the editor creates them). */
  readonly procedures: number;
}

/** Variations of the dataset for measurements that need its records arranged otherwise. */
export interface DatasetOptions {
  /**
   * Put every log entry in the first incident (the logbook of issue 4's "incident with 100,000
   * entries") instead of spreading them over the incidents. The random draws stay the same, so
   * the records are otherwise those of the plain dataset.
   */
  readonly allEntriesInFirstIncident?: boolean;
  /**
   * Give the entries real hash-chain links (shared/logbook/chain.ts `nextLink`), one chain per
   * incident and origin, as the app writes them; otherwise `chain` is null (entries written
   * before chains existed).
   */
  readonly chains?: boolean;
  /**
   * Leave out the directory (contacts and procedures): the open-incident dataset is the logbook
   * only. The incidents and log entries are the same either way (the directory has its own
   * random stream).
   */
  readonly withoutDirectory?: boolean;
}

export interface Dataset {
  readonly spec: DatasetSpec;
  /** The installation that wrote everything (the bundle's sender). */
  readonly origin: string;
  /** In strictly increasing clock order, as `writeBundle` wants them. */
  readonly operations: readonly Operation[];
  readonly incidents: readonly Incident[];
  readonly logEntries: readonly LogEntry[];
  readonly contacts: readonly Contact[];
  readonly procedures: readonly Procedure[];
  readonly procedureVersions: readonly ProcedureVersion[];
}

/** Every record of a dataset with its table, for digests and the records file. */
export function datasetRecords(dataset: Dataset): { table: string; record: { id: string } & Record<string, unknown> }[] {
  return [
    ...dataset.contacts.map((record) => ({ table: 'contacts', record })),
    ...dataset.procedures.map((record) => ({ table: 'procedures', record })),
    ...dataset.procedureVersions.map((record) => ({ table: 'procedureVersions', record })),
    ...dataset.incidents.map((record) => ({ table: 'incidents', record })),
    ...dataset.logEntries.map((record) => ({ table: 'logEntries', record })),
  ];
}

/** 2026-03-10 06:00 UTC: the morning the fictitious crisis starts. */
const START_MILLIS = Date.UTC(2026, 2, 10, 6, 0, 0);
const MIN_TEXT = 80;
const MAX_TEXT = 400;

const ORGANISATIONS = [
  'NCSC-NL', 'CERT-EU', 'ENISA', 'BSI', 'ANSSI', 'CCN-CERT', 'CERT.at', 'CFCS', 'NCSC-FI', 'CSIRT Italia',
  'CERT.LV', 'CERT-EE', 'CERT Polska', 'CCB Belgium', 'GovCERT.lu', 'NCSC-IE', 'SI-CERT', 'CERT-RO',
  'Port of Rotterdam Authority', 'TenneT TSO', 'Elia Transmission', 'Fluxys', 'Schiphol Group', 'Deutsche Bahn',
  'Vattenfall Eldistribution', 'Red Eléctrica', 'ProRail', 'Eurocontrol NM', 'ING Bank CSIRT', 'Euroclear',
] as const;
const PEOPLE = [
  'J. Jansen', 'M. de Vries', 'A. Dubois', 'K. Schneider', 'L. Rossi', 'P. Novák', 'E. Virtanen', 'S. García',
  'T. Nowak', 'I. Ionescu', 'H. Andersen', 'C. Murphy', 'R. Kovač', 'N. Papadopoulos', 'B. Horvath', 'D. Silva',
] as const;
const ASSETS = [
  'SCADA gateway', 'OT jump host', 'VPN concentrator', 'Exchange server', 'domain controller', 'billing cluster',
  'ticketing portal', 'AIS feed relay', 'substation RTU', 'container terminal TOS', 'DNS resolver', 'citizen portal',
] as const;
const FAMILIES = ['LockBit 4', 'BlackSuit', 'Qilin', 'SmokeLoader', 'IcedID', 'Cobalt Strike beacon', 'Sliver implant', 'wiper (unknown family)'] as const;
const SECTORS = ['energy', 'transport', 'banking', 'health', 'drinking water', 'digital infrastructure', 'public administration', 'space'] as const;
const PROTOCOLS = ['TCP/443', 'TCP/8443', 'UDP/53', 'TCP/22', 'TCP/3389', 'UDP/123', 'TCP/502'] as const;
const CHANNELS = ['secure phone', 'EU-CyCLONe secure chat', 'satellite phone', 'landline fallback', 'courier', 'CSIRTs Network MeliCERTes'] as const;
const TLDS = ['net', 'com', 'eu', 'io', 'cloud'] as const;
const WORDS = ['update', 'cdn', 'sync', 'telemetry', 'portal', 'secure', 'login', 'files', 'static', 'api', 'mail', 'edge'] as const;

/** Indicators recur through a logbook: draw them from pools, as a real incident does. */
interface IndicatorPools {
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  readonly sha256: readonly string[];
  readonly md5: readonly string[];
  readonly domains: readonly string[];
  readonly cves: readonly string[];
}

function indicatorPools(random: Random): IndicatorPools {
  const many = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
  return {
    ipv4: many(600, () => `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`),
    ipv6: many(120, () => `2001:db8:${random.hex(4)}:${random.hex(4)}::${random.hex(3)}`),
    sha256: many(800, () => random.hex(64)),
    md5: many(300, () => random.hex(32)),
    domains: many(250, () => `${random.pick(WORDS)}-${random.pick(WORDS)}${random.int(1, 99)}.${random.pick(WORDS)}-${random.hex(4)}.${random.pick(TLDS)}`),
    cves: many(60, () => `CVE-${random.int(2023, 2026)}-${random.int(1000, 59999)}`),
  };
}

function clockTime(millis: number): string {
  return new Date(millis).toISOString().slice(11, 16);
}

/** One sentence of a log entry of the given kind, around time `at`. */
function sentence(kind: LogEntryKind, at: number, random: Random, pools: IndicatorPools): string {
  const t = `${clockTime(at - random.int(0, 45) * 60_000)} UTC`;
  const org = random.pick(ORGANISATIONS);
  const ip = random.pick(pools.ipv4);
  const person = random.pick(PEOPLE);
  switch (kind) {
    case 'observation':
      return random.pick([
        `${t}: ${org} sees ${random.int(2, 340)} hosts beaconing to ${ip} (${random.pick(PROTOCOLS)}), first seen ${clockTime(at - random.int(1, 48) * 3_600_000)} UTC.`,
        `IDS alert on the ${random.pick(ASSETS)} at ${org}: outbound TLS to ${random.pick(pools.domains)} from ${ip}, JA3 ${random.pick(pools.md5)}.`,
        `Sample SHA-256 ${random.pick(pools.sha256)} (${random.pick(FAMILIES)}) recovered from the ${random.pick(ASSETS)}; MISP event ${random.int(10_000, 99_999)}.`,
        `Scanning for ${random.pick(pools.cves)} from ${ip} and ${random.pick(pools.ipv6)} against ${random.int(3, 90)} ${random.pick(SECTORS)} operators since ${t}.`,
        `${org} reports ${random.int(1, 40)} % packet loss on the ${random.pick(ASSETS)} uplink; DNS answers for ${random.pick(pools.domains)} point to ${ip}.`,
      ]);
    case 'decision':
      return random.pick([
        `Decision (${person}, ${org}): escalation raised to ${random.pick(ESCALATION_LEVELS)}; next situation report at ${clockTime(at + random.int(1, 6) * 3_600_000)} UTC.`,
        `Agreed at ${t} with ${org}: block ${ip}/${random.pick([24, 28, 32])} at the national border routers; review in ${random.int(2, 12)} h.`,
        `Decision: ${random.pick(SECTORS)} operators to isolate the ${random.pick(ASSETS)} until ${random.pick(pools.cves)} is patched (${person}).`,
      ]);
    case 'action':
      return random.pick([
        `${org} blocked ${ip} and ${random.pick(pools.domains)} at ${t}; ${random.int(10, 9_000)} sessions dropped, no side effects reported.`,
        `Hash ${random.pick(pools.sha256)} added to the national blocklist at ${t} by ${person}; pushed to ${random.int(5, 120)} operators.`,
        `Reimaged ${random.int(1, 60)} endpoints at ${org}; credentials of ${random.int(2, 400)} accounts reset, MFA tokens reissued.`,
        `Sinkhole for ${random.pick(pools.domains)} active since ${t} (${random.pick(pools.ipv6)}); ${random.int(50, 20_000)} hits in the first hour.`,
      ]);
    case 'communication-in':
      return random.pick([
        `Call from ${person} (${org}) at ${t} over ${random.pick(CHANNELS)}: confirms ${random.pick(FAMILIES)} on the ${random.pick(ASSETS)}.`,
        `Message from ${org} at ${t}: indicators ${ip}, ${random.pick(pools.md5)} shared under TLP:GREEN, ref. INC-2026-${random.int(100, 9_999)}.`,
      ]);
    case 'communication-out':
      return random.pick([
        `Sent to ${org} at ${t} via ${random.pick(CHANNELS)}: request for logs of ${ip} between ${clockTime(at - 7_200_000)} and ${clockTime(at)} UTC.`,
        `Briefed ${person} (${org}) at ${t}: ${random.int(1, 27)} member states affected, ${random.pick(SECTORS)} most hit.`,
      ]);
    case 'situation-report':
    default:
      return random.pick([
        `SITREP ${random.int(1, 400)} at ${t}: ${random.int(1, 27)} member states affected, ${random.pick(SECTORS)} services degraded, ${org} coordinating.`,
        `Situation at ${t}: ${random.int(0, 60)} operators report ${random.pick(FAMILIES)}; C2 ${ip} still reachable; ${random.pick(pools.cves)} exploited.`,
      ]);
  }
}

/** Text of `length` characters (80–400), cut at a word boundary where that keeps it long enough. */
function logText(kind: LogEntryKind, at: number, random: Random, pools: IndicatorPools): string {
  const length = random.int(MIN_TEXT, MAX_TEXT);
  let text = sentence(kind, at, random, pools);
  while (text.length < length) text += ` ${sentence(random.pick(LOG_ENTRY_KINDS), at, random, pools)}`;
  if (text.length === length) return text;
  const cut = text.lastIndexOf(' ', length);
  const out = cut >= MIN_TEXT ? text.slice(0, cut) : text.slice(0, length);
  return out.trimEnd().length >= MIN_TEXT ? out.trimEnd() : out;
}

/** Makes the dataset. Deterministic: the same spec gives the same operations on any machine. */
export function generateDataset(spec: DatasetSpec, origin: string, options: DatasetOptions = {}): Dataset {
  const random = mulberry32(spec.seed);
  const pools = indicatorPools(random);
  const operations: Operation[] = [];
  const incidents: Incident[] = [];
  const logEntries: LogEntry[] = [];
  let now = START_MILLIS;

  const meta = (millis: number) => {
    const iso = new Date(millis).toISOString();
    return {
      id: seededUlid(millis, random),
      workspace: 'real' as const,
      origin,
      tlp: random.chance(0.35) ? ('CLEAR' as const) : ('GREEN' as const),
      createdAt: iso,
      updatedAt: iso,
      hlc: formatHlc({ millis, counter: 0, node: origin }),
      deleted: false,
    };
  };
  const create = (table: 'incidents' | 'logEntries', record: Incident | LogEntry, millis: number) => {
    // Drawn for every operation, so that the records stay those of earlier datasets.
    const opId = seededUlid(millis, random);
    operations.push({
      // The journal gives a log entry's creation the entry's id (shared/journal/carriedCreation.ts).
      opId: table === 'logEntries' ? record.id : opId,
      hlc: record.hlc,
      origin,
      workspace: 'real',
      table,
      recordId: record.id,
      kind: 'create',
      fields: { ...record },
    });
  };

  for (let i = 0; i < spec.incidents; i += 1) {
    now += random.int(60_000, 900_000);
    const states = [...new Set(Array.from({ length: random.int(1, 6) }, () => random.pick(COUNTRY_CODES)))] as CountryCode[];
    const incident = IncidentSchema.parse({
      ...meta(now),
      title: `${random.pick(FAMILIES)} at ${random.pick(ORGANISATIONS)} — ${random.pick(ASSETS)} (${random.pick(SECTORS)})`,
      summary: `Opened by ${random.pick(PEOPLE)}. Indicators: ${random.pick(pools.ipv4)}, ${random.pick(pools.domains)}, ${random.pick(pools.sha256)}.`,
      escalation: random.pick(ESCALATION_LEVELS),
      status: random.pick(INCIDENT_STATUSES),
      startedAt: new Date(now - random.int(0, 6) * 3_600_000).toISOString(),
      memberStates: states,
      sectors: [random.pick(SECTORS)],
    });
    incidents.push(incident);
    create('incidents', incident, now);
  }

  // A few incidents carry most of the log, as in a real crisis: weight ∝ 1 / rank.
  const weights = incidents.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickIncident = (): Incident => {
    let r = random.next() * total;
    for (let i = 0; i < incidents.length; i += 1) {
      r -= weights[i] ?? 0;
      if (r < 0) return incidents[i] as Incident;
    }
    return incidents[incidents.length - 1] as Incident;
  };

  // The last entry of each chain (incident), for the next entry's link.
  const chainEnds = new Map<string, ChainedEntry>();
  for (let i = 0; i < spec.logEntries; i += 1) {
    now += random.int(1, 4_000);
    const picked = pickIncident(); // drawn even when unused: the records stay those of the plain dataset
    const incident = options.allEntriesInFirstIncident ? (incidents[0] ?? picked) : picked;
    const kind = random.pick(LOG_ENTRY_KINDS);
    const entry = LogEntrySchema.parse({
      ...meta(now),
      incidentId: incident.id,
      kind,
      text: logText(kind, now, random, pools),
      occurredAt: new Date(now - random.int(0, 1_800_000)).toISOString(),
      author: `${random.pick(PEOPLE)}, ${random.pick(ORGANISATIONS)}`,
      // Entries are made in the order they were written (createdAt increases), as a chain is.
      ...(options.chains ? { chain: nextLink(chainEnds.get(incident.id) ?? null) } : {}),
    });
    if (options.chains) chainEnds.set(incident.id, entry as ChainedEntry);
    logEntries.push(entry);
    create('logEntries', entry, now);
  }
  const directory = options.withoutDirectory ? { operations: [], contacts: [], procedures: [], procedureVersions: [] } : generateDirectory(spec, origin);
  // The directory was written in the weeks before the crisis: its operations come first in clock order.
  return { spec, origin, operations: [...directory.operations, ...operations], incidents, logEntries, contacts: directory.contacts, procedures: directory.procedures, procedureVersions: directory.procedureVersions };
}

// ---- the directory: contacts and procedures -------------------------------------------------------

/** The directory is filled in from 20 days before the crisis, a record every few minutes. */
const DIRECTORY_START_MILLIS = START_MILLIS - 20 * 86_400_000;
/** Names with the diacritics people leave out when they search in a hurry. */
const GIVEN_NAMES = [
  'Jürgen', 'Zoë', 'Łukasz', 'Søren', 'Élodie', 'Ångström', 'Joaquín', 'Miloš', 'Ágnes', 'Björn', 'Dagmar', 'Eoin',
  'François', 'Gráinne', 'Henrik', 'Iñigo', 'Jana', 'Katarzyna', 'Laura', 'Mårten', 'Nuno', 'Oğuz', 'Pál', 'Renée',
  'Sinéad', 'Tomás', 'Ursula', 'Väinö', 'Wojciech', 'Xénia', 'Yannick', 'Zdeněk', 'Anke', 'Bram', 'Chiara', 'Daan',
] as const;
const FAMILY_NAMES = [
  'Müller', 'Dvořák', 'Sørensen', 'García', 'Šimić', 'Ó Briain', 'Lefèvre', 'Kovács', 'Nowakowski', 'Jansen',
  'de Vries', 'Häkkinen', 'Papadopoulou', 'Rossi', 'Schäfer', 'Virtanen', 'Ionescu', 'Andersson', 'Murphy',
  'Horváth', 'Silva', 'Novák', 'Bäckström', 'Leclercq', 'Zeller', 'Vasiļjevs', 'Tamm', 'Kaczmarek', 'Bianchi', 'Žagar',
] as const;
const POSITIONS = ['Duty officer', 'Head of CSIRT', 'Liaison officer', 'Crisis coordinator', 'Network engineer', 'Spokesperson', 'Legal adviser', 'CISO'] as const;
const PROCEDURE_TOPICS = [
  'Ransomware in a port terminal', 'Outage of the national DNS resolvers', 'Wiper in an energy grid operator',
  'Compromise of a managed service provider', 'DDoS on public administration portals', 'Supply-chain implant in OT firmware',
  'Data leak at a health insurer', 'Satellite ground segment intrusion', 'Payment system disruption', 'Drinking water SCADA tampering',
] as const;
const PROCEDURE_STAGES = ['detection and escalation', 'coordination', 'public communication', 'recovery', 'stand-down'] as const;

interface Directory {
  readonly operations: Operation[];
  readonly contacts: Contact[];
  readonly procedures: Procedure[];
  readonly procedureVersions: ProcedureVersion[];
}

function channelValue(type: (typeof CHANNEL_TYPES)[number], random: Random, person: string): string {
  const handle = person.normalize('NFD').replace(/[^A-Za-z]+/g, '.').toLowerCase().replace(/^\.|\.$/g, '');
  switch (type) {
    case 'email':
    case 'secure-email':
      return `${handle}@${random.pick(WORDS)}-${random.hex(3)}.${random.pick(TLDS)}`;
    case 'secure-messaging':
      return `@${handle}:${random.pick(WORDS)}.eu`;
    case 'radio':
      return `TETRA ISSI ${random.int(1_000_000, 9_999_999)}`;
    case 'in-person':
      return `${random.pick(['Crisis room', 'Operations floor', 'Situation centre'])} ${random.int(1, 9)}.${random.int(10, 60)}`;
    case 'courier':
      return `Courier desk ${random.int(1, 40)}`;
    default:
      return `+${random.int(30, 49)} ${random.int(10, 99)} ${random.int(100, 999)} ${random.int(1_000, 9_999)}`;
  }
}

/** The directory for `spec`: its own random stream, so the logbook's records do not depend on it. */
function generateDirectory(spec: DatasetSpec, origin: string): Directory {
  const random = mulberry32(spec.seed ^ 0x0d12ec70);
  const operations: Operation[] = [];
  const contacts: Contact[] = [];
  const procedures: Procedure[] = [];
  const procedureVersions: ProcedureVersion[] = [];
  let now = DIRECTORY_START_MILLIS;
  const meta = () => {
    now += random.int(5_000, 120_000);
    const iso = new Date(now).toISOString();
    return {
      id: seededUlid(now, random),
      workspace: 'real' as const,
      origin,
      tlp: random.chance(0.35) ? ('CLEAR' as const) : ('GREEN' as const),
      createdAt: iso,
      updatedAt: iso,
      hlc: formatHlc({ millis: now, counter: 0, node: origin }),
      deleted: false,
    };
  };
  const create = (table: 'contacts' | 'procedures' | 'procedureVersions', record: Contact | Procedure | ProcedureVersion) => {
    operations.push({ opId: seededUlid(now, random), hlc: record.hlc, origin, workspace: 'real', table, recordId: record.id, kind: 'create', fields: { ...record } });
  };

  for (let i = 0; i < spec.contacts; i += 1) {
    const person = i % 5 !== 0;
    const organisation = random.pick(ORGANISATIONS);
    const name = person ? `${random.pick(GIVEN_NAMES)} ${random.pick(FAMILY_NAMES)}` : `${organisation} ${random.pick(['operations desk', 'CSIRT', 'duty office', 'crisis cell'])}`;
    // Three different channel types (a partial Fisher–Yates shuffle: the same on every engine).
    const pool: (typeof CHANNEL_TYPES)[number][] = [...CHANNEL_TYPES];
    const types = [0, 1, 2].map((n) => {
      const k = random.int(n, pool.length - 1);
      const chosen = pool[k] ?? 'email';
      pool[k] = pool[n] ?? 'email';
      pool[n] = chosen;
      return chosen;
    });
    const contact = ContactSchema.parse({
      ...meta(),
      kind: person ? 'person' : 'organisation',
      name,
      organisation,
      country: random.pick(COUNTRY_CODES),
      roles: [random.pick(ROLES)],
      level: random.pick(LEVELS),
      channels: types.map((type, tier) => ({
        type,
        value: channelValue(type, random, name),
        note: random.chance(0.3) ? `Only during office hours (${random.pick(['CET', 'EET', 'WET'])})` : '',
        label: random.pick(['office', 'duty', 'private', 'backup']),
        tier: PACE_TIERS[tier] ?? null,
        failAfterMinutes: random.pick([5, 10, 15, 30]),
      })),
      position: person ? random.pick(POSITIONS) : '',
      notes: random.chance(0.2) ? `Met at the ${random.pick(SECTORS)} exercise; prefers ${random.pick(CHANNELS)}.` : '',
    });
    contacts.push(contact);
    create('contacts', contact);
  }

  for (let i = 0; i < spec.procedures; i += 1) {
    const topic = random.pick(PROCEDURE_TOPICS);
    const stage = random.pick(PROCEDURE_STAGES);
    const country = random.pick(COUNTRY_CODES);
    const actors = ['national-csirt', 'crisis-authority', 'sector-regulator', 'ministry'].slice(0, random.int(2, 4));
    const lanes = actors.map((actor, n) => ({ id: `lane-${n}`, actor, level: LEVELS[Math.min(n, LEVELS.length - 1)] ?? 'technical', label: { en: `${actor} (${country})`, nl: `${actor} (${country})` }, roles: [] }));
    const stepCount = random.int(4, 10);
    const steps = Array.from({ length: stepCount }, (_, n) => {
      const kind: StepKind = n === 0 ? 'start' : n === stepCount - 1 ? 'end' : random.pick(['task', 'task', 'report'] as const);
      const what = `${random.pick(['Assess', 'Notify', 'Contain', 'Report on', 'Coordinate', 'Verify'])} ${random.pick(ASSETS)} (${random.pick(SECTORS)})`;
      return {
        id: `step-${n}`,
        lane: `lane-${random.int(0, lanes.length - 1)}`,
        kind,
        title: { en: what, nl: what },
        text: { en: `${what}: ask ${random.pick(ORGANISATIONS)} for its findings and log the answer.`, nl: `${what}: vraag ${random.pick(ORGANISATIONS)} om bevindingen en leg het antwoord vast.` },
        citations: [],
      };
    });
    const flows = steps.slice(1).map((step, n) => ({ id: `flow-${n}`, from: `step-${n}`, to: step.id, kind: 'sequence' as const }));
    const title = `${topic}: ${stage} (${country} ${String(i + 1).padStart(3, '0')})`;
    const content: ProcedureContentInput = {
      scope: 'national',
      country,
      title: { en: title, nl: title },
      summary: { en: `What the ${country} authorities do in the ${stage} of: ${topic.toLowerCase()}.`, nl: '' },
      citations: [],
      lanes,
      steps,
      flows,
    };
    const procedure = ProcedureSchema.parse({ ...meta(), ...content, key: `${country.toLowerCase()}.bench-${String(i + 1).padStart(4, '0')}`, pack: null, version: 1, copiedFrom: null });
    procedures.push(procedure);
    create('procedures', procedure);
    const version = ProcedureVersionSchema.parse({
      ...meta(),
      tlp: procedure.tlp,
      procedureId: procedure.id,
      version: 1,
      content: { scope: procedure.scope, country: procedure.country, title: procedure.title, summary: procedure.summary, citations: procedure.citations, lanes: procedure.lanes, steps: procedure.steps, flows: procedure.flows },
      savedBy: `${random.pick(PEOPLE)}, ${random.pick(ORGANISATIONS)}`,
      note: 'First version',
    });
    procedureVersions.push(version);
    create('procedureVersions', version);
  }
  return { operations, contacts, procedures, procedureVersions };
}
