import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { verifyChains, type ChainedEntry } from '../../../../shared/logbook/chain';
import type { LogEntry } from '../../../../shared/model/records';
import { deriveRunProgress } from '../../../../shared/procedures/runProgress';
import { openIncident } from '../../../../renderer/src/db/logbook';
import { finishRun, listRuns, recordStepProgress, startRun } from '../../../../renderer/src/db/procedureRuns';
import { listLogEntries } from '../../../../renderer/src/db/queries';
import { FIXTURE_PROCEDURE } from '../../../fixtures/procedures';
import { incidentInput, openInstallation } from '../../../helpers/workbookDb';

async function setUp() {
  const { db, journal } = await openInstallation('runs');
  const procedure = await journal.create('procedures', { ...FIXTURE_PROCEDURE, key: 'test.escalation', tlp: 'CLEAR' }, { workspace: 'exercise' });
  const incident = await openIncident(db, journal, incidentInput(), 'exercise', { text: 'Opened', author: 'Tester' });
  return { db, journal, procedure, incident };
}

describe('procedure runs', () => {
  it('starts a run with a copy of the content and a log entry, in one transaction', async () => {
    const { db, journal, procedure, incident } = await setUp();
    const run = await startRun(db, journal, procedure, incident, { text: 'Started the escalation procedure', author: 'Tester' });
    expect(run.content.steps).toEqual(procedure.steps);
    expect(run.status).toBe('running');
    expect(run.procedureVersion).toBe(1);
    expect(await listRuns(db, incident.id)).toHaveLength(1);
    const entries = await listLogEntries(db, incident.id);
    const started = entries.find((e) => e.progress?.runId === run.id);
    expect(started?.progress).toEqual({ subject: 'procedure-run', runId: run.id, itemId: null, state: 'started' });
    const ops = await db.operations.where('table').equals('procedureRuns').count();
    expect(ops).toBe(1);
  });

  it('ticks, skips and blocks steps as chained log entries linked to the step', async () => {
    const { db, journal, procedure, incident } = await setUp();
    const run = await startRun(db, journal, procedure, incident, { text: 'Started', author: 'Tester' });
    await recordStepProgress(db, journal, run, { stepId: 'start', action: 'done', text: 'Detected', reason: null, author: 'Tester' });
    await recordStepProgress(db, journal, run, { stepId: 'assess', action: 'skipped', text: 'Skipped: assessed by the sector CSIRT', reason: 'assessed by the sector CSIRT', author: 'Tester' });
    const decision = await recordStepProgress(db, journal, run, { stepId: 'significant', action: 'done', text: 'Yes', reason: null, author: 'Tester', next: ['notify'] });
    expect(decision.kind).toBe('decision');
    expect(decision.links.procedureSteps).toEqual([
      { procedureId: procedure.id, stepId: 'significant' },
      { procedureId: procedure.id, stepId: 'notify' },
    ]);
    await recordStepProgress(db, journal, run, { stepId: 'notify', action: 'blocked', text: 'Blocked: network down', reason: 'network down', author: 'Tester' });
    const entries = await listLogEntries(db, incident.id);
    const progress = deriveRunProgress(run.content, run.id, entries);
    expect(progress.steps.get('start')?.state).toBe('done');
    expect(progress.steps.get('assess')).toMatchObject({ state: 'skipped', text: 'Skipped: assessed by the sector CSIRT' });
    expect(progress.blocked).toEqual(['notify']);
    expect(progress.current).toEqual(['inform']);
    const chained = entries.filter((e): e is LogEntry & ChainedEntry => e.chain !== null);
    expect(chained).toHaveLength(entries.length);
    expect(verifyChains(chained).intact).toBe(true);
  });

  it('refuses a skip or block without a reason, an unknown step and a wrong outcome, writing nothing', async () => {
    const { db, journal, procedure, incident } = await setUp();
    const run = await startRun(db, journal, procedure, incident, { text: 'Started', author: 'Tester' });
    const before = await db.logEntries.count();
    await expect(recordStepProgress(db, journal, run, { stepId: 'assess', action: 'skipped', text: 'Skipped', reason: '  ', author: 'Tester' })).rejects.toThrow(/reason/);
    await expect(recordStepProgress(db, journal, run, { stepId: 'assess', action: 'blocked', text: 'Blocked', reason: null, author: 'Tester' })).rejects.toThrow(/reason/);
    await expect(recordStepProgress(db, journal, run, { stepId: 'nope', action: 'done', text: 'x', reason: null, author: 'Tester' })).rejects.toThrow(/no step/);
    await expect(recordStepProgress(db, journal, run, { stepId: 'significant', action: 'done', text: 'x', reason: null, author: 'Tester', next: ['done'] })).rejects.toThrow(/does not follow/);
    await expect(recordStepProgress(db, journal, run, { stepId: 'assess', action: 'done', text: '', reason: null, author: 'Tester' })).rejects.toThrow(/text/);
    expect(await db.logEntries.count()).toBe(before);
  });

  it('completes or abandons a run once, and then takes no more progress', async () => {
    const { db, journal, procedure, incident } = await setUp();
    const run = await startRun(db, journal, procedure, incident, { text: 'Started', author: 'Tester' });
    const finished = await finishRun(db, journal, run, 'abandoned', { text: 'Abandoned: handled nationally', author: 'Tester' });
    expect(finished.status).toBe('abandoned');
    await expect(finishRun(db, journal, run, 'completed', { text: 'Done', author: 'Tester' })).rejects.toThrow(/closed/);
    await expect(recordStepProgress(db, journal, run, { stepId: 'start', action: 'done', text: 'x', reason: null, author: 'Tester' })).rejects.toThrow(/closed/);
    const entries = await listLogEntries(db, incident.id);
    expect(deriveRunProgress(run.content, run.id, entries).status).toBe('abandoned');
  });

  it('keeps the content the run started with when the procedure changes', async () => {
    const { db, journal, procedure, incident } = await setUp();
    const run = await startRun(db, journal, procedure, incident, { text: 'Started', author: 'Tester' });
    await journal.update('procedures', procedure.id, { steps: procedure.steps.slice(0, 3), flows: procedure.flows.slice(0, 2), version: 2 });
    const stored = (await listRuns(db, incident.id))[0];
    expect(stored?.content.steps).toHaveLength(procedure.steps.length);
    expect(stored?.procedureVersion).toBe(1);
    expect(run.id).toBe(stored?.id);
  });
});
