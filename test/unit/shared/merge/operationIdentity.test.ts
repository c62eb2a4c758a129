import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../../shared/journal/hlc';
import type { Operation } from '../../../../shared/journal/operation';
import { disagreeingCreation, rewritesHeld, sameCreation, sameOperation } from '../../../../shared/merge/operationIdentity';

const A = '01JEXAMP1E0000000000000001';
const hlc = formatHlc({ millis: Date.parse('2026-03-01T08:00:00.000Z'), counter: 0, node: A });
const entry: Operation = {
  opId: '01JEXAMP1E00000000000000P1',
  hlc,
  origin: A,
  workspace: 'real',
  table: 'logEntries',
  recordId: '01JEXAMP1E00000000000000R1',
  kind: 'create',
  fields: { id: '01JEXAMP1E00000000000000R1', origin: A, text: 'original', deleted: false, hlc },
};

describe('operation identity', () => {
  it('takes key order and absent fields as the same operation, any other difference as another', () => {
    const reordered = JSON.parse(JSON.stringify({ fields: entry.fields, kind: entry.kind, recordId: entry.recordId, table: entry.table, workspace: entry.workspace, origin: entry.origin, hlc: entry.hlc, opId: entry.opId })) as Operation;
    expect(sameOperation(entry, reordered)).toBe(true);
    expect(sameOperation(entry, { ...entry, fields: { ...entry.fields, text: 'rewritten' } })).toBe(false);
    expect(sameOperation(entry, { ...entry, hlc: formatHlc({ millis: 1, counter: 0, node: A }) })).toBe(false);
    expect(sameOperation(entry, { ...entry, base: { [A]: hlc } })).toBe(false);
  });

  it('compares creations in the current schema: a creation written before an upgrade is the same as its upcast copy', () => {
    const v1 = { ...entry.fields };
    delete v1['deleted'];
    expect(sameOperation(entry, { ...entry, fields: v1 })).toBe(true);
    // An edit is not upcast: its fields are what it changed.
    const edit: Operation = { ...entry, table: 'contacts', kind: 'update', fields: { name: 'x' } };
    expect(sameOperation(edit, { ...edit, fields: { name: 'x', deleted: false } })).toBe(false);
  });

  it('lets built-in content be revised under its ids, nothing else', () => {
    const builtin: Operation = { ...entry, origin: 'builtin', fields: { ...entry.fields, origin: 'builtin' } };
    expect(rewritesHeld(builtin, { ...builtin, fields: { ...builtin.fields, text: 'revised' } })).toBe(false);
    expect(rewritesHeld(entry, { ...entry, fields: { ...entry.fields, text: 'revised' } })).toBe(true);
    expect(rewritesHeld(entry, entry)).toBe(false);
  });

  it('finds the creation of an append-only record that makes it differently', () => {
    const again: Operation = { ...entry, opId: '01JEXAMP1E00000000000000P2' };
    const other: Operation = { ...again, opId: '01JEXAMP1E00000000000000P3', fields: { ...entry.fields, text: 'FORGED' } };
    expect(sameCreation(entry, again)).toBe(true);
    expect(sameCreation(entry, other)).toBe(false);
    expect(disagreeingCreation([entry, again])).toBeUndefined();
    expect(disagreeingCreation([entry, again, other])).toBe(other);
    expect(disagreeingCreation([])).toBeUndefined();
  });
});
