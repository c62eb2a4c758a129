/**
 * Record shapes for the three bodies of knowledge: procedures, contacts, incidents with their log
 * entries. The zod schemas are the single definition: they validate everything that crosses a
 * boundary (IPC, import, bundle) and the TypeScript types are inferred from them.
 *
 * Every replicated record carries what exchange and merge need: a stable id, its workspace, the
 * installation it was created on, a TLP label, wall-clock times for people and a hybrid logical
 * clock timestamp of its last change for machines. Deletion is a tombstone (`deleted: true`),
 * never a removed row, so that a deletion travels in bundles like any other change.
 */
import { z } from 'zod';
import { CountryCodeSchema } from './countries';
import { OriginSchema, RecordIdSchema } from './ids';
import { LevelSchema } from './levels';
import { ROLES, RoleSchema } from './roles';
import { IsoInstantSchema } from './time';
import { TlpSchema } from './tlp';
import { WorkspaceSchema } from './workspace';
import { HlcSchema } from '../journal/hlc';

/** Text kept in both languages of the project; either may be empty while a translation is pending. */
export const LocalizedTextSchema = z.object({
  en: z.string().max(20_000),
  nl: z.string().max(20_000),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** A citation of the Recommendation, e.g. "pt. 55(a)(ii)". */
export const CitationSchema = z.string().regex(/^pts?\. \d+[\w()–\-, .]*$/, 'not a point citation');

export const RecordMetaSchema = z.object({
  id: RecordIdSchema,
  workspace: WorkspaceSchema,
  origin: OriginSchema,
  tlp: TlpSchema,
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  hlc: HlcSchema,
  deleted: z.boolean(),
});
export type RecordMeta = z.infer<typeof RecordMetaSchema>;

/** The fields the journal owns; callers never set them. */
export const META_FIELDS = ['id', 'workspace', 'origin', 'createdAt', 'updatedAt', 'hlc', 'deleted'] as const;

// ---- procedures -------------------------------------------------------------------------------

export const ProcedureStepSchema = z.object({
  id: z.string().min(1).max(64),
  level: LevelSchema,
  actor: z.string().min(1).max(200),
  text: LocalizedTextSchema,
  citations: z.array(CitationSchema).max(20),
});
export type ProcedureStep = z.infer<typeof ProcedureStepSchema>;

export const ProcedureSchema = RecordMetaSchema.extend({
  scope: z.enum(['eu', 'national']),
  country: CountryCodeSchema,
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  citations: z.array(CitationSchema).max(50),
  steps: z.array(ProcedureStepSchema).max(500),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

// ---- contacts ---------------------------------------------------------------------------------

export const CHANNEL_TYPES = [
  'landline', 'mobile', 'satellite-phone', 'secure-phone', 'email', 'secure-email',
  'secure-messaging', 'radio', 'fax', 'in-person', 'courier',
] as const;
export const ChannelTypeSchema = z.enum(CHANNEL_TYPES);
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

export const ChannelSchema = z.object({
  type: ChannelTypeSchema,
  value: z.string().min(1).max(500),
  note: z.string().max(1_000),
});
export type Channel = z.infer<typeof ChannelSchema>;

export const ContactSchema = RecordMetaSchema.extend({
  kind: z.enum(['organisation', 'person']),
  name: z.string().min(1).max(200),
  organisation: z.string().max(200),
  country: CountryCodeSchema,
  roles: z.array(RoleSchema).max(ROLES.length),
  level: LevelSchema,
  /** In fallback order: the first channel is tried first. */
  channels: z.array(ChannelSchema).max(20),
});
export type Contact = z.infer<typeof ContactSchema>;

// ---- incidents and log entries ----------------------------------------------------------------

/** The escalation ladder of the Recommendation's definitions (pt. 7). */
export const ESCALATION_LEVELS = [
  'incident',
  'significant-incident',
  'large-scale-incident',
  'cyber-crisis',
] as const;
export const EscalationLevelSchema = z.enum(ESCALATION_LEVELS);
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;

export const INCIDENT_STATUSES = ['open', 'recovery', 'closed'] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

export const IncidentSchema = RecordMetaSchema.extend({
  title: z.string().min(1).max(300),
  summary: z.string().max(20_000),
  escalation: EscalationLevelSchema,
  status: IncidentStatusSchema,
  startedAt: IsoInstantSchema,
  memberStates: z.array(CountryCodeSchema).max(28),
  sectors: z.array(z.string().min(1).max(100)).max(30),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const LOG_ENTRY_KINDS = [
  'observation',
  'decision',
  'action',
  'communication-in',
  'communication-out',
  'situation-report',
] as const;
export const LogEntryKindSchema = z.enum(LOG_ENTRY_KINDS);
export type LogEntryKind = z.infer<typeof LogEntryKindSchema>;

export const LogEntrySchema = RecordMetaSchema.extend({
  incidentId: RecordIdSchema,
  kind: LogEntryKindSchema,
  text: z.string().min(1).max(20_000),
  /** When it happened, as far as the author knows. */
  occurredAt: IsoInstantSchema,
  /** Who wrote it, as shown to readers ("J. Jansen, NCSC-NL"). */
  author: z.string().min(1).max(300),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;
