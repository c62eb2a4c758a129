/**
 * The exchange log: every bundle this installation sent, received, refused or put in quarantine,
 * with its fingerprint, so a liaison officer can tell what travelled when, and why a bundle was
 * turned away, and the chain of custody: who carried it, and the signed receipt that came back.
 * Installation-local, written through the change journal.
 */
import { z } from 'zod';
import { BundleErrorCodeSchema } from '../bundle/errors';
import { ReceiptBundleSchema, ReceiptErrorCodeSchema, ReceiptOutcomeSchema } from '../bundle/receipt';
import { HlcSchema } from '../journal/hlc';
import { RecordIdSchema } from './ids';
import { IsoInstantSchema } from './time';
import { WorkspaceSchema } from './workspace';

/**
 * sent / received / refused / quarantined: a bundle; receipt: a signed receipt for a bundle this
 * installation sent came back; receipt-refused: a receipt that could not be accepted.
 */
export const EXCHANGE_EVENTS = ['sent', 'received', 'refused', 'quarantined', 'receipt', 'receipt-refused'] as const;
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
  code: z.union([BundleErrorCodeSchema, ReceiptErrorCodeSchema]).nullable(),
  fileName: z.string().max(500),
  // Chain of custody (added after the first release of the log: absent on older entries).
  /** Installation id of the other side (sender of a received bundle, signer of a receipt; one recipient of a sent one). */
  peerInstallationId: z.string().max(64).nullable().optional(),
  /** Who carried the bundle (courier or liaison officer), as written down at hand-over or arrival. */
  carriedBy: z.string().max(200).nullable().optional(),
  /** The incident whose logbook recorded the hand-over or arrival. */
  incidentId: RecordIdSchema.nullable().optional(),
  /** The sender's sequence number of the bundle. */
  sequence: z.number().int().min(1).nullable().optional(),
  /** For "received": the bundle as a receipt names it, so that a receipt can be written again later. */
  receivedBundle: ReceiptBundleSchema.nullable().optional(),
  /** For "receipt": what the receiving side reports (when it took the bundle in, and how it went). */
  receiptOutcome: ReceiptOutcomeSchema.nullable().optional(),
  receivedAt: IsoInstantSchema.nullable().optional(),
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  hlc: HlcSchema,
});
export type ExchangeLogEntry = z.infer<typeof ExchangeLogEntrySchema>;
