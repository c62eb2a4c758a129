/**
 * i18next set up with the project's translation files (shared/i18n/locales). A missing key is a
 * defect: in development and tests it is reported on the console, which the end-to-end tests
 * treat as a failure, and a unit test compares the key sets of all languages.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, localeOf, type Language } from '../../../shared/i18n/languages';
import { TRANSLATIONS } from '../../../shared/i18n/translate';

export const MISSING_KEY_MARKER = 'crisis-workbook: missing translation';

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: TRANSLATIONS[l] }])),
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    saveMissing: true,
    missingKeyHandler: (lngs, _ns, key) => {
      console.error(`${MISSING_KEY_MARKER}: ${key} (${lngs.join(', ')})`);
    },
  });
  return i18next;
}

/** BCP 47 locale for dates, numbers and sorting in a language (shared/i18n/languages.ts). */
export { localeOf };
