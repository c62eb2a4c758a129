import { describe, expect, it } from 'vitest';
import { applyTlpPolicy, filterOperationsByTlp, tlpRefusal, type TlpExportChoice } from '../../../../shared/bundle/tlpPolicy';
import type { Tlp } from '../../../../shared/model/tlp';
import { logEntryOperations, testUlid } from './bundleFixtures';

const A = testUlid('PEERA', 1);
const B = testUlid('PEERB', 2);
const PLAIN: TlpExportChoice = { encryptedTo: [] };
const TO_A: TlpExportChoice = { encryptedTo: [A] };
const TO_AB: TlpExportChoice = { encryptedTo: [A, B] };

// Legend: label of the record · recipients chosen for it (RED only) · how the bundle leaves · verdict (null = goes in).
const TABLE: Array<[Tlp | null, string[] | undefined, TlpExportChoice, string | null]> = [
  ['CLEAR', undefined, PLAIN, null],
  ['GREEN', undefined, PLAIN, null],
  ['CLEAR', undefined, TO_AB, null],
  ['AMBER', undefined, PLAIN, 'amber-needs-encryption'],
  ['AMBER+STRICT', undefined, PLAIN, 'amber-needs-encryption'],
  ['AMBER', undefined, TO_A, null],
  ['AMBER+STRICT', undefined, TO_AB, null],
  ['RED', [A, B], PLAIN, 'red-needs-encryption'],
  ['RED', undefined, TO_A, 'red-recipients-not-chosen'],
  ['RED', [A], TO_A, null],
  ['RED', [A, B], TO_A, null],
  ['RED', [A], TO_AB, 'red-recipients-not-chosen'],
  ['RED', [B, A], TO_AB, null],
  [null, undefined, TO_AB, 'label-unknown'],
];

describe('TLP 2.0 export policy', () => {
  it.each(TABLE)('%s chosen for %j, encrypted to %j → %s', (tlp, redRecipients, choice, verdict) => {
    expect(tlpRefusal({ tlp, redRecipients }, choice)).toBe(verdict);
  });

  it('lists what is left out and why, and the highest label that goes in', () => {
    const items = [
      { recordId: 'r1', table: 'contacts', tlp: 'GREEN' as const },
      { recordId: 'r2', table: 'logEntries', tlp: 'AMBER' as const },
      { recordId: 'r3', table: 'logEntries', tlp: 'RED' as const, redRecipients: [B] },
    ];
    const plain = applyTlpPolicy(items, PLAIN);
    expect(plain.included.map((i) => i.recordId)).toEqual(['r1']);
    expect(plain.leftOut).toEqual([
      { recordId: 'r2', table: 'logEntries', tlp: 'AMBER', reason: 'amber-needs-encryption' },
      { recordId: 'r3', table: 'logEntries', tlp: 'RED', reason: 'red-needs-encryption' },
    ]);
    expect(plain.highestTlp).toBe('GREEN');
    expect(applyTlpPolicy(items, TO_A).highestTlp).toBe('AMBER');
    expect(applyTlpPolicy(items, { encryptedTo: [B] }).highestTlp).toBe('RED');
    expect(applyTlpPolicy([], TO_A).highestTlp).toBe('CLEAR');
  });

  it('decides operations record by record, with the most restrictive of current and written labels', () => {
    const origin = testUlid('ORIGIN', 9);
    const [create, other] = logEntryOperations(2, { origin, tlp: () => 'GREEN' });
    const raise = { ...create!, opId: testUlid('RAISE', 1), hlc: create!.hlc.replace('-0000-', '-0001-'), kind: 'update' as const, fields: { tlp: 'AMBER' } };
    const ops = [create!, raise, other!];
    const plain = filterOperationsByTlp(ops, PLAIN, { currentTlp: () => undefined });
    expect(plain.included).toEqual([other]);
    expect(plain.leftOut).toEqual([{ recordId: create!.recordId, table: 'logEntries', tlp: 'AMBER', reason: 'amber-needs-encryption' }]);
    // An update without a label is decided by the record's current label, supplied by the caller.
    const bare = { ...raise, fields: { text: 'corrected' } };
    expect(filterOperationsByTlp([bare], PLAIN, { currentTlp: () => 'RED' }).leftOut[0]?.reason).toBe('red-needs-encryption');
    expect(filterOperationsByTlp([bare], PLAIN, { currentTlp: () => undefined }).leftOut[0]?.reason).toBe('label-unknown');
    expect(filterOperationsByTlp([bare], TO_A, { currentTlp: () => 'RED', redRecipients: () => [A] }).included).toEqual([bare]);
  });
});
