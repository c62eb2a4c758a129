/**
 * fast-check arbitraries for contact drafts as the workbook stores them, with names in Dutch,
 * Greek and Polish (and any other printable text), for the vCard and CSV round-trip properties.
 */
import fc from 'fast-check';
import { ContactDraftSchema, type ContactDraft } from '../../../../shared/contacts/interop';
import { COUNTRY_CODES } from '../../../../shared/model/countries';
import { newRecordId } from '../../../../shared/model/ids';
import { LEVELS } from '../../../../shared/model/levels';
import { INFRASTRUCTURES } from '../../../../shared/model/outage';
import { CHANNEL_TYPES, ORGANISATION_TYPES, PACE_TIERS, VERIFICATION_METHODS } from '../../../../shared/model/records';
import { ROLES } from '../../../../shared/model/roles';
import { TLP_LABELS } from '../../../../shared/model/tlp';

export const NON_ASCII_NAMES = [
  'Ĳsbrand van der Berg',
  'Zoë de Vries-Ĳzerman',
  'Renée ’t Hooft',
  'Γιώργος Παπαδόπουλος',
  'Αικατερίνη Κωνσταντινίδου',
  'Łukasz Żółkiewski',
  'Małgorzata Grzegorczyk-Łęcka',
  'Jürgen Müller',
];

/** Printable text, trimmed (as the dialogs store it), with separators vCard and CSV must escape. */
const text = (max: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom('a;b', 'a,b', 'back\\slash', 'quote " and \'', '=SUM(A1)', '+31 6', "'=x", 'line\nbreak', 'tab\there', ' ::: ', ...NON_ASCII_NAMES),
    )
    .map((s) => s.trim().slice(0, max).trim());

const nonEmpty = (max: number) => text(max).filter((s) => s.length > 0);

const name = fc.oneof(fc.constantFrom(...NON_ASCII_NAMES), nonEmpty(200));

const email = fc
  .tuple(fc.constantFrom('ijsbrand', 'g.papadopoulos', 'lukasz', 'duty.desk'), fc.constantFrom('example.nl', 'example.gr', 'example.pl', 'cert.example.eu'))
  .map(([a, b]) => `${a}@${b}`);

const channel = fc
  .record({
    type: fc.constantFrom(...CHANNEL_TYPES),
    value: nonEmpty(500).filter((v) => !/^tel:/i.test(v)),
    email,
    note: fc.oneof(fc.constant(''), text(1000)),
    label: fc.oneof(fc.constant(''), text(200)),
    tier: fc.option(fc.constantFrom(...PACE_TIERS), { nil: null }),
    failAfterMinutes: fc.option(fc.integer({ min: 1, max: 10_080 }), { nil: null }),
    onFailure: fc.oneof(fc.constant(''), text(1000)),
    dependsOn: fc.option(fc.uniqueArray(fc.constantFrom(...INFRASTRUCTURES), { maxLength: 4 }), { nil: null }),
  })
  .map(({ email: mail, ...c }) => ({ ...c, value: c.type === 'email' || c.type === 'secure-email' ? mail : c.value }));

export const contactDraft: fc.Arbitrary<ContactDraft> = fc
  .record({
    kind: fc.constantFrom('person' as const, 'organisation' as const),
    name,
    organisation: fc.oneof(fc.constant(''), fc.constantFrom('Nationaal Cyber Security Centrum', 'Εθνική Αρχή Κυβερνοασφάλειας', 'Ministerstwo Cyfryzacji'), text(200)),
    country: fc.constantFrom(...COUNTRY_CODES),
    roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
    level: fc.constantFrom(...LEVELS),
    tlp: fc.constantFrom(...TLP_LABELS),
    channels: fc.array(channel, { maxLength: 6 }),
    organisationType: fc.option(fc.constantFrom(...ORGANISATION_TYPES), { nil: null }),
    organisationId: fc.option(fc.constant(null).map(() => newRecordId()), { nil: null }),
    position: text(200),
    fingerprint: fc.option(nonEmpty(200), { nil: null }),
    verified: fc.option(
      fc.record({
        at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        by: nonEmpty(300),
        method: fc.constantFrom(...VERIFICATION_METHODS),
        note: text(1000),
      }),
      { nil: null },
    ),
    notes: text(5000),
  })
  // An organisation whose organisation field repeats its own name reads back with it empty (see vcard.ts).
  .filter((d) => !(d.kind === 'organisation' && d.organisation === d.name))
  .map((d) => ContactDraftSchema.parse(d));
