/**
 * Timeline order and filters (issue 4): oldest first, every criterion combined, free text that
 * ignores case and diacritics in the languages of the member states (Dutch, Greek, Polish, and
 * letters decomposition alone does not reach), and an empty filter that changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareTimeline,
  EMPTY_TIMELINE_FILTER,
  filterTimeline,
  foldForSearch,
  indexTimeline,
  isFilterActive,
  prepareSearch,
  sortTimeline,
  timelineAuthors,
  type TimelineEntryFields,
  type TimelineFilter,
} from '../../../../shared/logbook/timelineFilter';
import { LOG_ENTRY_KINDS } from '../../../../shared/model/records';
import { TLP_LABELS } from '../../../../shared/model/tlp';

const T0 = Date.parse('2026-03-29T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
let serial = 0;

function entry(fields: Partial<TimelineEntryFields> & { minute?: number } = {}): TimelineEntryFields {
  const { minute = 0, ...rest } = fields;
  serial += 1;
  return {
    id: `01JC${String(serial).padStart(22, '0')}`,
    kind: 'observation',
    tlp: 'AMBER',
    author: 'J. Jansen, NCSC-NL',
    text: 'Port terminal unreachable.',
    occurredAt: at(minute),
    createdAt: at(minute + 1),
    corrects: null,
    retrospective: null,
    attachments: [],
    classified: null,
    ...rest,
  };
}

const filter = (criteria: Partial<TimelineFilter>): TimelineFilter => ({ ...EMPTY_TIMELINE_FILTER, ...criteria });
const texts = (entries: readonly TimelineEntryFields[]) => entries.map((e) => e.text);

describe('foldForSearch', () => {
  // legend: as written → as matched
  const cases: Array<[string, string]> = [
    ['Geïnformeerd over de coördinatie', 'geinformeerd over de coordinatie'],
    ['Één ĳzeren regel', 'een ijzeren regel'],
    ['Łódź, Gdańsk, Świnoujście, żółć', 'lodz, gdansk, swinoujscie, zolc'],
    ['ΑΘΉΝΑ Πειραιάς', 'αθηνα πειραιασ'],
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
    ['Straße, Øresund, Æbeltoft, Đakovo', 'strasse, oresund, aebeltoft, dakovo'],
    ['İstanbul', 'istanbul'],
    ['ﬁle', 'file'],
  ];
  for (const [written, folded] of cases) {
    it(`${written} → ${folded}`, () => {
      expect(foldForSearch(written)).toBe(folded);
    });
  }
});

describe('sortTimeline', () => {
  it('orders by when it happened, then when it was recorded, then id', () => {
    const late = entry({ minute: 30, text: 'late' });
    const earlyRecordedLater = entry({ minute: 0, createdAt: at(20), text: 'early, recorded later' });
    const earlyRecordedFirst = entry({ minute: 0, createdAt: at(5), text: 'early, recorded first' });
    const sameTimesFirstId = { ...entry({ minute: 10, text: 'same times, lower id' }), id: '01JC0000000000000000000000' };
    const sameTimesSecondId = { ...entry({ minute: 10, text: 'same times, higher id' }), id: '01JCZZZZZZZZZZZZZZZZZZZZZZ' };
    const sorted = sortTimeline([late, sameTimesSecondId, earlyRecordedLater, sameTimesFirstId, earlyRecordedFirst]);
    expect(texts(sorted)).toEqual(['early, recorded first', 'early, recorded later', 'same times, lower id', 'same times, higher id', 'late']);
  });

  it('returns the same array when it is already in order (the database delivers it so)', () => {
    const entries = [entry({ minute: 1 }), entry({ minute: 2 }), entry({ minute: 3 })];
    expect(sortTimeline(entries)).toBe(entries);
  });

  it('sorts any permutation into the same order (property)', () => {
    const base = Array.from({ length: 12 }, (_, i) => entry({ minute: i % 4, createdAt: at(10 - (i % 3)) }));
    const expected = [...base].sort(compareTimeline).map((e) => e.id);
    fc.assert(
      fc.property(fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }), (shuffled) => {
        expect(sortTimeline(shuffled).map((e) => e.id)).toEqual(expected);
      }),
    );
  });
});

describe('filterTimeline', () => {
  const entries = [
    entry({ minute: 0, kind: 'communication-in', tlp: 'GREEN', author: 'Duty officer', text: 'Telephone call from Harbour Logistics One: ransom note.' }),
    entry({ minute: 10, kind: 'decision', tlp: 'AMBER', author: 'Head of crisis team', text: 'Besluit: CSIRT-netwerk geïnformeerd.' }),
    entry({ minute: 20, kind: 'observation', tlp: 'RED', author: 'Duty officer', text: 'Atak na port w Gdańsku potwierdzony.' }),
    entry({ minute: 30, kind: 'action', tlp: 'AMBER', author: 'Liaison officer', text: 'Ενημερώθηκε η ομάδα CSIRT στην Αθήνα.' }),
    entry({
      minute: 40,
      kind: 'observation',
      tlp: 'AMBER+STRICT',
      author: 'Duty officer',
      text: 'Second operator affected.',
      corrects: { entryId: '01JC0000000000000000000001', mode: 'correction', reason: 'Wrong operator named' },
      retrospective: { justification: 'Received by courier' },
      attachments: [{ name: 'ransom-note.png', mediaType: 'image/png', bytes: 1024, sha256: 'ab'.repeat(32) }],
      classified: { level: 'restreint-ue', with: 'EU-CyCLONe officer', channel: 'Accredited secure phone', exchangedAt: at(41) },
    }),
  ];
  const index = indexTimeline(entries);

  it('an empty filter is not active and returns the index’s own array', () => {
    expect(isFilterActive(EMPTY_TIMELINE_FILTER)).toBe(false);
    expect(isFilterActive(filter({ text: '   ' }))).toBe(false);
    expect(filterTimeline(index, EMPTY_TIMELINE_FILTER)).toBe(index.entries);
  });

  it('by kind (any of the chosen kinds)', () => {
    expect(filterTimeline(index, filter({ kinds: ['observation'] }))).toHaveLength(2);
    expect(filterTimeline(index, filter({ kinds: ['decision', 'action'] })).map((e) => e.kind)).toEqual(['decision', 'action']);
  });

  it('by TLP label', () => {
    expect(filterTimeline(index, filter({ tlps: ['RED'] })).map((e) => e.tlp)).toEqual(['RED']);
    expect(filterTimeline(index, filter({ tlps: ['AMBER', 'AMBER+STRICT'] }))).toHaveLength(3);
  });

  it('by author, exactly', () => {
    expect(filterTimeline(index, filter({ author: 'Duty officer' }))).toHaveLength(3);
    expect(filterTimeline(index, filter({ author: 'Duty' }))).toHaveLength(0);
  });

  it('by period: from inclusive, until exclusive', () => {
    expect(filterTimeline(index, filter({ from: at(10), until: at(30) })).map((e) => e.occurredAt)).toEqual([at(10), at(20)]);
    expect(filterTimeline(index, filter({ from: at(40) }))).toHaveLength(1);
    expect(filterTimeline(index, filter({ until: at(0) }))).toHaveLength(0);
  });

  it('by free text, ignoring case and diacritics (Dutch, Polish, Greek)', () => {
    expect(texts(filterTimeline(index, filter({ text: 'GEINFORMEERD' })))).toEqual(['Besluit: CSIRT-netwerk geïnformeerd.']);
    expect(texts(filterTimeline(index, filter({ text: 'gdansku' })))).toEqual(['Atak na port w Gdańsku potwierdzony.']);
    expect(texts(filterTimeline(index, filter({ text: 'αθηνα ενημερωθηκε' })))).toEqual(['Ενημερώθηκε η ομάδα CSIRT στην Αθήνα.']);
    // Every word must occur, in any order.
    expect(filterTimeline(index, filter({ text: 'csirt' }))).toHaveLength(2);
    expect(filterTimeline(index, filter({ text: 'csirt athens' }))).toHaveLength(0);
  });

  it('free text also finds the author, reasons, justification, attachments (name and fingerprint) and the EUCI note', () => {
    for (const query of ['liaison', 'wrong operator', 'courier', 'ransom-note.png', 'abababab', 'cyclone officer', 'secure phone']) {
      expect(filterTimeline(index, filter({ text: query })).length, query).toBeGreaterThan(0);
    }
  });

  it('combines every criterion', () => {
    const found = filterTimeline(index, filter({ kinds: ['observation'], author: 'Duty officer', tlps: ['RED', 'AMBER+STRICT'], from: at(15), text: 'operator' }));
    expect(texts(found)).toEqual(['Second operator affected.']);
  });

  it('keeps timeline order and only ever removes entries (property)', () => {
    const arbitraryFilter = fc.record({
      kinds: fc.subarray([...LOG_ENTRY_KINDS]),
      tlps: fc.subarray([...TLP_LABELS]),
      author: fc.constantFrom(null, 'Duty officer', 'Head of crisis team'),
      from: fc.constantFrom(null, at(0), at(15)),
      until: fc.constantFrom(null, at(25), at(60)),
      text: fc.constantFrom('', 'csirt', 'port', 'x'),
    });
    fc.assert(
      fc.property(arbitraryFilter, (f) => {
        const shown = filterTimeline(index, f);
        const positions = shown.map((e) => index.entries.indexOf(e));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      }),
    );
  });

  it('folds each entry once, and a later list of the same incident takes the folds over', () => {
    const first = indexTimeline(entries);
    expect(prepareSearch(first, 2)).toBe(false);
    expect(first.search.done).toBe(2);
    filterTimeline(first, filter({ text: 'port' }));
    expect(first.search.done).toBe(entries.length);

    // Mark the folds, to see which the next list takes over rather than folding again.
    first.search.folded.forEach((_, i) => (first.search.folded[i] = `reused ${i}`));
    // A new entry in the middle (imported late) and one at the end: the others keep their fold.
    const inserted = entry({ minute: 15, text: 'Imported later, happened earlier.' });
    const appended = entry({ minute: 50, text: 'New entry.' });
    const second = indexTimeline([...entries.slice(0, 2), inserted, ...entries.slice(2), appended], first);
    expect(prepareSearch(second)).toBe(true);
    expect(second.search.folded).toEqual([
      'reused 0',
      'reused 1',
      foldForSearch(`${inserted.author}\n${inserted.text}`),
      'reused 2',
      'reused 3',
      'reused 4',
      foldForSearch(`${appended.author}\n${appended.text}`),
    ]);
  });

  it('reuses folds the same as folding afresh (property)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(entries), fc.shuffledSubarray(entries), fc.nat(5), (before, after, prepared) => {
        const first = indexTimeline(before);
        prepareSearch(first, prepared);
        const second = indexTimeline(after, first);
        const fresh = indexTimeline(after);
        prepareSearch(second);
        prepareSearch(fresh);
        expect(second.search.folded).toEqual(fresh.search.folded);
      }),
    );
  });
});

describe('timelineAuthors', () => {
  it('lists each author once, in the given collation', () => {
    const entries = [entry({ author: 'Öberg' }), entry({ author: 'Adams' }), entry({ author: 'Öberg' }), entry({ author: 'Zeller' })];
    const collator = new Intl.Collator('de');
    expect(timelineAuthors(entries, collator.compare)).toEqual(['Adams', 'Öberg', 'Zeller']);
  });
});
