/**
 * fast-check generators for interop property tests: incidents with any text (Unicode, markup,
 * backtick runs), every TLP label, empty or partial assessments, free-text sectors including the
 * nis2 words, and logbooks with corrections, withdrawals and situation reports. Records go
 * through the real schemas, so defaults are filled in as the journal stores them.
 */
import fc from 'fast-check';
import { formatHlc } from '../../../../shared/journal/hlc';
import {
  ESCALATION_LEVELS,
  INCIDENT_STATUSES,
  IncidentSchema,
  LOG_ENTRY_KINDS,
  LogEntrySchema,
  SEVERITY_DIMENSIONS,
  SEVERITY_RATINGS,
  type Incident,
  type LogEntry,
} from '../../../../shared/model/records';
import { TLP_LABELS } from '../../../../shared/model/tlp';
import { WORKSPACES } from '../../../../shared/model/workspace';
import { INCIDENT_ID, ORIGIN, T0 } from '../reports/builders';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

const MARKUP = ['<script>alert(1)</script>', '**bold** _x_ [link](http://x)', '```\ncode\n```', '# heading', '| a | b |', '&amp; &#x27;', '\u0000\u0007\u001b', '‮RTL', '🚢⚓ 港口', 'OEFENING — ëïç'];

/** Text people write: Unicode, markup and control characters, never empty. */
export const personText = (maxLength: number) =>
  fc
    .oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(maxLength, 80) }), fc.string({ unit: 'binary', minLength: 1, maxLength: Math.min(maxLength, 40) }), fc.constantFrom(...MARKUP))
    .filter((s) => s.length >= 1 && s.length <= maxLength);

const SECTOR_WORDS = ['transport', 'Energie', 'health care', 'Drinkwater', 'electricity', 'ports', 'banking', 'Space', 'government', 'finance?', 'Ruimtevaart'];

export const incidentArb = (workspace?: Incident['workspace']): fc.Arbitrary<Incident> =>
  fc
    .record({
      workspace: workspace ? fc.constant(workspace) : fc.constantFrom(...WORKSPACES),
      tlp: fc.constantFrom(...TLP_LABELS),
      title: personText(300),
      summary: fc.oneof(fc.constant(''), personText(2000)),
      escalation: fc.constantFrom(...ESCALATION_LEVELS),
      status: fc.constantFrom(...INCIDENT_STATUSES),
      ratings: fc.array(fc.constantFrom(...SEVERITY_RATINGS), { minLength: SEVERITY_DIMENSIONS.length, maxLength: SEVERITY_DIMENSIONS.length }),
      sectors: fc.array(fc.oneof(fc.constantFrom(...SECTOR_WORDS), personText(100)), { maxLength: 5 }),
      updated: fc.integer({ min: 0, max: 10_000 }),
    })
    .map((r) =>
      IncidentSchema.parse({
        id: INCIDENT_ID,
        workspace: r.workspace,
        origin: ORIGIN,
        tlp: r.tlp,
        createdAt: at(0),
        updatedAt: at(r.updated),
        hlc: formatHlc({ millis: T0, counter: 0, node: ORIGIN }),
        deleted: false,
        title: r.title,
        summary: r.summary,
        escalation: r.escalation,
        status: r.status,
        startedAt: at(0),
        memberStates: ['NL'],
        sectors: r.sectors,
        severity: Object.fromEntries(SEVERITY_DIMENSIONS.map((d, i) => [d, r.ratings[i]])),
      }),
    );

interface EntrySpec {
  readonly kind: LogEntry['kind'];
  readonly text: string;
  readonly tlp: LogEntry['tlp'];
  readonly occurred: number;
  readonly author: string;
  /** Correct (or withdraw) an earlier entry of the list, by index. */
  readonly corrects: { readonly index: number; readonly mode: 'correction' | 'withdrawal' } | null;
}

const entrySpec: fc.Arbitrary<EntrySpec> = fc.record({
  kind: fc.constantFrom(...LOG_ENTRY_KINDS),
  text: personText(20_000),
  tlp: fc.constantFrom(...TLP_LABELS),
  occurred: fc.integer({ min: 0, max: 5_000 }),
  author: personText(300),
  corrects: fc.option(fc.record({ index: fc.nat(20), mode: fc.constantFrom('correction' as const, 'withdrawal' as const) }), { nil: null }),
});

/** A logbook for the incident; ids are ULID-shaped and unique within the list. */
export const logbookArb = (workspace: Incident['workspace']): fc.Arbitrary<LogEntry[]> =>
  fc.array(entrySpec, { maxLength: 12 }).map((specs) => {
    const entries: LogEntry[] = [];
    specs.forEach((spec, i) => {
      const target = spec.corrects && spec.corrects.index < i ? entries[spec.corrects.index] : undefined;
      const recorded = spec.occurred + i;
      entries.push(
        LogEntrySchema.parse({
          id: `01JE${String(i + 1).padStart(22, '0')}`,
          workspace,
          origin: ORIGIN,
          tlp: spec.tlp,
          createdAt: at(recorded),
          updatedAt: at(recorded),
          hlc: formatHlc({ millis: T0 + recorded * MINUTE, counter: i, node: ORIGIN }),
          deleted: false,
          incidentId: INCIDENT_ID,
          kind: target ? target.kind : spec.kind,
          text: spec.text,
          occurredAt: at(spec.occurred),
          author: spec.author,
          corrects: target && spec.corrects ? { entryId: target.id, mode: spec.corrects.mode, reason: 'Correction in a property test' } : null,
        }),
      );
    });
    return entries;
  });
