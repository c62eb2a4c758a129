/**
 * The built-in content pack (shared/content/blueprint-pack/), loaded from its JSON files and
 * validated by the pack schemas when this module is first imported. The files are imported
 * statically, so tsc, Vite and Vitest all bundle them without a file system; a pack that does not
 * match its schema fails loudly at start-up and in the tests rather than showing half a procedure.
 */
import manifest from './blueprint-pack/manifest.json';
import actors from './blueprint-pack/actors.json';
import points from './blueprint-pack/sources/points.json';
import detectionEscalation from './blueprint-pack/procedures/eu.detection-escalation.json';
import responseWithoutIpcrFull from './blueprint-pack/procedures/eu.response-without-ipcr-full.json';
import responseIpcrFull from './blueprint-pack/procedures/eu.response-ipcr-full.json';
import publicCommunication from './blueprint-pack/procedures/eu.public-communication.json';
import diplomaticResponse from './blueprint-pack/procedures/eu.diplomatic-response.json';
import militaryCoordination from './blueprint-pack/procedures/eu.military-coordination.json';
import recoveryLessons from './blueprint-pack/procedures/eu.recovery-lessons.json';
import cybersecurityReserve from './blueprint-pack/procedures/eu.cybersecurity-reserve.json';
import preparedness from './blueprint-pack/procedures/eu.preparedness.json';
import principles from './blueprint-pack/reference/principles.json';
import definitions from './blueprint-pack/reference/definitions.json';
import nationalStructures from './blueprint-pack/reference/national-structures.json';
import networksAndActors from './blueprint-pack/reference/networks-and-actors.json';
import actorsPage from './blueprint-pack/reference/actors.json';
import crisisMechanisms from './blueprint-pack/reference/crisis-mechanisms.json';
import participationMatrix from './blueprint-pack/reference/participation-matrix.json';
import {
  ContentPackSchema,
  type ContentPack,
  type ContentPackInput,
  type PackActor,
  type PackProcedure,
} from './packSchema';

/** The pack's files, in the order procedures and pages are listed to a reader. */
export const BUILTIN_PACK_FILES: ContentPackInput = {
  manifest,
  actors,
  points,
  procedures: [
    detectionEscalation,
    responseWithoutIpcrFull,
    responseIpcrFull,
    publicCommunication,
    diplomaticResponse,
    militaryCoordination,
    recoveryLessons,
    cybersecurityReserve,
    preparedness,
  ] as ContentPackInput['procedures'],
  reference: [
    principles,
    definitions,
    nationalStructures,
    networksAndActors,
    actorsPage,
    crisisMechanisms,
    participationMatrix,
  ] as ContentPackInput['reference'],
} as ContentPackInput;

/** The built-in pack, validated. */
export const BUILTIN_PACK: ContentPack = ContentPackSchema.parse(BUILTIN_PACK_FILES);

const actorsById: ReadonlyMap<string, PackActor> = new Map(BUILTIN_PACK.actors.map((a) => [a.id, a]));

/** An actor of the built-in catalogue, or undefined for an id it does not hold (a national actor). */
export function actorById(id: string): PackActor | undefined {
  return actorsById.get(id);
}

/** A built-in procedure by its key ("eu.detection-escalation"). */
export function builtinProcedure(key: string): PackProcedure | undefined {
  return BUILTIN_PACK.procedures.find((p) => p.key === key);
}
