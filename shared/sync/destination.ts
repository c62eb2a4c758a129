/**
 * Destinations this installation syncs with, and what it remembers about each: the unit the
 * Exchange screen lists and the sync engine drains. Kept installation-local (never in bundles).
 *
 * - `webdav`: a WebDAV share used as a store-and-forward hub (Apache mod_dav, Nextcloud, …).
 * - `folder`: a folder chosen by hand, typically on a USB stick: bundles are written there and
 *   read from there when someone presses "sync now" (nothing automatic: the stick comes and goes).
 * - `watched-folder`: a folder kept in sync by other means (a network share, Syncthing): written
 *   to as changes are made and watched for bundles arriving (desktop app only).
 */
import { z } from 'zod';
import { IsoInstantSchema } from '../model/time';
import { WorkspaceSchema } from '../model/workspace';
import { InstallationSegmentSchema } from './layout';

export const DESTINATION_KINDS = ['webdav', 'folder', 'watched-folder'] as const;
export const DestinationKindSchema = z.enum(DESTINATION_KINDS);
export type DestinationKind = z.infer<typeof DestinationKindSchema>;

export const DestinationIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a destination id');

/** An http(s) URL without credentials in it (credentials go to secure storage, never into a URL). */
export const HubUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .regex(/^https?:\/\/[^/?#@\s]+(\/[^?#\s]*)?$/i, 'an http:// or https:// address without user name or password');

/** An absolute folder path (POSIX or Windows). */
export const FolderPathSchema = z
  .string()
  .max(4_000)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'an absolute folder path')
  .refine((p) => !p.includes('\0'), 'no NUL characters');

const DestinationBaseSchema = z.object({
  id: DestinationIdSchema,
  label: z.string().trim().min(1).max(200),
  workspace: WorkspaceSchema,
  /** Peers (verified keyring entries) whose outbox this destination carries. */
  peers: z.array(InstallationSegmentSchema).max(200),
  /** Encrypt each bundle to its peer (age). Off only for material meant for anyone with the hub. */
  encrypt: z.boolean(),
  createdAt: IsoInstantSchema,
});

export const WebDavDestinationSchema = DestinationBaseSchema.extend({
  kind: z.literal('webdav'),
  url: HubUrlSchema,
  /** Null: the hub needs no credentials. The password is never stored with the destination. */
  username: z.string().max(200).nullable(),
});

export const FolderDestinationSchema = DestinationBaseSchema.extend({
  kind: z.enum(['folder', 'watched-folder']),
  path: FolderPathSchema,
});

export const DestinationSchema = z.discriminatedUnion('kind', [WebDavDestinationSchema, FolderDestinationSchema]);
export type Destination = z.infer<typeof DestinationSchema>;
export type WebDavDestination = z.infer<typeof WebDavDestinationSchema>;
export type FolderDestination = z.infer<typeof FolderDestinationSchema>;

/** Why the last attempt failed, in a form the UI turns into words. */
export const SyncFailureKindSchema = z.enum(['unreachable', 'unauthorized', 'not-found', 'conflict', 'server', 'protocol', 'unavailable', 'internal']);
export type SyncFailureKind = z.infer<typeof SyncFailureKindSchema>;

/** What the last run did; shown as the summary of a "sync now". */
export const SyncRunSummarySchema = z.object({
  at: IsoInstantSchema,
  /** Bundles made from local changes this run. */
  made: z.number().int().min(0),
  /** Bundles left at the destination. */
  sent: z.number().int().min(0),
  /** Bundles found there and imported. */
  received: z.number().int().min(0),
  /** Operations those brought that were new here. */
  newOperations: z.number().int().min(0),
  /** Bundles refused or quarantined. */
  refused: z.number().int().min(0),
  quarantined: z.number().int().min(0),
});
export type SyncRunSummary = z.infer<typeof SyncRunSummarySchema>;

export const DestinationStatusSchema = z.object({
  failures: z.number().int().min(0),
  notBefore: z.number().min(0),
  lastAttemptAt: IsoInstantSchema.nullable(),
  lastSuccessAt: IsoInstantSchema.nullable(),
  lastFailure: z.object({ kind: SyncFailureKindSchema, detail: z.string().max(2_000), at: IsoInstantSchema }).nullable(),
  lastRun: SyncRunSummarySchema.nullable(),
});
export type DestinationStatus = z.infer<typeof DestinationStatusSchema>;

export const INITIAL_STATUS: DestinationStatus = { failures: 0, notBefore: 0, lastAttemptAt: null, lastSuccessAt: null, lastFailure: null, lastRun: null };

/** Whether the engine drains and collects this destination by itself (a hand-carried folder only on request). */
export function isAutomatic(destination: Destination): boolean {
  return destination.kind !== 'folder';
}
