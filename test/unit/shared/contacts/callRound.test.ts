import { describe, expect, it } from 'vitest';
import { deriveRoundState, orderedNodes, treeIssues } from '../../../../shared/contacts/callRound';
import { formatHlc } from '../../../../shared/journal/hlc';
import type { CallTreeNode } from '../../../../shared/model/callTree';
import { LogEntrySchema, type LogEntry } from '../../../../shared/model/records';

const ulid = (n: number) => `01HZZZZZZZ${String(n).padStart(16, '0')}`;
const ORIGIN = ulid(1);
const ROUND = ulid(2);
const INCIDENT = ulid(3);
const node = (id: string, parent: string | null, order = 0): CallTreeNode => ({ id, contactId: ulid(100 + id.length), parent, order, note: '' });

// desk → head; head → a, b; a → a1
const nodes = [node('b', 'head', 1), node('a1', 'a'), node('head', null), node('a', 'head', 0)];

let counter = 0;
function entry(itemId: string | null, state: string, extra: Partial<LogEntry> = {}): LogEntry {
  counter += 1;
  return LogEntrySchema.parse({
    id: ulid(1000 + counter),
    workspace: 'exercise',
    origin: ORIGIN,
    tlp: 'AMBER',
    createdAt: '2026-03-10T08:00:00.000Z',
    updatedAt: '2026-03-10T08:00:00.000Z',
    hlc: formatHlc({ millis: Date.parse('2026-03-10T08:00:00.000Z'), counter, node: ORIGIN }),
    deleted: false,
    incidentId: INCIDENT,
    kind: 'communication-out',
    text: `${itemId ?? 'round'} ${state}`,
    occurredAt: '2026-03-10T08:00:00.000Z',
    author: 'Desk',
    progress: { subject: 'call-round', runId: ROUND, itemId, state },
    ...extra,
  });
}

describe('call tree shape', () => {
  it('orders depth first, each caller’s calls by their order', () => {
    expect(orderedNodes(nodes).map((n) => `${n.node.id}@${n.depth}`)).toEqual(['head@0', 'a@1', 'a1@2', 'b@1']);
  });

  it('reports duplicates, missing parents and cycles, and leaves such nodes out of the order', () => {
    const bad = [node('x', 'y'), node('y', 'x'), node('z', 'gone'), node('ok', null), node('ok', null)];
    expect(treeIssues(bad)).toEqual([
      { kind: 'duplicate-id', nodeId: 'ok' },
      { kind: 'cycle', nodeId: 'x' },
      { kind: 'cycle', nodeId: 'y' },
      { kind: 'missing-parent', nodeId: 'z', parent: 'gone' },
    ]);
    expect(orderedNodes(bad).map((n) => n.node.id)).toEqual(['ok']);
    expect(treeIssues(nodes)).toEqual([]);
  });
});

describe('deriveRoundState', () => {
  const round = { id: ROUND, nodes };

  it('starts with only the desk’s calls ready, the rest waiting for their caller', () => {
    const state = deriveRoundState(round, [entry(null, 'started')]);
    expect(state.calls.map((c) => [c.node.id, c.status])).toEqual([['head', 'ready'], ['a', 'waiting'], ['a1', 'waiting'], ['b', 'waiting']]);
    expect(state.next.map((c) => [c.node.id, c.caller])).toEqual([['head', null]]);
    expect(state.roundState).toBe('started');
    expect(state.allClosed).toBe(false);
  });

  it('lets a reached person make their calls; the latest entry per call wins', () => {
    const state = deriveRoundState(round, [entry('head', 'no-answer'), entry('head', 'no-answer'), entry('head', 'reached'), entry('a', 'no-answer')]);
    expect(state.calls.find((c) => c.node.id === 'head')).toMatchObject({ status: 'reached', noAnswerCount: 2 });
    expect(state.next.map((c) => [c.node.id, c.status, c.caller])).toEqual([['a', 'no-answer', 'head'], ['b', 'ready', 'head']]);
    expect(state.counts).toMatchObject({ reached: 1, 'no-answer': 1, ready: 1, waiting: 1, total: 4, closed: 1 });
  });

  it('passes the calls of an unreachable caller up to whoever called them', () => {
    const state = deriveRoundState(round, [entry('head', 'reached'), entry('a', 'unreachable'), entry('b', 'skipped')]);
    expect(state.next.map((c) => [c.node.id, c.caller])).toEqual([['a1', 'head']]);
    const deskTakesOver = deriveRoundState(round, [entry('head', 'unreachable')]);
    expect(deskTakesOver.next.map((c) => [c.node.id, c.caller])).toEqual([['a', null], ['b', null]]);
  });

  it('ignores withdrawn entries and entries of other rounds, and closes when every call is closed', () => {
    const wrong = entry('head', 'reached');
    const withdrawal = entry('head', 'reached', {
      progress: null,
      corrects: { entryId: wrong.id, mode: 'withdrawal', reason: 'Wrong person' },
    });
    const other = entry('head', 'reached', { progress: { subject: 'call-round', runId: ulid(4), itemId: 'head', state: 'reached' } });
    expect(deriveRoundState(round, [wrong, withdrawal, other]).calls[0]?.status).toBe('ready');
    const done = deriveRoundState(round, [
      entry('head', 'reached'), entry('a', 'reached'), entry('a1', 'skipped'), entry('b', 'unreachable'), entry(null, 'completed'),
    ]);
    expect(done.allClosed).toBe(true);
    expect(done.next).toEqual([]);
    expect(done.roundState).toBe('completed');
  });

  it('orders by clock, not by the order entries are handed over', () => {
    const first = entry('head', 'reached');
    const later = entry('head', 'unreachable');
    expect(deriveRoundState(round, [later, first]).calls[0]?.status).toBe('unreachable');
  });
});
