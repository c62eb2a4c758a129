/**
 * Call trees: who calls whom, in which order, for an activation (the national cyber crisis team,
 * the EU-CyCLONe officers). A call round is one run of a tree during an incident; its progress
 * (reached, no answer, unreachable) is written into the incident's log as entries with
 * `progress`, so the round's history is part of the chained logbook.
 */
import { z } from 'zod';
import { RecordIdSchema } from './ids';
import { IsoInstantSchema } from './time';
import { RunStatusSchema } from './procedure';
import { InfrastructureSchema } from './outage';

export const CallTreeNodeSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
  contactId: RecordIdSchema,
  /** The node whose person makes this call; null: the desk that starts the round. */
  parent: z.string().max(64).nullable(),
  /** Order among the calls the same caller makes. */
  order: z.number().int().min(0).max(1_000),
  note: z.string().max(1_000),
});
export type CallTreeNode = z.infer<typeof CallTreeNodeSchema>;

export const CallTreeFieldsSchema = z.object({
  name: z.string().min(1).max(200),
  /** What the tree activates, e.g. "National cyber crisis team". */
  purpose: z.string().max(2_000),
  nodes: z.array(CallTreeNodeSchema).max(500),
});

export const CallRoundFieldsSchema = z.object({
  incidentId: RecordIdSchema,
  callTreeId: RecordIdSchema,
  /** The tree as it was when the round started. */
  name: z.string().min(1).max(200),
  nodes: z.array(CallTreeNodeSchema).max(500),
  /** The outage declared when the round started. */
  down: z.array(InfrastructureSchema).max(4),
  startedAt: IsoInstantSchema,
  startedBy: z.string().min(1).max(300),
  status: RunStatusSchema,
});
