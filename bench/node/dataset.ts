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
import {
  ESCALATION_LEVELS,
  INCIDENT_STATUSES,
  LOG_ENTRY_KINDS,
  IncidentSchema,
  LogEntrySchema,
  type Incident,
  type LogEntry,
  type LogEntryKind,
} from '../../shared/model/records';
import { mulberry32, seededUlid, type Random } from './prng';

/** Bump when the generator changes what it makes, so cached bundles are remade. */
export const DATASET_VERSION = 1;

export interface DatasetSpec {
  readonly seed: number;
  readonly incidents: number;
  readonly logEntries: number;
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
}

export interface Dataset {
  readonly spec: DatasetSpec;
  /** The installation that wrote everything (the bundle's sender). */
  readonly origin: string;
  /** In strictly increasing clock order, as `writeBundle` wants them. */
  readonly operations: readonly Operation[];
  readonly incidents: readonly Incident[];
  readonly logEntries: readonly LogEntry[];
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
    operations.push({
      opId: seededUlid(millis, random),
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
  return { spec, origin, operations, incidents, logEntries };
}
