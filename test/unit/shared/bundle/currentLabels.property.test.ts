/**
 * The export reads every record's label from the journal (`currentLabels`) instead of from the
 * records: it must be the label merge shows, for any history, in any order of arrival.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentLabels } from '../../../../shared/bundle/tlpPolicy';
import type { Operation } from '../../../../shared/journal/operation';
import { mergeRecord } from '../../../../shared/merge/mergeRecord';
import { TLP_LABELS, type Tlp } from '../../../../shared/model/tlp';
import { buildOps, type OpSpec, type Who } from '../merge/builders';

const RECORDS = ['01JREC0000000000000000000A', '01JREC0000000000000000000B'] as const;
const who = fc.constantFrom<Who>('A', 'B', 'C');
const label = fc.option(fc.constantFrom<Tlp>(...TLP_LABELS), { nil: undefined });

/** A history of up to two records: creations (or none: edits waiting for it), edits and deletions, some setting a label. */
const historyArb = fc
  .array(
    fc.record({ kind: fc.constantFrom<OpSpec['kind']>('create', 'update', 'update', 'delete'), by: who, at: fc.nat({ max: 50 }), record: fc.nat({ max: 1 }), tlp: label }),
    { maxLength: 12 },
  )
  .map((drafts) =>
    buildOps(
      drafts.map((d, i) => ({
        name: `op${i}`,
        by: d.by,
        at: [d.at, i] as const,
        kind: d.kind,
        recordId: RECORDS[d.record],
        ...(d.tlp === undefined ? {} : { set: { tlp: d.tlp } }),
      })),
    ),
  );

describe('currentLabels', () => {
  it('is the label merge shows, for any history in any order', () => {
    fc.assert(
      fc.property(historyArb.chain((ops) => fc.tuple(fc.constant(ops), fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }))), ([ops, arrived]) => {
        const labels = currentLabels(arrived as Operation[]);
        for (const recordId of RECORDS) {
          const merged = mergeRecord(ops.filter((op) => op.recordId === recordId)).record;
          const shown = merged === null || typeof merged['tlp'] !== 'string' ? undefined : merged['tlp'];
          expect(labels.get(`contacts/${recordId}`)).toBe(shown);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('knows no label for a record whose creation has not arrived, nor for another table’s record of the same id', () => {
    const ops = buildOps([
      { name: 'c', by: 'A', at: 1, kind: 'create', set: { tlp: 'GREEN' } },
      { name: 'u', by: 'B', at: 2, kind: 'update', set: { tlp: 'AMBER' }, recordId: RECORDS[1] },
    ]);
    const labels = currentLabels(ops);
    expect([...labels]).toEqual([[`contacts/${ops[0]?.recordId ?? ''}`, 'GREEN']]);
  });
});
