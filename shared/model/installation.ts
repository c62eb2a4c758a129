/**
 * The profile of this installation: who runs it, for which organisation. It is local to the
 * installation and never exported as a record; the identity card of the exchange issue is built
 * from it. Written through the change journal like everything else, so that changes are audited.
 */
import { z } from 'zod';
import { LanguageSchema } from '../i18n/languages';
import { HlcSchema } from '../journal/hlc';
import { CountryCodeSchema } from './countries';
import { InstallationIdSchema } from './ids';
import { RoleSchema } from './roles';
import { IsoInstantSchema } from './time';

export const InstallationProfileSchema = z.object({
  id: InstallationIdSchema,
  organisation: z.string().trim().min(1).max(200),
  country: CountryCodeSchema,
  person: z.string().trim().min(1).max(200),
  role: RoleSchema,
  language: LanguageSchema,
  /** Months after which a directory entry counts as stale and is due for verification (pt. 14). */
  staleAfterMonths: z.number().int().min(1).max(60).default(6),
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  hlc: HlcSchema,
});
export type InstallationProfile = z.infer<typeof InstallationProfileSchema>;

/** What the first-run setup and the settings screen let a person edit. */
export const ProfileInputSchema = InstallationProfileSchema.pick({
  organisation: true,
  country: true,
  person: true,
  role: true,
  language: true,
});
export type ProfileInput = z.infer<typeof ProfileInputSchema>;
