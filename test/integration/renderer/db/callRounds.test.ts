import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deriveRoundState } from '../../../../shared/contacts/callRound';
import { closeCallRound, listCallRounds, listCallTrees, recordCall, saveCallTree, startCallRound } from '../../../../renderer/src/db/callRounds';
import { openIncident, verifyIncidentChains } from '../../../../renderer/src/db/logbook';
import { listLogEntries } from '../../../../renderer/src/db/queries';
import { contactInput, incidentInput, openInstallation } from '../../../helpers/workbookDb';

async function setUp() {
  const inst = await openInstallation('rounds');
  const { db, journal } = inst;
  const head = await journal.create('contacts', contactInput({ name: 'Head' }), { workspace: 'exercise' });
  const officer = await journal.create('contacts', contactInput({ name: 'Officer' }), { workspace: 'exercise' });
  const tree = await saveCallTree(journal, 'exercise', null, {
    name: 'Crisis team',
    purpose: 'Activate the team',
    tlp: 'AMBER',
    nodes: [
      { id: 'head', contactId: head.id, parent: null, order: 0, note: '' },
      { id: 'officer', contactId: officer.id, parent: 'head', order: 0, note: '' },
    ],
  });
  const incident = await openIncident(db, journal, incidentInput(), 'exercise', { text: 'Opened', author: 'Desk' });
  return { ...inst, head, officer, tree, incident };
}

describe('call rounds', () => {
  it('refuses a call tree that is not a tree', async () => {
    const { journal, head } = await openInstallation('rounds-bad').then(async (i) => ({
      ...i,
      head: await i.journal.create('contacts', contactInput(), { workspace: 'exercise' }),
    }));
    await expect(
      saveCallTree(journal, 'exercise', null, {
        name: 'Loop',
        purpose: '',
        tlp: 'AMBER',
        nodes: [
          { id: 'a', contactId: head.id, parent: 'b', order: 0, note: '' },
          { id: 'b', contactId: head.id, parent: 'a', order: 0, note: '' },
        ],
      }),
    ).rejects.toThrow(/cycle/);
  });

  it('start, calls and close land in the chained incident log, and the round state follows from them', async () => {
    const { db, journal, tree, incident, head, officer, installationId } = await setUp();
    expect((await listCallTrees(db, 'exercise')).map((t) => t.name)).toEqual(['Crisis team']);
    const round = await startCallRound(db, journal, tree, incident, { down: ['internet'], startedBy: 'Desk', text: 'Call round started' });
    expect(round).toMatchObject({ status: 'running', down: ['internet'], nodes: tree.nodes });
    const [node0, node1] = round.nodes;
    if (!node0 || !node1) throw new Error('nodes');
    await recordCall(db, journal, round, node0, 'no-answer', { text: 'Head: no answer', author: 'Desk' });
    await recordCall(db, journal, round, node0, 'reached', { text: 'Head reached', author: 'Desk' });
    let state = deriveRoundState(round, await listLogEntries(db, incident.id));
    expect(state.next.map((c) => [c.node.id, c.caller])).toEqual([['officer', 'head']]);
    await recordCall(db, journal, round, node1, 'reached', { text: 'Officer reached', author: 'Desk' });
    const closed = await closeCallRound(db, journal, round, 'completed', { text: 'Round completed', author: 'Desk' });
    expect(closed.status).toBe('completed');
    await expect(recordCall(db, journal, closed, node1, 'skipped', { text: 'late', author: 'Desk' })).rejects.toThrow(/closed/);

    const entries = await listLogEntries(db, incident.id);
    state = deriveRoundState(round, entries);
    expect(state).toMatchObject({ allClosed: true, roundState: 'completed' });
    const progress = entries.filter((e) => e.progress?.runId === round.id);
    expect(progress.map((e) => [e.kind, e.progress?.itemId, e.progress?.state, e.links.contacts])).toEqual([
      ['communication-out', null, 'started', [head.id, officer.id]],
      ['communication-out', 'head', 'no-answer', [head.id]],
      ['communication-out', 'head', 'reached', [head.id]],
      ['communication-out', 'officer', 'reached', [officer.id]],
      ['communication-out', null, 'completed', []],
    ]);
    expect((await listCallRounds(db, incident.id)).map((r) => r.id)).toEqual([round.id]);
    const chains = await verifyIncidentChains(db, incident.id, installationId);
    expect(chains.unchained).toBe(0);
    expect(JSON.stringify(chains)).not.toMatch(/broken|mismatch/);
  });
});
