import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../shared/model/records';
import { resolveLogItems } from '../../../../shared/reports/logItems';
import { correction, entry, INCIDENT_ID } from './builders';

describe('resolveLogItems', () => {
  it('keeps uncorrected entries as items in order of occurrence, whatever the input order', () => {
    const a = entry({ occurred: 30 });
    const b = entry({ occurred: 10 });
    const c = entry({ occurred: 20 });
    const { items, withdrawn } = resolveLogItems([a, b, c], INCIDENT_ID);
    expect(items.map((i) => i.root.id)).toEqual([b.id, c.id, a.id]);
    expect(withdrawn).toEqual([]);
    expect(items.every((i) => i.current === i.root && i.corrections.length === 0)).toBe(true);
  });

  it('shows a corrected entry in its corrected form, with the label of both', () => {
    const original = entry({ occurred: 10, text: 'Three terminals down', tlp: 'GREEN' });
    const fix = correction(original, 'correction', 40, 'Four terminals down', 'AMBER');
    const { items } = resolveLogItems([fix, original], INCIDENT_ID);
    expect(items).toHaveLength(1);
    expect(items[0]?.current.text).toBe('Four terminals down');
    expect(items[0]?.root.id).toBe(original.id);
    expect(items[0]?.corrections.map((c) => c.id)).toEqual([fix.id]);
    expect(items[0]?.tlp).toBe('AMBER');
    expect(items[0]?.lastRecordedAt).toBe(fix.createdAt);
  });

  it('folds a correction of a correction into the same item; the latest recorded stands', () => {
    const original = entry({ occurred: 10 });
    const first = correction(original, 'correction', 40, 'first fix');
    const second = correction(first, 'correction', 50, 'second fix');
    const { items } = resolveLogItems([second, original, first], INCIDENT_ID);
    expect(items).toHaveLength(1);
    expect(items[0]?.current.text).toBe('second fix');
    expect(items[0]?.corrections).toHaveLength(2);
  });

  it('withdraws the whole item when any of its entries is withdrawn', () => {
    const original = entry({ occurred: 10 });
    const fix = correction(original, 'correction', 40);
    const gone = correction(fix, 'withdrawal', 50);
    const other = entry({ occurred: 20 });
    const { items, withdrawn } = resolveLogItems([original, fix, gone, other], INCIDENT_ID);
    expect(items.map((i) => i.root.id)).toEqual([other.id]);
    expect(withdrawn.map((i) => i.root.id)).toEqual([original.id]);
    expect(withdrawn[0]?.withdrawal?.id).toBe(gone.id);
  });

  it('keeps a correction whose original is missing as an orphan item, and an orphan withdrawal as withdrawn', () => {
    const missing = entry({ occurred: 10 });
    const fix = correction(missing, 'correction', 40, 'fix of something not received');
    const gone = correction(entry({ occurred: 5 }), 'withdrawal', 45);
    const { items, withdrawn } = resolveLogItems([fix, gone], INCIDENT_ID);
    expect(items).toHaveLength(1);
    expect(items[0]?.orphan).toBe(true);
    expect(items[0]?.current.id).toBe(fix.id);
    expect(withdrawn.map((i) => i.root.id)).toEqual([gone.id]);
  });

  it('ignores tombstoned entries and entries of other incidents', () => {
    const kept = entry();
    const deleted = { ...entry(), deleted: true };
    const elsewhere = { ...entry(), incidentId: '01JD0000000000000000THER00' };
    expect(resolveLogItems([kept, deleted, elsewhere], INCIDENT_ID).items.map((i) => i.root.id)).toEqual([kept.id]);
  });

  it('terminates on a correction cycle (forged data) and keeps every entry in exactly one item', () => {
    const a = entry({ occurred: 10, recorded: 10 });
    const b = entry({ occurred: 10, recorded: 20 });
    const cyclicA = { ...a, corrects: { entryId: b.id, mode: 'correction' as const, reason: 'x' } };
    const cyclicB = { ...b, corrects: { entryId: a.id, mode: 'correction' as const, reason: 'y' } };
    const { items } = resolveLogItems([cyclicA, cyclicB], INCIDENT_ID);
    expect(items).toHaveLength(1);
    expect(items[0]?.root.id).toBe(a.id);
    expect(items[0]?.current.id).toBe(b.id);
  });

  it('does not depend on the order entries arrive in, and places every entry in exactly one item (property)', () => {
    // A logbook of originals with random corrections and withdrawals pointing at earlier entries.
    const logbook = fc
      .array(fc.record({ target: fc.nat(), mode: fc.constantFrom('none', 'correction', 'correction', 'withdrawal') }), { minLength: 1, maxLength: 25 })
      .map((plan) => {
        const entries: LogEntry[] = [];
        for (const [i, step] of plan.entries()) {
          const target = entries[step.target % Math.max(1, entries.length)];
          if (step.mode === 'none' || !target || target.corrects?.mode === 'withdrawal') entries.push(entry({ occurred: i, recorded: i }));
          else entries.push(correction(target, step.mode, i + 100));
        }
        return entries;
      });
    fc.assert(
      fc.property(logbook, fc.func(fc.integer()), (entries, order) => {
        const shuffled = [...entries].sort((x, y) => order(x.id) - order(y.id) || x.id.localeCompare(y.id));
        const a = resolveLogItems(entries, INCIDENT_ID);
        const b = resolveLogItems(shuffled, INCIDENT_ID);
        expect(b).toEqual(a);
        const members = [...a.items, ...a.withdrawn].flatMap((i) => i.members);
        expect(members.map((m) => m.id).sort()).toEqual(entries.map((e) => e.id).sort());
      }),
      { numRuns: 200 },
    );
  });
});
