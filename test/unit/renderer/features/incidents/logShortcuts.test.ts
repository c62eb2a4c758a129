/**
 * Quick-entry shortcuts (issue 4): every kind and every TLP label has its own key, none of them
 * is taken by the app's navigation (Alt+1…6) or is a Ctrl/Cmd combination, and the letter follows
 * the keyboard layout, with the physical key as fallback where Option changes the character.
 */
import { describe, expect, it } from 'vitest';
import { FOCUS_KEY, KIND_KEYS, matchLogShortcut, MORE_KEY, TLP_KEYS, type ShortcutKeyEvent } from '../../../../../renderer/src/features/incidents/logShortcuts';
import { LOG_ENTRY_KINDS } from '../../../../../shared/model/records';
import { TLP_LABELS } from '../../../../../shared/model/tlp';

const press = (key: string, mods: Partial<Omit<ShortcutKeyEvent, 'key'>> = {}): ShortcutKeyEvent => ({
  key,
  code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '',
  altKey: true,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('matchLogShortcut', () => {
  it('gives each kind, and the two form keys, a letter of its own', () => {
    const letters = [...Object.values(KIND_KEYS), MORE_KEY, FOCUS_KEY];
    expect(new Set(letters).size).toBe(letters.length);
    for (const kind of LOG_ENTRY_KINDS) expect(matchLogShortcut(press(KIND_KEYS[kind].toLowerCase()))).toEqual({ type: 'kind', kind });
    expect(matchLogShortcut(press('m'))).toEqual({ type: 'more' });
    expect(matchLogShortcut(press('n'))).toEqual({ type: 'focus' });
  });

  it('gives each TLP label a letter with Alt+Shift', () => {
    expect(new Set(Object.values(TLP_KEYS)).size).toBe(TLP_LABELS.length);
    for (const tlp of TLP_LABELS) expect(matchLogShortcut(press(TLP_KEYS[tlp], { shiftKey: true }))).toEqual({ type: 'tlp', tlp });
  });

  it('leaves Alt+digits to the navigation, and plain, Ctrl and Cmd keys alone', () => {
    for (const digit of ['1', '2', '3', '4', '5', '6']) expect(matchLogShortcut(press(digit, { code: `Digit${digit}` }))).toBeNull();
    expect(matchLogShortcut(press('d', { altKey: false }))).toBeNull();
    expect(matchLogShortcut(press('d', { ctrlKey: true }))).toBeNull();
    expect(matchLogShortcut(press('d', { metaKey: true }))).toBeNull();
    expect(matchLogShortcut(press('x'))).toBeNull();
    expect(matchLogShortcut(press('x', { shiftKey: true }))).toBeNull();
  });

  it('follows the layout: on AZERTY the key printed A is code KeyQ and means A', () => {
    expect(matchLogShortcut(press('a', { code: 'KeyQ' }))).toEqual({ type: 'kind', kind: 'action' });
  });

  it('uses the physical key where Option turns the letter into another character (macOS)', () => {
    expect(matchLogShortcut(press('ø', { code: 'KeyO' }))).toEqual({ type: 'kind', kind: 'observation' });
    expect(matchLogShortcut(press('∂', { code: 'KeyD' }))).toEqual({ type: 'kind', kind: 'decision' });
  });
});
