/**
 * PURE: an incident as a STIX 2.1 bundle, for CSIRT tooling that speaks STIX (OpenCTI, MISP's
 * STIX import, TAXII feeds).
 *
 * Objects:
 * - `identity`: the exporting authority (identity_class "organization"), creator of everything.
 * - `incident`: the incident (STIX 2.1's incident is a stub: name, description); escalation level
 *   and status travel as labels, and "exercise" for exercise data.
 * - `report`: each situation report recorded in the logbook (`published` its time of
 *   occurrence, `object_refs` the incident), report_types "threat-report" (the closest of the
 *   open vocabulary).
 * - `note`: the current assessment, and every other logged fact (content the text, abstract its
 *   time and kind, authors its author), each referring to the incident.
 * - `marking-definition`: the TLP 2.0 marking definitions actually used, exactly as OASIS
 *   publishes them (extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d, fixed ids,
 *   created 2022-10-01T00:00:00.000Z); every object carries the marking of its own label.
 *
 * Ids are UUIDv5 of the workbook record ids (scope.ts), timestamps RFC 3339 with milliseconds.
 * `created` is when the record was first written, `modified` when it (or a correction) last was,
 * so a consumer holding an earlier export takes the newer version.
 */
import { translate } from '../i18n/translate';
import { TLP_LABELS, type Tlp } from '../model/tlp';
import { EXERCISE_MARKING } from '../model/workspace';
import type { LogItem } from '../reports/logItems';
import { assessmentFacts, assessmentPlainText } from './assessment';
import { interopUuid, isoMillis, lastChangedAt, type InteropContext, type InteropScope } from './scope';

/** The TLP 2.0 extension definition (OASIS cti-stix-common-objects, tlp-2.0). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The published TLP 2.0 marking definition ids, by label. */
export const TLP2_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export interface StixMarkingDefinition {
  readonly type: 'marking-definition';
  readonly spec_version: '2.1';
  readonly id: string;
  readonly created: '2022-10-01T00:00:00.000Z';
  readonly name: string;
  readonly extensions: { readonly [TLP2_EXTENSION_ID]: { readonly extension_type: 'property-extension'; readonly tlp_2_0: string } };
}

/** The published TLP 2.0 marking definition object of a label. */
export function tlp2Marking(tlp: Tlp): StixMarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() } },
  };
}

interface StixCommon {
  readonly spec_version: '2.1';
  readonly id: string;
  readonly created: string;
  readonly modified: string;
  readonly created_by_ref: string;
  readonly object_marking_refs: readonly string[];
}

export interface StixIdentity extends Omit<StixCommon, 'created_by_ref' | 'object_marking_refs'> {
  readonly type: 'identity';
  readonly name: string;
  readonly identity_class: 'organization';
  readonly object_marking_refs: readonly string[];
}

export interface StixIncident extends StixCommon {
  readonly type: 'incident';
  readonly name: string;
  readonly description?: string;
  readonly labels: readonly string[];
}

export interface StixReport extends StixCommon {
  readonly type: 'report';
  readonly name: string;
  readonly description: string;
  readonly report_types: readonly string[];
  readonly published: string;
  readonly object_refs: readonly string[];
}

export interface StixNote extends StixCommon {
  readonly type: 'note';
  readonly abstract: string;
  readonly content: string;
  readonly authors?: readonly string[];
  readonly object_refs: readonly string[];
}

export type StixObject = StixMarkingDefinition | StixIdentity | StixIncident | StixReport | StixNote;

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: readonly StixObject[];
}

/**
 * The authority's identity is the same object in every export of every incident (its id derives
 * from country and organisation only), so it must not take its version from any one incident:
 * one fixed version, the day this export format was introduced.
 */
const IDENTITY_VERSION = '2026-11-23T00:00:00.000Z';

/** Build the STIX bundle. Returns null when the scope holds no incident (see scope.ts). */
export function toStixBundle(scope: InteropScope, context: InteropContext): StixBundle | null {
  const { incident } = scope;
  if (incident === null) return null;
  const t = (key: string) => translate(context.language, key);
  const incidentId = `incident--${interopUuid('incident', incident.id)}`;
  const identityId = `identity--${interopUuid('organisation', `${context.country}:${context.organisation}`)}`;
  const used = new Set<Tlp>([incident.tlp, 'CLEAR']);
  const marking = (tlp: Tlp) => {
    used.add(tlp);
    return [TLP2_MARKING_IDS[tlp]];
  };

  const identity: StixIdentity = {
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created: IDENTITY_VERSION,
    modified: IDENTITY_VERSION,
    name: context.organisation,
    identity_class: 'organization',
    object_marking_refs: [TLP2_MARKING_IDS.CLEAR],
  };

  const labels = [incident.escalation, incident.status, ...(scope.exercise ? ['exercise'] : [])];
  const incidentObject: StixIncident = {
    type: 'incident',
    spec_version: '2.1',
    id: incidentId,
    created: isoMillis(incident.createdAt),
    modified: isoMillis(incident.updatedAt),
    created_by_ref: identityId,
    object_marking_refs: marking(incident.tlp),
    name: scope.exercise ? `${EXERCISE_MARKING}: ${incident.title}` : incident.title,
    ...(incident.summary.trim() !== '' ? { description: incident.summary } : {}),
    labels,
  };

  const assessment: StixNote = {
    type: 'note',
    spec_version: '2.1',
    id: `note--${interopUuid('assessment', incident.id)}`,
    created: isoMillis(incident.createdAt),
    modified: isoMillis(incident.updatedAt),
    created_by_ref: identityId,
    object_marking_refs: marking(incident.tlp),
    abstract: t('interop.assessmentTitle'),
    content: assessmentPlainText(assessmentFacts(incident, context.language)),
    object_refs: [incidentId],
  };

  const common = (item: LogItem) => ({
    spec_version: '2.1' as const,
    created: isoMillis(item.root.createdAt),
    modified: isoMillis(item.lastRecordedAt),
    created_by_ref: identityId,
    object_marking_refs: marking(item.tlp),
  });
  const reports: StixReport[] = scope.situationReports.map((item) => ({
    type: 'report',
    id: `report--${interopUuid('entry', item.root.id)}`,
    ...common(item),
    name: `${t('reports.kind.situation-report')} — ${incident.title} — ${isoMillis(item.current.occurredAt)}`,
    description: item.current.text,
    report_types: ['threat-report'],
    published: isoMillis(item.current.occurredAt),
    object_refs: [incidentId],
  }));
  const notes: StixNote[] = scope.timeline.map((item) => ({
    type: 'note',
    id: `note--${interopUuid('entry', item.root.id)}`,
    ...common(item),
    abstract: `${isoMillis(item.current.occurredAt)} · ${t(`log.kind.${item.current.kind}`)}${item.corrections.length > 0 ? ` · ${t('interop.corrected')}` : ''}`,
    content: item.current.text,
    authors: [item.current.author],
    object_refs: [incidentId],
  }));

  const markings = TLP_LABELS.filter((l) => used.has(l)).map(tlp2Marking);
  const changed = lastChangedAt(scope);
  return {
    type: 'bundle',
    id: `bundle--${interopUuid('bundle', `${incident.id}:${changed}`)}`,
    objects: [...markings, identity, incidentObject, assessment, ...reports, ...notes],
  };
}
