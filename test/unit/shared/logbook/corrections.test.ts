/**
 * Corrections and withdrawals (issue 4): both entries stay; the index finds the corrections of an
 * entry and the entry a correction points at; a withdrawal outweighs corrections and ends them.
 */
import { describe, expect, it } from 'vitest';
import { canCorrect, correctionIndex, correctionState } from '../../../../shared/logbook/corrections';
import type { LogEntry } from '../../../../shared/model/records';

type Entry = Pick<LogEntry, 'id' | 'corrects'>;
const plain = (id: string): Entry => ({ id, corrects: null });
const correction = (id: string, entryId: string, mode: 'correction' | 'withdrawal' = 'correction'): Entry => ({ id, corrects: { entryId, mode, reason: 'because' } });

describe('correctionIndex', () => {
  it('maps each entry to the entries that correct it, in order, and keeps every entry', () => {
    const entries = [plain('A'), plain('B'), correction('C1', 'A'), correction('C2', 'A'), correction('W', 'B', 'withdrawal')];
    const index = correctionIndex(entries);
    expect(index.byId.size).toBe(5);
    expect(index.correctedBy.get('A')?.map((e) => e.id)).toEqual(['C1', 'C2']);
    expect(index.correctedBy.get('B')?.map((e) => e.id)).toEqual(['W']);
    expect(index.correctedBy.get('C1')).toBeUndefined();
  });

  it('tolerates a correction of an entry this installation does not hold', () => {
    const index = correctionIndex([correction('C', 'MISSING')]);
    expect(index.byId.get('MISSING')).toBeUndefined();
    expect(index.correctedBy.get('MISSING')?.map((e) => e.id)).toEqual(['C']);
  });
});

describe('correctionState and canCorrect', () => {
  it('an entry nobody corrected is current and can be corrected', () => {
    expect(correctionState(undefined)).toBe('current');
    expect(canCorrect(plain('A'), undefined)).toBe(true);
  });

  it('a corrected entry can be corrected again (the newest correction is read last)', () => {
    const corrections = [correction('C1', 'A')];
    expect(correctionState(corrections)).toBe('corrected');
    expect(canCorrect(plain('A'), corrections)).toBe(true);
  });

  it('a withdrawal outweighs corrections; a withdrawn entry and a withdrawal are final', () => {
    const corrections = [correction('C1', 'A'), correction('W', 'A', 'withdrawal')];
    expect(correctionState(corrections)).toBe('withdrawn');
    expect(canCorrect(plain('A'), corrections)).toBe(false);
    expect(canCorrect(correction('W', 'A', 'withdrawal'), undefined)).toBe(false);
    // A correction itself can be corrected.
    expect(canCorrect(correction('C1', 'A'), undefined)).toBe(true);
  });
});
