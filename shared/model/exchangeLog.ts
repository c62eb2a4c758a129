/**
 * The exchange log: every bundle this installation sent, received, refused or put in quarantine,
 * with its fingerprint, so a liaison officer can tell what travelled when, and why a bundle was
 * turned away. Installation-local, written through the change journal.
 */
import { z } from 'zod';
import { BundleErrorCodeSchema } from '../bundle/errors';
import { HlcSchema } from '../journal/hlc';
import { RecordIdSchema } from './ids';
import { IsoInstantSchema } from './time';
import { WorkspaceSchema } from './workspace';

export const EXCHANGE_EVENTS = ['sent', 'received', 'refused', 'quarantined'] as const;
export const ExchangeEventSchema = z.enum(EXCHANGE_EVENTS);
export type ExchangeEvent = z.infer<typeof ExchangeEventSchema>;

export const ExchangeLogEntrySchema = z.object({
  id: RecordIdSchema,
  event: ExchangeEventSchema,
  /** Null when the bundle could not even be read far enough to know. */
  bundleId: z.string().max(64).nullable(),
  fingerprint: z.string().max(64).nullable(),
  /** The other side: the signer of a received bundle, the recipients of a sent one. */
  peer: z.string().max(1_000).nullable(),
  /** The workspace the bundle belongs to (named apart from the journal's own `workspace`). */
  bundleWorkspace: WorkspaceSchema.nullable(),
  operations: z.number().int().min(0),
  /** Why it was refused or quarantined. */
  code: BundleErrorCodeSchema.nullable(),
  fileName: z.string().max(500),
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  hlc: HlcSchema,
});
export type ExchangeLogEntry = z.infer<typeof ExchangeLogEntrySchema>;
