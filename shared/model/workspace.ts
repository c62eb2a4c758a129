/**
 * Workspaces keep real crisis data and exercise data apart. A record belongs to exactly one
 * workspace for its whole life; nothing ever moves or copies a record between them.
 */
import { z } from 'zod';

export const WORKSPACES = ['real', 'exercise'] as const;
export const WorkspaceSchema = z.enum(WORKSPACES);
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** Text that must stand on every export and printout made from the exercise workspace. */
export const EXERCISE_MARKING = 'EXERCISE — OEFENING';

/** Prefix for file names of anything exported from a workspace, so an exercise file is never mistaken. */
export function exportFilePrefix(workspace: Workspace): string {
  return workspace === 'exercise' ? 'EXERCISE-' : '';
}
