/**
 * The three levels at which the blueprint organises cyber crisis management (pts. 8, 15–22 and
 * Annex II): technical (CSIRTs), operational (EU-CyCLONe, national crisis authorities) and
 * political/strategic (Council, IPCR). Swimlanes and contacts are grouped by them.
 */
import { z } from 'zod';

export const LEVELS = ['technical', 'operational', 'political'] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;
