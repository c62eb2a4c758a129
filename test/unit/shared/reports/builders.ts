/**
 * Builders for report tests: an incident and log entries parsed through the real schemas (so
 * defaults are filled in as the journal stores them), on a fixed timeline.
 */
import { formatHlc } from '../../../../shared/journal/hlc';
import { IncidentSchema, LogEntrySchema, type Incident, type LogEntry } from '../../../../shared/model/records';
import type { Tlp } from '../../../../shared/model/tlp';
import type { ReportContext } from '../../../../shared/reports/types';

export const ORIGIN = '01JD0000000000000000000RGN';
export const INCIDENT_ID = '01JD0000000000000000NC1DNT';
/** 3 November 2025, 08:00 UTC: the start of the test incident. */
export const T0 = Date.parse('2025-11-03T08:00:00.000Z');
const MINUTE = 60_000;

export function at(minutes: number): string {
  return new Date(T0 + minutes * MINUTE).toISOString();
}

let counter = 0;
/** A fresh ULID-shaped id, in creation order. */
export function nextId(): string {
  counter += 1;
  return `01JD${String(counter).padStart(22, '0')}`;
}

export function incident(overrides: Partial<Incident> = {}): Incident {
  return IncidentSchema.parse({
    id: INCIDENT_ID,
    workspace: 'real',
    origin: ORIGIN,
    tlp: 'GREEN',
    createdAt: at(0),
    updatedAt: at(0),
    hlc: formatHlc({ millis: T0, counter: 0, node: ORIGIN }),
    deleted: false,
    title: 'GREY FERRY — outage of ferry booking systems',
    summary: 'Booking systems of two ferry operators are down.',
    escalation: 'significant-incident',
    status: 'open',
    startedAt: at(0),
    memberStates: ['NL', 'BE'],
    sectors: ['transport'],
    ...overrides,
  });
}

export interface EntryOptions {
  readonly kind?: LogEntry['kind'];
  readonly text?: string;
  readonly tlp?: Tlp;
  /** Minutes after T0 it happened. */
  readonly occurred?: number;
  /** Minutes after T0 it was recorded (default: when it happened). */
  readonly recorded?: number;
  readonly corrects?: LogEntry['corrects'];
  readonly incidentChange?: LogEntry['incidentChange'];
  readonly author?: string;
  readonly extra?: Partial<LogEntry>;
}

export function entry(options: EntryOptions = {}): LogEntry {
  const occurred = options.occurred ?? 10;
  const recorded = options.recorded ?? occurred;
  return LogEntrySchema.parse({
    id: nextId(),
    workspace: 'real',
    origin: ORIGIN,
    tlp: options.tlp ?? 'GREEN',
    createdAt: at(recorded),
    updatedAt: at(recorded),
    hlc: formatHlc({ millis: T0 + recorded * MINUTE, counter: counter, node: ORIGIN }),
    deleted: false,
    incidentId: INCIDENT_ID,
    kind: options.kind ?? 'observation',
    text: options.text ?? `Observation at minute ${occurred}`,
    occurredAt: at(occurred),
    author: options.author ?? 'A. Analyst, CSIRT',
    corrects: options.corrects ?? null,
    incidentChange: options.incidentChange ?? null,
    ...options.extra,
  });
}

/** A correction or withdrawal of `original`, recorded `recorded` minutes after T0. */
export function correction(original: LogEntry, mode: 'correction' | 'withdrawal', recorded: number, text = `Corrected: ${original.text}`, tlp: Tlp = original.tlp): LogEntry {
  return entry({
    kind: original.kind,
    text,
    tlp,
    occurred: (Date.parse(original.occurredAt) - T0) / MINUTE,
    recorded,
    corrects: { entryId: original.id, mode, reason: mode === 'withdrawal' ? 'Entered in the wrong incident' : 'Wrong number of terminals' },
    author: 'B. Checker, CSIRT',
  });
}

export function context(overrides: Partial<ReportContext> = {}): ReportContext {
  return {
    generatedAt: at(600),
    author: { person: 'Jo Tester', organisation: 'NCSC Testland', country: 'NL' },
    workspace: 'real',
    ...overrides,
  };
}
