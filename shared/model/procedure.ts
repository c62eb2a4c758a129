/**
 * Procedures as swimlane process models (pt. 80: process flow diagrams of the information flows
 * between actors, the decision processes and the reports produced).
 *
 * A procedure has lanes (one per actor, each at a level: technical, operational, political),
 * steps placed in lanes, and flows between steps. A decision step names its outcomes; each outcome
 * leaves it by a flow that carries the outcome's id. Information flows (a message or report that
 * travels between actors) are drawn apart from the sequence of work.
 *
 * Built-in procedures come from a versioned content pack (`pack`), read-only in the app; national
 * procedures are written in the editor. Every saved version of a procedure is kept in
 * `procedureVersions`, and a procedure run on an incident keeps a copy of the version it ran, so a
 * newer pack can replace the built-in content without rewriting the history of runs.
 */
import { z } from 'zod';
import { CountryCodeSchema } from './countries';
import { RecordIdSchema } from './ids';
import { LevelSchema } from './levels';
import { RoleSchema } from './roles';
import { IsoInstantSchema } from './time';

/** Text kept in both languages of the project; either may be empty while a translation is pending. */
export const LocalizedTextSchema = z.object({
  en: z.string().max(20_000),
  nl: z.string().max(20_000),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** A citation of the Recommendation, e.g. "pt. 55(a)(ii)" or "pts. 56–58". */
export const CitationSchema = z.string().regex(/^pts?\. \d+[\w()–\-, .]*$/, 'not a point citation');

/** Identifiers inside a procedure (lanes, steps, flows, outcomes): short, stable, readable. */
export const ProcedurePartIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'not a part id (lower-case letters, digits, . _ -)');

/**
 * Actors are named by id: the actors of Annex II live in the content pack's actor catalogue
 * (`actors`), a national procedure may add its own with a `label`.
 */
export const ActorIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not an actor id');

export const ProcedureLaneSchema = z.object({
  id: ProcedurePartIdSchema,
  actor: ActorIdSchema,
  level: LevelSchema,
  /** The actor's name when it is not in the catalogue (a national actor); null: the catalogue's name. */
  label: LocalizedTextSchema.nullable().default(null),
  /** Directory roles of the people who act for this actor, used to find their contacts. */
  roles: z.array(RoleSchema).max(20).default(() => []),
});
export type ProcedureLane = z.infer<typeof ProcedureLaneSchema>;

/**
 * start / end: where the procedure begins and ends; task: work an actor does; decision: a choice
 * with named outcomes; report: a document or message the actor produces (situation report,
 * request, notification).
 */
export const STEP_KINDS = ['start', 'task', 'decision', 'report', 'end'] as const;
export const StepKindSchema = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKindSchema>;

export const DecisionOutcomeSchema = z.object({
  id: ProcedurePartIdSchema,
  label: LocalizedTextSchema,
});
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;

export const ProcedureStepSchema = z.object({
  id: ProcedurePartIdSchema,
  lane: ProcedurePartIdSchema,
  kind: StepKindSchema,
  /** Short, for the chart ("Assess the incident"). */
  title: LocalizedTextSchema,
  /** What to do, for the detail panel and the outline. */
  text: LocalizedTextSchema,
  /** The points of the Recommendation the step comes from (national steps may cite none). */
  citations: z.array(CitationSchema).max(20),
  /** Decision steps only: the outcomes, each leaving by a flow with that `outcome`. */
  outcomes: z.array(DecisionOutcomeSchema).max(10).default(() => []),
  /** What has to be done or checked before the step counts as done. */
  checklist: z.array(LocalizedTextSchema).max(50).default(() => []),
  /** The reports or messages the step produces (names, e.g. "Situation report"). */
  reports: z.array(LocalizedTextSchema).max(20).default(() => []),
});
export type ProcedureStep = z.infer<typeof ProcedureStepSchema>;

/** sequence: the order of work; information: a message or report travelling between actors. */
export const FLOW_KINDS = ['sequence', 'information'] as const;
export const FlowKindSchema = z.enum(FLOW_KINDS);
export type FlowKind = z.infer<typeof FlowKindSchema>;

export const ProcedureFlowSchema = z.object({
  id: ProcedurePartIdSchema,
  from: ProcedurePartIdSchema,
  to: ProcedurePartIdSchema,
  kind: FlowKindSchema,
  /** For a flow leaving a decision: which outcome it stands for. */
  outcome: ProcedurePartIdSchema.nullable().default(null),
  /** What travels (information flows) or a short note on the arrow. */
  label: LocalizedTextSchema.nullable().default(null),
});
export type ProcedureFlow = z.infer<typeof ProcedureFlowSchema>;

/** The content of a procedure: what a version, a pack entry and a run keep. */
export const ProcedureContentSchema = z.object({
  scope: z.enum(['eu', 'national']),
  country: CountryCodeSchema,
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  citations: z.array(CitationSchema).max(50),
  lanes: z.array(ProcedureLaneSchema).max(40),
  steps: z.array(ProcedureStepSchema).max(500),
  flows: z.array(ProcedureFlowSchema).max(2_000),
});
export type ProcedureContent = z.infer<typeof ProcedureContentSchema>;
export type ProcedureContentInput = z.input<typeof ProcedureContentSchema>;

/** Where a built-in procedure came from: its pack and the pack's version. */
export const PackRefSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'not a version (major.minor.patch)'),
});
export type PackRef = z.infer<typeof PackRefSchema>;

/** The procedure fields beside the record meta (see records.ts, which joins them). */
export const ProcedureFieldsSchema = ProcedureContentSchema.extend({
  /** Stable name across pack versions and copies ("eu.detection-escalation"). */
  key: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'not a procedure key'),
  /** Null for a national procedure written in this workbook. */
  pack: PackRefSchema.nullable().default(null),
  /** Rises by one with every saved version. */
  version: z.number().int().min(1).default(1),
  /** The procedure this one was copied from, if any (a built-in one used as a starting point). */
  copiedFrom: z.object({ procedureId: RecordIdSchema, version: z.number().int().min(1) }).nullable().default(null),
});

/** One saved version of a procedure, kept for ever so that two versions can be compared. */
export const ProcedureVersionFieldsSchema = z.object({
  procedureId: RecordIdSchema,
  version: z.number().int().min(1),
  content: ProcedureContentSchema,
  savedBy: z.string().min(1).max(300),
  /** What changed, in the author's words. */
  note: z.string().max(2_000),
});

export const RUN_STATUSES = ['running', 'completed', 'abandoned'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/**
 * A procedure started on an incident. The run keeps the content of the version it follows; the
 * progress of its steps is in the incident's log (entries with `progress`), which is append-only
 * and chained, so the run's history is evidence.
 */
export const ProcedureRunFieldsSchema = z.object({
  incidentId: RecordIdSchema,
  procedureId: RecordIdSchema,
  procedureKey: z.string().max(100),
  procedureVersion: z.number().int().min(1),
  content: ProcedureContentSchema,
  startedAt: IsoInstantSchema,
  startedBy: z.string().min(1).max(300),
  status: RunStatusSchema,
});
