/**
 * Stable record identifiers. ULIDs sort by creation time and are generated offline on every
 * installation without coordination, which exchange and merge rely on.
 */
import { monotonicFactory } from 'ulid';
import { z } from 'zod';

const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const RecordIdSchema = z.string().regex(ULID_PATTERN, 'not a ULID');
export type RecordId = z.infer<typeof RecordIdSchema>;

/** An installation (one desktop app or web app profile) is identified by a ULID too. */
export const InstallationIdSchema = z.string().regex(ULID_PATTERN, 'not an installation id');
export type InstallationId = z.infer<typeof InstallationIdSchema>;

/**
 * Origin of built-in content (the exercise scenario, later the procedure pack). Its records have
 * fixed ids and clocks so that every installation holds identical copies and they never conflict.
 */
export const BUILTIN_ORIGIN = 'builtin' as const;
export const OriginSchema = z.union([InstallationIdSchema, z.literal(BUILTIN_ORIGIN)]);
export type Origin = z.infer<typeof OriginSchema>;

const nextUlid = monotonicFactory();

/** A new id, strictly increasing within this process even for ids made in the same millisecond. */
export function newRecordId(now: number = Date.now()): RecordId {
  return nextUlid(now);
}
