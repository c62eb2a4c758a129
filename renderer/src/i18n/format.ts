import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isoRegionCode, type CountryCode } from '../../../shared/model/countries';
import { LanguageSchema, type Language } from '../../../shared/i18n/languages';
import { localeOf } from './i18n';

export interface Formatters {
  readonly language: Language;
  readonly locale: string;
  dateTime(iso: string): string;
  /** Date and time as seen in another time zone (a clock's deadline in the zone it counts in), with the zone's abbreviation. */
  dateTimeIn(iso: string, timeZone: string): string;
  date(iso: string): string;
  number(n: number): string;
  country(code: CountryCode): string;
  compare(a: string, b: string): number;
}

/** Dates, numbers, country names and sorting in the user's language. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = LanguageSchema.catch('en').parse(i18n.language);
  return useMemo(() => {
    const locale = localeOf(language);
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(locale);
    const regions = new Intl.DisplayNames([locale], { type: 'region' });
    const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    return {
      language,
      locale,
      dateTime: (iso) => dateTime.format(new Date(iso)),
      dateTimeIn: (iso, timeZone) => {
        try {
          return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone, timeZoneName: 'short' }).format(new Date(iso));
        } catch {
          return dateTime.format(new Date(iso));
        }
      },
      date: (iso) => date.format(new Date(iso)),
      number: (n) => number.format(n),
      country: (code) => regions.of(isoRegionCode(code)) ?? code,
      compare: (a, b) => collator.compare(a, b),
    };
  }, [language]);
}
