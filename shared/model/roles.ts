/**
 * Roles a person or installation can hold, in the blueprint's own terms (pts. 8–22, Annex II).
 * Labels live in the translation files under `roles.<id>`.
 */
import { z } from 'zod';

export const ROLES = [
  'cyber-crisis-authority',
  'csirt',
  'single-point-of-contact',
  'eu-cyclone-officer',
  'eu-cyclone-executive',
  'csirts-network-representative',
  'liaison-officer',
  'ministry',
  'eu-body',
  'desk-officer',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
