import { z } from 'zod';

/** An ISO 8601 instant in UTC with milliseconds, as produced by Date.prototype.toISOString. */
export const IsoInstantSchema = z.iso.datetime({ offset: false, precision: 3 });
export type IsoInstant = z.infer<typeof IsoInstantSchema>;

export function isoNow(now: number = Date.now()): IsoInstant {
  return new Date(now).toISOString();
}
