/**
 * The search's text handling (issue 10): folding that ignores case and diacritics (idempotent,
 * for any text), terms with compounds kept whole beside their parts, stop words left out, the
 * typo allowance by length, and highlighting and excerpts that keep the text shown intact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endsInWord,
  excerptAround,
  foldText,
  highlightSegments,
  indexTerms,
  MAX_TERM_LENGTH,
  queryUnits,
  typoAllowance,
} from '../../../../shared/search/text';

/** Letters with and without marks, from the languages of the member states. */
const ACCENTED = 'áàâäãåāăąçćčďéèêëēėęěğíìîïīįıłľĺñńňóòôöõőøœŕřśšşßťţúùûüūůűųýÿžźżÆØÅÉÈÖÜÇĐÞ';
const accentedText = fc.string({ unit: fc.constantFrom(...[...ACCENTED, ...'abcdefghijklmnopqrstuvwxyz ', ...'.-@:/0123456789']) });

describe('foldText', () => {
  it('folds case and diacritics the way Dutch and European names need', () => {
    expect(foldText('Crisiscoördinatie')).toBe('crisiscoordinatie');
    expect(foldText('Naïve CAFÉ')).toBe('naive cafe');
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText('Łódź')).toBe('lodz');
    expect(foldText('Søren Ærø')).toBe('soren aero');
    expect(foldText('ĲSSEL')).toBe('ijssel');
    expect(foldText('ﬁle')).toBe('file');
  });

  it('is idempotent for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => foldText(foldText(text)) === foldText(text)), { numRuns: 2_000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => foldText(foldText(text)) === foldText(text)), { numRuns: 2_000 });
  });

  it('does not see diacritics or case: a text with marks folds like the same text without them', () => {
    fc.assert(
      fc.property(accentedText, (text) => {
        const stripped = text.normalize('NFKD').replace(/\p{M}/gu, '');
        expect(foldText(text)).toBe(foldText(stripped));
        expect(foldText(text)).toBe(foldText(text.toUpperCase()));
      }),
      { numRuns: 1_000 },
    );
  });

  it('leaves no combining marks and no upper case behind', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const folded = foldText(text);
        expect(folded).not.toMatch(/\p{M}/u);
        expect(folded).toBe(folded.toLowerCase());
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('indexTerms', () => {
  it('splits words, folds them and leaves stop words and single letters out', () => {
    expect(indexTerms('De storing is bij het Rijksnetwerk van de NCSC')).toEqual(['storing', 'rijksnetwerk', 'ncsc']);
    expect(indexTerms('The outage at a Ministry')).toEqual(['outage', 'ministry']);
  });

  it('keeps indicators whole beside their parts', () => {
    expect(indexTerms('C2 at 192.0.2.17 (CVE-2026-1234)')).toEqual(['c2', '192.0.2.17', '192', '17', 'cve-2026-1234', 'cve', '2026', '1234']);
    expect(indexTerms('Mail j.jansen@ncsc.nl')).toEqual(['mail', 'j.jansen@ncsc.nl', 'jansen', 'ncsc', 'nl']);
  });

  it('never gives a term longer than the maximum', () => {
    fc.assert(fc.property(fc.string(), (text) => indexTerms(text).every((t) => t.length <= MAX_TERM_LENGTH && t.length >= 2)));
  });

  it('gives the same terms for a text with or without diacritics', () => {
    fc.assert(
      fc.property(accentedText, (text) => {
        expect(indexTerms(text)).toEqual(indexTerms(text.normalize('NFKD').replace(/\p{M}/gu, '')));
      }),
    );
  });
});

describe('queryUnits', () => {
  it('asks for words, compounds with their parts, without stop words', () => {
    expect(queryUnits('de Storing op 192.0.2')).toEqual([
      { term: 'storing', parts: [] },
      { term: '192.0.2', parts: ['192'] },
    ]);
    expect(queryUnits('  ')).toEqual([]);
    expect(queryUnits('a')).toEqual([]);
  });

  it('every unit of a query is a term the same text would be indexed under', () => {
    fc.assert(
      fc.property(accentedText, (text) => {
        const indexed = new Set(indexTerms(text));
        for (const unit of queryUnits(text)) expect(indexed.has(unit.term)).toBe(true);
      }),
    );
  });
});

describe('typoAllowance and typing', () => {
  it('allows no typo in short words, one from 4 letters, two from 7', () => {
    expect(typoAllowance('cve')).toBe(0);
    expect(typoAllowance('ncsc')).toBe(1);
    expect(typoAllowance('storing')).toBe(2);
  });

  it('tells whether the last word is still being typed', () => {
    expect(endsInWord('storing')).toBe(true);
    expect(endsInWord('storing ')).toBe(false);
    expect(endsInWord('192.0.')).toBe(false);
  });
});

describe('highlightSegments', () => {
  it('marks matched words in the text as shown, whatever their case and accents', () => {
    const segments = highlightSegments('Crisiscoördinatie met NCSC-NL gestart', new Set(['crisiscoordinatie', 'ncsc']));
    expect(segments).toEqual([
      { text: 'Crisiscoördinatie', match: true },
      { text: ' met ', match: false },
      { text: 'NCSC', match: true },
      { text: '-NL gestart', match: false },
    ]);
  });

  it('marks a compound whole when it matched whole', () => {
    expect(highlightSegments('C2 192.0.2.17 seen', new Set(['192.0.2.17'])).filter((s) => s.match)).toEqual([{ text: '192.0.2.17', match: true }]);
  });

  it('always gives back the text exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.string({ minLength: 2, maxLength: 6 })), (text, terms) => {
        const segments = highlightSegments(text, new Set([...terms.map(foldText), ...indexTerms(text).slice(0, 2)]));
        expect(segments.map((s) => s.text).join('')).toBe(text);
      }),
    );
  });
});

describe('excerptAround', () => {
  const long = `${'Voorafgaande tekst zonder belang. '.repeat(10)}Het rijksnetwerk valt uit in Den Haag. ${'Daarna nog meer tekst. '.repeat(10)}`;

  it('shows a short text whole', () => {
    expect(excerptAround('Kort  bericht\nover iets', new Set(), 160)).toBe('Kort bericht over iets');
  });

  it('shows the passage around the first match, cut at words', () => {
    const excerpt = excerptAround(long, new Set(['rijksnetwerk']), 120);
    expect(excerpt).toContain('rijksnetwerk valt uit');
    expect(excerpt.startsWith('… ')).toBe(true);
    expect(excerpt.endsWith(' …')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(124);
  });

  it('starts at the beginning when nothing matched', () => {
    expect(excerptAround(long, new Set(['nothing']), 80).startsWith('Voorafgaande')).toBe(true);
  });
});
