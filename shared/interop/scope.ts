/**
 * PURE: what an export for CSIRT tooling (MISP event, STIX 2.1 bundle) may hold, and the facts
 * both formats share. The two writers (`misp.ts`, `stix.ts`) take an `InteropScope` and never
 * look at the raw logbook, so the TLP rule is applied in exactly one place.
 *
 * TLP rule, as for the other plain-text exports (shared/contacts/interopExport.ts): a JSON file is
 * readable by anyone holding it, so
 *   CLEAR, GREEN          go in;
 *   AMBER, AMBER+STRICT   go in once the person exporting confirms that the file will be handled
 *                         at the highest label it holds (the dialog asks);
 *   RED                   is left out unless the person exporting includes RED explicitly.
 * A RED incident without that choice leaves nothing to export (`incident` is null).
 *
 * The logbook is read as reports read it (shared/reports/logItems.ts): each logged fact once, in
 * its current (corrected) form, withdrawn facts left out. Situation reports recorded in the
 * logbook become reports in the target format; every other fact becomes a timeline item.
 */
import type { Language } from '../i18n/languages';
import type { CountryCode } from '../model/countries';
import type { Incident, LogEntry } from '../model/records';
import { mostRestrictiveTlp, tlpRank, type Tlp } from '../model/tlp';
import { exportFilePrefix, type Workspace } from '../model/workspace';
import { uuidV5 } from '../procedures/cacao';
import { resolveLogItems, type LogItem } from '../reports/logItems';

/** Who exports: the installation's profile. */
export interface InteropContext {
  readonly organisation: string;
  readonly country: CountryCode;
  /** Language of the labels written into the file (assessment facts, kinds). */
  readonly language: Language;
  /** The workspace the export is made in. */
  readonly workspace: Workspace;
}

export interface InteropScope {
  /** Null when the incident itself may not go into the file (RED without the explicit choice). */
  readonly incident: Incident | null;
  /** Situation reports recorded in the logbook, as they stand now. */
  readonly situationReports: readonly LogItem[];
  /** Every other logged fact, as it stands now, in logbook order. */
  readonly timeline: readonly LogItem[];
  /** Logged facts left out because of their RED label. */
  readonly leftOutRed: number;
  /** The most restrictive label in the file ("CLEAR" when empty). */
  readonly highestTlp: Tlp;
  /** Whether the person exporting must confirm the label first (AMBER and above). */
  readonly needsConfirmation: boolean;
  /** True when the export comes from, or is about, the exercise workspace. */
  readonly exercise: boolean;
}

/** Decide what goes into the file. `entries` may hold other incidents' entries and tombstones. */
export function interopScope(incident: Incident, entries: readonly LogEntry[], options: { readonly includeRed: boolean; readonly workspace: Workspace }): InteropScope {
  const exercise = options.workspace === 'exercise' || incident.workspace === 'exercise';
  const allowed = (tlp: Tlp) => options.includeRed || tlp !== 'RED';
  if (incident.deleted || !allowed(incident.tlp)) {
    return { incident: null, situationReports: [], timeline: [], leftOutRed: 0, highestTlp: 'CLEAR', needsConfirmation: false, exercise };
  }
  const { items } = resolveLogItems(entries, incident.id);
  const included = items.filter((i) => allowed(i.tlp));
  const highestTlp = mostRestrictiveTlp([incident.tlp, ...included.map((i) => i.tlp)]);
  return {
    incident,
    situationReports: included.filter((i) => i.current.kind === 'situation-report'),
    timeline: included.filter((i) => i.current.kind !== 'situation-report'),
    leftOutRed: items.length - included.length,
    highestTlp,
    needsConfirmation: tlpRank(highestTlp) >= tlpRank('AMBER'),
    exercise,
  };
}

/**
 * The namespace of the workbook's interop ids (a fixed random UUID). Every id in a MISP event or
 * STIX bundle is a UUIDv5 of this namespace and a workbook record id, so exporting the same
 * incident again updates the same MISP event and the same STIX objects instead of adding new ones.
 */
export const INTEROP_NAMESPACE = 'b2f4a8e1-5c3d-4e7f-9a1b-6d8c2e0f4a37';

/** The deterministic UUID of a workbook thing (`kind` keeps ids of different kinds apart). */
export function interopUuid(kind: 'incident' | 'entry' | 'organisation' | 'assessment' | 'summary' | 'bundle', key: string): string {
  return uuidV5(`${kind}:${key}`, INTEROP_NAMESPACE);
}

/** An ISO instant with milliseconds, as STIX requires (RFC 3339, UTC, three fraction digits). */
export function isoMillis(instant: string): string {
  return new Date(Date.parse(instant)).toISOString();
}

/** Seconds since the epoch, as a decimal string (MISP's timestamps). */
export function unixSeconds(instant: string): string {
  return String(Math.floor(Date.parse(instant) / 1000));
}

/** When anything in the scope last changed: the incident or any entry of an included item. */
export function lastChangedAt(scope: InteropScope): string {
  let latest = scope.incident?.updatedAt ?? '1970-01-01T00:00:00.000Z';
  for (const item of [...scope.situationReports, ...scope.timeline]) {
    for (const member of item.members) if (Date.parse(member.updatedAt) > Date.parse(latest)) latest = member.updatedAt;
  }
  return latest;
}

/** A file-name-safe slug of a title: lower-case ASCII letters, digits and dashes, at most 60. */
export function titleSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'incident';
}

export type InteropFormat = 'misp' | 'stix';

/** "EXERCISE-incident-blue-harbour-misp.json": exercise prefix, title, format. */
export function interopFileName(workspace: Workspace, title: string, format: InteropFormat): string {
  return `${exportFilePrefix(workspace)}incident-${titleSlug(title)}-${format}.json`;
}
