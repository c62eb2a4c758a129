/**
 * Contacts as CSV: read the files Google Contacts, Outlook and spreadsheets export, through a
 * column mapping the user confirms (pre-filled from the headers it knows), and write the
 * workbook's own layout, which reads back without loss.
 *
 * Parsing and writing go through Papa Parse (RFC 4180 quoting, embedded line breaks, delimiter
 * detection: comma, or semicolon as Excel writes CSV under Dutch and other continental settings).
 *
 * Spreadsheet formulas: a cell that starts with = + - @ (or a tab or carriage return) is written
 * with a leading apostrophe, so that Excel or LibreOffice shows it as text instead of running it
 * (CSV injection); on reading, one such apostrophe is removed again. Cells that already start with
 * apostrophes before such a character get one more, so the round trip is exact.
 */
import Papa from 'papaparse';
import { COUNTRY_CODES, type CountryCode } from '../model/countries';
import { LEVELS } from '../model/levels';
import {
  CHANNEL_TYPES,
  ChannelSchema,
  ORGANISATION_TYPES,
  VERIFICATION_METHODS,
  type Channel,
  type ChannelType,
} from '../model/records';
import { ROLES } from '../model/roles';
import { TLP_LABELS } from '../model/tlp';
import { WORKSPACES, type Workspace } from '../model/workspace';
import {
  ContactDraftSchema,
  countryFromChannels,
  isEmailAddress,
  joinName,
  shorten,
  zodProblem,
  type DecodedText,
  type ImportDefaults,
  type IncomingContact,
  type InteropProblem,
  type ReadResult,
} from './interop';
import type { ExportableContact } from './vcard';

// ---- the table --------------------------------------------------------------------------------------

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvTable {
  readonly headers: string[];
  /** Data rows with their row number in the file (the header is row 1). */
  readonly rows: { readonly row: number; readonly cells: string[] }[];
  readonly delimiter: CsvDelimiter;
  readonly encoding: DecodedText['encoding'];
}

export type CsvParse = { readonly ok: true; readonly value: CsvTable } | { readonly ok: false; readonly problem: InteropProblem };

/** Parse a decoded CSV file into a header and rows; the delimiter is detected. */
export function parseCsv(decoded: DecodedText): CsvParse {
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, problem: { code: 'file-empty', line: 1 } };
  const result = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy' });
  const fatal = result.errors.find((e) => e.type === 'Quotes');
  if (fatal) return { ok: false, problem: { code: 'csv-unreadable', line: (fatal.row ?? 0) + 1, detail: fatal.message } };
  const [header, ...data] = result.data;
  if (!header) return { ok: false, problem: { code: 'file-empty', line: 1 } };
  if (data.length === 0) return { ok: false, problem: { code: 'csv-no-rows', line: 2 } };
  const delimiter = ([',', ';', '\t'] as const).find((d) => d === result.meta.delimiter) ?? ',';
  return {
    ok: true,
    value: {
      headers: header.map((h) => h.trim()),
      rows: data.map((cells, i) => ({ row: i + 2, cells: cells.map(unprotect) })),
      delimiter,
      encoding: decoded.encoding,
    },
  };
}

// ---- the mapping ------------------------------------------------------------------------------------

export const CSV_FIELDS = [
  'name', 'givenName', 'middleName', 'familyName', 'kind', 'organisation', 'position', 'country', 'level', 'roles', 'tlp',
  'organisationType', 'organisationId', 'fingerprint', 'verifiedAt', 'verifiedBy', 'verifiedMethod', 'verifiedNote',
  'notes', 'workbookId', 'workspace',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Google's paired columns: the value, with its type (or label) in a sibling column. */
export const TYPED_FAMILIES = ['phone', 'email', 'address', 'im'] as const;
export type TypedFamily = (typeof TYPED_FAMILIES)[number];

export const SLOT_PARTS = ['type', 'value', 'label', 'note', 'tier', 'failAfterMinutes', 'onFailure', 'dependsOn'] as const;
export type SlotPart = (typeof SLOT_PARTS)[number];

/**
 * Where a column goes, as a string so that a <select> can hold it:
 *   "ignore" | "field:<CsvField>" | "channel:<ChannelType>" (every value in it is such a channel) |
 *   "typed:<family>" (Google: the type comes from the column "<Family> N - Type"/"- Label") |
 *   "slot:<n>:<part>" (the workbook's own "Channel n - …" columns).
 */
export type CsvTarget = 'ignore' | `field:${CsvField}` | `channel:${ChannelType}` | `typed:${TypedFamily}` | `slot:${number}:${SlotPart}`;

type ParsedTarget =
  | { kind: 'ignore' }
  | { kind: 'field'; field: CsvField }
  | { kind: 'channel'; type: ChannelType }
  | { kind: 'typed'; family: TypedFamily }
  | { kind: 'slot'; slot: number; part: SlotPart };

export function parseTarget(target: string): ParsedTarget {
  const [head, a, b] = target.split(':');
  if (head === 'field' && (CSV_FIELDS as readonly string[]).includes(a ?? '')) return { kind: 'field', field: a as CsvField };
  if (head === 'channel' && (CHANNEL_TYPES as readonly string[]).includes(a ?? '')) return { kind: 'channel', type: a as ChannelType };
  if (head === 'typed' && (TYPED_FAMILIES as readonly string[]).includes(a ?? '')) return { kind: 'typed', family: a as TypedFamily };
  if (head === 'slot' && /^\d+$/.test(a ?? '') && (SLOT_PARTS as readonly string[]).includes(b ?? '')) return { kind: 'slot', slot: Number(a), part: b as SlotPart };
  return { kind: 'ignore' };
}

/** The targets a column can be mapped to by hand (slots only appear where the header names one). */
export const MAPPABLE_TARGETS: readonly CsvTarget[] = [
  'ignore',
  ...CSV_FIELDS.map((f) => `field:${f}` as const),
  ...CHANNEL_TYPES.map((c) => `channel:${c}` as const),
  ...TYPED_FAMILIES.map((f) => `typed:${f}` as const),
];

const norm = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ');

/** Known headers: the workbook's own, Google Contacts (old and new layout), Outlook (English and Dutch). */
const KNOWN: Readonly<Record<string, CsvTarget>> = {
  // the workbook's own layout
  name: 'field:name', kind: 'field:kind', organisation: 'field:organisation', position: 'field:position', country: 'field:country',
  level: 'field:level', roles: 'field:roles', tlp: 'field:tlp', 'organisation type': 'field:organisationType',
  'organisation id': 'field:organisationId', fingerprint: 'field:fingerprint', 'verified at': 'field:verifiedAt',
  'verified by': 'field:verifiedBy', 'verified method': 'field:verifiedMethod', 'verified note': 'field:verifiedNote',
  notes: 'field:notes', 'workbook id': 'field:workbookId', workspace: 'field:workspace',
  // Google Contacts
  'given name': 'field:givenName', 'additional name': 'field:middleName', 'family name': 'field:familyName',
  'first name': 'field:givenName', 'middle name': 'field:middleName', 'last name': 'field:familyName',
  'organization 1 - name': 'field:organisation', 'organization 1 - title': 'field:position', 'organization name': 'field:organisation',
  'organization title': 'field:position', 'full name': 'field:name', 'display name': 'field:name', organization: 'field:organisation',
  // Outlook (English)
  company: 'field:organisation', 'job title': 'field:position', 'business phone': 'channel:landline', 'business phone 2': 'channel:landline',
  'company main phone': 'channel:landline', 'primary phone': 'channel:landline', 'home phone': 'channel:landline', 'other phone': 'channel:landline',
  'mobile phone': 'channel:mobile', 'car phone': 'channel:mobile', 'radio phone': 'channel:radio', 'business fax': 'channel:fax',
  'home fax': 'channel:fax', 'other fax': 'channel:fax', 'e-mail address': 'channel:email', 'e-mail 2 address': 'channel:email',
  'e-mail 3 address': 'channel:email', email: 'channel:email', 'e-mail': 'channel:email', phone: 'channel:landline', mobile: 'channel:mobile',
  // Outlook and spreadsheets (Dutch)
  naam: 'field:name', voornaam: 'field:givenName', tussenvoegsel: 'field:middleName', achternaam: 'field:familyName', bedrijf: 'field:organisation',
  organisatie: 'field:organisation', functie: 'field:position', land: 'field:country', notities: 'field:notes', opmerkingen: 'field:notes',
  'telefoon op werk': 'channel:landline', 'telefoon werk': 'channel:landline', telefoon: 'channel:landline', 'mobiele telefoon': 'channel:mobile',
  mobiel: 'channel:mobile', 'fax op werk': 'channel:fax', 'e-mailadres': 'channel:email', 'e-mail adres': 'channel:email',
};

const SLOT_PART_HEADERS: Readonly<Record<string, SlotPart>> = {
  type: 'type', value: 'value', label: 'label', note: 'note', tier: 'tier', 'fail after (min)': 'failAfterMinutes', 'on failure': 'onFailure', 'depends on': 'dependsOn',
};

/** A sensible guess for each column, from its header. */
export function guessMapping(headers: readonly string[]): CsvTarget[] {
  return headers.map((header): CsvTarget => {
    const h = norm(header);
    // Own keys only: a column headed "constructor" or "__proto__" must not find Object's (found by fuzzing, issue 9).
    const known = Object.hasOwn(KNOWN, h) ? KNOWN[h] : undefined;
    if (known) return known;
    const slot = /^channel (\d{1,2}) - (.+)$/.exec(h);
    const part = slot?.[2] === undefined || !Object.hasOwn(SLOT_PART_HEADERS, slot[2]) ? undefined : SLOT_PART_HEADERS[slot[2]];
    if (slot?.[1] && part) return `slot:${Number(slot[1])}:${part}`;
    if (/^phone \d+ - value$/.test(h)) return 'typed:phone';
    if (/^e-?mail \d+ - value$/.test(h)) return 'typed:email';
    if (/^address \d+ - formatted$/.test(h)) return 'typed:address';
    if (/^(im|instant messaging) \d+ - value$/.test(h)) return 'typed:im';
    return 'ignore';
  });
}

// ---- rows to contacts -------------------------------------------------------------------------------

/** Google writes several values of one field in one cell, separated by " ::: ". */
function splitMulti(cell: string): string[] {
  return cell.split(/\s:::\s/).map((v) => v.trim()).filter(Boolean);
}

/** The channel type a Google "Phone N - Type"/"Label" (or similar) names. */
function typedChannel(family: TypedFamily, typeText: string): ChannelType {
  const t = typeText.toLowerCase();
  switch (family) {
    case 'email':
      return 'email';
    case 'address':
      return 'in-person';
    case 'im':
      return 'secure-messaging';
    case 'phone':
      if (/fax/.test(t)) return 'fax';
      if (/satellit/.test(t)) return 'satellite-phone';
      if (/mobile|cell|mobiel|gsm|handy/.test(t)) return 'mobile';
      return 'landline';
  }
}

/** The column with the type of a Google value column ("Phone 2 - Value" → "Phone 2 - Type" or "- Label"). */
function typeColumnOf(headers: readonly string[], index: number): number {
  const h = norm(headers[index] ?? '');
  const prefix = h.replace(/ - (value|formatted)$/, '');
  return headers.findIndex((other) => [`${prefix} - type`, `${prefix} - label`].includes(norm(other)));
}

function countryOf(value: string): CountryCode | null {
  const v = value.trim().toUpperCase();
  if ((COUNTRY_CODES as readonly string[]).includes(v)) return v as CountryCode;
  if (v === 'GR') return 'EL';
  return null;
}

/**
 * Turn the rows into contacts through the mapping. A row that cannot become a contact is listed
 * as invalid with its row number and column; entirely empty rows are passed over.
 */
export function readCsvRows(table: CsvTable, mapping: readonly string[], defaults: ImportDefaults): ReadResult {
  const targets = mapping.map(parseTarget);
  const fieldColumn = (field: CsvField) => targets.findIndex((t) => t.kind === 'field' && t.field === field);
  const hasName = ['name', 'givenName', 'familyName', 'organisation'].some((f) => fieldColumn(f as CsvField) >= 0);
  if (!hasName) return { ok: false, problem: { code: 'csv-no-name-column', line: 1 } };
  const typeColumns = targets.map((t, i) => (t.kind === 'typed' ? typeColumnOf(table.headers, i) : -1));
  const contacts: IncomingContact[] = [];
  const invalid: InteropProblem[] = [];
  const workspaces = new Set<Workspace>();
  for (const { row, cells } of table.rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const result = readRow(table.headers, targets, typeColumns, row, cells, defaults);
    if ('code' in result) invalid.push(result);
    else {
      contacts.push(result.contact);
      if (result.workspace) workspaces.add(result.workspace);
    }
  }
  const workspace = workspaces.size === 1 ? [...workspaces][0]! : workspaces.size > 1 ? 'exercise' : null;
  return { ok: true, value: { contacts, invalid, workspace, encoding: table.encoding } };
}

function readRow(
  headers: readonly string[],
  targets: readonly ParsedTarget[],
  typeColumns: readonly number[],
  row: number,
  cells: readonly string[],
  defaults: ImportDefaults,
): { contact: IncomingContact; workspace: Workspace | null } | InteropProblem {
  const fields: Partial<Record<CsvField, string>> = {};
  const loose: Channel[] = [];
  const slots = new Map<number, Partial<Record<SlotPart, { value: string; column: number }>>>();
  const bad = (column: number, code: 'bad-value' | 'bad-email', value: string): InteropProblem => ({
    code,
    line: row,
    // Shortened too: a header cell is file content of any length (found by fuzzing, issue 9).
    field: shorten(headers[column] ?? `#${column + 1}`),
    value: shorten(value),
  });

  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const cell = (cells[i] ?? '').trim();
    if (!cell || target.kind === 'ignore') continue;
    if (target.kind === 'field') {
      fields[target.field] = fields[target.field] ? `${fields[target.field]}\n${cell}` : cell;
    } else if (target.kind === 'slot') {
      const slot = slots.get(target.slot) ?? {};
      slot[target.part] = { value: cells[i] ?? '', column: i };
      slots.set(target.slot, slot);
    } else {
      const typeText = target.kind === 'typed' ? (cells[typeColumns[i] ?? -1] ?? '') : '';
      const type = target.kind === 'channel' ? target.type : typedChannel(target.family, typeText);
      for (const multi of splitMulti(cell)) {
        // An address over several lines becomes one line.
        const value = type === 'in-person' ? multi.split(/\s*\r?\n\s*/).filter(Boolean).join(', ') : multi;
        if ((type === 'email' || type === 'secure-email') && !isEmailAddress(value)) return bad(i, 'bad-email', value);
        if (value.length > 500) return bad(i, 'bad-value', value);
        loose.push(ChannelSchema.parse({ type, value, note: '' }));
      }
    }
  }

  const channels: Channel[] = [];
  for (const [, slot] of [...slots].sort((a, b) => a[0] - b[0])) {
    const value = slot.value?.value.trim() ?? '';
    if (!value) continue;
    const type = (slot.type?.value.trim() ?? '') || 'landline';
    const fail = slot.failAfterMinutes?.value.trim() ?? '';
    const depends = slot.dependsOn?.value.trim() ?? '';
    const candidate = {
      type,
      value,
      note: slot.note?.value ?? '',
      label: slot.label?.value ?? '',
      tier: (slot.tier?.value.trim() ?? '') || null,
      failAfterMinutes: fail ? Number(fail) : null,
      onFailure: slot.onFailure?.value ?? '',
      dependsOn: depends === '' ? null : depends === '-' ? [] : depends.split(/\s*,\s*/),
    };
    const parsed = ChannelSchema.safeParse(candidate);
    if (!parsed.success) {
      const key = String(parsed.error.issues[0]?.path[0] ?? 'value');
      const part = (key === 'failAfterMinutes' ? 'failAfterMinutes' : SLOT_PARTS.find((p) => p === key)) ?? 'value';
      const where = slot[part] ?? slot.value;
      return bad(where?.column ?? 0, 'bad-value', where?.value ?? '');
    }
    if ((parsed.data.type === 'email' || parsed.data.type === 'secure-email') && !isEmailAddress(parsed.data.value)) {
      return bad(slot.value?.column ?? 0, 'bad-email', parsed.data.value);
    }
    channels.push(parsed.data);
  }
  channels.push(...loose);

  const column = (field: CsvField) => targets.findIndex((t) => t.kind === 'field' && t.field === field);
  const personName = joinName([fields.givenName, fields.middleName, fields.familyName]);
  const kindText = (fields.kind ?? '').toLowerCase();
  const explicitKind = ['organisation', 'organization', 'organisatie', 'org'].includes(kindText) ? 'organisation' : ['person', 'persoon', 'individual'].includes(kindText) ? 'person' : null;
  if (fields.kind && !explicitKind) return bad(column('kind'), 'bad-value', fields.kind);
  const kind = explicitKind ?? (!fields.name && !personName && fields.organisation ? 'organisation' : 'person');
  const name = fields.name ?? (personName || (kind === 'organisation' ? (fields.organisation ?? '') : ''));
  if (!name) return { code: 'no-name', line: row };

  const pick = <T extends string>(field: CsvField, allowed: readonly T[], transform: (v: string) => string = (v) => v): T | null | InteropProblem => {
    const raw = fields[field];
    if (raw === undefined) return null;
    const v = transform(raw.trim());
    return (allowed as readonly string[]).includes(v) ? (v as T) : bad(column(field), 'bad-value', raw);
  };
  const level = pick('level', LEVELS, (v) => v.toLowerCase());
  if (level && typeof level === 'object') return level;
  const tlp = pick('tlp', TLP_LABELS, (v) => v.toUpperCase().replace(/^TLP:/, ''));
  if (tlp && typeof tlp === 'object') return tlp;
  const orgType = pick('organisationType', ORGANISATION_TYPES);
  if (orgType && typeof orgType === 'object') return orgType;
  const workspace = pick('workspace', WORKSPACES);
  if (workspace && typeof workspace === 'object') return workspace;
  let country: CountryCode | null = null;
  if (fields.country !== undefined) {
    country = countryOf(fields.country);
    if (!country) return bad(column('country'), 'bad-value', fields.country);
  }
  const roles: string[] = [];
  for (const r of (fields.roles ?? '').split(/\s*[,;]\s*/).filter(Boolean)) {
    if (!(ROLES as readonly string[]).includes(r)) return bad(column('roles'), 'bad-value', r);
    if (!roles.includes(r)) roles.push(r);
  }
  let verified: unknown = null;
  if (fields.verifiedAt || fields.verifiedBy || fields.verifiedMethod) {
    verified = { at: fields.verifiedAt ?? '', by: fields.verifiedBy ?? '', method: fields.verifiedMethod ?? '', note: rawField(cells, column('verifiedNote')) };
    if (fields.verifiedMethod && !(VERIFICATION_METHODS as readonly string[]).includes(fields.verifiedMethod)) {
      return bad(column('verifiedMethod'), 'bad-value', fields.verifiedMethod);
    }
  }

  const draft = ContactDraftSchema.safeParse({
    kind,
    name,
    organisation: kind === 'organisation' && fields.organisation === name && !fields.name ? '' : (fields.organisation ?? ''),
    country: country ?? countryFromChannels(channels) ?? defaults.country,
    roles,
    level: level ?? defaults.level,
    tlp: tlp ?? defaults.tlp,
    channels,
    organisationType: orgType,
    organisationId: fields.organisationId ?? null,
    position: fields.position ?? '',
    fingerprint: fields.fingerprint !== undefined ? rawField(cells, column('fingerprint')) : null,
    verified,
    // Notes keep their spacing: taken from the cell as written, not trimmed.
    notes: column('notes') >= 0 ? rawField(cells, column('notes')) : '',
  });
  if (!draft.success) return zodProblem(draft.error, row);
  return { contact: { draft: draft.data, line: row, sourceId: fields.workbookId ?? null, complete: column('workbookId') >= 0 }, workspace };
}

function rawField(cells: readonly string[], column: number): string {
  return column >= 0 ? (cells[column] ?? '') : '';
}

// ---- writing ----------------------------------------------------------------------------------------

const BASE_HEADERS = [
  'Name', 'Kind', 'Organisation', 'Position', 'Country', 'Level', 'Roles', 'TLP', 'Organisation type', 'Organisation ID', 'Fingerprint',
  'Verified at', 'Verified by', 'Verified method', 'Verified note', 'Notes', 'Workbook ID', 'Workspace',
] as const;
const SLOT_HEADERS = ['Type', 'Value', 'Label', 'Note', 'Tier', 'Fail after (min)', 'On failure', 'Depends on'] as const;

/**
 * The workbook's own CSV layout: one row per contact, channels in fallback order as
 * "Channel n - …" column groups. With a byte-order mark so that Excel reads it as UTF-8.
 */
export function writeCsv(contacts: readonly ExportableContact[], workspace: Workspace, delimiter: CsvDelimiter = ','): string {
  const slots = Math.max(1, ...contacts.map((c) => c.draft.channels.length));
  const headers = [...BASE_HEADERS, ...Array.from({ length: slots }, (_, i) => SLOT_HEADERS.map((h) => `Channel ${i + 1} - ${h}`)).flat()];
  const rows = contacts.map(({ id, draft }) => [
    draft.name,
    draft.kind,
    draft.organisation,
    draft.position,
    draft.country,
    draft.level,
    draft.roles.join(', '),
    draft.tlp,
    draft.organisationType ?? '',
    draft.organisationId ?? '',
    draft.fingerprint ?? '',
    draft.verified?.at ?? '',
    draft.verified?.by ?? '',
    draft.verified?.method ?? '',
    draft.verified?.note ?? '',
    draft.notes,
    id,
    workspace,
    ...Array.from({ length: slots }, (_, i) => {
      const c = draft.channels[i];
      if (!c) return SLOT_HEADERS.map(() => '');
      return [c.type, c.value, c.label, c.note, c.tier ?? '', c.failAfterMinutes === null ? '' : String(c.failAfterMinutes), c.onFailure, c.dependsOn === null ? '' : c.dependsOn.length ? c.dependsOn.join(', ') : '-'];
    }).flat(),
  ]);
  return `\uFEFF${Papa.unparse({ fields: headers, data: rows.map((r) => r.map(protect)) }, { delimiter, newline: '\r\n', quotes: false })}\r\n`;
}

const FORMULA = /^'*[=+\-@\t\r]/;

/** A cell as written: a leading apostrophe before what a spreadsheet would take for a formula. */
function protect(cell: string): string {
  return FORMULA.test(cell) ? `'${cell}` : cell;
}

/** The reverse of protect. */
function unprotect(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell;
}
