/**
 * What a contact export may hold, by TLP (in the spirit of shared/bundle/tlpPolicy.ts). A vCard or
 * CSV file is plain text that anyone holding it can read, so:
 *   CLEAR, GREEN          go in;
 *   AMBER, AMBER+STRICT   go in only once the person exporting confirms, in the dialog, that the
 *                         file will be handled as AMBER (the dialog shows the highest label);
 *   RED                   is left out unless ticked contact by contact.
 * Pure.
 */
import type { Contact } from '../model/records';
import { mostRestrictiveTlp, tlpRank, type Tlp } from '../model/tlp';
import { exportFilePrefix, type Workspace } from '../model/workspace';

export interface ContactExportDecision {
  readonly included: Contact[];
  /** RED contacts not ticked. */
  readonly leftOut: Contact[];
  /** The most restrictive label in the file ("CLEAR" when empty). */
  readonly highestTlp: Tlp;
  /** Whether the person exporting must confirm the label before the file is written (AMBER and above). */
  readonly needsConfirmation: boolean;
}

export function decideContactExport(contacts: readonly Contact[], redTicked: ReadonlySet<string>): ContactExportDecision {
  const included: Contact[] = [];
  const leftOut: Contact[] = [];
  for (const c of contacts) {
    if (c.deleted) continue;
    if (c.tlp === 'RED' && !redTicked.has(c.id)) leftOut.push(c);
    else included.push(c);
  }
  const highestTlp = mostRestrictiveTlp(included.map((c) => c.tlp));
  return { included, leftOut, highestTlp, needsConfirmation: tlpRank(highestTlp) >= tlpRank('AMBER') };
}

export type ContactFileFormat = 'vcard' | 'csv';

/** "EXERCISE-contacts-2026-03-10.vcf": the exercise prefix, the day, the format's extension. */
export function contactExportFileName(workspace: Workspace, format: ContactFileFormat, isoDay: string): string {
  return `${exportFilePrefix(workspace)}contacts-${isoDay}.${format === 'vcard' ? 'vcf' : 'csv'}`;
}
