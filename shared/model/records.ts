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
import { ClockSchema } from '../clocks/clock';
import { ChainLinkSchema } from '../logbook/chain';
import { InfrastructureSchema } from './outage';
import { CallRoundFieldsSchema, CallTreeFieldsSchema } from './callTree';
import { ProcedureFieldsSchema, ProcedureRunFieldsSchema, ProcedureVersionFieldsSchema } from './procedure';

export { LocalizedTextSchema, CitationSchema, type LocalizedText } from './procedure';

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

// ---- procedures (model in procedure.ts) -------------------------------------------------------

export type { ProcedureStep, ProcedureLane, ProcedureFlow, ProcedureContent, StepKind, FlowKind } from './procedure';

export const ProcedureSchema = RecordMetaSchema.extend(ProcedureFieldsSchema.shape);
export type Procedure = z.infer<typeof ProcedureSchema>;

export const ProcedureVersionSchema = RecordMetaSchema.extend(ProcedureVersionFieldsSchema.shape);
export type ProcedureVersion = z.infer<typeof ProcedureVersionSchema>;

export const ProcedureRunSchema = RecordMetaSchema.extend(ProcedureRunFieldsSchema.shape);
export type ProcedureRun = z.infer<typeof ProcedureRunSchema>;

// ---- contacts ---------------------------------------------------------------------------------

export const CHANNEL_TYPES = [
  'landline', 'mobile', 'satellite-phone', 'secure-phone', 'email', 'secure-email',
  'secure-messaging', 'radio', 'fax', 'in-person', 'courier',
] as const;
export const ChannelTypeSchema = z.enum(CHANNEL_TYPES);
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

/** PACE: the tiers of a fallback plan. A channel without a tier takes it from its place in the order. */
export const PACE_TIERS = ['primary', 'alternate', 'contingency', 'emergency'] as const;
export const PaceTierSchema = z.enum(PACE_TIERS);
export type PaceTier = z.infer<typeof PaceTierSchema>;

export const ChannelSchema = z.object({
  type: ChannelTypeSchema,
  value: z.string().min(1).max(500),
  note: z.string().max(1_000),
  /** E.g. "24/7 duty desk". */
  label: z.string().max(200).default(''),
  tier: PaceTierSchema.nullable().default(null),
  /** When to give up on this channel and go to the next, e.g. 15 (minutes without an answer). */
  failAfterMinutes: z.number().int().min(1).max(10_080).nullable().default(null),
  /** What to do when it fails ("leave a message with the duty officer, then next"). */
  onFailure: z.string().max(1_000).default(''),
  /** What this channel depends on, when it differs from its type's (a secure phone on the mobile network). */
  dependsOn: z.array(InfrastructureSchema).max(4).nullable().default(null),
});
export type Channel = z.infer<typeof ChannelSchema>;

/** Kinds of organisation in the directory (pts. 8–22, Annex II). */
export const ORGANISATION_TYPES = [
  'cyber-crisis-authority', 'csirt', 'single-point-of-contact', 'ministry', 'eu-body', 'other',
] as const;
export const OrganisationTypeSchema = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof OrganisationTypeSchema>;

export const VERIFICATION_METHODS = ['call-back', 'in-person', 'signed-identity-card', 'video-call', 'email-reply'] as const;
export const VerificationMethodSchema = z.enum(VERIFICATION_METHODS);
export type VerificationMethod = z.infer<typeof VerificationMethodSchema>;

export const ContactVerificationSchema = z.object({
  at: IsoInstantSchema,
  by: z.string().min(1).max(300),
  method: VerificationMethodSchema,
  note: z.string().max(1_000),
});
export type ContactVerification = z.infer<typeof ContactVerificationSchema>;

export const ContactSchema = RecordMetaSchema.extend({
  kind: z.enum(['organisation', 'person']),
  name: z.string().min(1).max(200),
  organisation: z.string().max(200),
  country: CountryCodeSchema,
  roles: z.array(RoleSchema).max(ROLES.length),
  level: LevelSchema,
  /** In fallback order: the first channel is tried first. */
  channels: z.array(ChannelSchema).max(20),
  /** Organisations: what kind. */
  organisationType: OrganisationTypeSchema.nullable().default(null),
  /** Persons: the directory record of their organisation, when it is in the directory. */
  organisationId: RecordIdSchema.nullable().default(null),
  /** Persons: function or title ("Head of the national CSIRT"). */
  position: z.string().max(200).default(''),
  /** Fingerprint of their workbook identity, as shown in the keyring, when they have one. */
  fingerprint: z.string().max(200).nullable().default(null),
  /** The last time someone confirmed these details, who, and how. */
  verified: ContactVerificationSchema.nullable().default(null),
  notes: z.string().max(5_000).default(''),
});
export type Contact = z.infer<typeof ContactSchema>;

export const CallTreeSchema = RecordMetaSchema.extend(CallTreeFieldsSchema.shape);
export type CallTree = z.infer<typeof CallTreeSchema>;

export const CallRoundSchema = RecordMetaSchema.extend(CallRoundFieldsSchema.shape);
export type CallRound = z.infer<typeof CallRoundSchema>;

// ---- incidents and log entries ----------------------------------------------------------------
//
// Fields added after the first release carry defaults, so that records and operations written
// before them (in this database or in a peer's bundle) read as "nothing recorded yet" rather than
// as invalid; the journal stores and compares records in this parsed shape.

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

/**
 * The severity dimensions the Recommendation names for the common taxonomy (pt. 30): impact on
 * service delivery, number and relevance of affected entities, impact on other services and
 * infrastructure, and financial, reputational and political damage. The seeds define no levels
 * or thresholds, so the scale below is the workbook's own, provisional until EU-CyCLONe agrees
 * the taxonomy (pt. 30: within 24 months).
 */
export const SEVERITY_DIMENSIONS = ['services', 'entities', 'otherServices', 'financial', 'reputational', 'political'] as const;
export type SeverityDimension = (typeof SEVERITY_DIMENSIONS)[number];
export const SEVERITY_RATINGS = ['unknown', 'none', 'low', 'medium', 'high', 'very-high'] as const;
export const SeverityRatingSchema = z.enum(SEVERITY_RATINGS);
export type SeverityRating = z.infer<typeof SeverityRatingSchema>;
const unknownSeverity = () => Object.fromEntries(SEVERITY_DIMENSIONS.map((d) => [d, 'unknown'])) as Record<SeverityDimension, SeverityRating>;
export const SeveritySchema = z.object(
  Object.fromEntries(SEVERITY_DIMENSIONS.map((d) => [d, SeverityRatingSchema])) as Record<SeverityDimension, typeof SeverityRatingSchema>,
);
export type Severity = z.infer<typeof SeveritySchema>;

/** Whether a network is working on the incident (CSIRTs network: pts. 47–51; EU-CyCLONe: pts. 52–55). */
export const NETWORK_STATES = ['not-involved', 'informed', 'activated', 'stood-down'] as const;
export const NetworkStateSchema = z.enum(NETWORK_STATES);
export type NetworkState = z.infer<typeof NetworkStateSchema>;

/** The Council's IPCR arrangement (pts. 39, 55(c)(iv), 56–58). */
export const IPCR_MODES = ['not-activated', 'information-sharing', 'full-activation'] as const;
export const IpcrModeSchema = z.enum(IPCR_MODES);
export type IpcrMode = z.infer<typeof IpcrModeSchema>;
export const IpcrStateSchema = z.object({
  mode: IpcrModeSchema,
  /** Whether the Presidency opened a monitoring page on the IPCR web platform (pt. 58). */
  monitoringPage: z.boolean(),
});
export type IpcrState = z.infer<typeof IpcrStateSchema>;

/** Assistance asked for, e.g. services of the EU Cybersecurity Reserve (pt. 55(b)(v)). */
export const REQUEST_KINDS = ['reserve-services', 'mutual-assistance', 'csirts-network-support', 'enisa-support', 'other'] as const;
export const REQUEST_STATUSES = ['requested', 'granted', 'refused', 'delivered', 'withdrawn'] as const;
export const AssistanceRequestSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(REQUEST_KINDS),
  to: z.string().max(300),
  description: z.string().max(5_000),
  requestedAt: IsoInstantSchema,
  status: z.enum(REQUEST_STATUSES),
});
export type AssistanceRequest = z.infer<typeof AssistanceRequestSchema>;

/** Lessons gathered at closure (pts. 42–44, 74): what went well, what did not, actions with owner. */
export const LessonsLearnedSchema = z.object({
  wentWell: z.array(z.string().min(1).max(2_000)).max(100),
  didNotGoWell: z.array(z.string().min(1).max(2_000)).max(100),
  actions: z.array(z.object({ text: z.string().min(1).max(2_000), owner: z.string().max(300), due: z.string().max(10).nullable() })).max(100),
});
export type LessonsLearned = z.infer<typeof LessonsLearnedSchema>;

export const IncidentSchema = RecordMetaSchema.extend({
  title: z.string().min(1).max(300),
  summary: z.string().max(20_000),
  escalation: EscalationLevelSchema,
  status: IncidentStatusSchema,
  startedAt: IsoInstantSchema,
  memberStates: z.array(CountryCodeSchema).max(28),
  sectors: z.array(z.string().min(1).max(100)).max(30),
  severity: SeveritySchema.default(unknownSeverity),
  csirtsNetwork: NetworkStateSchema.default('not-involved'),
  cyclone: NetworkStateSchema.default('not-involved'),
  ipcr: IpcrStateSchema.default(() => ({ mode: 'not-activated' as const, monitoringPage: false })),
  requests: z.array(AssistanceRequestSchema).max(200).default(() => []),
  clocks: z.array(ClockSchema).max(50).default(() => []),
  /** Filled in when the incident is closed. */
  lessons: LessonsLearnedSchema.nullable().default(null),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** The incident fields whose every change is itself written into the logbook. */
export const TRACKED_INCIDENT_FIELDS = ['title', 'summary', 'escalation', 'status', 'memberStates', 'sectors', 'severity', 'csirtsNetwork', 'cyclone', 'ipcr', 'requests', 'clocks', 'lessons', 'tlp'] as const;
export type TrackedIncidentField = (typeof TRACKED_INCIDENT_FIELDS)[number];

export const LOG_ENTRY_KINDS = [
  'observation',
  'decision',
  'action',
  'communication-in',
  'communication-out',
  'situation-report',
  'handover',
  'escalation',
] as const;
export const LogEntryKindSchema = z.enum(LOG_ENTRY_KINDS);
export type LogEntryKind = z.infer<typeof LogEntryKindSchema>;

/** How information reached the author (crisis-logbook practice: note the channel of every message). */
export const RECEIVED_CHANNELS = ['in-person', 'telephone', 'radio', 'courier', 'bundle', 'email', 'secure-messaging', 'video', 'meeting', 'other'] as const;
export const ReceivedChannelSchema = z.enum(RECEIVED_CHANNELS);
export type ReceivedChannel = z.infer<typeof ReceivedChannelSchema>;

/** EU classified information levels (RESTREINT UE/EU RESTRICTED and above) — never stored here (pt. 76). */
export const EUCI_LEVELS = ['restreint-ue', 'confidentiel-ue', 'secret-ue', 'tres-secret-ue'] as const;

/** Procedure steps: done, skipped (with a reason), blocked, reopened. Calls: reached, no answer, unreachable. */
export const PROGRESS_STATES = ['done', 'skipped', 'blocked', 'reopened', 'reached', 'no-answer', 'unreachable'] as const;
export const ProgressStateSchema = z.enum(PROGRESS_STATES);
export type ProgressState = z.infer<typeof ProgressStateSchema>;
export const LogProgressSchema = z.object({
  subject: z.enum(['procedure-run', 'call-round']),
  runId: RecordIdSchema,
  /** The step id of a procedure run, the node id of a call round; null for the run as a whole. */
  itemId: z.string().min(1).max(64).nullable(),
  /** For the run as a whole: started, completed, abandoned (as RunStatus); else the item's state. */
  state: z.union([ProgressStateSchema, z.enum(['started', 'completed', 'abandoned'])]),
});
export type LogProgress = z.infer<typeof LogProgressSchema>;

export const LogEntrySchema = RecordMetaSchema.extend({
  incidentId: RecordIdSchema,
  kind: LogEntryKindSchema,
  text: z.string().min(1).max(20_000),
  /** When it happened, as far as the author knows. (When it was recorded is `createdAt`.) */
  occurredAt: IsoInstantSchema,
  /** Who wrote it, as shown to readers ("J. Jansen, NCSC-NL"); the writing installation is `origin`. */
  author: z.string().min(1).max(300),
  /** When the information reached the author, and how. */
  receivedAt: IsoInstantSchema.nullable().default(null),
  channel: ReceivedChannelSchema.nullable().default(null),
  /** Recorded well after the event: why (crisis-logbook practice). */
  retrospective: z.object({ justification: z.string().min(1).max(2_000) }).nullable().default(null),
  /** A correction or withdrawal of an earlier entry, with the reason; the earlier entry stays as it was. */
  corrects: z
    .object({ entryId: RecordIdSchema, mode: z.enum(['correction', 'withdrawal']), reason: z.string().min(1).max(2_000) })
    .nullable()
    .default(null),
  /** Contacts and procedure steps the entry is about. */
  links: z
    .object({
      contacts: z.array(RecordIdSchema).max(50),
      procedureSteps: z.array(z.object({ procedureId: RecordIdSchema, stepId: z.string().min(1).max(64) })).max(50),
    })
    .default(() => ({ contacts: [], procedureSteps: [] })),
  /** Files referred to by hash; their content is kept apart from the entry. */
  attachments: z
    .array(z.object({ name: z.string().min(1).max(300), mediaType: z.string().max(200), bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .max(50)
    .default(() => []),
  /**
   * That EU classified information was exchanged — when, with whom, over which accredited channel
   * (pt. 76). The information itself is never stored in the workbook.
   */
  classified: z
    .object({ level: z.enum(EUCI_LEVELS), with: z.string().min(1).max(300), channel: z.string().min(1).max(300), exchangedAt: IsoInstantSchema })
    .nullable()
    .default(null),
  /** For entries that record a change of the incident itself: which fields, from what, to what. */
  incidentChange: z
    .array(z.object({ field: z.enum(TRACKED_INCIDENT_FIELDS), from: z.unknown(), to: z.unknown() }))
    .max(TRACKED_INCIDENT_FIELDS.length)
    .nullable()
    .default(null),
  /**
   * For entries that record progress of a procedure run or a call round: which run, which step or
   * call, and its new state (the reason, if any, is the entry's text).
   */
  progress: LogProgressSchema.nullable().default(null),
  /** Place in the writing installation's hash chain for this incident (null: written before chains). */
  chain: ChainLinkSchema.nullable().default(null),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;
