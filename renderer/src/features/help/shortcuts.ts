/**
 * Every keyboard shortcut of the workbook, in one list, so that the help overlay shows what the
 * code really does: the logbook's letters come from its own table (logShortcuts.ts), the screen
 * numbers from the navigation order. A unit test checks that no two shortcuts of one context
 * collide.
 */
import { LOG_ENTRY_KINDS } from '../../../../shared/model/records';
import { TLP_LABELS } from '../../../../shared/model/tlp';
import { SCREENS } from '../../app/router';
import { FOCUS_KEY, KIND_KEYS, MORE_KEY, TLP_KEYS } from '../incidents/logShortcuts';

/** Where a shortcut works: everywhere, or only where the named part of the app has focus. */
export type ShortcutContext = 'global' | 'desktop' | 'logbook' | 'chart' | 'palette' | 'dialog';

export interface Shortcut {
  /** Keys as `aria-keyshortcuts` writes them ("Control+K", "Alt+1"); "Mod" is Ctrl, or ⌘ on macOS. */
  readonly keys: readonly string[];
  /** i18n key of what it does, and values for it. */
  readonly label: string;
  readonly values?: Readonly<Record<string, string>>;
  /** i18n keys whose translations fill `values` (e.g. a screen's name). */
  readonly translatedValues?: Readonly<Record<string, string>>;
}

export interface ShortcutGroup {
  readonly context: ShortcutContext;
  readonly shortcuts: readonly Shortcut[];
}

/** The translation key naming where a group of shortcuts works. */
export const contextKey = (context: ShortcutContext): string => `shortcuts.context.${context}`;

export const HELP_KEYS = ['?', 'F1'] as const;

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    context: 'global',
    shortcuts: [
      { keys: ['Mod+K'], label: 'shortcuts.palette' },
      ...SCREENS.map((screen, i) => ({ keys: [`Alt+${i + 1}`], label: 'shortcuts.goTo', translatedValues: { screen: `nav.${screen}` } })),
      { keys: [...HELP_KEYS], label: 'shortcuts.help' },
      { keys: ['Mod+L'], label: 'shortcuts.lock' },
      { keys: ['Tab', 'Shift+Tab'], label: 'shortcuts.focus' },
    ],
  },
  {
    context: 'desktop',
    shortcuts: [
      { keys: ['Mod+,'], label: 'shortcuts.settings' },
      { keys: ['Mod+Shift+E'], label: 'shortcuts.toggleWorkspace' },
      { keys: ['Mod+Shift+L'], label: 'shortcuts.toggleTheme' },
    ],
  },
  {
    context: 'logbook',
    shortcuts: [
      { keys: [`Alt+${FOCUS_KEY}`], label: 'shortcuts.logFocus' },
      { keys: ['Enter'], label: 'shortcuts.logRecord' },
      { keys: ['Shift+Enter'], label: 'shortcuts.logNewLine' },
      { keys: ['Mod+Enter'], label: 'shortcuts.logRecordAnywhere' },
      { keys: [`Alt+${MORE_KEY}`], label: 'shortcuts.logMore' },
      ...LOG_ENTRY_KINDS.map((kind) => ({ keys: [`Alt+${KIND_KEYS[kind]}`], label: 'shortcuts.logKind', translatedValues: { kind: `log.kind.${kind}` } })),
      ...TLP_LABELS.map((tlp) => ({ keys: [`Alt+Shift+${TLP_KEYS[tlp]}`], label: 'shortcuts.logTlp', values: { tlp: `TLP:${tlp}` } })),
    ],
  },
  {
    context: 'chart',
    shortcuts: [
      { keys: ['ArrowRight'], label: 'shortcuts.chartNext' },
      { keys: ['ArrowLeft'], label: 'shortcuts.chartPrevious' },
      { keys: ['ArrowUp', 'ArrowDown'], label: 'shortcuts.chartLane' },
      { keys: ['Home', 'End'], label: 'shortcuts.chartEnds' },
      { keys: ['Enter'], label: 'shortcuts.chartOpen' },
    ],
  },
  {
    context: 'palette',
    shortcuts: [
      { keys: ['ArrowUp', 'ArrowDown'], label: 'shortcuts.paletteMove' },
      { keys: ['Enter'], label: 'shortcuts.paletteOpen' },
      { keys: ['Escape'], label: 'shortcuts.paletteClose' },
    ],
  },
  {
    context: 'dialog',
    shortcuts: [{ keys: ['Escape'], label: 'shortcuts.dialogClose' }],
  },
];

/** Whether the user is typing: "?" is then a question mark, not the help key. */
export function isTyping(target: EventTarget | null): boolean {
  // Read as plain properties (not `instanceof`), so elements of other frames count too.
  const element = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown } | null;
  if (!element || typeof element.tagName !== 'string') return false;
  if (element.isContentEditable === true) return true;
  const tag = element.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(String(element.type));
  return false;
}

/** The key event opens the help: "?" outside a text field, or F1 anywhere. */
export function isHelpKey(event: { readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly altKey: boolean; readonly target: EventTarget | null }): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  if (event.key === 'F1') return true;
  return event.key === '?' && !isTyping(event.target);
}

const KEY_NAMES: Readonly<Record<string, string>> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };
const MAC_MODIFIERS: Readonly<Record<string, string>> = { Mod: '⌘', Alt: '⌥', Shift: '⇧' };

/** The keys of a combination as printed on the keyboard: "Mod" is ⌘ on macOS, Ctrl elsewhere. */
export function keyParts(keys: string, mac: boolean): string[] {
  // "Mod+," and "Alt+Shift+?" split on the "+" between keys, never on a "+" that is the key.
  const parts = keys.split(/\+(?=.)/);
  return parts.map((part) => (mac ? (MAC_MODIFIERS[part] ?? KEY_NAMES[part] ?? part) : part === 'Mod' ? 'Ctrl' : (KEY_NAMES[part] ?? part)));
}
