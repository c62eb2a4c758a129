/**
 * The format of a procedure content pack: the blueprint's crisis processes as swimlane procedures,
 * the actor catalogue they draw their lanes from, reference pages, and the source text of every
 * point of the Recommendation that a step may cite (pt. 80 asks EU-CyCLONe for official process flow
 * diagrams; until they exist the project publishes its own pack, and a newer signed pack replaces it).
 *
 * A pack is data, not code: JSON files validated by these schemas and then checked by the rules in
 * packRules.ts. The major version of a pack is its format: a pack of another major version is not
 * read by this code (see `PACK_FORMAT_MAJOR`).
 */
import { z } from 'zod';
import { LevelSchema } from '../model/levels';
import { RoleSchema } from '../model/roles';
import {
  ActorIdSchema,
  CitationSchema,
  LocalizedTextSchema,
  PackRefSchema,
  ProcedureContentSchema,
  ProcedureFieldsSchema,
  ProcedurePartIdSchema,
} from '../model/procedure';

/** The pack format this code reads: the major version of the packs it accepts. */
export const PACK_FORMAT_MAJOR = 1;

export const SemverSchema = PackRefSchema.shape.version;

/** Order of lanes from the top of a chart to the bottom, by level (see the pack README). */
export const LANE_ORDERS = ['technical-operational-political', 'political-operational-technical'] as const;
export const LaneOrderSchema = z.enum(LANE_ORDERS);
export type LaneOrder = z.infer<typeof LaneOrderSchema>;

export const PackManifestSchema = z.object({
  id: PackRefSchema.shape.id,
  version: SemverSchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  /** Who publishes the pack and on what authority. */
  publisher: LocalizedTextSchema,
  /** Calendar date of publication (YYYY-MM-DD). */
  publishedAt: z.iso.date(),
  /** The text the procedures rest on. */
  source: z.object({
    title: LocalizedTextSchema,
    /** Official reference, e.g. the Council document number and the Official Journal reference. */
    reference: z.string().min(1).max(500),
  }),
  laneOrder: LaneOrderSchema,
  /** What changed since the previous version, in both languages. */
  changes: LocalizedTextSchema,
});
export type PackManifest = z.infer<typeof PackManifestSchema>;

/**
 * An actor of the catalogue. `level` places its lanes; `levels` is what Annex II itself states
 * (empty where Annex II leaves the level blank or calls the actor horizontal), `levelNote` says why
 * `level` was chosen where the two differ.
 */
export const PackActorSchema = z.object({
  id: ActorIdSchema,
  name: LocalizedTextSchema,
  /** Short name for a lane header ("EU-CyCLONe", "ENISA"). */
  shortName: LocalizedTextSchema,
  /** Union-level actor, an actor every member state has, or a partner outside the Union. */
  scope: z.enum(['union', 'national', 'international']),
  /** Where Annex II lists it: II(1) the participation matrix, II(2) the table of Union-level actors. */
  annex: z.array(z.enum(['II(1)', 'II(2)'])).max(2),
  /** The name exactly as the Dutch source prints it (for a reviewer comparing with Annex II). */
  sourceName: z.string().min(1).max(300),
  level: LevelSchema,
  levels: z.array(LevelSchema).max(3),
  levelNote: LocalizedTextSchema.nullable(),
  role: LocalizedTextSchema,
  legalReferences: z.array(LocalizedTextSchema).max(10),
  citations: z.array(CitationSchema).min(1).max(30),
  /** Directory roles of the people who act for this actor, to find their contacts. */
  roles: z.array(RoleSchema).max(10),
});
export type PackActor = z.infer<typeof PackActorSchema>;

export const ActorCatalogueSchema = z.array(PackActorSchema).min(1).max(200);

/** A phase of the crisis management lifecycle as Annex II(1) names its columns. */
export const LIFECYCLE_PHASES = [
  'preparedness',
  'detection',
  'response-technical',
  'response-operational',
  'response-political',
  'public-communication',
  'recovery',
] as const;
export const LifecyclePhaseSchema = z.enum(LIFECYCLE_PHASES);
export type LifecyclePhase = z.infer<typeof LifecyclePhaseSchema>;

export const ReferenceBlockSchema = z.object({
  id: ProcedurePartIdSchema,
  heading: LocalizedTextSchema,
  text: LocalizedTextSchema,
  citations: z.array(CitationSchema).min(1).max(30),
  /** Actors of the catalogue the block is about. */
  actors: z.array(ActorIdSchema).max(40).default(() => []),
});
export type ReferenceBlock = z.infer<typeof ReferenceBlockSchema>;

/** The participation matrix: for each actor, whether Annex II(1) ticks it in each phase. */
export const ParticipationMatrixSchema = z.object({
  phases: z.array(z.object({ id: LifecyclePhaseSchema, label: LocalizedTextSchema })).min(1).max(10),
  rows: z.array(
    z.object({
      actor: ActorIdSchema,
      phases: z.array(LifecyclePhaseSchema).max(10),
      /** Where the body text involves the actor in a phase the matrix does not tick. */
      note: LocalizedTextSchema.nullable(),
    }),
  ).min(1).max(50),
  /** The matrix was rebuilt from a flattened table; the caveat shown above it. */
  caveat: LocalizedTextSchema,
});
export type ParticipationMatrix = z.infer<typeof ParticipationMatrixSchema>;

export const REFERENCE_PAGE_IDS = [
  'principles',
  'definitions',
  'national-structures',
  'networks-and-actors',
  'actors',
  'crisis-mechanisms',
  'participation-matrix',
] as const;

export const ReferencePageSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  citations: z.array(CitationSchema).min(1).max(50),
  blocks: z.array(ReferenceBlockSchema).max(100),
  matrix: ParticipationMatrixSchema.nullable().default(null),
});
export type ReferencePage = z.infer<typeof ReferencePageSchema>;

export const SourcePointSchema = z.object({
  /** The point number the entry belongs to (55 for "55(b)(v)"). */
  point: z.number().int().min(1).max(200),
  /** The chapter heading of the Dutch source ("VI: Detectie van …"). */
  chapter: z.string(),
  /** The Dutch source text of the point or sub-point. */
  nl: z.string().min(1),
  /** The project's English digest of it; empty where the digest does not treat it on its own. */
  en: z.string(),
});
export type SourcePoint = z.infer<typeof SourcePointSchema>;

/** Point keys: "55", "55(b)", "55(b)(iv)", "55(b)(iv)(c)". */
export const PointKeySchema = z.string().regex(/^\d{1,3}(\([a-z]+\)){0,3}$/, 'not a point key');

export const SourcePointsSchema = z.object({
  format: z.literal(1),
  source: z.object({
    title: LocalizedTextSchema,
    reuse: z.string(),
    english: z.string(),
    extractedBy: z.string(),
  }),
  chapters: z.array(z.string()),
  points: z.record(PointKeySchema, SourcePointSchema),
});
export type SourcePoints = z.infer<typeof SourcePointsSchema>;

/**
 * A procedure as a pack carries it: its content, its stable key and its revision. The revision
 * rises by one whenever a pack changes the procedure's content; it becomes the procedure's version
 * in the database, so every installation numbers the versions of a built-in procedure alike.
 */
export const PackProcedureSchema = ProcedureContentSchema.extend({
  key: ProcedureFieldsSchema.shape.key,
  revision: z.number().int().min(1).max(10_000),
});
export type PackProcedure = z.infer<typeof PackProcedureSchema>;
export type PackProcedureInput = z.input<typeof PackProcedureSchema>;

/** A whole pack, as loaded from its files or imported as one document. */
export const ContentPackSchema = z.object({
  manifest: PackManifestSchema,
  actors: ActorCatalogueSchema,
  procedures: z.array(PackProcedureSchema).min(1).max(200),
  reference: z.array(ReferencePageSchema).max(50),
  points: SourcePointsSchema,
});
export type ContentPack = z.infer<typeof ContentPackSchema>;
export type ContentPackInput = z.input<typeof ContentPackSchema>;

/** major.minor.patch of a version string, for comparing pack versions. */
export function parseSemver(version: string): [number, number, number] {
  const parts = SemverSchema.parse(version).split('.').map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
