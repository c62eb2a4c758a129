/**
 * The languages the workbook speaks. Adding a language is adding its JSON file under `locales/`
 * and one entry here; a unit test checks that every file has exactly the keys of English.
 */
import { z } from 'zod';

export const LANGUAGES = ['en', 'nl'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Each language's name in itself, for language pickers. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', nl: 'Nederlands' };

/** Pick the supported language closest to a BCP 47 tag (e.g. navigator.language). */
export function closestLanguage(tag: string | undefined): Language {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return LanguageSchema.safeParse(base).success ? (base as Language) : 'en';
}
