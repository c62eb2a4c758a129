/**
 * PURE: a report in words. Each report model (situation report, handover, lessons learned) is
 * turned into one `ReportDocument` — title, facts, numbered sections of paragraphs, lists, log
 * entries and tables, all as plain text in one language — and both renderers work from it: the
 * React view that prints (renderer/src/features/reports) and the Markdown writer (`markdown.ts`).
 * So the paper and the e-mail say exactly the same thing.
 *
 * Strings here are plain user-visible text: escaping is the renderers' business. Times are shown
 * in the reader's time zone with the zone's abbreviation, because a report travels between member
 * states. The language of a report is chosen independently of the interface's (a Dutch authority
 * may report to EU-CyCLONe in English).
 */
import type { ClockLabel } from '../clocks/clock';
import { isTimeZone } from '../clocks/zonedTime';
import { localeOf, type Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { CountryCodeSchema, isoRegionCode } from '../model/countries';
import {
  AssistanceRequestSchema,
  EscalationLevelSchema,
  IncidentStatusSchema,
  IpcrStateSchema,
  LessonsLearnedSchema,
  NetworkStateSchema,
  SEVERITY_DIMENSIONS,
  SeveritySchema,
  type AssistanceRequest,
  type EUCI_LEVELS,
  type IpcrState,
  type LogEntry,
} from '../model/records';
import { TlpSchema, type Tlp } from '../model/tlp';
import { EXERCISE_MARKING, exportFilePrefix } from '../model/workspace';
import { z } from 'zod';
import type { HandoverSummary } from './handover';
import type { LessonsReport } from './lessons';
import type { Assessment, EntryDetail, SituationReport } from './sitrep';
import type { KindCounts, ReportClock, ReportEntry, ReportHeader, ReportKind } from './types';

export interface DocFact {
  readonly label: string;
  readonly value: string;
}

/** One logged fact as printed. */
export interface DocEntry {
  /** ISO instant, for machine-readable markup. */
  readonly datetime: string;
  readonly time: string;
  readonly kind: string;
  /** Author, when the level prints it. */
  readonly author: string | null;
  /** The entry's own label, when the level prints it. */
  readonly tlp: Tlp | null;
  readonly text: string;
  /** Further lines: state changes, how it was received, classified exchanges. */
  readonly details: readonly string[];
  /** A correction note, shown set apart. */
  readonly note: string | null;
}

export type DocBlock =
  | { readonly type: 'paragraph'; readonly text: string }
  /** A remark about the section itself (what was left out, as of when). */
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'facts'; readonly heading: string | null; readonly facts: readonly DocFact[] }
  | { readonly type: 'list'; readonly heading: string | null; readonly items: readonly string[] }
  | { readonly type: 'entries'; readonly heading: string | null; readonly entries: readonly DocEntry[] }
  | { readonly type: 'table'; readonly heading: string | null; readonly columns: readonly string[]; readonly rows: ReadonlyArray<readonly string[]> };

export interface DocSection {
  /** Stable per report kind, for anchors and tests. */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly DocBlock[];
}

export interface ReportDocument {
  readonly kind: ReportKind;
  readonly language: Language;
  readonly tlp: Tlp;
  /** EXERCISE — OEFENING, or null for real data. */
  readonly exerciseMarking: string | null;
  /** Letterhead: the organisation and its country. */
  readonly organisation: string;
  /** The kind of document, for the letterhead ("Situation report"). */
  readonly documentType: string;
  readonly title: string;
  readonly subtitle: string;
  readonly facts: readonly DocFact[];
  /** In order; renderers number them from 1. */
  readonly sections: readonly DocSection[];
  /** The closing line (Markdown, plain text): title, incident, organisation, time of generation. */
  readonly footer: string;
  /** Printed at the head of every page, after the label: title and incident. */
  readonly pageHeader: string;
  /** Printed at the foot of every page, after the label: organisation and time of generation. */
  readonly pageFooter: string;
  /** A file name without extension, safe on every file system. */
  readonly fileStem: string;
}

export interface DocumentSettings {
  readonly language: Language;
  /** IANA name of the zone times are shown in; an unknown one falls back to UTC. */
  readonly timeZone: string;
}

/** Official markings of EU classified information are not translated. */
const EUCI_MARKINGS: Readonly<Record<(typeof EUCI_LEVELS)[number], string>> = {
  'restreint-ue': 'RESTREINT UE/EU RESTRICTED',
  'confidentiel-ue': 'CONFIDENTIEL UE/EU CONFIDENTIAL',
  'secret-ue': 'SECRET UE/EU SECRET',
  'tres-secret-ue': 'TRÈS SECRET UE/EU TOP SECRET',
};


type Values = Readonly<Record<string, string>>;

/** Words and formats of one language and time zone. */
class Words {
  readonly timeZone: string;
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly stampFormat: Intl.DateTimeFormat;
  private readonly regions: Intl.DisplayNames;

  constructor(readonly language: Language, timeZone: string) {
    this.timeZone = isTimeZone(timeZone) ? timeZone : 'UTC';
    const locale = localeOf(language);
    this.dateTimeFormat = new Intl.DateTimeFormat(locale, {
      timeZone: this.timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    this.dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    this.stampFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    this.regions = new Intl.DisplayNames([locale], { type: 'region' });
  }

  t(key: string, values: Values = {}): string {
    return translate(this.language, key, values);
  }

  time(iso: string): string {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : this.dateTimeFormat.format(ms);
  }

  /** A calendar date written as yyyy-mm-dd (lessons-learned due dates). */
  day(isoDate: string): string {
    const ms = Date.parse(`${isoDate}T00:00:00.000Z`);
    return Number.isNaN(ms) ? isoDate : this.dateFormat.format(ms);
  }

  /** yyyymmdd-hhmm in the report's zone, for file names. */
  stamp(iso: string): string {
    const parts = Object.fromEntries(this.stampFormat.formatToParts(Date.parse(iso)).map((p) => [p.type, p.value]));
    return `${parts['year'] ?? ''}${parts['month'] ?? ''}${parts['day'] ?? ''}-${parts['hour'] ?? ''}${parts['minute'] ?? ''}`;
  }

  country(code: string): string {
    const parsed = CountryCodeSchema.safeParse(code);
    if (!parsed.success) return code;
    try {
      return this.regions.of(isoRegionCode(parsed.data)) ?? code;
    } catch {
      return code;
    }
  }

  list(values: readonly string[]): string {
    return values.length ? values.join(', ') : '—';
  }

  clockLabel(label: ClockLabel): string {
    return label[this.language] || label.en || label.nl || '—';
  }

  /** "2 d 3 h 10 min left" / "overdue by 5 min"; abbreviations need no plural forms. */
  remaining(ms: number): string {
    const overdue = ms <= 0;
    // As on the clocks themselves: time left rounds up, time overdue rounds down.
    const minutes = overdue ? Math.floor(-ms / 60_000) : Math.ceil(ms / 60_000);
    const days = Math.floor(minutes / 1_440);
    const hours = Math.floor((minutes % 1_440) / 60);
    const span = [days ? this.t('reports.unit.days', { n: String(days) }) : '', hours ? this.t('reports.unit.hours', { n: String(hours) }) : '', this.t('reports.unit.minutes', { n: String(minutes % 60) })]
      .filter(Boolean)
      .join(' ');
    return this.t(overdue ? 'reports.clock.overdue' : 'reports.clock.left', { span });
  }

  author(a: ReportHeader['author']): string {
    return `${a.person}, ${a.organisation}`;
  }
}

// ---- shared pieces ---------------------------------------------------------------------------

function headerFacts(w: Words, header: ReportHeader): DocFact[] {
  return [
    { label: w.t('reports.fact.incident'), value: header.incidentTitle },
  ];
}

function closingFacts(w: Words, header: ReportHeader): DocFact[] {
  return [
    { label: w.t('reports.fact.generated'), value: w.time(header.generatedAt) },
    { label: w.t(header.kind === 'handover' ? 'reports.fact.handedOverBy' : 'reports.fact.author'), value: w.author(header.author) },
    { label: w.t('reports.fact.label'), value: `TLP:${header.tlp}` },
  ];
}

function organisationLine(w: Words, header: ReportHeader): string {
  return `${header.author.organisation} · ${w.country(header.author.country)}`;
}

function requestLine(w: Words, r: AssistanceRequest, withDescription: boolean): string {
  const line = w.t('reports.request.line', {
    kind: w.t(`requests.kind.${r.kind}`),
    to: r.to || '—',
    time: w.time(r.requestedAt),
    status: w.t(`requests.status.${r.status}`),
  });
  return withDescription && r.description.trim() ? `${line} ${r.description.trim()}` : line;
}

function pendingLine(w: Words, r: AssistanceRequest): string {
  return w.t('reports.request.pending', { kind: w.t(`requests.kind.${r.kind}`), to: r.to || '—', time: w.time(r.requestedAt) });
}

function ipcrText(w: Words, ipcr: IpcrState): string {
  const mode = w.t(`ipcr.mode.${ipcr.mode}`);
  return ipcr.monitoringPage ? `${mode}; ${w.t('ipcr.monitoringPageOpen')}` : mode;
}

function clocksTable(w: Words, clocks: readonly ReportClock[]): DocBlock {
  if (clocks.length === 0) return { type: 'paragraph', text: w.t('reports.empty.clocks') };
  return {
    type: 'table',
    heading: null,
    columns: [w.t('reports.clock.name'), w.t('reports.clock.deadline'), w.t('reports.clock.remaining'), w.t('reports.clock.state')],
    rows: clocks.map((c) => [w.clockLabel(c.label), w.time(c.deadline), w.remaining(c.remainingMs), w.t(`reports.clockStatus.${c.status}`)]),
  };
}

function assessmentFacts(w: Words, a: Assessment, brief: boolean): DocFact[] {
  const facts: DocFact[] = [
    { label: w.t('incidentField.escalation'), value: w.t(`escalation.${a.escalation}`) },
    { label: w.t('incidentField.status'), value: w.t(`incidentStatus.${a.status}`) },
  ];
  if (!brief) {
    facts.push(
      { label: w.t('reports.fact.startedAt'), value: w.time(a.startedAt) },
      { label: w.t('incidentField.memberStates'), value: w.list(a.memberStates.map((c) => w.country(c))) },
      { label: w.t('incidentField.sectors'), value: w.list(a.sectors) },
    );
  }
  facts.push(
    { label: w.t('incidentField.csirtsNetwork'), value: w.t(`networkState.${a.csirtsNetwork}`) },
    { label: w.t('incidentField.cyclone'), value: w.t(`networkState.${a.cyclone}`) },
    { label: w.t('incidentField.ipcr'), value: ipcrText(w, a.ipcr) },
  );
  return facts;
}

function severityBlock(w: Words, a: Assessment): DocBlock {
  if (a.severity.length === 0) return { type: 'list', heading: w.t('severity.legend'), items: [w.t('severity.notRated')] };
  return {
    type: 'facts',
    heading: w.t('severity.legend'),
    facts: a.severity.map((s) => ({ label: w.t(`severity.dimension.${s.dimension}`), value: w.t(`severity.rating.${s.rating}`) })),
  };
}

// ---- log entries -------------------------------------------------------------------------------

type Change = NonNullable<LogEntry['incidentChange']>[number];

/** A tracked field's value in words; values come from the logbook as `unknown`, so each is parsed. */
function describeValue(w: Words, field: Change['field'], value: unknown): string {
  const parsed = <T,>(schema: z.ZodType<T>, describe: (v: T) => string) => {
    const result = schema.safeParse(value);
    return result.success ? describe(result.data) : '—';
  };
  switch (field) {
    case 'escalation':
      return parsed(EscalationLevelSchema, (v) => w.t(`escalation.${v}`));
    case 'status':
      return parsed(IncidentStatusSchema, (v) => w.t(`incidentStatus.${v}`));
    case 'csirtsNetwork':
    case 'cyclone':
      return parsed(NetworkStateSchema, (v) => w.t(`networkState.${v}`));
    case 'ipcr':
      return parsed(IpcrStateSchema, (v) => ipcrText(w, v));
    case 'memberStates':
      return parsed(z.array(z.string()), (v) => w.list(v.map((c) => w.country(c))));
    case 'sectors':
      return parsed(z.array(z.string()), (v) => w.list(v));
    case 'requests':
      return parsed(z.array(AssistanceRequestSchema), (v) => w.list(v.map((r) => `${w.t(`requests.kind.${r.kind}`)} (${w.t(`requests.status.${r.status}`)})`)));
    case 'clocks':
      return parsed(z.array(z.object({ label: z.object({ en: z.string(), nl: z.string() }), stoppedAt: z.string().nullable() })), (v) =>
        w.list(v.map((c) => (c.stoppedAt ? w.t('reports.change.clockStopped', { clock: w.clockLabel(c.label) }) : w.clockLabel(c.label)))),
      );
    case 'lessons':
      return parsed(LessonsLearnedSchema.nullable(), (v) =>
        v ? w.t('lessons.summary', { well: String(v.wentWell.length), notWell: String(v.didNotGoWell.length), actions: String(v.actions.length) }) : '—',
      );
    case 'tlp':
      return parsed(TlpSchema, (v) => `TLP:${v}`);
    case 'severity':
      return '';
    case 'title':
    case 'summary':
      return parsed(z.string(), (v) => v.trim() || '—');
  }
}

/** State changes in words: "field: from → to" (or only the new value, for shorter reports). */
function describeChanges(w: Words, changes: readonly Change[], withFrom: boolean): string[] {
  return changes.flatMap((change): string[] => {
    if (change.field === 'severity') {
      const from = SeveritySchema.safeParse(change.from).data;
      const to = SeveritySchema.safeParse(change.to).data;
      if (!to) return [];
      return SEVERITY_DIMENSIONS.filter((d) => from?.[d] !== to[d]).map((d) => {
        const values = { field: w.t(`severity.dimension.${d}`), from: from ? w.t(`severity.rating.${from[d]}`) : '—', to: w.t(`severity.rating.${to[d]}`) };
        return w.t(withFrom ? 'reports.change.fromTo' : 'reports.change.to', values);
      });
    }
    const values = { field: w.t(`incidentField.${change.field}`), from: describeValue(w, change.field, change.from), to: describeValue(w, change.field, change.to) };
    return [w.t(withFrom ? 'reports.change.fromTo' : 'reports.change.to', values)];
  });
}

function docEntry(w: Words, e: ReportEntry, detail: EntryDetail): DocEntry {
  const details: string[] = [];
  if (e.incidentChange) details.push(...describeChanges(w, e.incidentChange, detail === 'full'));
  if (detail === 'full') {
    if (e.receivedAt || e.channel) {
      const channel = e.channel ? w.t(`reports.channel.${e.channel}`) : '—';
      details.push(e.receivedAt ? w.t('reports.entry.received', { time: w.time(e.receivedAt), channel }) : w.t('reports.entry.receivedBy', { channel }));
    }
    if (e.retrospective) details.push(w.t('reports.entry.retrospective', { time: w.time(e.recordedAt), justification: e.retrospective }));
  }
  if (detail !== 'essential' && e.classified) {
    details.push(
      w.t('reports.entry.classified', {
        level: EUCI_MARKINGS[e.classified.level],
        with: e.classified.with,
        channel: e.classified.channel,
        time: w.time(e.classified.exchangedAt),
      }),
    );
  }
  let note: string | null = null;
  if (e.correction) {
    const values = { time: w.time(e.correction.at), author: e.correction.by, reason: e.correction.reason, count: String(e.correction.count) };
    const base = w.t(detail === 'essential' ? 'reports.entry.correctedBrief' : 'reports.entry.corrected', values);
    note = e.correction.count > 1 ? `${base} ${w.t('reports.entry.correctedTimes', values)}` : base;
  } else if (e.orphanCorrection) {
    note = w.t('reports.entry.orphan');
  }
  return {
    datetime: e.occurredAt,
    time: w.time(e.occurredAt),
    kind: w.t(`log.kind.${e.kind}`),
    author: detail === 'essential' ? null : e.author,
    tlp: detail === 'essential' ? null : e.tlp,
    text: e.text,
    details,
    note,
  };
}

function entriesBlock(w: Words, entries: readonly ReportEntry[], detail: EntryDetail, empty: string, heading: string | null = null): DocBlock {
  return entries.length ? { type: 'entries', heading, entries: entries.map((e) => docEntry(w, e, detail)) } : { type: 'paragraph', text: empty };
}

function kindCountsText(w: Words, counts: KindCounts): string | null {
  const parts = Object.entries(counts).map(([kind, n]) => `${w.t(`log.kind.${kind}`)}: ${n}`);
  return parts.length ? w.t('reports.note.notListed', { list: parts.join('; ') }) : null;
}

function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 3)
    .join('-');
  return slug || 'incident';
}

function fileStem(w: Words, header: ReportHeader, name: string): string {
  return `${exportFilePrefix(header.exercise ? 'exercise' : 'real')}${fileSlug(header.incidentTitle)}-${name}-${w.stamp(header.generatedAt)}`;
}

function marking(header: ReportHeader): string | null {
  return header.exercise ? EXERCISE_MARKING : null;
}

/** The closing line and the running page header and footer. */
function footers(w: Words, header: ReportHeader, title: string): Pick<ReportDocument, 'footer' | 'pageHeader' | 'pageFooter'> {
  const values = { title, incident: header.incidentTitle, organisation: header.author.organisation, time: w.time(header.generatedAt) };
  return { footer: w.t('reports.footer', values), pageHeader: `${title} — ${header.incidentTitle}`, pageFooter: w.t('reports.pageFooter', values) };
}

// ---- the three reports -----------------------------------------------------------------------

export function situationReportDocument(report: SituationReport, settings: DocumentSettings): ReportDocument {
  const w = new Words(settings.language, settings.timeZone);
  const { header, rule } = report;
  const title = w.t('reports.title.situation-report', { number: String(report.number) });
  const period = report.period.to
    ? w.t('reports.period.closed', { from: w.time(report.period.from), to: w.time(report.period.to) })
    : w.t('reports.period.open', { from: w.time(report.period.from) });

  const happenedBlocks: DocBlock[] = [entriesBlock(w, report.happened, rule.detail, w.t('reports.empty.happened'))];
  const notListed = kindCountsText(w, report.notListed);
  if (notListed) happenedBlocks.push({ type: 'note', text: notListed });
  if (report.withdrawnCount > 0) happenedBlocks.push({ type: 'note', text: w.t('reports.note.withdrawn', { count: String(report.withdrawnCount) }) });

  const assessmentBlocks: DocBlock[] = [{ type: 'note', text: w.t('reports.note.asOf', { time: w.time(header.generatedAt) }) }];
  if (report.assessment.summary.trim()) assessmentBlocks.push({ type: 'paragraph', text: report.assessment.summary.trim() });
  assessmentBlocks.push({ type: 'facts', heading: null, facts: assessmentFacts(w, report.assessment, false) }, severityBlock(w, report.assessment));

  const measuresBlocks: DocBlock[] = [entriesBlock(w, report.measures, rule.detail, w.t('reports.empty.measures'))];
  measuresBlocks.push(
    report.requests.length
      ? { type: 'list', heading: w.t('requests.title'), items: report.requests.map((r) => requestLine(w, r, rule.detail !== 'essential')) }
      : { type: 'list', heading: w.t('requests.title'), items: [w.t('reports.empty.requests')] },
  );

  const decisionBlocks: DocBlock[] = [];
  if (report.decisionsNeeded.length) decisionBlocks.push({ type: 'list', heading: null, items: report.decisionsNeeded });
  if (report.pendingRequests.length) decisionBlocks.push({ type: 'list', heading: w.t('reports.section.pendingRequests'), items: report.pendingRequests.map((r) => pendingLine(w, r)) });
  if (decisionBlocks.length === 0) decisionBlocks.push({ type: 'paragraph', text: w.t('reports.empty.decisions') });

  return {
    kind: 'situation-report',
    language: settings.language,
    tlp: header.tlp,
    exerciseMarking: marking(header),
    organisation: organisationLine(w, header),
    documentType: w.t('reports.kind.situation-report'),
    title,
    subtitle: header.incidentTitle,
    facts: [
      ...headerFacts(w, header),
      { label: w.t('reports.fact.level'), value: w.t(`reports.levelName.${report.level}`) },
      { label: w.t('reports.fact.period'), value: period },
      ...closingFacts(w, header),
    ],
    sections: [
      { id: 'happened', title: w.t('reports.section.happened'), blocks: happenedBlocks },
      { id: 'assessment', title: w.t('reports.section.assessment'), blocks: assessmentBlocks },
      { id: 'measures', title: w.t('reports.section.measures'), blocks: measuresBlocks },
      { id: 'decisions', title: w.t('reports.section.decisions'), blocks: decisionBlocks },
      { id: 'clocks', title: w.t('reports.section.clocks'), blocks: [clocksTable(w, report.clocks)] },
      {
        id: 'next',
        title: w.t('reports.section.next'),
        blocks: [{ type: 'paragraph', text: report.nextReportAt ? w.t('reports.next.at', { time: w.time(report.nextReportAt) }) : w.t('reports.next.none') }],
      },
    ],
    ...footers(w, header, title),
    fileStem: fileStem(w, header, `sitrep-${report.number}-${report.level}`),
  };
}

export function handoverDocument(report: HandoverSummary, settings: DocumentSettings): ReportDocument {
  const w = new Words(settings.language, settings.timeZone);
  const { header } = report;
  const title = w.t('reports.title.handover');

  const entryBlocks: DocBlock[] = [entriesBlock(w, report.entries, 'summary', w.t('reports.empty.entries'))];
  if (report.correctedCount > 0) entryBlocks.push({ type: 'note', text: w.t('reports.note.corrected', { count: String(report.correctedCount) }) });
  if (report.withdrawnCount > 0) entryBlocks.push({ type: 'note', text: w.t('reports.note.withdrawnSince', { count: String(report.withdrawnCount) }) });

  const openBlocks: DocBlock[] = [
    { type: 'list', heading: w.t('reports.section.openRequests'), items: report.openRequests.length ? report.openRequests.map((r) => requestLine(w, r, true)) : [w.t('reports.empty.openRequests')] },
  ];
  if (report.lessonActions.length) openBlocks.push(actionsTable(w, report.lessonActions, w.t('reports.section.lessonActions')));

  return {
    kind: 'handover',
    language: settings.language,
    tlp: header.tlp,
    exerciseMarking: marking(header),
    organisation: organisationLine(w, header),
    documentType: w.t('reports.kind.handover'),
    title,
    subtitle: header.incidentTitle,
    facts: [...headerFacts(w, header), { label: w.t('reports.fact.since'), value: w.time(report.since) }, ...closingFacts(w, header)],
    sections: [
      {
        id: 'situation',
        title: w.t('reports.section.situationNow'),
        blocks: [{ type: 'facts', heading: null, facts: assessmentFacts(w, report.assessment, true) }],
      },
      { id: 'state-changes', title: w.t('reports.section.stateChanges'), blocks: [entriesBlock(w, report.stateChanges, 'full', w.t('reports.empty.stateChanges'))] },
      { id: 'entries', title: w.t('reports.section.entries'), blocks: entryBlocks },
      { id: 'open', title: w.t('reports.section.open'), blocks: openBlocks },
      { id: 'clocks', title: w.t('reports.section.clocks'), blocks: [clocksTable(w, report.clocks)] },
      {
        id: 'notes',
        title: w.t('reports.section.notes'),
        blocks: [report.notes.length ? { type: 'list', heading: null, items: report.notes } : { type: 'paragraph', text: w.t('reports.empty.notes') }],
      },
    ],
    ...footers(w, header, title),
    fileStem: fileStem(w, header, 'handover'),
  };
}

function actionsTable(w: Words, actions: LessonsReport['lessons']['actions'], heading: string | null): DocBlock {
  return {
    type: 'table',
    heading,
    columns: [w.t('reports.lessons.action'), w.t('reports.lessons.owner'), w.t('reports.lessons.due')],
    rows: actions.map((a) => [a.text, a.owner.trim() || '—', a.due ? w.day(a.due) : '—']),
  };
}

export function lessonsDocument(report: LessonsReport, settings: DocumentSettings): ReportDocument {
  const w = new Words(settings.language, settings.timeZone);
  const { header, lessons, assessment } = report;
  const title = w.t('reports.title.lessons');
  const listOr = (items: readonly string[], empty: string): DocBlock => (items.length ? { type: 'list', heading: null, items } : { type: 'paragraph', text: empty });

  const incidentBlocks: DocBlock[] = [];
  if (assessment.summary.trim()) incidentBlocks.push({ type: 'paragraph', text: assessment.summary.trim() });
  incidentBlocks.push({
    type: 'facts',
    heading: null,
    facts: [
      { label: w.t('reports.fact.startedAt'), value: w.time(assessment.startedAt) },
      { label: w.t('reports.fact.closedAt'), value: report.closedAt ? w.time(report.closedAt) : w.t(`incidentStatus.${assessment.status}`) },
      { label: w.t('incidentField.escalation'), value: w.t(`escalation.${assessment.escalation}`) },
      { label: w.t('incidentField.memberStates'), value: w.list(assessment.memberStates.map((c) => w.country(c))) },
      { label: w.t('incidentField.sectors'), value: w.list(assessment.sectors) },
      { label: w.t('reports.fact.entries'), value: String(report.entryCount) },
    ],
  });

  return {
    kind: 'lessons',
    language: settings.language,
    tlp: header.tlp,
    exerciseMarking: marking(header),
    organisation: organisationLine(w, header),
    documentType: w.t('reports.kind.lessons'),
    title,
    subtitle: header.incidentTitle,
    facts: [...headerFacts(w, header), ...closingFacts(w, header)],
    sections: [
      { id: 'incident', title: w.t('reports.section.incident'), blocks: incidentBlocks },
      { id: 'went-well', title: w.t('lessons.wentWell'), blocks: [listOr(lessons.wentWell, w.t('reports.empty.lessons'))] },
      { id: 'did-not-go-well', title: w.t('lessons.didNotGoWell'), blocks: [listOr(lessons.didNotGoWell, w.t('reports.empty.lessons'))] },
      {
        id: 'actions',
        title: w.t('lessons.actions'),
        blocks: [lessons.actions.length ? actionsTable(w, lessons.actions, null) : { type: 'paragraph', text: w.t('reports.empty.actions') }],
      },
    ],
    ...footers(w, header, title),
    fileStem: fileStem(w, header, 'lessons-learned'),
  };
}
