/**
 * CSV import and export: Google Contacts and Outlook exports through the guessed column mapping,
 * delimiter and encoding detection, errors that name the row and column, and the workbook's own
 * layout round-tripping any contact (names in Dutch, Greek, Polish and any other script).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessMapping, parseCsv, readCsvRows, writeCsv, type CsvTable } from '../../../../shared/contacts/csv';
import { decodeContactFile, type ImportDefaults, type ReadContacts } from '../../../../shared/contacts/interop';
import { newRecordId } from '../../../../shared/model/ids';
import { contactDraft } from './contactArbitraries';

const defaults: ImportDefaults = { country: 'NL', level: 'operational', tlp: 'AMBER' };
const fixture = (name: string) => decodeContactFile(readFileSync(new URL(`../../../fixtures/contacts/${name}`, import.meta.url)));
const utf8 = (t: string) => decodeContactFile(new TextEncoder().encode(t));

function table(decoded: ReturnType<typeof utf8>): CsvTable {
  const parsed = parseCsv(decoded);
  if (!parsed.ok) throw new Error(`unexpected refusal: ${JSON.stringify(parsed.problem)}`);
  return parsed.value;
}
function read(t: CsvTable, mapping: readonly string[] = guessMapping(t.headers)): ReadContacts {
  const result = readCsvRows(t, mapping, defaults);
  if (!result.ok) throw new Error(`unexpected refusal: ${JSON.stringify(result.problem)}`);
  return result.value;
}

describe('reading Google Contacts CSV', () => {
  const t = table(fixture('google-contacts.csv'));

  it('guesses the mapping from Google’s headers', () => {
    expect(t.delimiter).toBe(',');
    expect(t.encoding).toBe('utf-8');
    const mapping = guessMapping(t.headers);
    const of = (h: string) => mapping[t.headers.indexOf(h)];
    expect(of('Given Name')).toBe('field:givenName');
    expect(of('Family Name')).toBe('field:familyName');
    expect(of('E-mail 1 - Value')).toBe('typed:email');
    expect(of('Phone 1 - Value')).toBe('typed:phone');
    expect(of('Phone 1 - Type')).toBe('ignore');
    expect(of('Organization 1 - Name')).toBe('field:organisation');
    expect(of('Organization 1 - Title')).toBe('field:position');
    expect(of('Address 1 - Formatted')).toBe('typed:address');
    expect(of('Group Membership')).toBe('ignore');
  });

  it('reads names in Dutch, Greek and Polish, phone types from the paired column and " ::: " lists', () => {
    const { contacts } = read(t);
    expect(contacts.map((c) => c.draft.name)).toEqual(['Ĳsbrand van der Berg', 'Γιώργος Παπαδόπουλος', 'Małgorzata Grzegorczyk-Łęcka']);
    const [ijsbrand, giorgos, malgorzata] = contacts;
    expect(ijsbrand!.draft).toMatchObject({ organisation: 'Rijkswaterstaat', position: 'Duty officer', notes: "Bereikbaar via de meldkamer, ook 's nachts.", country: 'NL' });
    expect(ijsbrand!.draft.channels.map((c) => [c.type, c.value])).toEqual([
      ['email', 'ijsbrand@example.nl'],
      ['mobile', '+31 6 9876 5432'],
      ['landline', '+31 70 456 7890'],
      ['in-person', 'Koningskade 4, 2596 AA Den Haag'],
    ]);
    expect(giorgos!.draft.country).toBe('EL');
    expect(giorgos!.draft.channels.map((c) => [c.type, c.value])).toEqual([
      ['email', 'g.papadopoulos@example.gr'],
      ['landline', '+30 210 123 4567'],
      ['landline', '+30 210 123 4568'],
      ['fax', '+30 210 765 4321'],
    ]);
    expect(malgorzata!.draft).toMatchObject({ organisation: 'CERT Polska', country: 'PL' });
    expect(contacts.map((c) => c.line)).toEqual([2, 3, 4]);
    expect(contacts.every((c) => !c.complete && c.sourceId === null)).toBe(true);
  });

  it('names the row and the column of a value that is not an e-mail address', () => {
    expect(read(t).invalid).toEqual([{ code: 'bad-email', line: 5, field: 'E-mail 1 - Value', value: 'bram at example.nl' }]);
  });

  it('follows a mapping the user changed', () => {
    const mapping = guessMapping(t.headers);
    mapping[t.headers.indexOf('E-mail 1 - Value')] = 'channel:secure-email';
    mapping[t.headers.indexOf('Notes')] = 'ignore';
    const { contacts } = read(t, mapping);
    expect(contacts[0]!.draft.notes).toBe('');
    expect(contacts[0]!.draft.channels[0]).toMatchObject({ type: 'secure-email', value: 'ijsbrand@example.nl' });
  });

  it('refuses a mapping without any name column', () => {
    expect(readCsvRows(t, t.headers.map(() => 'ignore'), defaults)).toEqual({ ok: false, problem: { code: 'csv-no-name-column', line: 1 } });
  });
});

describe('reading Outlook CSV from Excel with Dutch settings', () => {
  it('detects the semicolon and Windows-1252, and maps Outlook’s headers', () => {
    const t = table(fixture('outlook-semicolon-windows1252.csv'));
    expect(t.delimiter).toBe(';');
    expect(t.encoding).toBe('windows-1252');
    expect(guessMapping(t.headers)).toEqual([
      'field:givenName', 'field:familyName', 'field:organisation', 'field:position', 'channel:landline', 'channel:mobile', 'channel:fax', 'channel:email', 'field:notes',
    ]);
    const { contacts, invalid } = read(t);
    expect(invalid).toEqual([]);
    expect(contacts.map((c) => [c.draft.name, c.draft.organisation, c.draft.country])).toEqual([
      ['Zoë de Vries', 'Nationaal Cyber Security Centrum', 'NL'],
      ['François Dupont', 'ANSSI', 'FR'],
      ['Renée Müller', 'BSI', 'DE'],
    ]);
    expect(contacts[0]!.draft.position).toBe('Crisiscoördinator');
    expect(contacts[0]!.draft.notes).toBe('Piket: week 12; 24/7');
    expect(contacts[1]!.draft.channels.map((c) => c.type)).toEqual(['landline', 'fax', 'email']);
  });
});

describe('CSV files that cannot be read', () => {
  it('reports an unclosed quote with its row, an empty file and a header without rows', () => {
    expect(parseCsv(utf8('Name,Notes\nAnna,"open quote\nBram,x\n'))).toMatchObject({ ok: false, problem: { code: 'csv-unreadable', line: 2 } });
    expect(parseCsv(utf8(''))).toMatchObject({ ok: false, problem: { code: 'file-empty' } });
    expect(parseCsv(utf8('Name,Phone\n'))).toMatchObject({ ok: false, problem: { code: 'csv-no-rows' } });
  });

  it('reads UTF-8 with a byte-order mark and UTF-16 from Outlook’s Unicode export', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Name;Mobile Phone\r\nŁukasz Żółkiewski;+48 600 100 200\r\n')]);
    const t = table(decodeContactFile(bom));
    expect(t.encoding).toBe('utf-8-bom');
    expect(read(t).contacts[0]!.draft).toMatchObject({ name: 'Łukasz Żółkiewski', channels: [expect.objectContaining({ type: 'mobile' })] });
    const text16 = 'Name\tE-mail Address\r\nΓιώργος\tg@example.gr\r\n';
    const utf16 = new Uint8Array(2 + text16.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text16.length; i++) {
      utf16[2 + 2 * i] = text16.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text16.charCodeAt(i) >> 8;
    }
    const t16 = table(decodeContactFile(utf16));
    expect([t16.encoding, t16.delimiter]).toEqual(['utf-16le', '\t']);
    expect(read(t16).contacts[0]!.draft.name).toBe('Γιώργος');
  });

  it('names the row and column of a workbook value it does not know', () => {
    const t = table(utf8('Name,TLP,Level\nAnna,AMBER,operational\nBram,PURPLE,operational\nChris,GREEN,strategic\n'));
    const { contacts, invalid } = read(t);
    expect(contacts.map((c) => c.draft.name)).toEqual(['Anna']);
    expect(invalid).toEqual([
      { code: 'bad-value', line: 3, field: 'TLP', value: 'PURPLE' },
      { code: 'bad-value', line: 4, field: 'Level', value: 'strategic' },
    ]);
  });
});

describe('writing CSV', () => {
  it('writes the workbook layout with a BOM, protecting cells a spreadsheet would run as formulas', () => {
    const out = writeCsv([{ id: newRecordId(), draft: { ...minimal(), name: '=HYPERLINK("http://x")', channels: [{ type: 'mobile', value: '+31 6 1234 5678', note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null }] } }], 'real', ';');
    expect(out.startsWith('\uFEFFName;Kind;Organisation;')).toBe(true);
    expect(out).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(out).toContain(";'+31 6 1234 5678;");
    const back = read(table(utf8(out)));
    expect(back.contacts[0]!.draft.name).toBe('=HYPERLINK("http://x")');
    expect(back.contacts[0]!.draft.channels[0]!.value).toBe('+31 6 1234 5678');
  });

  it('round-trips any contact losslessly, with comma or semicolon (property)', () => {
    fc.assert(
      fc.property(
        fc.array(contactDraft, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('real' as const, 'exercise' as const),
        fc.constantFrom(',' as const, ';' as const),
        (drafts, workspace, delimiter) => {
          const contacts = drafts.map((draft) => ({ id: newRecordId(), draft }));
          const t = table(utf8(writeCsv(contacts, workspace, delimiter)));
          expect(t.delimiter).toBe(delimiter);
          const back = read(t);
          expect(back.invalid).toEqual([]);
          expect(back.workspace).toBe(workspace);
          expect(back.contacts.map((c) => c.draft)).toEqual(drafts);
          expect(back.contacts.map((c) => c.sourceId)).toEqual(contacts.map((c) => c.id));
        },
      ),
      { numRuns: 150 },
    );
  });
});

function minimal() {
  return {
    kind: 'person' as const, name: 'x', organisation: '', country: 'NL' as const, roles: [], level: 'operational' as const, tlp: 'GREEN' as const, channels: [],
    organisationType: null, organisationId: null, position: '', fingerprint: null, verified: null, notes: '',
  };
}
