/**
 * PURE: words, dates and names for the crisis binder in the binder's language, without React or
 * i18next (the binder is built outside React: in the renderer, in a worker and in Node tests).
 * Texts come from the project's translation files through `translate`; dates and numbers from
 * `Intl` in the language's locale, so a Dutch binder reads "23 nov 2026" and sorts "IJsselmeer"
 * the Dutch way.
 */
import { actorById } from '../content/builtinPack';
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import { isoRegionCode, type CountryCode } from '../model/countries';
import type { LocalizedText, ProcedureLane } from '../model/procedure';

/** The locale a language's dates, numbers and sorting follow (the same as the app's screens). */
export function binderLocale(language: Language): string {
  return language === 'nl' ? 'nl-NL' : 'en-GB';
}

/**
 * Text that is safe to lay out: control characters (other than line breaks and tabs), lone
 * surrogates and non-characters are dropped, because a font has no glyph for them and some PDF
 * readers refuse the string. Markup-like text needs nothing: PDF text is never interpreted.
 */
export function printable(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** The binder's words and formats in one language. */
export interface BinderText {
  readonly language: Language;
  readonly locale: string;
  readonly t: (key: string, values?: Readonly<Record<string, string | number>>) => string;
  readonly dateTime: (iso: string) => string;
  readonly date: (iso: string) => string;
  readonly number: (n: number) => string;
  readonly country: (code: CountryCode) => string;
  readonly compare: (a: string, b: string) => number;
  /** Text in the binder's language, the other language while a translation is missing. */
  readonly pick: (text: LocalizedText | null | undefined) => string;
  /** A lane's actor: its own label, else the Annex II catalogue's name, else the actor id. */
  readonly laneName: (lane: Pick<ProcedureLane, 'actor' | 'label'>) => string;
}

/**
 * `timeZone` is the zone the dates are printed in (the officer's own; tests pin it to UTC so the
 * text they look for is the text printed).
 */
export function binderText(language: Language, timeZone = 'UTC'): BinderText {
  const locale = binderLocale(language);
  const zone = validTimeZone(timeZone);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const number = new Intl.NumberFormat(locale);
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const pick = (text: LocalizedText | null | undefined) => (text ? printable(text[language] || text[language === 'en' ? 'nl' : 'en']) : '');
  const safeDate = (format: Intl.DateTimeFormat, iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : format.format(d);
  };
  return {
    language,
    locale,
    t: (key, values = {}) => translate(language, key, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? number.format(v) : v]))),
    dateTime: (iso) => safeDate(dateTime, iso),
    date: (iso) => safeDate(date, iso),
    number: (n) => number.format(n),
    country: (code) => {
      try {
        return regions.of(isoRegionCode(code)) ?? code;
      } catch {
        return code;
      }
    },
    compare: (a, b) => collator.compare(a, b),
    pick,
    laneName: (lane) => {
      const actor = actorById(lane.actor);
      return pick(lane.label) || pick(actor?.shortName) || pick(actor?.name) || printable(lane.actor);
    },
  };
}

function validTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
