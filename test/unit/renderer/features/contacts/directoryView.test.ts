import { describe, expect, it } from 'vitest';
import { groupDirectory, isFiltered, NO_FILTER } from '../../../../../renderer/src/features/contacts/directoryView';
import { EXERCISE_SCENARIO } from '../../../../../shared/seed/exerciseScenario';

const context = {
  now: new Date('2026-11-23T12:00:00.000Z'),
  staleAfterMonths: 6,
  countryName: (c: string) => (c === 'NL' ? 'Netherlands' : c),
  compare: (a: string, b: string) => a.localeCompare(b),
};
const contacts = [...EXERCISE_SCENARIO.contacts];
const names = (groups: ReturnType<typeof groupDirectory>) =>
  groups.map((g) => [g.organisation?.name ?? null, g.organisationShown, g.persons.map((p) => p.name)]);

describe('directory grouping', () => {
  it('puts persons under their organisation, organisations sorted by name', () => {
    expect(names(groupDirectory(contacts, NO_FILTER, context))).toEqual([
      ['CSIRT-EXERCISE', true, ['Robin Proef']],
      ['Exercise EU Cybersecurity Agency', true, ['Dana Beispiel']],
      ['Exercise Ministry of Infrastructure', true, ['Bo Voorbeeld']],
      ['Exercise National Cyber Crisis Centre', true, ['Alex Example', 'Kim Testpersoon', 'Sam Oefening']],
    ]);
  });

  it('keeps an organisation as a heading when only some of its persons pass the filter', () => {
    const groups = groupDirectory(contacts, { ...NO_FILTER, role: 'eu-cyclone-officer' }, context);
    expect(names(groups)).toEqual([['Exercise National Cyber Crisis Centre', false, ['Alex Example']]]);
  });

  it('filters stale entries by the configured period, and by kind, level and text', () => {
    const stale = groupDirectory(contacts, { ...NO_FILTER, staleOnly: true }, context).flatMap((g) => [
      ...(g.organisationShown && g.organisation ? [g.organisation.name] : []),
      ...g.persons.map((p) => p.name),
    ]);
    expect(stale).toEqual(['CSIRT-EXERCISE', 'Robin Proef', 'Dana Beispiel', 'Exercise Ministry of Infrastructure', 'Bo Voorbeeld', 'Kim Testpersoon']);
    // With a 12-month period the entry verified in March 2026 is fresh again.
    const longer = groupDirectory(contacts, { ...NO_FILTER, staleOnly: true }, { ...context, staleAfterMonths: 12 });
    expect(longer.some((g) => g.organisationShown && g.organisation?.name === 'CSIRT-EXERCISE')).toBe(false);
    expect(names(groupDirectory(contacts, { ...NO_FILTER, kind: 'organisation', level: 'political' }, context))).toEqual([
      ['Exercise Ministry of Infrastructure', true, []],
    ]);
    expect(names(groupDirectory(contacts, { ...NO_FILTER, query: 'tetra' }, context))).toEqual([['CSIRT-EXERCISE', true, ['Robin Proef']]]);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, staleOnly: true })).toBe(true);
  });

  it('lists persons whose organisation is not in the directory last', () => {
    const loose = { ...contacts.find((c) => c.name === 'Kim Testpersoon')!, id: '01HZZZZZZZ0000000000000099', name: 'Loose Person', organisation: 'Elsewhere', organisationId: null };
    const groups = groupDirectory([...contacts, loose], NO_FILTER, context);
    expect(names(groups).at(-1)).toEqual([null, false, ['Loose Person']]);
  });
});
