/**
 * What a communication channel depends on, and what is down. The Recommendation asks for emergency
 * measures for crises in which internet or telecommunication channels fail (pt. 78); the workbook
 * ranks every contact's channels against the outage the user declares.
 */
import { z } from 'zod';
import { HlcSchema } from '../journal/hlc';
import { IsoInstantSchema } from './time';
import { WorkspaceSchema } from './workspace';

export const INFRASTRUCTURES = ['internet', 'mobile-network', 'fixed-telephony', 'mains-power'] as const;
export const InfrastructureSchema = z.enum(INFRASTRUCTURES);
export type Infrastructure = z.infer<typeof InfrastructureSchema>;

/**
 * The outage declared on this installation for one workspace (an exercise may simulate an outage
 * without touching the real workspace). Installation-local, written through the change journal so
 * that every switch is audited; its id is the workspace.
 */
export const OutageStateSchema = z.object({
  id: WorkspaceSchema,
  down: z.array(InfrastructureSchema).max(INFRASTRUCTURES.length),
  /** When the current outage was declared; null when nothing is down. */
  since: IsoInstantSchema.nullable(),
  /** Who declared it, and any note ("power back on generator at 14:10"). */
  declaredBy: z.string().max(300),
  note: z.string().max(2_000),
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  hlc: HlcSchema,
});
export type OutageState = z.infer<typeof OutageStateSchema>;
