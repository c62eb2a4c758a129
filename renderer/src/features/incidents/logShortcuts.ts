/**
 * Keyboard shortcuts of the logbook's quick entry. Alt+letter chooses the kind of the entry,
 * Alt+Shift+letter its TLP label; both also put the cursor in the entry field, so "Alt+D, type,
 * Enter" records a decision from anywhere on the incident. They do not clash with the app's own
 * keys: Alt+1…6 open the screens (AppShell), and the desktop menu uses Ctrl/Cmd combinations.
 *
 * The letter is read from `event.key` where it is a plain letter, so that the shortcut follows
 * the letter printed on the key in any layout (AZERTY, QWERTZ); macOS turns Option+letter into
 * another character ("ø" for Option+O), and there the physical key (`event.code`) is used.
 */
import { LOG_ENTRY_KINDS, type LogEntryKind } from '../../../../shared/model/records';
import { TLP_LABELS, type Tlp } from '../../../../shared/model/tlp';

export const KIND_KEYS: Readonly<Record<LogEntryKind, string>> = {
  observation: 'O',
  decision: 'D',
  action: 'A',
  'communication-in': 'I',
  'communication-out': 'U',
  'situation-report': 'S',
  handover: 'H',
  escalation: 'E',
};

export const TLP_KEYS: Readonly<Record<Tlp, string>> = {
  CLEAR: 'C',
  GREEN: 'G',
  AMBER: 'A',
  'AMBER+STRICT': 'S',
  RED: 'R',
};

/** Alt+M opens or closes the details of the entry; Alt+N puts the cursor in the entry field. */
export const MORE_KEY = 'M';
export const FOCUS_KEY = 'N';

/** As `aria-keyshortcuts` and the visible hints write them. */
export const kindShortcut = (kind: LogEntryKind) => `Alt+${KIND_KEYS[kind]}`;
export const tlpShortcut = (tlp: Tlp) => `Alt+Shift+${TLP_KEYS[tlp]}`;

export type LogShortcut =
  | { readonly type: 'kind'; readonly kind: LogEntryKind }
  | { readonly type: 'tlp'; readonly tlp: Tlp }
  | { readonly type: 'more' }
  | { readonly type: 'focus' };

/** The parts of a keyboard event the shortcuts read (so tests need no DOM). */
export interface ShortcutKeyEvent {
  readonly key: string;
  readonly code: string;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

function letterOf(event: ShortcutKeyEvent): string | null {
  if (/^[a-z]$/i.test(event.key)) return event.key.toUpperCase();
  const physical = /^Key([A-Z])$/.exec(event.code);
  return physical ? physical[1]! : null;
}

/** The logbook shortcut a key press means, or null. Ctrl and Cmd combinations are never ours. */
export function matchLogShortcut(event: ShortcutKeyEvent): LogShortcut | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const letter = letterOf(event);
  if (!letter) return null;
  if (event.shiftKey) {
    const tlp = TLP_LABELS.find((l) => TLP_KEYS[l] === letter);
    return tlp ? { type: 'tlp', tlp } : null;
  }
  if (letter === MORE_KEY) return { type: 'more' };
  if (letter === FOCUS_KEY) return { type: 'focus' };
  const kind = LOG_ENTRY_KINDS.find((k) => KIND_KEYS[k] === letter);
  return kind ? { type: 'kind', kind } : null;
}
