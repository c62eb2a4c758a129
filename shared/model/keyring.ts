/**
 * The keyring: identity cards of peer installations this one exchanges bundles with, and how far
 * each is trusted. Trust is a person's decision, recorded with who made it and when; a revoked
 * peer's bundles are refused at import. The keyring is installation-local and written through
 * the change journal, so every trust decision is in the audit trail.
 */
import { z } from 'zod';
import { IdentityCardSchema } from '../crypto/identity';
import { HlcSchema } from '../journal/hlc';
import { InstallationIdSchema } from './ids';
import { IsoInstantSchema } from './time';

export const TRUST_STATES = ['unverified', 'verified', 'revoked'] as const;
export const TrustStateSchema = z.enum(TRUST_STATES);
export type TrustState = z.infer<typeof TrustStateSchema>;

export const KeyringEntrySchema = z.object({
  /** The peer's installation id (the card's). */
  id: InstallationIdSchema,
  card: IdentityCardSchema,
  /** The card's fingerprint, as two people read it to each other. */
  fingerprint: z.string().min(1).max(100),
  trust: TrustStateSchema,
  /** Who compared the fingerprint, and when (null until verified). */
  verifiedBy: z.string().max(300).nullable(),
  verifiedAt: IsoInstantSchema.nullable(),
  /** How it was compared, e.g. "telephone call-back", "in person". */
  verifiedHow: z.string().max(300).nullable(),
  revokedBy: z.string().max(300).nullable(),
  revokedAt: IsoInstantSchema.nullable(),
  revokedReason: z.string().max(1_000).nullable(),
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  hlc: HlcSchema,
});
export type KeyringEntry = z.infer<typeof KeyringEntrySchema>;
