import type { Contact } from '../../../../shared/model/records';

/** Case- and accent-insensitive form for matching ("Überwachung" matches "uberw"). */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Whether a contact matches a filter text, by name, organisation, position, country or any channel. */
export function contactMatches(contact: Contact, query: string, countryName: string): boolean {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldText(
    [
      contact.name,
      contact.organisation,
      contact.position,
      contact.country,
      countryName,
      ...contact.channels.map((c) => `${c.value} ${c.label} ${c.note}`),
    ].join(' '),
  );
  return words.every((w) => haystack.includes(w));
}
