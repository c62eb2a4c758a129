/**
 * Countries an installation or contact can belong to: the 27 EU member states by their ISO 3166-1
 * alpha-2 code (as the EU uses them, except Greece, which the EU writes EL), plus "EU" for Union
 * bodies. Display names come from Intl.DisplayNames in the user's language.
 */
import { z } from 'zod';

export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;

export const COUNTRY_CODES = [...EU_MEMBER_STATES, 'EU'] as const;
export const CountryCodeSchema = z.enum(COUNTRY_CODES);
export type CountryCode = z.infer<typeof CountryCodeSchema>;

/** The ISO code Intl.DisplayNames understands for a country code used here. */
export function isoRegionCode(code: CountryCode): string {
  return code === 'EL' ? 'GR' : code;
}
