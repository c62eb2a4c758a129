/**
 * What contact import and export share, whatever the file format (vCard: vcard.ts, CSV: csv.ts):
 * the shape of a contact read from a file, problems as values with stable codes and the line or row
 * they concern (the dialog turns them into sentences), and the decoding of a file's bytes.
 * Pure: no DOM, no Node.
 */
import type { z } from 'zod';
import type { CountryCode } from '../model/countries';
import type { Level } from '../model/levels';
import { ContactSchema, type Contact } from '../model/records';
import type { Tlp } from '../model/tlp';
import type { Workspace } from '../model/workspace';

/** A contact's own fields, without the metadata the journal manages. */
export const ContactDraftSchema = ContactSchema.omit({
  id: true,
  workspace: true,
  origin: true,
  createdAt: true,
  updatedAt: true,
  hlc: true,
  deleted: true,
});
export type ContactDraft = z.infer<typeof ContactDraftSchema>;
export const CONTACT_DRAFT_FIELDS = Object.keys(ContactDraftSchema.shape) as (keyof ContactDraft)[];
export const TEXT_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const;

/** The draft of a stored contact (what an export writes and a round trip must give back). */
export function draftOf(contact: Contact): ContactDraft {
  // zod drops the keys the schema does not name: the journal's metadata.
  return ContactDraftSchema.parse(contact);
}

/** What a file leaves open and the person importing chooses: applied to contacts that do not say. */
export interface ImportDefaults {
  readonly country: CountryCode;
  readonly level: Level;
  readonly tlp: Tlp;
}

export const INTEROP_PROBLEM_CODES = [
  'file-empty',
  'file-encoding',
  'vcard-none',
  'vcard-bad-line',
  'vcard-end-missing',
  'vcard-begin-missing',
  'vcard-outside-card',
  'vcard-unreadable',
  'vcard-quoted-printable',
  'no-name',
  'bad-value',
  'bad-email',
  'contact-invalid',
  'csv-unreadable',
  'csv-no-rows',
  'csv-no-name-column',
  'workspace-mismatch',
] as const;
export type InteropProblemCode = (typeof INTEROP_PROBLEM_CODES)[number];

/** One thing wrong with a file or one of its contacts, and where. */
export interface InteropProblem {
  readonly code: InteropProblemCode;
  /** vCard: the line of the file (1-based); CSV: the row of the file (1-based, the header is row 1). */
  readonly line: number;
  /** The property or column concerned ("X-CRISIS-TLP", "E-mail 1 - Value"). */
  readonly field?: string;
  /** The offending value, shortened. */
  readonly value?: string;
  /** A parser's own words, when it gave some. */
  readonly detail?: string;
}

/** A contact read from a file, ready to be planned against the directory. */
export interface IncomingContact {
  readonly draft: ContactDraft;
  /** Where it starts in the file (vCard line of BEGIN:VCARD, CSV row). */
  readonly line: number;
  /** The workbook id it had where it was exported (X-CRISIS-ID, UID, "Workbook ID"), if any. */
  readonly sourceId: string | null;
  /**
   * Whether the file carries the workbook's own fields for it (a workbook export: X-CRISIS-ID, or a
   * "Workbook ID" column). Then it replaces a contact it matches; otherwise (an address book's
   * card) it only adds what it knows to the contact, and leaves roles, level, TLP and the fallback
   * plan of the channels already there alone.
   */
  readonly complete: boolean;
}

/** A file read: its contacts, and the ones that could not be read (the rest can still be imported). */
export interface ReadContacts {
  readonly contacts: IncomingContact[];
  readonly invalid: InteropProblem[];
  /** The workspace the file says it came from (exports mark it), null when it does not say. */
  readonly workspace: Workspace | null;
  /** How the bytes were decoded. */
  readonly encoding: DecodedText['encoding'];
}

export type ReadResult = { readonly ok: true; readonly value: ReadContacts } | { readonly ok: false; readonly problem: InteropProblem };

/**
 * Limits of one contact import, checked before a file is parsed and before it is planned: an
 * address book of a whole ministry is some thousands of cards and a few megabytes; a larger file
 * would only make the preview (which compares every card with the directory) hang.
 */
export const MAX_CONTACT_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_CONTACTS_PER_FILE = 20_000;

/** Why a contact file of `bytes` bytes is not read at all (an error code of shared/errors), or null. */
export function contactFileSizeRefusal(bytes: number): 'contact-file-too-large' | null {
  return bytes > MAX_CONTACT_FILE_BYTES ? 'contact-file-too-large' : null;
}

/** Why a file of `count` contacts (or CSV rows, or cards) is not imported, or null. */
export function contactCountRefusal(count: number): 'contact-file-too-many' | null {
  return count > MAX_CONTACTS_PER_FILE ? 'contact-file-too-many' : null;
}

/** Shortened for messages. */
export function shorten(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** A zod failure as a problem. */
export function zodProblem(error: z.ZodError, line: number): InteropProblem {
  const issue = error.issues[0];
  return { code: 'contact-invalid', line, ...(issue ? { field: issue.path.join('.'), detail: issue.message } : {}) };
}

// ---- text decoding ------------------------------------------------------------------------------

interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}
// TextDecoder exists in every runtime we target; its types live in lib.dom / @types/node, which
// `shared/` does not load (as in shared/crypto/bytes.ts).
const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, options?: { fatal?: boolean }) => TextDecoderLike }).TextDecoder;

export interface DecodedText {
  readonly text: string;
  /** utf-8 (with or without BOM), utf-16 (with BOM), or windows-1252 when the bytes are not UTF-8. */
  readonly encoding: (typeof TEXT_ENCODINGS)[number];
}

/**
 * Decode a contact file. Address books and spreadsheets write UTF-8 (Google, Apple, LibreOffice),
 * UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), UTF-16 with a BOM (Outlook's "Unicode" CSV),
 * or the Windows code page (Excel's plain "CSV" on Western European Windows: Windows-1252).
 * Bytes that are not valid UTF-8 and carry no BOM are read as Windows-1252, and the caller shows
 * that it did so, so that someone who sees mangled names knows why.
 */
export function decodeContactFile(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new Decoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new Decoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new Decoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new Decoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new Decoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Decode bytes in a named charset (vCard 2.1 CHARSET=…); null when the runtime does not know it. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  try {
    return new Decoder(charset.toLowerCase(), { fatal: charset.toLowerCase().replace(/[-_]/g, '') === 'utf8' }).decode(bytes);
  } catch {
    return null;
  }
}

// ---- shared field rules ---------------------------------------------------------------------------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A deliberately loose e-mail check: something@domain.tld, no spaces. */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

/**
 * Split a person's name into given and family name for N (vCard) or First/Last (CSV): the first
 * word is the given name, the rest the family name, so Dutch and German particles stay with the
 * family name ("Jan van der Berg" → "Jan", "van der Berg").
 */
export function splitPersonName(name: string): { given: string; family: string } {
  const trimmed = name.trim();
  const space = trimmed.indexOf(' ');
  return space < 0 ? { given: '', family: trimmed } : { given: trimmed.slice(0, space), family: trimmed.slice(space + 1).trim() };
}

/** Join name parts that are present, with single spaces. */
export function joinName(parts: readonly (string | undefined)[]): string {
  return parts.map((p) => (p ?? '').trim()).filter(Boolean).join(' ');
}

/** Country calling codes of the member states (ITU-T E.164), for contacts whose file names no country. */
const CALLING_CODES: readonly (readonly [string, CountryCode])[] = (
  [
    ['43', 'AT'], ['32', 'BE'], ['359', 'BG'], ['357', 'CY'], ['420', 'CZ'], ['49', 'DE'], ['45', 'DK'], ['372', 'EE'],
    ['30', 'EL'], ['34', 'ES'], ['358', 'FI'], ['33', 'FR'], ['385', 'HR'], ['36', 'HU'], ['353', 'IE'], ['39', 'IT'],
    ['370', 'LT'], ['352', 'LU'], ['371', 'LV'], ['356', 'MT'], ['31', 'NL'], ['48', 'PL'], ['351', 'PT'], ['40', 'RO'],
    ['46', 'SE'], ['386', 'SI'], ['421', 'SK'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

/** The member state of the first telephone channel written in international form (+31…, 0031…), or null. */
export function countryFromChannels(channels: readonly { type: string; value: string }[]): CountryCode | null {
  for (const c of channels) {
    if (!['landline', 'mobile', 'fax', 'secure-phone'].includes(c.type)) continue;
    const digits = c.value.trim().replace(/^tel:/i, '');
    const international = /^\+/.test(digits) ? digits.slice(1) : /^00/.test(digits) ? digits.slice(2) : null;
    if (international === null) continue;
    const plain = international.replace(/[^0-9]/g, '');
    const hit = CALLING_CODES.find(([code]) => plain.startsWith(code));
    if (hit) return hit[1];
  }
  return null;
}
