/**
 * Fuzzing contact files from anywhere (issue 9): vCard and CSV, generated from valid contacts and
 * then mutated (bytes, lines, hostile property lines and cells), read through the same path as the
 * import dialog (decode → read → plan), and the import applied on fake-indexeddb. Properties:
 * reading never throws; a refusal or an invalid contact has a known code, a line, and bounded
 * text; every contact read is valid; a failed or refused import leaves the database as it was.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyContactImport, directoryOf } from '../../renderer/src/db/contactImport';
import { MAPPABLE_TARGETS, guessMapping, parseCsv, readCsvRows, writeCsv } from '../../shared/contacts/csv';
import { planContactImport } from '../../shared/contacts/importPlan';
import {
  ContactDraftSchema,
  INTEROP_PROBLEM_CODES,
  MAX_CONTACTS_PER_FILE,
  MAX_CONTACT_FILE_BYTES,
  contactCountRefusal,
  contactFileSizeRefusal,
  decodeContactFile,
  type ImportDefaults,
  type InteropProblem,
  type ReadResult,
} from '../../shared/contacts/interop';
import { readVcards, writeVcards } from '../../shared/contacts/vcard';
import { LOCAL_TABLES } from '../../shared/journal/tables';
import { newRecordId } from '../../shared/model/ids';
import { contactDraft } from '../unit/shared/contacts/contactArbitraries';
import { contactInput, openInstallation } from '../helpers/workbookDb';
import { dbDigest } from './dbKit';
import { TEST_TIMEOUT_MS, expectBoundedMessage, fuzzParser, reportCounts } from './fuzzKit';
import { XSS_PAYLOADS, byteMutations, hostileText, hugeText, mutateBytes } from './hostile';

reportCounts('contacts');

const defaults: ImportDefaults = { country: 'NL', level: 'operational', tlp: 'AMBER' };
const encoder = new TextEncoder();

function expectProblem(problem: InteropProblem, input?: string): void {
  expect(INTEROP_PROBLEM_CODES).toContain(problem.code);
  expect(Number.isInteger(problem.line) && problem.line >= 1).toBe(true);
  // `value` is "the offending value, shortened" (interop.ts: 60 characters).
  if (problem.value !== undefined) expect(problem.value.length).toBeLessThanOrEqual(60);
  // `field` names a property or column: from the file too, so shortened as well.
  if (problem.field !== undefined) expect(problem.field.length).toBeLessThanOrEqual(100);
  if (problem.detail !== undefined) expectBoundedMessage(problem.detail, input);
}

/** What every read result must satisfy. */
function expectReadResult(r: ReadResult, input?: string): void {
  if (!r.ok) {
    expectProblem(r.problem, input);
    return;
  }
  for (const p of r.value.invalid) expectProblem(p, input);
  for (const c of r.value.contacts) {
    expect(ContactDraftSchema.safeParse(c.draft).success).toBe(true);
    expect(c.line).toBeGreaterThanOrEqual(1);
  }
  expect([null, 'real', 'exercise']).toContain(r.value.workspace);
}

const contacts = fc.array(contactDraft.map((draft) => ({ id: newRecordId(), draft })), { minLength: 1, maxLength: 4 });

/** Line-level changes of a text file: a line dropped, doubled, moved, or a hostile line put in. */
type LineMutation = { kind: 'drop' | 'double'; at: number } | { kind: 'move'; at: number; to: number } | { kind: 'insert'; at: number; line: string };

function lineMutations(hostileLine: fc.Arbitrary<string>): fc.Arbitrary<LineMutation[]> {
  return fc.array(
    fc.oneof(
      fc.record({ kind: fc.constantFrom('drop' as const, 'double' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: hostileLine }),
    ),
    { minLength: 1, maxLength: 4 },
  );
}

function mutateLines(text: string, mutations: readonly LineMutation[]): string {
  const lines = text.split(/\r\n/);
  for (const m of mutations) {
    const at = lines.length === 0 ? 0 : m.at % lines.length;
    if (m.kind === 'drop') lines.splice(at, 1);
    if (m.kind === 'double') lines.splice(at, 0, lines[at] ?? '');
    if (m.kind === 'move') lines.splice(m.to % Math.max(1, lines.length), 0, ...lines.splice(at, 1));
    if (m.kind === 'insert') lines.splice(at, 0, m.line);
  }
  return lines.join('\r\n');
}

const VCARD_PROPS = ['FN', 'N', 'ORG', 'TEL', 'EMAIL', 'NOTE', 'TITLE', 'UID', 'X-CRISIS-ID', 'X-CRISIS-TLP', 'X-CRISIS-WORKSPACE', 'X-CRISIS-CHANNEL-META', 'X-CRISIS-ROLES', 'VERSION', 'BEGIN', 'END', 'ADR', 'URL', 'PHOTO', 'item1.TEL', 'KEY'];
const VCARD_PARAMS = ['', ';TYPE=work', ';CHARSET=UTF-8', ';ENCODING=QUOTED-PRINTABLE', ';CHARSET=x-unknown', ';ENCODING=b', ';VALUE=uri', ';TYPE="a,b"', ';PREF=1', ';X-A=;;'];
const vcardLine = fc
  .tuple(fc.constantFrom(...VCARD_PROPS), fc.constantFrom(...VCARD_PARAMS), fc.oneof(hostileText, hugeText, fc.constantFrom(...XSS_PAYLOADS), fc.constant('=E2=82=AC=\r\n=AC')))
  .map(([name, params, value]) => `${name}${params}:${value}`);

describe('vCard', () => {
  const vcard = fuzzParser('vCard', 3);

  it('reads mutated exports without throwing; every contact read is valid', { timeout: TEST_TIMEOUT_MS }, () => {
    vcard.check(700, [contacts, fc.constantFrom('real' as const, 'exercise' as const), lineMutations(vcardLine)], (list, workspace, mutations) => {
      const text = mutateLines(writeVcards(list, workspace), mutations);
      expectReadResult(readVcards(decodeContactFile(encoder.encode(text)), defaults), text);
    });
  });

  it('reads byte-damaged files (any encoding) without throwing', { timeout: TEST_TIMEOUT_MS }, () => {
    vcard.check(700, [contacts, byteMutations, fc.constantFrom<Uint8Array>(new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe]), new Uint8Array([0xfe, 0xff]))], (list, mutations, bom) => {
      const bytes = mutateBytes(new Uint8Array([...bom, ...encoder.encode(writeVcards(list, 'real'))]), mutations);
      expectReadResult(readVcards(decodeContactFile(bytes), defaults));
    });
  });

  it('reads files made only of hostile lines without throwing', { timeout: TEST_TIMEOUT_MS }, () => {
    vcard.check(800, [fc.array(fc.oneof(vcardLine, fc.constant('BEGIN:VCARD'), fc.constant('END:VCARD'), fc.constant('VERSION:4.0'), fc.constant(' folded'), hostileText), { maxLength: 12 })], (lines) => {
      const text = lines.join('\r\n');
      expectReadResult(readVcards({ text, encoding: 'utf-8' }, defaults), text);
    });
  });
});

/** One CSV cell: plain, quoted with embedded separators, formula-like, hostile or huge. */
const csvCell = fc.oneof(hostileText, fc.constantFrom(...XSS_PAYLOADS, '=cmd|"/c calc"!A1', '"', '""', '"a""b"', '\r\n', ';', '\t'), fc.string({ maxLength: 8 }));
const csvTarget = fc.oneof(fc.constantFrom(...MAPPABLE_TARGETS), hostileText, fc.constantFrom('slot:99999999:value', 'slot:-1:type', 'slot:1e9:note', 'field:__proto__', 'channel:constructor', 'typed:', 'ignore'));

describe('CSV', () => {
  const csv = fuzzParser('CSV', 3);

  it('reads mutated exports without throwing, with the guessed and with arbitrary column mappings', { timeout: TEST_TIMEOUT_MS }, () => {
    csv.check(700, [contacts, fc.constantFrom(',' as const, ';' as const, '\t' as const), lineMutations(fc.array(csvCell, { maxLength: 8 }).map((c) => c.join(','))), fc.array(csvTarget, { maxLength: 40 })], (list, delimiter, mutations, mapping) => {
      const text = mutateLines(writeCsv(list, 'real', delimiter), mutations);
      const parsed = parseCsv(decodeContactFile(encoder.encode(text)));
      if (!parsed.ok) return expectProblem(parsed.problem, text);
      expectReadResult(readCsvRows(parsed.value, guessMapping(parsed.value.headers), defaults), text);
      expectReadResult(readCsvRows(parsed.value, mapping, defaults), text);
    });
  });

  it('reads arbitrary tables of hostile cells without throwing', { timeout: TEST_TIMEOUT_MS }, () => {
    csv.check(800, [fc.array(fc.array(csvCell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 10 }), fc.array(csvTarget, { maxLength: 10 })], (rows, mapping) => {
      const text = rows.map((r) => r.map((c) => (/[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
      const parsed = parseCsv({ text, encoding: 'utf-8' });
      if (!parsed.ok) return expectProblem(parsed.problem, text);
      expectReadResult(readCsvRows(parsed.value, guessMapping(parsed.value.headers), defaults), text);
      expectReadResult(readCsvRows(parsed.value, mapping, defaults), text);
    });
  });

  it('reads byte-damaged and huge files without throwing', { timeout: TEST_TIMEOUT_MS }, () => {
    csv.check(300, [contacts, byteMutations, fc.option(hugeText, { nil: undefined })], (list, mutations, huge) => {
      const bytes = mutateBytes(encoder.encode(writeCsv(list, 'real') + (huge ?? '')), mutations);
      const parsed = parseCsv(decodeContactFile(bytes));
      if (!parsed.ok) return expectProblem(parsed.problem);
      expectReadResult(readCsvRows(parsed.value, guessMapping(parsed.value.headers), defaults));
    });
  });
});

describe('CSV: regressions found by fuzzing', () => {
  it('ignores columns named after Object’s own properties instead of throwing', () => {
    // Was: TypeError "target.split is not a function" in parseTarget (seed 1286369609: a column "__proto__").
    const headers = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'channel 1 - constructor', 'channel 2 - __proto__'];
    expect(guessMapping(headers)).toEqual(headers.map(() => 'ignore'));
    const parsed = parseCsv({ text: `Name,${headers.join(',')}\r\nAnna,1,2,3,4,5,6\r\n`, encoding: 'utf-8' });
    if (!parsed.ok) throw new Error(parsed.problem.code);
    const read = readCsvRows(parsed.value, guessMapping(parsed.value.headers), defaults);
    expect(read.ok && read.value.contacts.map((c) => c.draft.name)).toEqual(['Anna']);
  });
});

describe('vCard and CSV: regressions found by fuzzing', () => {
  it('shortens the column header named in a problem', () => {
    // Was: the whole header cell (seed 1125983356: a 1,155-character header, a delimiter guessed wrong).
    const header = `Name,${'Country '.repeat(500)}`;
    const parsed = parseCsv({ text: `${header}\r\nAnna,not-a-country\r\n`, encoding: 'utf-8' });
    if (!parsed.ok) throw new Error(parsed.problem.code);
    const read = readCsvRows(parsed.value, ['field:name', 'field:country'], defaults);
    const problem = read.ok ? read.value.invalid[0] : undefined;
    expect(problem?.code).toBe('bad-value');
    expect(problem?.field?.length).toBeLessThanOrEqual(60);
  });

  it('shortens the property name and charset of a quoted-printable problem', () => {
    const name = `X-${'A'.repeat(5_000)}`;
    const text = `BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Anna\r\n${name};ENCODING=QUOTED-PRINTABLE;CHARSET=${'x'.repeat(5_000)}:=ZZ\r\nEND:VCARD\r\n`;
    const read = readVcards({ text, encoding: 'utf-8' }, defaults);
    // Was: field and value held the 5,002 and 5,000 characters whole.
    const problem = read.ok ? read.value.invalid[0] : read.problem;
    expect(problem?.code).toBe('vcard-quoted-printable');
    expect(problem?.field?.length).toBeLessThanOrEqual(60);
    expect(problem?.value?.length).toBeLessThanOrEqual(60);
  });
});

describe('contact import (DB)', () => {
  const imports = fuzzParser('contact import (DB)', 1);

  it('applies a planned import whole, or leaves the database exactly as it was', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { db, journal } = await openInstallation('fuzz-contacts');
    const own = await journal.create('contacts', contactInput({ name: 'Own contact' }), { workspace: 'real' });
    const local = JSON.stringify(await Promise.all(LOCAL_TABLES.map((t) => db.table(t).toArray())));
    await imports.checkAsync(
      250,
      [contacts, fc.constantFrom('real' as const, 'exercise' as const), fc.constantFrom('vcard' as const, 'csv' as const), lineMutations(vcardLine), fc.boolean()],
      async (list, fileWorkspace, format, mutations, claimOwnId) => {
        // A file may name the id of a contact held here (X-CRISIS-ID / "Workbook ID"): it is matched, not overwritten blindly.
        const withIds = claimOwnId ? list.map((c, i) => (i === 0 ? { ...c, id: own.id } : c)) : list;
        const text = format === 'vcard' ? mutateLines(writeVcards(withIds, fileWorkspace), mutations) : writeCsv(withIds, fileWorkspace);
        const decoded = decodeContactFile(encoder.encode(text));
        let read: ReadResult;
        if (format === 'vcard') read = readVcards(decoded, defaults);
        else {
          const parsed = parseCsv(decoded);
          if (!parsed.ok) return;
          read = readCsvRows(parsed.value, guessMapping(parsed.value.headers), defaults);
        }
        if (!read.ok) return;
        const plan = planContactImport(read.value, await directoryOf(db, 'real'), 'real');
        const before = await dbDigest(db);
        const accepted = new Set(plan.items.map((_, i) => i));
        try {
          const applied = await applyContactImport(db, journal, plan, accepted, 'real');
          expect(plan.refusal).toBeNull();
          expect(applied.created + applied.updated).toBe(plan.counts.new + plan.counts.changed);
        } catch {
          // Refused (a file of the other workspace) or failed: nothing was written.
          expect(await dbDigest(db)).toBe(before);
        }
        expect(JSON.stringify(await Promise.all(LOCAL_TABLES.map((t) => db.table(t).toArray())))).toBe(local);
        // Whatever was imported, the directory holds valid contacts of this workspace only.
        for (const c of await directoryOf(db, 'real')) expect(ContactDraftSchema.safeParse(c).success).toBe(true);
        expect(await db.contacts.where('workspace').equals('exercise').count()).toBe(0);
      },
    );
  });
});

describe('contact file limits', () => {
  it('refuses a file over the size limit before reading it, and an import of more contacts than allowed, writing nothing', async () => {
    expect(contactFileSizeRefusal(MAX_CONTACT_FILE_BYTES)).toBeNull();
    expect(contactFileSizeRefusal(MAX_CONTACT_FILE_BYTES + 1)).toBe('contact-file-too-large');
    expect(contactCountRefusal(MAX_CONTACTS_PER_FILE)).toBeNull();
    expect(contactCountRefusal(MAX_CONTACTS_PER_FILE + 1)).toBe('contact-file-too-many');
    // A CSV of one row more than allowed: parsed (under the size limit), refused before planning and at apply.
    const rows = Array.from({ length: MAX_CONTACTS_PER_FILE + 1 }, (_, i) => `Person ${i},Org,NL`).join('\n');
    const bytes = new TextEncoder().encode(`name,organisation,country\n${rows}\n`);
    expect(contactFileSizeRefusal(bytes.length)).toBeNull();
    const table = parseCsv(decodeContactFile(bytes));
    if (!table.ok) throw new Error(table.problem.code);
    expect(contactCountRefusal(table.value.rows.length)).toBe('contact-file-too-many');
    const read = readCsvRows(table.value, guessMapping(table.value.headers), defaults);
    if (!read.ok) throw new Error(read.problem.code);
    const { db, journal } = await openInstallation('contacts-too-many');
    const plan = planContactImport(read.value, [], 'real');
    const before = await dbDigest(db);
    await expect(applyContactImport(db, journal, plan, new Set(plan.items.map((_, i) => i)), 'real')).rejects.toMatchObject({ code: 'contact-file-too-many' });
    expect(await dbDigest(db)).toBe(before);
  });
});
