/**
 * What a fresh exercise workspace holds, derived from the built-in sources rather than counted by
 * hand, so a richer exercise scenario or content pack does not silently change what a test means.
 */
import { EXERCISE_INCIDENT_ID, EXERCISE_SCENARIO, exerciseScenarioOperations } from '../../shared/seed/exerciseScenario';
import { readdirSync } from 'node:fs';

/** Log entries of the exercise incident BLUE HARBOUR. */
export const BLUE_HARBOUR_ENTRIES = EXERCISE_SCENARIO.logEntries.filter((entry) => entry.incidentId === EXERCISE_INCIDENT_ID).length;

/** Log entries of BLUE HARBOUR by kind. */
export function blueHarbourEntriesOfKind(kind: string): number {
  return EXERCISE_SCENARIO.logEntries.filter((entry) => entry.incidentId === EXERCISE_INCIDENT_ID && entry.kind === kind).length;
}

/** Journal operations of the exercise scenario itself. */
export const SCENARIO_OPERATIONS = exerciseScenarioOperations();

/** Procedures of the built-in content pack, installed in every workspace with one version row each. */
// Counted from the pack's folder: Playwright's loader does not take the app's JSON imports.
export const BUILTIN_PACK_PROCEDURES = readdirSync('shared/content/blueprint-pack/procedures').filter((name) => name.endsWith('.json')).length;
