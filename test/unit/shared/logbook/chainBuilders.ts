/**
 * Builders for chained log entries: whole chains written with `nextLink`, as an installation
 * writes them, and small helpers to tamper with them the ways the tests need.
 */
import { nextLink, type ChainedEntry, type ChainLink } from '../../../../shared/logbook/chain';

export const INCIDENT = '01JBZ0000000000000INCIDENT';
export const ORIGINS = ['01JBZ00000000000000000000A', '01JBZ00000000000000000000B', '01JBZ00000000000000000000C'] as const;

/** A log entry with the fields the logbook model will carry, plus replication fields the chain ignores. */
export interface TestEntry extends ChainedEntry {
  readonly workspace: string;
  readonly kind: string;
  readonly text: string;
  readonly occurredAt: string;
  readonly author: string;
  readonly tlp: string;
  readonly links: readonly string[];
  readonly updatedAt: string;
  readonly hlc: string;
  readonly deleted: boolean;
  readonly chain: ChainLink;
}

const T0 = Date.parse('2026-03-29T08:00:00.000Z');
const MINUTE = 60_000;

/** Entry ids sort in writing order and name their chain: `<origin letter><seq padded>`. */
export function entryId(origin: string, seq: number): string {
  return `01JC${origin.slice(-1)}${String(seq).padStart(21, '0')}`;
}

/** A chain of `length` entries from one origin, one minute apart (origins offset by seconds). */
export function buildChain(origin: string, length: number, incidentId: string = INCIDENT): TestEntry[] {
  const entries: TestEntry[] = [];
  const offset = ORIGINS.indexOf(origin as (typeof ORIGINS)[number]) * 1_000;
  for (let seq = 1; seq <= length; seq++) {
    const at = new Date(T0 + seq * MINUTE + offset).toISOString();
    const entry: TestEntry = {
      id: entryId(origin, seq),
      workspace: 'exercise',
      origin,
      incidentId,
      kind: seq % 3 === 0 ? 'decision' : 'observation',
      text: `Entry ${seq} of ${origin.slice(-1)}: outage of the national DNS resolver, sector energy`,
      occurredAt: at,
      author: 'J. Jansen, NCSC-NL',
      tlp: 'AMBER',
      links: seq % 2 === 0 ? ['contact:01JBZ0000000000000CONTACT1'] : [],
      createdAt: at,
      updatedAt: at,
      hlc: `${at}-0000-${origin}`,
      deleted: false,
      chain: nextLink(entries[entries.length - 1] ?? null),
    };
    entries.push(entry);
  }
  return entries;
}

/** Intact chains of the given lengths for the test origins A, B, C. */
export function buildIncident(lengths: readonly number[] = [6, 5, 4]): TestEntry[] {
  return lengths.flatMap((length, i) => buildChain(ORIGINS[i] ?? ORIGINS[0], length));
}

/** The entry of `origin` at `seq`; throws if absent (a test bug). */
export function at(entries: readonly TestEntry[], origin: string, seq: number): TestEntry {
  const found = entries.find((e) => e.origin === origin && e.chain.seq === seq);
  if (found === undefined) throw new Error(`no entry ${origin} #${seq}`);
  return found;
}

/** `entries` with the entry of `origin` at `seq` replaced by `change(entry)`. */
export function replaceAt(entries: readonly TestEntry[], origin: string, seq: number, change: (e: TestEntry) => TestEntry): TestEntry[] {
  const target = at(entries, origin, seq);
  return entries.map((e) => (e === target ? change(e) : e));
}

/** The text with one character changed. */
export function flipChar(text: string, index = 0): string {
  const c = text.charCodeAt(index);
  return text.slice(0, index) + String.fromCharCode(c === 0x41 ? 0x42 : 0x41) + text.slice(index + 1);
}
