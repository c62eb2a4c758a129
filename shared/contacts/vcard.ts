/**
 * Contacts as vCards: export as vCard 4.0 (RFC 6350), import vCard 4.0, 3.0 (RFC 2426) and 2.1.
 *
 * Parsing and writing go through ical.js (Mozilla's iCalendar/vCard library, maintained for
 * Thunderbird), which reads and writes vCard 3.0 and 4.0 as jCard (RFC 7095). In front of it sits
 * a small line scanner of our own, for two reasons:
 *  - ical.js reports a malformed file without a line number; the scanner checks the structure
 *    (every line a property, BEGIN/END paired) first and names the line;
 *  - ical.js does not read vCard 2.1, so the scanner normalises 2.1's quirks to 3.0 before handing
 *    each card over: bare type parameters (TEL;WORK;VOICE), QUOTED-PRINTABLE values with CHARSET
 *    (and their "=" soft line breaks), and commas that 2.1 does not escape.
 *
 * How a contact maps (lossless for a workbook → vCard → workbook round trip; address books still
 * see ordinary names, telephones and e-mail addresses):
 *  - KIND (org / individual), FN, N (persons: first word given name, the rest family name), ORG,
 *    TITLE (position), NOTE (notes), UID (urn:uuid: made from the record's ULID);
 *  - channels in fallback order, PREF=1 being tried first: landline TEL;TYPE=work,voice, mobile
 *    TEL;TYPE=cell, satellite and secure phones TEL;TYPE=voice, fax TEL;TYPE=work,fax, e-mail and
 *    secure e-mail EMAIL;TYPE=work, secure messaging IMPP, in person ADR;TYPE=work (the address in
 *    the street component); radio and courier, which have no vCard property, X-CRISIS-CHANNEL.
 *    Every channel carries X-CRISIS-TYPE=<channel type>, so that e.g. a satellite phone comes back
 *    as a satellite phone; its label, note, PACE tier, failure rule and dependencies travel in
 *    X-CRISIS-CHANNEL-META with the same PREF, as JSON;
 *  - the workbook's own fields in X- properties: X-CRISIS-ID, X-CRISIS-WORKSPACE, X-CRISIS-COUNTRY,
 *    X-CRISIS-ROLE, X-CRISIS-LEVEL, X-CRISIS-TLP, X-CRISIS-ORGANISATION-TYPE,
 *    X-CRISIS-ORGANISATION-ID, X-CRISIS-FINGERPRINT, X-CRISIS-VERIFIED (JSON).
 * One normalisation: an organisation whose ORG equals its name reads back with an empty
 * organisation field (that is how an organisation without a parent is written).
 */
import ICAL from 'ical.js';
import type { z } from 'zod';
import { RecordIdSchema } from '../model/ids';
import { CountryCodeSchema } from '../model/countries';
import { LevelSchema } from '../model/levels';
import {
  ChannelSchema,
  ChannelTypeSchema,
  ContactVerificationSchema,
  OrganisationTypeSchema,
  type Channel,
  type ChannelType,
} from '../model/records';
import { RoleSchema } from '../model/roles';
import { TlpSchema } from '../model/tlp';
import { EXERCISE_MARKING, WorkspaceSchema, type Workspace } from '../model/workspace';
import {
  ContactDraftSchema,
  countryFromChannels,
  decodeCharset,
  joinName,
  shorten,
  splitPersonName,
  zodProblem,
  type ContactDraft,
  type DecodedText,
  type ImportDefaults,
  type IncomingContact,
  type InteropProblem,
  type ReadResult,
} from './interop';

export const VCARD_PRODID = '-//Crisis Workbook//Contacts//EN';

/** Longest detail of an unreadable card: it names the problem and quotes the start of the line. */
export const VCARD_DETAIL_CHARS = 200;

// ---- writing ------------------------------------------------------------------------------------

/** What an export writes per contact: its draft, and the id it has in this workbook. */
export interface ExportableContact {
  readonly id: string;
  readonly draft: ContactDraft;
}

type JProp = [string, Record<string, string | string[]>, string, ...unknown[]];

/** The vCard 4.0 text of contacts, one card each, CRLF line ends, lines folded at 75 octets. */
export function writeVcards(contacts: readonly ExportableContact[], workspace: Workspace): string {
  return contacts
    .map((c) => ICAL.stringify(['vcard', cardProperties(c, workspace), []]).replace(/(\r\n)*$/, '\r\n'))
    .join('');
}

function cardProperties({ id, draft }: ExportableContact, workspace: Workspace): JProp[] {
  const props: JProp[] = [['version', {}, 'text', '4.0'], ['prodid', {}, 'unknown', VCARD_PRODID]];
  const uuid = ulidToUuid(id);
  if (uuid) props.push(['uid', {}, 'text', `urn:uuid:${uuid}`]);
  props.push(['kind', {}, 'text', draft.kind === 'organisation' ? 'org' : 'individual']);
  props.push(['fn', {}, 'text', draft.name]);
  if (draft.kind === 'person') {
    const { given, family } = splitPersonName(draft.name);
    props.push(['n', {}, 'text', [family, given, '', '', '']]);
  }
  const org = draft.organisation || (draft.kind === 'organisation' ? draft.name : '');
  if (org) props.push(['org', {}, 'text', [org]]);
  if (draft.position) props.push(['title', {}, 'text', draft.position]);
  if (draft.notes) props.push(['note', {}, 'text', draft.notes]);
  if (workspace === 'exercise') props.push(['categories', {}, 'text', EXERCISE_MARKING]);
  draft.channels.forEach((channel, index) => {
    props.push(channelProperty(channel, index + 1));
    const meta = channelMeta(channel);
    if (meta) props.push(xprop('x-crisis-channel-meta', JSON.stringify(meta), { pref: String(index + 1) }));
  });
  props.push(xprop('x-crisis-id', id));
  props.push(xprop('x-crisis-workspace', workspace));
  props.push(xprop('x-crisis-country', draft.country));
  if (draft.roles.length) props.push(xprop('x-crisis-role', draft.roles.join(',')));
  props.push(xprop('x-crisis-level', draft.level));
  props.push(xprop('x-crisis-tlp', draft.tlp));
  if (draft.organisationType) props.push(xprop('x-crisis-organisation-type', draft.organisationType));
  if (draft.organisationId) props.push(xprop('x-crisis-organisation-id', draft.organisationId));
  if (draft.fingerprint !== null) props.push(xprop('x-crisis-fingerprint', draft.fingerprint));
  if (draft.verified) props.push(xprop('x-crisis-verified', JSON.stringify(draft.verified)));
  return props;
}

/** An X- property: ical.js writes unknown properties raw, so their text is escaped here (RFC 6350 3.4). */
function xprop(name: string, value: string, params: Record<string, string> = {}): JProp {
  return [name, params, 'unknown', escapeText(value)];
}

const URI = /^[a-z][a-z0-9+.-]*:[^\s\\]+$/i;

const TEL_TYPES: Partial<Record<ChannelType, string[]>> = {
  landline: ['work', 'voice'],
  mobile: ['cell'],
  'satellite-phone': ['voice'],
  'secure-phone': ['voice'],
  fax: ['work', 'fax'],
};

function channelProperty(channel: Channel, pref: number): JProp {
  const params = { 'x-crisis-type': channel.type, pref: String(pref) };
  const tel = TEL_TYPES[channel.type];
  // A number as written (RFC 6350 allows text for TEL); VALUE=TEXT only when it needs escaping.
  if (tel) return ['tel', { type: tel, ...params }, /[\\,;\r\n]/.test(channel.value) ? 'text' : 'uri', channel.value];
  switch (channel.type) {
    case 'email':
    case 'secure-email':
      return ['email', { type: 'work', ...params }, 'text', channel.value];
    case 'secure-messaging':
      // IMPP holds a URI (xmpp:…, sip:…, matrix:…); anything else (a Signal number) goes as text.
      return URI.test(channel.value) ? ['impp', params, 'uri', channel.value] : xprop('x-crisis-channel', channel.value, params);
    case 'in-person':
      return ['adr', { type: 'work', ...params }, 'text', ['', '', channel.value, '', '', '', '']];
    default:
      return xprop('x-crisis-channel', channel.value, params);
  }
}

const ChannelMetaSchema = ChannelSchema.pick({ note: true, label: true, tier: true, failAfterMinutes: true, onFailure: true, dependsOn: true }).partial();
type ChannelMeta = z.infer<typeof ChannelMetaSchema>;

/** The channel's fields beyond type and value, those that differ from their defaults; null when none. */
function channelMeta(c: Channel): ChannelMeta | null {
  const meta: ChannelMeta = {
    ...(c.note ? { note: c.note } : {}),
    ...(c.label ? { label: c.label } : {}),
    ...(c.tier !== null ? { tier: c.tier } : {}),
    ...(c.failAfterMinutes !== null ? { failAfterMinutes: c.failAfterMinutes } : {}),
    ...(c.onFailure ? { onFailure: c.onFailure } : {}),
    ...(c.dependsOn !== null ? { dependsOn: c.dependsOn } : {}),
  };
  return Object.keys(meta).length ? meta : null;
}

// ---- reading: the line scanner --------------------------------------------------------------------

interface Param {
  readonly key: string;
  /** null for a 2.1 bare parameter ("WORK" in TEL;WORK;VOICE). */
  readonly value: string | null;
}

interface ContentLine {
  /** Line in the file where it starts (1-based). */
  readonly line: number;
  readonly group: string | null;
  readonly name: string;
  readonly params: Param[];
  readonly value: string;
}

interface RawCard {
  readonly line: number;
  readonly lines: ContentLine[];
}

type Scan = { ok: true; cards: RawCard[] } | { ok: false; problem: InteropProblem };

/** Physical lines joined into content lines (RFC 6350 3.2 folding; 2.1 QUOTED-PRINTABLE soft breaks). */
function unfold(text: string): { line: number; text: string }[] {
  const physical = text.split(/\r\n|\n|\r/);
  const logical: { line: number; text: string }[] = [];
  let softBreak = false;
  physical.forEach((raw, index) => {
    const last = logical[logical.length - 1];
    if (last && softBreak) {
      last.text = last.text.slice(0, -1) + raw;
    } else if (last && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      last.text += raw.slice(1);
    } else if (raw.trim() === '') {
      softBreak = false;
      return;
    } else {
      logical.push({ line: index + 1, text: raw });
    }
    const current = logical[logical.length - 1];
    softBreak = current !== undefined && current.text.endsWith('=') && /QUOTED-PRINTABLE/i.test(current.text.slice(0, colonIndex(current.text)));
  });
  return logical;
}

/** Index of the colon that ends name and parameters (colons inside quoted parameter values do not count). */
function colonIndex(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) return i;
  }
  return -1;
}

const NAME = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$/;

function parseContentLine(line: number, text: string): ContentLine | null {
  const colon = colonIndex(text);
  if (colon <= 0) return null;
  const head = splitUnquoted(text.slice(0, colon), ';');
  const match = NAME.exec(head[0] ?? '');
  if (!match?.[2]) return null;
  const params = head.slice(1).map((p): Param => {
    const eq = p.indexOf('=');
    return eq < 0 ? { key: p.trim(), value: null } : { key: p.slice(0, eq).trim(), value: p.slice(eq + 1).trim() };
  });
  return { line, group: match[1] ?? null, name: match[2].toUpperCase(), params, value: text.slice(colon + 1) };
}

function splitUnquoted(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Check the structure and cut the file into cards, naming the line of the first thing wrong. */
function scan(text: string): Scan {
  const cards: RawCard[] = [];
  let open: { line: number; lines: ContentLine[] } | null = null;
  for (const { line, text: content } of unfold(text)) {
    const parsed = parseContentLine(line, content);
    if (!parsed) return { ok: false, problem: { code: 'vcard-bad-line', line, value: shorten(content) } };
    const isBegin = parsed.name === 'BEGIN' && parsed.value.trim().toUpperCase() === 'VCARD';
    const isEnd = parsed.name === 'END' && parsed.value.trim().toUpperCase() === 'VCARD';
    if (isBegin) {
      if (open) return { ok: false, problem: { code: 'vcard-end-missing', line: open.line } };
      open = { line, lines: [] };
    } else if (isEnd) {
      if (!open) return { ok: false, problem: { code: 'vcard-begin-missing', line } };
      cards.push(open);
      open = null;
    } else if (!open) {
      return { ok: false, problem: { code: 'vcard-outside-card', line, value: shorten(content) } };
    } else open.lines.push(parsed);
  }
  if (open) return { ok: false, problem: { code: 'vcard-end-missing', line: open.line } };
  return { ok: true, cards };
}

// ---- reading: 2.1 / 3.0 normalisation ------------------------------------------------------------

/** Properties with binary content (photos, logos, keys, sounds): not used here, not handed to ical.js. */
const SKIPPED = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY', 'AGENT']);
const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

/** One content line as vCard 3.0/4.0 text ical.js reads; or a problem. Drops what is not used. */
function normalise(version: string, cl: ContentLine): { line: string; value: string } | InteropProblem | null {
  if (SKIPPED.has(cl.name) || cl.name === 'VERSION') return null;
  const types: string[] = [];
  const kept: string[] = [];
  let encoding: string | null = null;
  let charset: string | null = null;
  for (const p of cl.params) {
    const key = p.key.toUpperCase();
    if (p.value === null) {
      // vCard 2.1: bare parameters are types (TEL;WORK;VOICE) or encodings (;QUOTED-PRINTABLE).
      if (ENCODINGS.has(key)) encoding = key;
      else types.push(p.key.toLowerCase());
    } else if (key === 'TYPE') types.push(...splitUnquoted(unquote(p.value), ',').map((t) => t.trim().toLowerCase()));
    else if (key === 'ENCODING') encoding = unquote(p.value).toUpperCase();
    else if (key === 'CHARSET') charset = unquote(p.value);
    else kept.push(`${key}=${p.value}`);
  }
  if (encoding === 'BASE64' || encoding === 'B') return null;
  let value = cl.value;
  if (encoding === 'QUOTED-PRINTABLE') {
    const decoded = decodeQuotedPrintable(value, charset ?? 'utf-8');
    // Name and charset are file content of any length: shortened like every value (found by fuzzing, issue 9).
    if (decoded === null) return { code: 'vcard-quoted-printable', line: cl.line, field: shorten(cl.name), ...(charset ? { value: shorten(charset) } : {}) };
    value = decoded;
  }
  if (version === '2.1' || encoding === 'QUOTED-PRINTABLE') value = escape21(value);
  const typeParam = types.length ? [`TYPE=${types.map(quoteParam).join(',')}`] : [];
  const name = cl.group ? `${cl.group}.${cl.name}` : cl.name;
  return { line: `${[name, ...typeParam, ...kept].join(';')}:${value}`, value };
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
}

function quoteParam(value: string): string {
  return /[:;,]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/**
 * vCard 2.1 text as 3.0 text: 2.1 escapes only semicolons (\;), so commas and backslashes that are
 * not part of "\;" are escaped, and line breaks (from QUOTED-PRINTABLE) become \n.
 */
function escape21(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && value[i + 1] === ';') {
      out += '\\;';
      i++;
    } else if (ch === '\\') out += '\\\\';
    else if (ch === ',') out += '\\,';
    else if (ch === '\r') continue;
    else if (ch === '\n') out += '\\n';
    else out += ch;
  }
  return out;
}

/** QUOTED-PRINTABLE (RFC 2045) to text in the given charset; null when the charset is unknown or bytes invalid. */
function decodeQuotedPrintable(value: string, charset: string): string | null {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const hex = ch === '=' ? text.slice(i + 1, i + 3) : '';
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = ch.charCodeAt(0);
      if (code > 0x7f) {
        // Not valid QP, but seen in the wild: a raw character; keep it as UTF-8.
        for (const b of new TextEncoderShim().encode(ch)) bytes.push(b);
      } else bytes.push(code);
    }
  }
  return decodeCharset(Uint8Array.from(bytes), charset);
}

/** UTF-8 encoding of one character without relying on DOM/Node types. */
class TextEncoderShim {
  encode(ch: string): number[] {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) return [cp];
    if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
    if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
    return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  }
}

// ---- reading: jCard to contact --------------------------------------------------------------------

/**
 * Read the contacts of a vCard file (already decoded). A structural fault (a line that is no
 * property, a card without END:VCARD) refuses the whole file; a card that cannot become a contact
 * is listed as invalid, with its line, and the others can still be imported.
 */
export function readVcards(decoded: DecodedText, defaults: ImportDefaults): ReadResult {
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, problem: { code: 'file-empty', line: 1 } };
  const scanned = scan(text);
  if (!scanned.ok) return scanned;
  if (scanned.cards.length === 0) return { ok: false, problem: { code: 'vcard-none', line: 1 } };
  const contacts: IncomingContact[] = [];
  const invalid: InteropProblem[] = [];
  const workspaces = new Set<Workspace>();
  for (const card of scanned.cards) {
    const result = readCard(card, defaults);
    if ('code' in result) invalid.push(result);
    else {
      contacts.push(result.contact);
      if (result.workspace) workspaces.add(result.workspace);
    }
  }
  const workspace = workspaces.size === 1 ? [...workspaces][0]! : workspaces.size > 1 ? 'exercise' : null;
  return { ok: true, value: { contacts, invalid, workspace, encoding: decoded.encoding } };
}

/** A property as ical.js parsed it, with its value as written (for text ical.js does not unescape fully). */
interface Prop {
  readonly name: string;
  readonly params: Record<string, unknown>;
  readonly values: unknown[];
  readonly raw: string;
}

function readCard(card: RawCard, defaults: ImportDefaults): { contact: IncomingContact; workspace: Workspace | null } | InteropProblem {
  const version = card.lines.find((l) => l.name === 'VERSION')?.value.trim() ?? '3.0';
  const icalVersion = version === '4.0' ? '4.0' : '3.0';
  const body: string[] = [`VERSION:${icalVersion}`];
  const raws: string[] = [icalVersion];
  for (const cl of card.lines) {
    const normal = normalise(version, cl);
    if (normal === null) continue;
    if ('code' in normal) return normal;
    body.push(normal.line);
    raws.push(normal.value);
  }
  let props: Prop[];
  try {
    const parsed = ICAL.parse(['BEGIN:VCARD', ...body, 'END:VCARD', ''].join('\r\n')) as unknown;
    const first = (Array.isArray(parsed) && parsed[0] === 'vcard' ? parsed : (parsed as unknown[])[0]) as [string, [string, Record<string, unknown>, string, ...unknown[]][]];
    // ical.js keeps the properties in the order of the lines it was given.
    props = first[1].map(([name, params, , ...values], i) => ({ name, params, values, raw: raws[i] ?? '' }));
  } catch (e) {
    // ical.js quotes what it could not parse, however long: cut to a readable length.
    return { code: 'vcard-unreadable', line: card.line, detail: shorten(e instanceof Error ? e.message : String(e), VCARD_DETAIL_CHARS) };
  }
  return toContact(card.line, props, defaults);
}

/**
 * A text value. ical.js does not unescape "\\;" in unstructured text (FN, NOTE, TITLE) and leaves
 * X- properties raw, so these are unescaped here from the value as written (RFC 6350 3.4).
 */
function textOf(prop: Prop | undefined): string {
  return prop ? unescapeText(prop.raw).trim() : '';
}

/** A parsed value as text (ical.js gives strings, numbers or nested arrays). */
function scalar(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function componentsOf(prop: Prop | undefined): string[] {
  if (!prop) return [];
  const first = prop.values[0];
  if (Array.isArray(first)) return first.map((c: unknown) => (Array.isArray(c) ? c.map(scalar).join(',') : scalar(c)));
  return [scalar(first)];
}

/** Parameter values as lower-case strings. */
function paramList(prop: Prop, key: string): string[] {
  const v = prop.params[key];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x).toLowerCase());
}

function toContact(line: number, props: Prop[], defaults: ImportDefaults): { contact: IncomingContact; workspace: Workspace | null } | InteropProblem {
  const all = (name: string) => props.filter((p) => p.name === name);
  const one = (name: string) => props.find((p) => p.name === name);
  const x = (name: string): string | null => {
    const p = one(name);
    return p ? textOf(p) : null;
  };
  const bad = (field: string, value: string): InteropProblem => ({ code: 'bad-value', line, field: field.toUpperCase(), value: shorten(value) });

  const kindText = (textOf(one('kind')) || textOf(one('x-addressbookserver-kind'))).toLowerCase();
  const showAs = textOf(one('x-abshowas')).toUpperCase();
  const n = componentsOf(one('n'));
  const personName = joinName([n[3], n[1], n[2], n[0], n[4]]);
  const org = componentsOf(one('org')).map((c) => c.trim()).filter(Boolean).join(', ');
  const fn = textOf(one('fn'));
  const isOrg = kindText === 'org' || kindText === 'organization' || showAs === 'COMPANY' || (!fn && !personName && org !== '');
  const name = fn || personName || (isOrg ? org : '');
  if (!name) return { code: 'no-name', line };

  const parsed: Record<string, unknown> = {};
  const country = x('x-crisis-country');
  if (country !== null) {
    const c = CountryCodeSchema.safeParse(country.toUpperCase());
    if (!c.success) return bad('x-crisis-country', country);
    parsed['country'] = c.data;
  }
  const level = x('x-crisis-level');
  if (level !== null) {
    const l = LevelSchema.safeParse(level.toLowerCase());
    if (!l.success) return bad('x-crisis-level', level);
    parsed['level'] = l.data;
  }
  const tlp = x('x-crisis-tlp');
  if (tlp !== null) {
    const t = TlpSchema.safeParse(tlp.toUpperCase().replace(/^TLP:/, ''));
    if (!t.success) return bad('x-crisis-tlp', tlp);
    parsed['tlp'] = t.data;
  }
  const rolesText = x('x-crisis-role');
  const roles: string[] = [];
  if (rolesText) {
    for (const r of rolesText.split(',').map((s) => s.trim()).filter(Boolean)) {
      const role = RoleSchema.safeParse(r);
      if (!role.success) return bad('x-crisis-role', r);
      if (!roles.includes(role.data)) roles.push(role.data);
    }
  }
  const orgType = x('x-crisis-organisation-type');
  if (orgType !== null && !OrganisationTypeSchema.safeParse(orgType).success) return bad('x-crisis-organisation-type', orgType);
  const orgId = x('x-crisis-organisation-id');
  if (orgId !== null && !RecordIdSchema.safeParse(orgId).success) return bad('x-crisis-organisation-id', orgId);
  const verifiedText = x('x-crisis-verified');
  let verified: unknown = null;
  if (verifiedText !== null) {
    const v = ContactVerificationSchema.safeParse(parseJson(verifiedText));
    if (!v.success) return bad('x-crisis-verified', verifiedText);
    verified = v.data;
  }
  const workspaceText = x('x-crisis-workspace');
  const workspace = workspaceText === null ? null : WorkspaceSchema.safeParse(workspaceText).data ?? null;
  if (workspaceText !== null && workspace === null) return bad('x-crisis-workspace', workspaceText);

  const channels = readChannels(props, line);
  if (!Array.isArray(channels)) return channels;

  const notes = all('note').map((p) => textOf(p)).filter(Boolean).join('\n\n');
  const organisation = isOrg && org === name ? '' : org;
  const draft = ContactDraftSchema.safeParse({
    kind: isOrg ? 'organisation' : 'person',
    name,
    organisation,
    country: parsed['country'] ?? countryFromChannels(channels) ?? defaults.country,
    roles,
    level: parsed['level'] ?? defaults.level,
    tlp: parsed['tlp'] ?? defaults.tlp,
    channels,
    organisationType: orgType,
    organisationId: orgId,
    position: textOf(one('title')),
    fingerprint: x('x-crisis-fingerprint'),
    verified,
    notes,
  });
  if (!draft.success) return zodProblem(draft.error, line);
  const idText = x('x-crisis-id');
  const sourceId = idText && RecordIdSchema.safeParse(idText).success ? idText : uidToUlid(textOf(one('uid')));
  return { contact: { draft: draft.data, line, sourceId, complete: idText !== null }, workspace };
}

const CHANNEL_PROPS = new Set(['tel', 'email', 'impp', 'adr', 'x-crisis-channel']);

function readChannels(props: Prop[], line: number): Channel[] | InteropProblem {
  const metaByPref = new Map<string, ChannelMeta>();
  for (const p of props.filter((q) => q.name === 'x-crisis-channel-meta')) {
    const meta = ChannelMetaSchema.safeParse(parseJson(textOf(p)));
    if (!meta.success) return { code: 'bad-value', line, field: 'X-CRISIS-CHANNEL-META', value: shorten(textOf(p)) };
    metaByPref.set(paramList(p, 'pref')[0] ?? '', meta.data);
  }
  const found: { order: number; index: number; channel: Channel }[] = [];
  props.forEach((p, index) => {
    if (!CHANNEL_PROPS.has(p.name)) return;
    const types = paramList(p, 'type');
    const declared = ChannelTypeSchema.safeParse(paramList(p, 'x-crisis-type')[0]);
    const type = declared.success ? declared.data : defaultChannelType(p.name, types);
    if (!type) return;
    const value = channelValue(p, declared.success).trim();
    if (!value) return;
    const prefText = paramList(p, 'pref')[0];
    const pref = prefText !== undefined && /^\d+$/.test(prefText) ? Number(prefText) : types.includes('pref') ? 0 : Number.POSITIVE_INFINITY;
    const meta = prefText !== undefined ? metaByPref.get(prefText) : undefined;
    found.push({ order: pref, index, channel: ChannelSchema.parse({ type, value: value.slice(0, 500), note: '', ...meta }) });
  });
  found.sort((a, b) => a.order - b.order || a.index - b.index);
  return found.map((f) => f.channel);
}

function defaultChannelType(prop: string, types: string[]): ChannelType | null {
  switch (prop) {
    case 'tel':
      return types.includes('fax') ? 'fax' : types.includes('cell') ? 'mobile' : 'landline';
    case 'email':
      return 'email';
    case 'impp':
      return 'secure-messaging';
    case 'adr':
      return 'in-person';
    default:
      return null;
  }
}

function channelValue(p: Prop, ours: boolean): string {
  switch (p.name) {
    case 'tel': {
      const v = scalar(p.values[0]).trim();
      return v.toLowerCase().startsWith('tel:') ? v.slice(4) : v;
    }
    case 'adr': {
      const parts = componentsOf(p);
      // Ours: the whole address in the street component. Others': the parts that are filled in.
      return ours ? (parts[2] ?? '') : parts.map((s) => s.trim()).filter(Boolean).join(', ');
    }
    case 'x-crisis-channel':
      return textOf(p);
    default:
      return scalar(p.values[0]);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// ---- text escaping and ids ------------------------------------------------------------------------

/** RFC 6350 3.4 text escaping, for the X- properties ical.js writes raw. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r\n|\n|\r/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_m, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The UUID with the same 128 bits as a ULID (so UID and X-CRISIS-ID name the same record). */
export function ulidToUuid(ulid: string): string | null {
  if (!RecordIdSchema.safeParse(ulid).success) return null;
  let value = 0n;
  for (const ch of ulid) value = value * 32n + BigInt(CROCKFORD.indexOf(ch));
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ULID of a UID written as urn:uuid: (ours or any other), or null. */
export function uidToUlid(uid: string): string | null {
  const match = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(uid.trim());
  if (!match?.[1]) return null;
  let value = BigInt(`0x${match[1].replace(/-/g, '')}`);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(value % 32n)]! + out;
    value /= 32n;
  }
  return out;
}
