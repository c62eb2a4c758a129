/**
 * Text handling of the global search, the same on both sides of the index: folding (case and
 * diacritics), splitting into terms, and the terms a query asks for. Pure, so that the index built
 * in a worker and the highlighting on the page agree on what a "word" is.
 *
 * Terms: runs of letters and digits. Indicators that people copy whole — IP addresses, domains,
 * e-mail addresses, CVE numbers, times — are also kept as one compound term ("192.0.2.17",
 * "cve-2026-1234", "j.jansen@ncsc.nl") beside their parts, so that a pasted indicator finds its
 * entries and a part of it ("ncsc") does too.
 */

/** Raise when folding, splitting or stop words change: a persisted index made otherwise is rebuilt. */
export const TEXT_VERSION = 1;

/** Letters that NFKD leaves whole but readers treat as their base letters. */
const SPECIAL_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_FOLDS).join('')}]`, 'gu');
const MARKS = /\p{M}/gu;
const ASCII = /^[\x00-\x7f]*$/;

function foldOnce(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (c) => SPECIAL_FOLDS[c] ?? c);
}

/**
 * Case and diacritics folded: "Crisiscoördinatie" → "crisiscoordinatie", "Straße" → "strasse".
 * Idempotent: a few characters only reach their final form on a second pass (a lower-case letter
 * that decomposes again), so it folds until nothing changes.
 */
export function foldText(text: string): string {
  // Most text is plain ASCII (log entries full of indicators): lower case is all it needs.
  if (ASCII.test(text)) return text.toLowerCase();
  let current = foldOnce(text);
  for (let pass = 0; pass < 3; pass++) {
    const next = foldOnce(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * Words that say nothing on their own, in English and Dutch. Left out of the index and of queries:
 * they would match nearly every log entry and make each search walk the whole index.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'has', 'have', 'in', 'is', 'it', 'its',
  'of', 'on', 'or', 'that', 'the', 'this', 'to', 'was', 'were', 'will', 'with',
  // Dutch
  'de', 'het', 'een', 'en', 'van', 'op', 'te', 'dat', 'die', 'met', 'voor', 'aan', 'als', 'bij', 'door',
  'er', 'maar', 'naar', 'om', 'ook', 'tot', 'uit', 'zijn', 'wordt', 'worden', 'werd',
]);

/** Longer runs are data blobs (keys, encoded payloads), not words anyone types. */
export const MAX_TERM_LENGTH = 64;
/** One-character terms (initials, list numbers) match too much to be worth indexing. */
export const MIN_TERM_LENGTH = 2;

/** A compound: words joined by . - _ @ : / + without spaces (an IP, a domain, an address, a time). */
const COMPOUND = /[\p{L}\p{N}]+(?:[._@:/+-][\p{L}\p{N}]+)*/gu;
const PART = /[\p{L}\p{N}]+/gu;

function keep(term: string): boolean {
  return term.length >= MIN_TERM_LENGTH && term.length <= MAX_TERM_LENGTH && !STOP_WORDS.has(term);
}

/** A unit of a query: a plain word, or a compound with its parts. */
export interface QueryUnit {
  readonly term: string;
  /** The parts of a compound (empty for a plain word). */
  readonly parts: readonly string[];
}

/**
 * The terms a text is indexed under: every word, and every compound whole. Repeats stay (the
 * index counts them); order follows the text.
 */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of foldText(text).matchAll(COMPOUND)) {
    const compound = match[0];
    const parts = compound.match(PART) ?? [];
    if (parts.length > 1 && compound.length <= MAX_TERM_LENGTH) terms.push(compound);
    for (const part of parts) if (keep(part)) terms.push(part);
  }
  return terms;
}

/** What a query asks for: its units in order, stop words and single letters left out. */
export function queryUnits(query: string): QueryUnit[] {
  const units: QueryUnit[] = [];
  for (const match of foldText(query).matchAll(COMPOUND)) {
    const compound = match[0];
    const parts = (compound.match(PART) ?? []).filter(keep);
    const whole = compound.match(PART)?.length ?? 0;
    if (whole > 1 && compound.length <= MAX_TERM_LENGTH) units.push({ term: compound, parts });
    else if (parts[0] !== undefined) units.push({ term: parts[0], parts: [] });
  }
  return units;
}

/**
 * How far a query term may be from an indexed one and still match (edits, Levenshtein): none for
 * short terms (too many neighbours), one from 4 letters, two from 7 (about a fifth of the word,
 * but a swapped pair of letters — two edits — is the commonest typo in longer words).
 */
export function typoAllowance(term: string): number {
  if (term.length < 4) return 0;
  return term.length < 7 ? 1 : 2;
}

/** Whether the user is still typing the last word (no space after it): it is then a prefix. */
export function endsInWord(query: string): boolean {
  return /[\p{L}\p{N}]$/u.test(query);
}

/** A piece of shown text, marked when it is (part of) a matched word. */
export interface TextSegment {
  readonly text: string;
  readonly match: boolean;
}

/**
 * Cut text into segments with the words that matched marked. `terms` are folded index terms (as
 * the index reports them); a compound is marked whole when it matched whole, else its parts are.
 */
export function highlightSegments(text: string, terms: ReadonlySet<string>): TextSegment[] {
  const segments: TextSegment[] = [];
  let plainFrom = 0;
  const mark = (from: number, to: number) => {
    if (from > plainFrom) segments.push({ text: text.slice(plainFrom, from), match: false });
    segments.push({ text: text.slice(from, to), match: true });
    plainFrom = to;
  };
  if (terms.size > 0) {
    // Matched on the original text (each run folded alone), so that positions stay those of the text shown.
    for (const compound of text.matchAll(/[\p{L}\p{N}\p{M}]+(?:[._@:/+-][\p{L}\p{N}\p{M}]+)*/gu)) {
      const start = compound.index;
      if (terms.has(foldText(compound[0]))) {
        mark(start, start + compound[0].length);
        continue;
      }
      for (const part of compound[0].matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
        if (terms.has(foldText(part[0]))) mark(start + part.index, start + part.index + part[0].length);
      }
    }
  }
  if (plainFrom < text.length) segments.push({ text: text.slice(plainFrom), match: false });
  return segments;
}

/**
 * A passage of a long text around its first matched word, cut at word boundaries, with "…" where
 * it was cut. Short texts come back whole.
 */
export function excerptAround(text: string, terms: ReadonlySet<string>, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const segments = highlightSegments(flat, terms);
  const first = segments.findIndex((s) => s.match);
  let offset = 0;
  if (first > 0) {
    const before = segments.slice(0, first).reduce((n, s) => n + s.text.length, 0);
    // Show a little of what precedes the match: a third of the passage.
    offset = Math.max(0, before - Math.floor(maxLength / 3));
  }
  let start = offset;
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < offset + 20 ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + maxLength);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + maxLength / 2) end = space;
  }
  return `${start > 0 ? '… ' : ''}${flat.slice(start, end)}${end < flat.length ? ' …' : ''}`;
}
