/**
 * The built-in guides, one per kind of user the workbook serves: the crisis authority that runs
 * an incident, the liaison officer who carries bundles between authorities, and the desk officer
 * who looks things up and keeps the directory current. The words are in the translation files
 * (`help.guides.<guide>.<step>`); each step names the screen where it is done, so the guide can
 * take the reader there.
 */
import type { Role } from '../../../../shared/model/roles';
import type { Screen } from '../../app/router';

export const GUIDE_IDS = ['authority', 'liaison', 'desk'] as const;
export type GuideId = (typeof GUIDE_IDS)[number];

export interface GuideStep {
  readonly id: string;
  readonly screen: Screen | null;
}

export const GUIDES: Readonly<Record<GuideId, readonly GuideStep[]>> = {
  authority: [
    { id: 'open', screen: 'incidents' },
    { id: 'escalate', screen: 'incidents' },
    { id: 'clocks', screen: 'dashboard' },
    { id: 'procedure', screen: 'procedures' },
    { id: 'report', screen: 'incidents' },
    { id: 'share', screen: 'exchange' },
    { id: 'overview', screen: 'dashboard' },
  ],
  liaison: [
    { id: 'identity', screen: 'exchange' },
    { id: 'verify', screen: 'exchange' },
    { id: 'export', screen: 'exchange' },
    { id: 'import', screen: 'exchange' },
    { id: 'quarantine', screen: 'exchange' },
    { id: 'outage', screen: null },
    { id: 'paper', screen: 'contacts' },
  ],
  desk: [
    { id: 'find', screen: null },
    { id: 'procedures', screen: 'procedures' },
    { id: 'directory', screen: 'contacts' },
    { id: 'verifyRound', screen: 'contacts' },
    { id: 'log', screen: 'incidents' },
    { id: 'print', screen: 'procedures' },
    { id: 'exercise', screen: 'settings' },
  ],
};

/** The guide that fits an installation's role best, opened first by F1 and the Help button. */
export function guideForRole(role: Role): GuideId {
  switch (role) {
    case 'liaison-officer':
      return 'liaison';
    case 'desk-officer':
    case 'ministry':
    case 'eu-body':
      return 'desk';
    default:
      return 'authority';
  }
}

/** The translation key of a guide's title or introduction, or of a step's title or text. */
export function guideKey(guide: GuideId, part: 'title' | 'who'): string;
export function guideKey(guide: GuideId, step: string, part: 'title' | 'text'): string;
export function guideKey(guide: GuideId, stepOrPart: string, part?: 'title' | 'text'): string {
  return part === undefined ? `help.guides.${guide}.${stepOrPart}` : `help.guides.${guide}.${stepOrPart}.${part}`;
}
