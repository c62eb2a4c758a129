/**
 * Puts the built-in exercise scenario into the exercise workspace, once per scenario version.
 * It goes through the journal like every other write, as operations of the built-in origin.
 */
import { EXERCISE_SCENARIO_VERSION, exerciseScenarioOperations } from '../../../shared/seed/exerciseScenario';
import type { ChangeJournal } from './journal';
import type { WorkbookDb } from './WorkbookDb';

const SCENARIO_KEY = 'exerciseScenarioVersion';

export async function ensureExerciseScenario(db: WorkbookDb, journal: ChangeJournal): Promise<boolean> {
  const applied = await db.meta.get(SCENARIO_KEY);
  if (typeof applied?.value === 'number' && applied.value >= EXERCISE_SCENARIO_VERSION) return false;
  await journal.applyOperations(exerciseScenarioOperations(), async () => {
    await db.meta.put({ key: SCENARIO_KEY, value: EXERCISE_SCENARIO_VERSION });
  });
  return true;
}
