/**
 * Filtering and grouping of the directory for the list: organisations with their persons under
 * them, persons whose organisation is not in the directory at the end. Pure, so it is easy to test.
 */
import { organisationOf } from '../../../../shared/contacts/channels';
import { isStale } from '../../../../shared/contacts/staleness';
import type { CountryCode } from '../../../../shared/model/countries';
import type { Level } from '../../../../shared/model/levels';
import type { Contact } from '../../../../shared/model/records';
import type { Role } from '../../../../shared/model/roles';
import { contactMatches } from './contactMatches';

export interface DirectoryFilter {
  readonly query: string;
  readonly kind: '' | Contact['kind'];
  readonly country: '' | CountryCode;
  readonly role: '' | Role;
  readonly level: '' | Level;
  readonly staleOnly: boolean;
}

export const NO_FILTER: DirectoryFilter = { query: '', kind: '', country: '', role: '', level: '', staleOnly: false };

export function isFiltered(filter: DirectoryFilter): boolean {
  return filter.query.trim() !== '' || filter.kind !== '' || filter.country !== '' || filter.role !== '' || filter.level !== '' || filter.staleOnly;
}

export interface DirectoryGroup {
  /** The organisation heading the group; null for persons without one in the directory. */
  readonly organisation: Contact | null;
  /** Whether the organisation itself passes the filter (else it is shown only as a heading). */
  readonly organisationShown: boolean;
  readonly persons: readonly Contact[];
}

export function groupDirectory(
  contacts: readonly Contact[],
  filter: DirectoryFilter,
  context: { readonly now: Date; readonly staleAfterMonths: number; readonly countryName: (c: CountryCode) => string; readonly compare: (a: string, b: string) => number },
): DirectoryGroup[] {
  const passes = (c: Contact) =>
    (filter.kind === '' || c.kind === filter.kind) &&
    (filter.country === '' || c.country === filter.country) &&
    (filter.role === '' || c.roles.includes(filter.role)) &&
    (filter.level === '' || c.level === filter.level) &&
    (!filter.staleOnly || isStale(c.verified, context.now, context.staleAfterMonths)) &&
    contactMatches(c, filter.query, context.countryName(c.country));
  const byName = (a: Contact, b: Contact) => context.compare(a.name, b.name);
  const organisations = contacts.filter((c) => c.kind === 'organisation').sort(byName);
  const members = new Map<string, Contact[]>();
  const loose: Contact[] = [];
  for (const person of contacts.filter((c) => c.kind === 'person' && passes(c))) {
    const org = organisationOf(person, contacts);
    if (org) members.set(org.id, [...(members.get(org.id) ?? []), person]);
    else loose.push(person);
  }
  const groups: DirectoryGroup[] = [];
  for (const org of organisations) {
    const persons = (members.get(org.id) ?? []).sort(byName);
    const shown = passes(org);
    if (shown || persons.length) groups.push({ organisation: org, organisationShown: shown, persons });
  }
  if (loose.length) groups.push({ organisation: null, organisationShown: false, persons: loose.sort(byName) });
  return groups;
}
