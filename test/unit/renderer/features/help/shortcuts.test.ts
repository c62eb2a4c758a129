/**
 * The shortcut list the help overlay shows: no two actions share keys where both work, the
 * logbook's letters are the ones its handler reads, and keys are written as on the keyboard.
 */
import { describe, expect, it } from 'vitest';
import { LOG_ENTRY_KINDS } from '../../../../../shared/model/records';
import { SCREENS } from '../../../../../renderer/src/app/router';
import { guideForRole, GUIDE_IDS, GUIDES, guideKey } from '../../../../../renderer/src/features/help/guides';
import { contextKey, isHelpKey, keyParts, SHORTCUT_GROUPS, type ShortcutContext } from '../../../../../renderer/src/features/help/shortcuts';
import { matchLogShortcut } from '../../../../../renderer/src/features/incidents/logShortcuts';
import { isLockShortcut } from '../../../../../renderer/src/features/lock/lockPolicy';
import { ROLES } from '../../../../../shared/model/roles';
import { TRANSLATIONS, translationKeys } from '../../../../../shared/i18n/translate';

const keysOf = (context: ShortcutContext) => SHORTCUT_GROUPS.filter((g) => g.context === context).flatMap((g) => g.shortcuts.flatMap((s) => s.keys));

/** A key combination as a keydown event would carry it ("Alt+Shift+S" → altKey, shiftKey, key "S"). */
function eventOf(keys: string) {
  const parts = keys.split(/\+(?=.)/);
  const key = parts[parts.length - 1] ?? '';
  return { key, code: /^[A-Z]$/.test(key) ? `Key${key}` : key, altKey: parts.includes('Alt'), shiftKey: parts.includes('Shift'), ctrlKey: parts.includes('Mod'), metaKey: false, target: null };
}

describe('the shortcut list', () => {
  it('has no combination twice where both would work (everywhere + logbook, everywhere + desktop menu)', () => {
    for (const together of [['global', 'logbook'], ['global', 'desktop'], ['chart'], ['palette']] as const) {
      const keys = together.flatMap((c) => keysOf(c));
      expect(keys.filter((k, i) => keys.indexOf(k) !== i), together.join('+')).toEqual([]);
    }
  });

  it('lists a screen key for every screen and a letter for every kind of log entry', () => {
    expect(keysOf('global')).toEqual(expect.arrayContaining(SCREENS.map((_, i) => `Alt+${i + 1}`)));
    expect(keysOf('logbook').filter((k) => /^Alt\+[A-Z]$/.test(k)).length).toBe(LOG_ENTRY_KINDS.length + 2);
  });

  it('lists the letters the logbook handler really reads', () => {
    for (const keys of keysOf('logbook').filter((k) => /^Alt\+(Shift\+)?[A-Z]$/.test(k))) {
      expect(matchLogShortcut(eventOf(keys)), keys).not.toBeNull();
    }
  });

  it('lists the lock key the lock handler really reads', () => {
    expect(isLockShortcut(eventOf('Mod+L'))).toBe(true);
    expect(keysOf('global')).toContain('Mod+L');
  });

  it('has every label in every language', () => {
    for (const [language, tree] of Object.entries(TRANSLATIONS)) {
      const known = new Set(translationKeys(tree));
      const labels = SHORTCUT_GROUPS.flatMap((g) => [contextKey(g.context), ...g.shortcuts.flatMap((s) => [s.label, ...Object.values(s.translatedValues ?? {})])]);
      expect(labels.filter((l) => !known.has(l)), language).toEqual([]);
    }
  });
});

describe('keyParts', () => {
  it('writes Mod as Ctrl, or as ⌘ on macOS, and arrows as arrows', () => {
    expect(keyParts('Mod+K', false)).toEqual(['Ctrl', 'K']);
    expect(keyParts('Mod+K', true)).toEqual(['⌘', 'K']);
    expect(keyParts('Alt+Shift+S', true)).toEqual(['⌥', '⇧', 'S']);
    expect(keyParts('Mod+,', false)).toEqual(['Ctrl', ',']);
    expect(keyParts('ArrowUp', false)).toEqual(['↑']);
    expect(keyParts('Escape', false)).toEqual(['Esc']);
  });
});

describe('isHelpKey', () => {
  it('opens on F1 and on "?" without modifiers', () => {
    expect(isHelpKey({ key: 'F1', ctrlKey: false, metaKey: false, altKey: false, target: null })).toBe(true);
    expect(isHelpKey({ key: '?', ctrlKey: false, metaKey: false, altKey: false, target: null })).toBe(true);
    expect(isHelpKey({ key: '?', ctrlKey: true, metaKey: false, altKey: false, target: null })).toBe(false);
    expect(isHelpKey({ key: '/', ctrlKey: false, metaKey: false, altKey: false, target: null })).toBe(false);
  });
  it('leaves "?" to a text field, but not F1', () => {
    const field = (tagName: string, type = '') => ({ tagName, type, isContentEditable: false }) as unknown as EventTarget;
    expect(isHelpKey({ key: '?', ctrlKey: false, metaKey: false, altKey: false, target: field('TEXTAREA') })).toBe(false);
    expect(isHelpKey({ key: '?', ctrlKey: false, metaKey: false, altKey: false, target: field('INPUT', 'search') })).toBe(false);
    expect(isHelpKey({ key: '?', ctrlKey: false, metaKey: false, altKey: false, target: field('INPUT', 'checkbox') })).toBe(true);
    expect(isHelpKey({ key: '?', ctrlKey: false, metaKey: false, altKey: false, target: { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget })).toBe(false);
    expect(isHelpKey({ key: 'F1', ctrlKey: false, metaKey: false, altKey: false, target: field('TEXTAREA') })).toBe(true);
  });
});

describe('guides', () => {
  it('has a guide for each of the three users, each with a title, an introduction and its steps in every language', () => {
    expect(GUIDE_IDS).toEqual(['authority', 'liaison', 'desk']);
    for (const [language, tree] of Object.entries(TRANSLATIONS)) {
      const known = new Set(translationKeys(tree));
      for (const id of GUIDE_IDS) {
        const keys = [guideKey(id, 'title'), guideKey(id, 'who'), ...GUIDES[id].flatMap((s) => [guideKey(id, s.id, 'title'), guideKey(id, s.id, 'text')])];
        expect(keys.filter((k) => !known.has(k)), `${language} ${id}`).toEqual([]);
      }
    }
  });

  it('opens the guide that fits the installation’s role', () => {
    expect(guideForRole('liaison-officer')).toBe('liaison');
    expect(guideForRole('desk-officer')).toBe('desk');
    expect(guideForRole('cyber-crisis-authority')).toBe('authority');
    for (const role of ROLES) expect(GUIDE_IDS).toContain(guideForRole(role));
  });
});
