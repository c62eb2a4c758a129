/**
 * A minimal lookup into the translation files for code that runs outside React (the Electron main
 * process's menu and dialogs). Uses i18next's `{{name}}` interpolation, so the same strings serve
 * both. The renderer uses i18next itself.
 */
import en from './locales/en.json';
import nl from './locales/nl.json';
import type { Language } from './languages';

export type TranslationTree = { readonly [key: string]: string | TranslationTree };

export const TRANSLATIONS: Record<Language, TranslationTree> = { en, nl };

export function translate(language: Language, key: string, values: Readonly<Record<string, string>> = {}): string {
  const text = lookup(TRANSLATIONS[language], key) ?? lookup(TRANSLATIONS.en, key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}

function lookup(tree: TranslationTree, key: string): string | undefined {
  let node: string | TranslationTree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Every key path of a translation tree, e.g. "menu.file". */
export function translationKeys(tree: TranslationTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : translationKeys(v, `${prefix}${k}.`)));
}
