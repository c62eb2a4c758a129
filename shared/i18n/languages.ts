/**
 * The languages the workbook speaks: the one place that lists them (docs/translating.md says how
 * to add one). A unit test checks that every translation file has exactly the keys of English.
 */
import { z } from 'zod';

export const LANGUAGES = ['en', 'nl'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Each language's name in itself, for language pickers. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', nl: 'Nederlands' };

/** The BCP 47 locale for dates, numbers and sorting (Intl) in each language. */
export const LANGUAGE_LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL' };

/** The locale for dates, numbers and sorting in a language. */
export function localeOf(language: Language): string {
  return LANGUAGE_LOCALES[language];
}

/** The next language in the list (the command palette's "switch language"). */
export function nextLanguage(language: Language): Language {
  return LANGUAGES[(LANGUAGES.indexOf(language) + 1) % LANGUAGES.length] ?? 'en';
}

/** Pick the supported language closest to a BCP 47 tag (e.g. navigator.language). */
export function closestLanguage(tag: string | undefined): Language {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return LanguageSchema.safeParse(base).success ? (base as Language) : 'en';
}
