/**
 * The preview of a contact import: for every contact read from a file, whether it is new, changes
 * a contact already in the directory, or repeats one (nothing would change), and the invalid ones
 * with their line. Pure: the dialog shows the plan, and nothing is written until the person
 * importing confirms it (renderer/src/db/contactImport.ts writes it in one transaction).
 *
 * Matching an incoming contact to one in the directory, first rule that finds one wins:
 *  1. the workbook id it was exported with (X-CRISIS-ID / UID / "Workbook ID") is a contact here;
 *  2. the same name and organisation, compared without case, accents or extra spaces;
 *  3. a telephone number (digits only) or e-mail address (without case) both have.
 */
import type { Contact, Channel } from '../model/records';
import type { Workspace } from '../model/workspace';
import { draftOf, type ContactDraft, type IncomingContact, type InteropProblem, type ReadContacts } from './interop';

export type PlanKind = 'new' | 'changed' | 'duplicate';
export type MatchRule = 'id' | 'name' | 'channel';

export interface PlanItem {
  readonly kind: PlanKind;
  readonly incoming: IncomingContact;
  /** The contact it matches (changed, duplicate of the directory), else null. */
  readonly existing: Contact | null;
  readonly matchedBy: MatchRule | null;
  /** A duplicate of an earlier contact in the same file: that contact's line. */
  readonly duplicateOfLine: number | null;
  /** New: the contact to create. Changed: the fields to change. Duplicate: empty. */
  readonly patch: Partial<ContactDraft>;
  /** The fields the change touches (for the preview). */
  readonly changedFields: readonly (keyof ContactDraft)[];
}

export interface ContactImportPlan {
  readonly items: PlanItem[];
  readonly invalid: InteropProblem[];
  /** Set when the whole file must not be imported here (it comes from the other workspace). */
  readonly refusal: InteropProblem | null;
  readonly counts: Readonly<Record<PlanKind | 'invalid', number>>;
}

/** Plan the import of what was read into the directory of `workspace` (its live contacts). */
export function planContactImport(read: ReadContacts, directory: readonly Contact[], workspace: Workspace): ContactImportPlan {
  if (read.workspace !== null && read.workspace !== workspace) {
    const refusal: InteropProblem = { code: 'workspace-mismatch', line: 1, value: read.workspace };
    return { items: [], invalid: read.invalid, refusal, counts: { new: 0, changed: 0, duplicate: 0, invalid: read.invalid.length } };
  }
  const live = directory.filter((c) => !c.deleted && c.workspace === workspace);
  const byId = new Map(live.map((c) => [c.id, c]));
  const byName = indexBy(live, (c) => [nameKey(c)]);
  const byChannel = indexBy(live, (c) => c.channels.map(channelKey).filter((k): k is string => k !== null));
  // Contacts met earlier in the same file: a second card for the same person is a duplicate.
  const seenName = new Map<string, number>();
  const seenId = new Map<string, number>();
  const claimed = new Set<string>();

  const items = read.contacts.map((incoming): PlanItem => {
    const { draft } = incoming;
    const earlier = (incoming.sourceId ? seenId.get(incoming.sourceId) : undefined) ?? seenName.get(nameKey(draft));
    if (incoming.sourceId && !seenId.has(incoming.sourceId)) seenId.set(incoming.sourceId, incoming.line);
    if (!seenName.has(nameKey(draft))) seenName.set(nameKey(draft), incoming.line);
    if (earlier !== undefined) {
      return { kind: 'duplicate', incoming, existing: null, matchedBy: null, duplicateOfLine: earlier, patch: {}, changedFields: [] };
    }
    const match = findMatch(incoming, byId, byName, byChannel, claimed);
    if (!match) return { kind: 'new', incoming, existing: null, matchedBy: null, duplicateOfLine: null, patch: draft, changedFields: [] };
    claimed.add(match.contact.id);
    const patch = patchFor(match.contact, incoming);
    const changedFields = Object.keys(patch) as (keyof ContactDraft)[];
    return {
      kind: changedFields.length ? 'changed' : 'duplicate',
      incoming,
      existing: match.contact,
      matchedBy: match.rule,
      duplicateOfLine: null,
      patch,
      changedFields,
    };
  });
  const count = (k: PlanKind) => items.filter((i) => i.kind === k).length;
  return { items, invalid: read.invalid, refusal: null, counts: { new: count('new'), changed: count('changed'), duplicate: count('duplicate'), invalid: read.invalid.length } };
}

function findMatch(
  incoming: IncomingContact,
  byId: ReadonlyMap<string, Contact>,
  byName: ReadonlyMap<string, Contact[]>,
  byChannel: ReadonlyMap<string, Contact[]>,
  claimed: ReadonlySet<string>,
): { contact: Contact; rule: MatchRule } | null {
  const free = (c: Contact | undefined) => (c && !claimed.has(c.id) ? c : undefined);
  const byOwnId = incoming.sourceId ? free(byId.get(incoming.sourceId)) : undefined;
  if (byOwnId) return { contact: byOwnId, rule: 'id' };
  const byOwnName = byName.get(nameKey(incoming.draft))?.find((c) => !claimed.has(c.id));
  if (byOwnName) return { contact: byOwnName, rule: 'name' };
  for (const key of incoming.draft.channels.map(channelKey)) {
    const hit = key ? byChannel.get(key)?.find((c) => !claimed.has(c.id)) : undefined;
    if (hit) return { contact: hit, rule: 'channel' };
  }
  return null;
}

function indexBy(contacts: readonly Contact[], keys: (c: Contact) => string[]): Map<string, Contact[]> {
  const index = new Map<string, Contact[]>();
  for (const c of contacts) for (const k of keys(c)) index.set(k, [...(index.get(k) ?? []), c]);
  return index;
}

/** Text compared without case, accents (é = e, ĳ = ij) or extra spaces. */
export function looseText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function nameKey(c: Pick<ContactDraft, 'name' | 'organisation'>): string {
  return `${looseText(c.name)}\u0000${looseText(c.organisation)}`;
}

/** Telephones by their digits (00 as +), e-mail addresses without case; other channels do not identify. */
export function channelKey(c: Pick<Channel, 'type' | 'value'>): string | null {
  if (c.type === 'email' || c.type === 'secure-email') return `mail:${c.value.trim().toLowerCase()}`;
  if (['landline', 'mobile', 'satellite-phone', 'secure-phone', 'fax'].includes(c.type)) {
    const v = c.value.trim().replace(/^tel:/i, '').replace(/^00/, '+');
    const digits = v.replace(/[^0-9]/g, '');
    return digits.length >= 6 ? `tel:${v.startsWith('+') ? '+' : ''}${digits}` : null;
  }
  return null;
}

/**
 * What importing `incoming` over `existing` changes. A workbook export (complete) replaces every
 * field; an address book's card fills in what it knows: organisation and position when given,
 * notes it adds, and channels not yet listed, appended after the existing fallback order.
 */
export function patchFor(existing: Contact, incoming: IncomingContact): Partial<ContactDraft> {
  const before = draftOf(existing);
  const after: ContactDraft = incoming.complete ? incoming.draft : mergeForeign(before, incoming.draft);
  const patch: Partial<Record<keyof ContactDraft, unknown>> = {};
  for (const key of Object.keys(after) as (keyof ContactDraft)[]) {
    if (!sameValue(before[key], after[key])) patch[key] = after[key];
  }
  return patch as Partial<ContactDraft>;
}

function mergeForeign(before: ContactDraft, incoming: ContactDraft): ContactDraft {
  const known = new Set(before.channels.map((c) => `${c.type}\u0000${channelKey(c) ?? looseText(c.value)}`));
  const added = incoming.channels.filter((c) => !known.has(`${c.type}\u0000${channelKey(c) ?? looseText(c.value)}`));
  const notes = incoming.notes && !before.notes.includes(incoming.notes) ? [before.notes, incoming.notes].filter(Boolean).join('\n\n') : before.notes;
  return {
    ...before,
    organisation: incoming.organisation || before.organisation,
    position: incoming.position || before.position,
    notes: notes.slice(0, 5_000),
    channels: [...before.channels, ...added].slice(0, 20),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
