/**
 * The full-text index of one workspace. Its term dictionary is MiniSearch's radix tree
 * (`minisearch/SearchableMap`: Levenshtein-bounded fuzzy lookup and prefix lookup over every
 * indexed term); each term's postings are kept compact, as one flat array of (document, weighted
 * term frequency) pairs, and ranked with BM25.
 *
 * Why not MiniSearch's own document index: at the benchmark's size (122,000 documents, a common
 * word in half the log entries) it builds a result object per matching document and sorts them
 * all, 100–600 ms a query, and its serialised form (millions of small objects) took longer to load
 * than to rebuild. Here a query scores matching documents in typed arrays and keeps only the best
 * few per kind; the persisted form is a handful of flat arrays (see `snapshot`).
 *
 * It holds terms and document numbers only — never the texts, which are read from the database
 * for the few results shown — plus, per record, the documents it gave and the clock stamp of the
 * version indexed, so that a changed record replaces its documents.
 *
 * Queries: every word must match (AND); a word from 4 letters may have a typo (`typoAllowance`);
 * the word being typed is a prefix; a pasted indicator (IP address, domain) matches whole.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { CorrectionState } from '../../../shared/logbook/corrections';
import { FIELD_BOOSTS, SEARCH_KINDS, type SearchDocument, type SearchKind } from '../../../shared/search/documents';
import { endsInWord, indexTerms, queryUnits, typoAllowance } from '../../../shared/search/text';

/** Prefix matching starts at two letters: one letter would expand to a large part of the index. */
const MIN_PREFIX_LENGTH = 2;
/** At most this many dictionary terms stand in for one query word (prefixes of two letters have thousands). */
const MAX_EXPANSIONS = 48;
/** How much a prefix or a fuzzy match counts against an exact one (as MiniSearch weighs them). */
const PREFIX_WEIGHT = 0.6;
const FUZZY_WEIGHT = 0.45;
/** BM25 parameters (the usual values). */
const K1 = 1.2;
const B = 0.7;
/** Term frequencies are stored as integers: field boosts ×10 (title 30, body 10, extra 7). */
const TF_SCALE = 10;
const FIELD_WEIGHTS: readonly (readonly ['title' | 'body' | 'extra', number])[] = (['title', 'body', 'extra'] as const).map((f) => [f, Math.round(FIELD_BOOSTS[f] * TF_SCALE)]);
const KIND_NUMBER: Readonly<Record<SearchKind, number>> = Object.fromEntries(SEARCH_KINDS.map((k, i) => [k, i])) as Record<SearchKind, number>;
const DEAD = -1;

/** What the index keeps per record (`<table>:<id>`): the version indexed and its documents. */
export interface IndexedRecord {
  readonly hlc: string;
  readonly documents: readonly string[];
}

/** The persisted form: flat arrays (typed where they can be), quick to store, clone and load. */
export interface EngineSnapshot {
  readonly format: 'postings-1';
  /** Document number → id ('' for a document removed since). */
  readonly docIds: readonly string[];
  /** Document number → kind number (-1: removed). */
  readonly docKinds: Int8Array;
  readonly docLengths: Float32Array;
  readonly terms: readonly string[];
  /** Term i's postings are postings[offsets[i] … offsets[i+1]), pairs of (document, tf). */
  readonly offsets: Uint32Array;
  readonly postings: Int32Array;
  readonly recordKeys: readonly string[];
  readonly recordHlcs: readonly string[];
  /** Each record's document ids, joined by '\n'. */
  readonly recordDocuments: readonly string[];
  readonly corrections: readonly (readonly [string, CorrectionState])[];
}

export interface EngineHit {
  readonly id: string;
  readonly kind: SearchKind;
  readonly score: number;
  /** The index terms that matched (folded), for marking them in the text shown. */
  readonly terms: readonly string[];
}

export interface EngineResults {
  /** Per kind, best first, at most the limit asked for. */
  readonly hits: Readonly<Record<SearchKind, readonly EngineHit[]>>;
  readonly totals: Readonly<Record<SearchKind, number>>;
  /** Every index term that matched in the hits shown. */
  readonly terms: readonly string[];
}

/** A term's postings: document numbers ascending, each followed by its weighted term frequency. */
type Postings = number[];

interface Expansion {
  readonly term: string;
  readonly postings: Postings;
  readonly weight: number;
}

const emptyByKind = <T>(make: () => T): Record<SearchKind, T> => Object.fromEntries(SEARCH_KINDS.map((k) => [k, make()])) as Record<SearchKind, T>;

/** Whether a document is in a term's postings (binary search over the pairs). */
function holds(postings: Postings, doc: number): boolean {
  let low = 0;
  let high = postings.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = postings[mid * 2]!;
    if (at === doc) return true;
    if (at < doc) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

export class SearchEngine {
  private readonly docIds: string[] = [];
  private readonly docKinds: number[] = [];
  private readonly docLengths: number[] = [];
  private readonly docNumbers = new Map<string, number>();
  private readonly postings = new Map<string, Postings>();
  private readonly dictionary = new SearchableMap<Postings>();
  private readonly records = new Map<string, IndexedRecord>();
  /** Log entries corrected or withdrawn by a later entry (a withdrawal outweighs corrections). */
  private readonly corrections = new Map<string, CorrectionState>();
  private liveDocuments = 0;
  private totalLength = 0;

  static empty(): SearchEngine {
    return new SearchEngine();
  }

  /** Take up a persisted snapshot; throws when it does not hold together (the caller rebuilds). */
  static restore(snapshot: EngineSnapshot): SearchEngine {
    const engine = new SearchEngine();
    const { docIds, docKinds, docLengths, terms, offsets, postings } = snapshot;
    const documents = docIds.length;
    if (docKinds.length !== documents || docLengths.length !== documents || offsets.length !== terms.length + 1 || offsets[terms.length] !== postings.length) {
      throw new Error('search snapshot: arrays of different lengths');
    }
    for (let n = 0; n < documents; n++) {
      const kind = docKinds[n]!;
      engine.docIds.push(docIds[n]!);
      engine.docKinds.push(kind);
      engine.docLengths.push(docLengths[n]!);
      if (kind !== DEAD) {
        engine.docNumbers.set(docIds[n]!, n);
        engine.liveDocuments += 1;
        engine.totalLength += docLengths[n]!;
      }
    }
    for (let i = 0; i < terms.length; i++) {
      const from = offsets[i]!;
      const to = offsets[i + 1]!;
      const list: Postings = new Array<number>(to - from);
      for (let k = from; k < to; k++) list[k - from] = postings[k]!;
      for (let k = 0; k < list.length; k += 2) if (list[k]! >= documents) throw new Error('search snapshot: posting past the last document');
      engine.postings.set(terms[i]!, list);
      engine.dictionary.set(terms[i]!, list);
    }
    snapshot.recordKeys.forEach((key, i) => {
      const joined = snapshot.recordDocuments[i] ?? '';
      engine.records.set(key, { hlc: snapshot.recordHlcs[i] ?? '', documents: joined === '' ? [] : joined.split('\n') });
    });
    for (const [entryId, state] of snapshot.corrections) engine.corrections.set(entryId, state);
    return engine;
  }

  snapshot(): EngineSnapshot {
    const terms = [...this.postings.keys()];
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    terms.forEach((term, i) => {
      offsets[i] = total;
      total += this.postings.get(term)!.length;
    });
    offsets[terms.length] = total;
    const postings = new Int32Array(total);
    terms.forEach((term, i) => postings.set(this.postings.get(term)!, offsets[i]));
    const records = [...this.records];
    return {
      format: 'postings-1',
      docIds: [...this.docIds],
      docKinds: Int8Array.from(this.docKinds),
      docLengths: Float32Array.from(this.docLengths),
      terms,
      offsets,
      postings,
      recordKeys: records.map(([key]) => key),
      recordHlcs: records.map(([, r]) => r.hlc),
      recordDocuments: records.map(([, r]) => r.documents.join('\n')),
      corrections: [...this.corrections],
    };
  }

  get documentCount(): number {
    return this.liveDocuments;
  }

  get recordCount(): number {
    return this.records.size;
  }

  /** The share of document numbers that belong to removed documents (their postings linger). */
  get dirtRatio(): number {
    return this.docIds.length === 0 ? 0 : 1 - this.liveDocuments / this.docIds.length;
  }

  indexedVersion(recordKey: string): string | null {
    return this.records.get(recordKey)?.hlc ?? null;
  }

  /** Put a record's documents in place of those of its previous version (none: it is gone or deleted). */
  put(recordKey: string, hlc: string, documents: readonly SearchDocument[]): void {
    const before = this.records.get(recordKey);
    if (before) for (const id of before.documents) this.remove(id);
    if (documents.length === 0) {
      this.records.delete(recordKey);
      return;
    }
    for (const document of documents) this.add(document);
    this.records.set(recordKey, { hlc, documents: documents.map((d) => d.id) });
  }

  private add(document: SearchDocument): void {
    this.remove(document.id);
    const doc = this.docIds.length;
    const frequencies = new Map<string, number>();
    let length = 0;
    for (const [field, weight] of FIELD_WEIGHTS) {
      const text = document[field];
      if (!text) continue;
      for (const term of indexTerms(text)) {
        frequencies.set(term, (frequencies.get(term) ?? 0) + weight);
        length += weight;
      }
    }
    this.docIds.push(document.id);
    this.docKinds.push(KIND_NUMBER[document.kind]);
    this.docLengths.push(length / TF_SCALE);
    this.docNumbers.set(document.id, doc);
    this.liveDocuments += 1;
    this.totalLength += length / TF_SCALE;
    for (const [term, frequency] of frequencies) {
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
        this.dictionary.set(term, list);
      }
      list.push(doc, frequency);
    }
  }

  private remove(id: string): void {
    const doc = this.docNumbers.get(id);
    if (doc === undefined) return;
    this.docNumbers.delete(id);
    this.docKinds[doc] = DEAD;
    this.docIds[doc] = '';
    this.liveDocuments -= 1;
    this.totalLength -= this.docLengths[doc]!;
  }

  /** Note that a log entry was corrected or withdrawn by a later one. */
  markCorrected(entryId: string, mode: 'correction' | 'withdrawal'): void {
    if (this.corrections.get(entryId) === 'withdrawn') return;
    this.corrections.set(entryId, mode === 'withdrawal' ? 'withdrawn' : 'corrected');
  }

  correctionOf(entryId: string): CorrectionState {
    return this.corrections.get(entryId) ?? 'current';
  }

  /**
   * Per-document buffers for scoring, kept between queries (allocating them anew, 2 MB at the
   * benchmark's size, made the garbage collector pause searches); all zero between queries.
   */
  private scratch: { score: Float64Array; best: Float64Array; matched: Uint8Array } | null = null;

  private scratchBuffers() {
    const documents = this.docIds.length;
    if (!this.scratch || this.scratch.score.length < documents) {
      const size = Math.max(1_024, Math.ceil(documents * 1.25));
      this.scratch = { score: new Float64Array(size), best: new Float64Array(size), matched: new Uint8Array(size) };
    }
    return this.scratch;
  }

  /** The dictionary terms a query word stands for: itself, its completions while typed, its near misses. */
  private expand(term: string, prefix: boolean): Expansion[] {
    const found = new Map<string, Expansion>();
    const exact = this.postings.get(term);
    if (exact) found.set(term, { term, postings: exact, weight: 1 });
    if (prefix && term.length >= MIN_PREFIX_LENGTH) {
      const completions: Expansion[] = [];
      for (const [candidate, postings] of this.dictionary.atPrefix(term)) {
        if (candidate === term) continue;
        const distance = candidate.length - term.length;
        completions.push({ term: candidate, postings, weight: (PREFIX_WEIGHT * candidate.length) / (candidate.length + 0.3 * distance) });
        if (completions.length >= MAX_EXPANSIONS * 40) break;
      }
      // The closest completions first ("netw" → "network" before "networkmonitoring").
      completions.sort((a, b) => a.term.length - b.term.length || b.postings.length - a.postings.length);
      for (const completion of completions.slice(0, MAX_EXPANSIONS)) found.set(completion.term, completion);
    }
    const allowance = typoAllowance(term);
    if (allowance > 0) {
      const near = [...this.dictionary.fuzzyGet(term, allowance)]
        .filter(([candidate, [, distance]]) => distance > 0 && !found.has(candidate))
        .sort((a, b) => a[1][1] - b[1][1] || b[1][0].length - a[1][0].length)
        .slice(0, MAX_EXPANSIONS);
      for (const [candidate, [postings, distance]] of near) {
        found.set(candidate, { term: candidate, postings, weight: (FUZZY_WEIGHT * candidate.length) / (candidate.length + distance) });
      }
    }
    return [...found.values()];
  }

  /** The best hits per kind for what the user typed; `limits` caps each kind. */
  search(text: string, limits: Readonly<Record<SearchKind, number>>): EngineResults {
    const hits = emptyByKind<EngineHit[]>(() => []);
    const totals = emptyByKind(() => 0);
    const units = queryUnits(text);
    if (units.length === 0 || this.liveDocuments === 0) return { hits, totals, terms: [] };
    const typing = endsInWord(text);
    // Every word expanded; the cheapest first, so that later words only look at what is left.
    const expanded = units
      .map((unit, i) => this.expand(unit.term, typing && i === units.length - 1))
      .map((expansions) => ({ expansions, cost: expansions.reduce((n, e) => n + e.postings.length, 0) }))
      .sort((a, b) => a.cost - b.cost);
    if (expanded.some((u) => u.expansions.length === 0)) return { hits, totals, terms: [] };

    const average = this.totalLength / this.liveDocuments;
    const { score, best, matched } = this.scratchBuffers();
    let candidates: number[] = [];
    let firstTouched: number[] = [];
    expanded.forEach(({ expansions }, u) => {
      const touched: number[] = [];
      for (const { postings, weight } of expansions) {
        const count = postings.length / 2;
        const idf = Math.log(1 + (this.liveDocuments - count + 0.5) / (count + 0.5));
        for (let k = 0; k < postings.length; k += 2) {
          const doc = postings[k]!;
          if (matched[doc] !== u || this.docKinds[doc] === DEAD) continue;
          const tf = postings[k + 1]! / TF_SCALE;
          const s = (weight * idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.docLengths[doc]!) / average));
          if (best[doc] === 0) touched.push(doc);
          if (s > best[doc]!) best[doc] = s;
        }
      }
      for (const doc of touched) {
        score[doc] = score[doc]! + best[doc]!;
        best[doc] = 0;
        matched[doc] = u + 1;
      }
      if (u === 0) firstTouched = touched;
      candidates = touched;
    });

    // The best few per kind, kept sorted as they come (the limits are small).
    const kept = emptyByKind<{ doc: number; score: number }[]>(() => []);
    for (const doc of candidates) {
      const kind = SEARCH_KINDS[this.docKinds[doc]!]!;
      totals[kind] += 1;
      const list = kept[kind];
      const limit = limits[kind];
      const s = score[doc]!;
      if (list.length >= limit && s <= list[list.length - 1]!.score) continue;
      let at = list.length;
      while (at > 0 && list[at - 1]!.score < s) at--;
      list.splice(at, 0, { doc, score: s });
      if (list.length > limit) list.pop();
    }

    // Every document scored matched the first word: clearing those clears the buffers for the next query.
    for (const doc of firstTouched) {
      score[doc] = 0;
      matched[doc] = 0;
    }

    const matchedTerms = new Set<string>();
    for (const kind of SEARCH_KINDS) {
      for (const { doc, score: s } of kept[kind]) {
        const terms = expanded.flatMap(({ expansions }) => expansions.filter((e) => holds(e.postings, doc)).map((e) => e.term));
        for (const term of terms) matchedTerms.add(term);
        const id = this.docIds[doc]!;
        hits[kind].push({ id, kind, score: s, terms });
      }
    }
    return { hits, totals, terms: [...matchedTerms] };
  }
}
