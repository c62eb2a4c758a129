/**
 * vCard import and export: the three versions address books write, the errors a malformed file
 * gets (with its line), and the round trip workbook → vCard 4.0 → workbook, losslessly, for any
 * contact (names in Dutch, Greek, Polish and any other script).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeContactFile, type ImportDefaults, type ReadContacts } from '../../../../shared/contacts/interop';
import { VCARD_DETAIL_CHARS, readVcards, uidToUlid, ulidToUuid, writeVcards } from '../../../../shared/contacts/vcard';
import { newRecordId } from '../../../../shared/model/ids';
import { contactDraft } from './contactArbitraries';

const defaults: ImportDefaults = { country: 'NL', level: 'operational', tlp: 'AMBER' };
const fixture = (name: string) => decodeContactFile(readFileSync(new URL(`../../../fixtures/contacts/${name}`, import.meta.url)));
const text = (t: string) => decodeContactFile(new TextEncoder().encode(t));

function read(decoded: ReturnType<typeof text>): ReadContacts {
  const result = readVcards(decoded, defaults);
  if (!result.ok) throw new Error(`unexpected refusal: ${JSON.stringify(result.problem)}`);
  return result.value;
}

describe('reading vCard files', () => {
  it('reads vCard 2.1 with QUOTED-PRINTABLE, CHARSET, soft line breaks and bare type parameters', () => {
    const { contacts, invalid } = read(fixture('phone-2.1-quoted-printable.vcf'));
    expect(invalid).toEqual([]);
    expect(contacts).toHaveLength(2);
    const [ijsbrand, jurgen] = contacts;
    expect(ijsbrand!.draft).toMatchObject({
      kind: 'person',
      name: 'Ĳsbrand van der Berg',
      organisation: 'Rijkswaterstaat, Crisiscentrum',
      position: 'Duty officer',
      notes: 'Bereikbaar via de meldkamer. Coördinatie met de veiligheidsregio.\nTweede regel.',
      country: 'NL',
    });
    // TEL;CELL;PREF comes first: 2.1 marks the preferred number with a bare PREF.
    expect(ijsbrand!.draft.channels.map((c) => [c.type, c.value])).toEqual([
      ['mobile', '+31 6 9876 5432'],
      ['landline', '+31 70 456 7890'],
      ['email', 'ijsbrand@example.nl'],
    ]);
    expect(ijsbrand!.line).toBe(1);
    // ISO-8859-1 quoted-printable, and a fax number; the country follows the +49 prefix.
    expect(jurgen!.draft).toMatchObject({ name: 'Jürgen Müller', country: 'DE', channels: [expect.objectContaining({ type: 'fax', value: '+49 30 1234 567' })] });
    expect(jurgen!.line).toBe(16);
  });

  it('reads vCard 3.0 as Apple Contacts writes it: grouped properties, repeated type parameters, escapes, companies', () => {
    const { contacts } = read(fixture('apple-3.0.vcf'));
    expect(contacts.map((c) => c.draft.name)).toEqual(['Γιώργος Παπαδόπουλος', 'CERT Polska']);
    const [giorgos, cert] = contacts;
    expect(giorgos!.draft).toMatchObject({
      kind: 'person',
      organisation: 'Εθνική Αρχή Κυβερνοασφάλειας',
      position: 'Υπεύθυνος βάρδιας',
      country: 'EL',
      notes: 'Διαθέσιμος 24/7, μέσω του κέντρου επιχειρήσεων; δεύτερη γραμμή\nτέλος',
    });
    expect(giorgos!.draft.channels.map((c) => c.type)).toEqual(['landline', 'mobile', 'email']);
    expect(cert!.draft).toMatchObject({ kind: 'organisation', organisation: '', country: 'PL' });
    expect(cert!.draft.channels.map((c) => [c.type, c.value])).toEqual([
      ['landline', '+48 22 380 82 74'],
      ['email', 'cert@example.pl'],
      ['in-person', 'ul. Kolska 12, Warszawa, 01-045, Polska'],
    ]);
  });

  it('reads vCard 4.0, ordering the channels by PREF and taking the id from a urn:uuid UID', () => {
    const { contacts } = read(fixture('contacts-4.0.vcf'));
    expect(contacts).toHaveLength(1);
    const [lukasz] = contacts;
    expect(lukasz!.draft.name).toBe('Łukasz Żółkiewski');
    expect(lukasz!.draft.channels.map((c) => [c.type, c.value])).toEqual([
      ['mobile', '+48 600 100 200'],
      ['landline', '+48-22-245-59-00'],
      ['email', 'l.zolkiewski@example.pl'],
      ['secure-messaging', 'xmpp:lukasz@example.pl'],
    ]);
    expect(lukasz!.sourceId).toBe(uidToUlid('urn:uuid:0190e5f3-7a42-7c11-9d3e-5b2f0c8a9e61'));
    expect(lukasz!.complete).toBe(false);
  });

  it('refuses a card without END:VCARD, naming the line where that card begins', () => {
    const result = readVcards(fixture('malformed-end-missing.vcf'), defaults);
    expect(result).toEqual({ ok: false, problem: { code: 'vcard-end-missing', line: 6 } });
  });

  it('names the line of a line that is no property, of END without BEGIN, and of text outside a card', () => {
    expect(readVcards(text('BEGIN:VCARD\nVERSION:4.0\nFN:A\nthis is not a property\nEND:VCARD\n'), defaults)).toMatchObject({ ok: false, problem: { code: 'vcard-bad-line', line: 4 } });
    expect(readVcards(text('BEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n'), defaults)).toMatchObject({ ok: false, problem: { code: 'vcard-begin-missing', line: 4 } });
    expect(readVcards(text('FN:A\n'), defaults)).toMatchObject({ ok: false, problem: { code: 'vcard-outside-card', line: 1 } });
    expect(readVcards(text('\n\n'), defaults)).toMatchObject({ ok: false, problem: { code: 'file-empty' } });
    expect(readVcards(text('hello'), defaults)).toMatchObject({ ok: false, problem: { code: 'vcard-bad-line', line: 1 } });
  });

  it('lists a card it cannot use as invalid, with its line, and keeps the others', () => {
    const file = 'BEGIN:VCARD\nVERSION:4.0\nFN:Anna\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nTEL:+31 6 1\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Bram\nX-CRISIS-TLP:PURPLE\nEND:VCARD\n';
    const { contacts, invalid } = read(text(file));
    expect(contacts.map((c) => c.draft.name)).toEqual(['Anna']);
    expect(invalid).toEqual([
      { code: 'no-name', line: 5 },
      { code: 'bad-value', line: 9, field: 'X-CRISIS-TLP', value: 'PURPLE' },
    ]);
  });

  it('cuts what the parser quotes of an unreadable card to a readable length', () => {
    const params = ';TYPE=work,fax;X-CRISIS-TYPE=fax;=work,fax'.repeat(40);
    const { contacts, invalid } = read(text(`BEGIN:VCARD\nVERSION:4.0\nFN:Anna\nTEL${params}:+31 70 1\nEND:VCARD\n`));
    expect(contacts).toEqual([]);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ code: 'vcard-unreadable', line: 1 });
    expect(invalid[0]?.detail).toMatch(/^Empty parameter name/);
    expect(invalid[0]?.detail?.length).toBe(VCARD_DETAIL_CHARS);
  });

  it('applies the chosen defaults to cards that do not say', () => {
    const result = readVcards(text('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\n'), { country: 'BE', level: 'technical', tlp: 'GREEN' });
    expect(result.ok && result.value.contacts[0]!.draft).toMatchObject({ country: 'BE', level: 'technical', tlp: 'GREEN', roles: [] });
  });
});

describe('writing vCard 4.0', () => {
  const id = '01J3JZ6YJ2FG8STFJV5W68N7K1';

  it('writes what address books read, with the fallback order in PREF and the workbook fields in X- properties', () => {
    const out = writeVcards(
      [
        {
          id,
          draft: contactDraftFixture(),
        },
      ],
      'exercise',
    );
    expect(out).toContain('BEGIN:VCARD\r\nVERSION:4.0\r\n');
    expect(out).toContain('FN:Łukasz Żółkiewski\r\n');
    expect(out).toContain('N:Żółkiewski;Łukasz;;;\r\n');
    expect(out).toMatch(/\r\nTEL;TYPE=work,voice;X-CRISIS-TYPE=landline;PREF=1:\+48 22 245 59 00\r\n/);
    expect(out).toMatch(/\r\nTEL;TYPE=voice;X-CRISIS-TYPE=satellite-phone;PREF=2:\+881 6 1234 5678\r\n/);
    expect(out).toContain('EMAIL;TYPE=work;X-CRISIS-TYPE=email;PREF=3:');
    expect(out).toContain('X-CRISIS-TLP:AMBER\r\n');
    expect(out).toContain('X-CRISIS-ROLE:liaison-officer\\,eu-cyclone-officer\r\n');
    expect(out).toContain('CATEGORIES:EXERCISE — OEFENING\r\n');
    expect(out).toContain(`UID:urn:uuid:${ulidToUuid(id)}\r\n`);
    expect(out.endsWith('END:VCARD\r\n')).toBe(true);
    // Folded lines never exceed 75 octets.
    for (const line of out.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('maps ULIDs to UUIDs and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (t) => {
        const ulid = newRecordId(t);
        expect(uidToUlid(`urn:uuid:${ulidToUuid(ulid)!}`)).toBe(ulid);
      }),
    );
  });

  it('round-trips any contact losslessly (property)', () => {
    fc.assert(
      fc.property(fc.array(contactDraft, { minLength: 1, maxLength: 4 }), fc.constantFrom('real' as const, 'exercise' as const), (drafts, workspace) => {
        const contacts = drafts.map((draft) => ({ id: newRecordId(), draft }));
        const back = read(text(writeVcards(contacts, workspace)));
        expect(back.invalid).toEqual([]);
        expect(back.workspace).toBe(workspace);
        expect(back.contacts.map((c) => c.draft)).toEqual(drafts);
        expect(back.contacts.map((c) => c.sourceId)).toEqual(contacts.map((c) => c.id));
        expect(back.contacts.every((c) => c.complete)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

function contactDraftFixture() {
  return {
    kind: 'person' as const,
    name: 'Łukasz Żółkiewski',
    organisation: 'Ministerstwo Cyfryzacji',
    country: 'PL' as const,
    roles: ['liaison-officer' as const, 'eu-cyclone-officer' as const],
    level: 'operational' as const,
    tlp: 'AMBER' as const,
    channels: [
      { type: 'landline' as const, value: '+48 22 245 59 00', note: '', label: '24/7 duty desk', tier: 'primary' as const, failAfterMinutes: 15, onFailure: 'Try the satellite phone', dependsOn: null },
      { type: 'satellite-phone' as const, value: '+881 6 1234 5678', note: 'Iridium', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: [] },
      { type: 'email' as const, value: 'l.zolkiewski@example.pl', note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null },
    ],
    organisationType: null,
    organisationId: null,
    position: 'Oficer łącznikowy',
    fingerprint: null,
    verified: null,
    notes: 'Zna język polski, angielski; mówi też po niderlandzku.',
  };
}
