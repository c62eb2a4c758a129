/**
 * The queries the `search` measurement types into the app's global search (issue 10's command
 * palette): words and names taken from the dataset, as people type them in a crisis room. From
 * the seed, so every run and every machine types the same ones:
 *
 *  - a contact's name, or its family name alone;
 *  - a word of a log entry (indicator, organisation, term), of an incident's title or of a
 *    procedure's title;
 *  - some with a typo (two neighbouring letters swapped, or one left out);
 *  - names with diacritics typed without them ("Dvorak" for "Dvořák").
 */
import type { Dataset } from './dataset';
import { mulberry32 } from './prng';

export const SEARCH_QUERIES = 100;

export interface SearchQuery {
  readonly text: string;
  /** Where it came from: `contact`, `log`, `incident`, `procedure`; with `+typo` / `+plain` when altered. */
  readonly source: string;
}

const stripDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '');

function words(text: string): string[] {
  return text
    .split(/[\s,;:()]+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word.length >= 4 && !/^[\d:.%/]+$/.test(word));
}

export function makeSearchQueries(dataset: Dataset, count: number): SearchQuery[] {
  const random = mulberry32(dataset.spec.seed ^ 0x5ea2c4);
  const typo = (word: string): string => {
    if (word.length < 6) return word;
    const at = random.int(1, word.length - 3);
    return random.chance(0.5) ? word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2) : word.slice(0, at) + word.slice(at + 1);
  };
  const queries: SearchQuery[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; queries.length < count && attempt < count * 100; attempt += 1) {
    const kind = attempt % 5;
    let text = '';
    let source = '';
    if (kind === 0 && dataset.contacts.length > 0) {
      const name = random.pick(dataset.contacts).name;
      const family = name.split(' ').slice(1).join(' ');
      text = random.chance(0.5) && family.length >= 4 ? family : name;
      source = 'contact';
      if (stripDiacritics(text) !== text && random.chance(0.7)) {
        text = stripDiacritics(text);
        source += '+plain';
      }
    } else if (kind === 3 && dataset.procedures.length > 0) {
      text = random.pick(words(random.pick(dataset.procedures).title.en));
      source = 'procedure';
    } else if (kind === 4 && dataset.incidents.length > 0) {
      text = random.pick(words(random.pick(dataset.incidents).title));
      source = 'incident';
    } else if (dataset.logEntries.length > 0) {
      const candidates = words(random.pick(dataset.logEntries).text);
      if (candidates.length === 0) continue;
      text = random.pick(candidates);
      source = 'log';
    }
    if (text === '') continue;
    if (queries.length % 7 === 6) {
      const altered = typo(text);
      if (altered !== text) {
        text = altered;
        source += '+typo';
      }
    }
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    queries.push({ text, source });
  }
  return queries;
}
