import { describe, expect, it } from 'vitest';
import { OperationSchema } from '../../../../shared/journal/operation';
import { RECORD_SCHEMAS, REPLICATED_TABLES } from '../../../../shared/journal/tables';
import { EXERCISE_SCENARIO, exerciseScenarioOperations } from '../../../../shared/seed/exerciseScenario';

describe('built-in exercise scenario', () => {
  it('holds valid records, all in the exercise workspace, from the built-in origin', () => {
    // The four bodies of knowledge are always filled; the other tables where the scenario has them.
    for (const table of ['procedures', 'contacts', 'incidents', 'logEntries'] as const) expect(EXERCISE_SCENARIO[table].length, table).toBeGreaterThan(0);
    for (const table of REPLICATED_TABLES) {
      for (const record of EXERCISE_SCENARIO[table]) {
        expect(RECORD_SCHEMAS[table].safeParse(record).success, `${table}/${record.id}`).toBe(true);
        expect(record.workspace).toBe('exercise');
        expect(record.origin).toBe('builtin');
      }
    }
  });

  it('is the same on every installation (fixed ids and clocks, no duplicates)', () => {
    const first = exerciseScenarioOperations();
    expect(exerciseScenarioOperations()).toEqual(first);
    expect(new Set(first.map((o) => o.opId)).size).toBe(first.length);
    for (const op of first) expect(OperationSchema.safeParse(op).success).toBe(true);
  });

  it('log entries belong to the scenario incident and are recorded after they happened', () => {
    const [incident] = EXERCISE_SCENARIO.incidents;
    for (const entry of EXERCISE_SCENARIO.logEntries) {
      expect(entry.incidentId).toBe(incident!.id);
      expect(entry.createdAt >= entry.occurredAt).toBe(true);
    }
  });

  it('uses only fictitious addresses', () => {
    for (const contact of EXERCISE_SCENARIO.contacts) {
      for (const channel of contact.channels) {
        if (channel.value.includes('@') && channel.value.includes('.')) expect(channel.value).toMatch(/\.example$/);
      }
    }
  });
});
