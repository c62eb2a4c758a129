/**
 * Names and sources for the procedure screens: an actor's name from the built-in catalogue (or the
 * lane's own label for a national actor), and the Dutch source text and English digest of the
 * points a citation names.
 */
import { BUILTIN_PACK, actorById } from '../../../../shared/content/builtinPack';
import { resolveCitation, type CitedPoint } from '../../../../shared/content/citations';
import type { PackActor } from '../../../../shared/content/packSchema';
import type { Language } from '../../../../shared/i18n/languages';
import type { Level } from '../../../../shared/model/levels';
import type { LocalizedText, ProcedureLane } from '../../../../shared/model/procedure';

/** Text in the reader's language, the other language while a translation is missing. */
export function pick(text: LocalizedText | null | undefined, language: Language): string {
  if (!text) return '';
  return text[language] || text[language === 'en' ? 'nl' : 'en'];
}

export function catalogueActor(actorId: string): PackActor | undefined {
  return actorById(actorId);
}

/** The lane's title: its own label, else the catalogue's short name, else the actor id. */
export function laneTitle(lane: Pick<ProcedureLane, 'actor' | 'label'>, language: Language): string {
  return pick(lane.label, language) || pick(catalogueActor(lane.actor)?.shortName, language) || pick(catalogueActor(lane.actor)?.name, language) || lane.actor;
}

/** The actor's full name for the step panel. */
export function actorFullName(lane: Pick<ProcedureLane, 'actor' | 'label'>, language: Language): string {
  return pick(catalogueActor(lane.actor)?.name, language) || laneTitle(lane, language);
}

export function citedPoints(citation: string): CitedPoint[] {
  return resolveCitation(citation, BUILTIN_PACK.points);
}

export const PACK_MANIFEST = BUILTIN_PACK.manifest;
export const REFERENCE_PAGES = BUILTIN_PACK.reference;
export const ACTORS = BUILTIN_PACK.actors;

export interface ReferencePageEntry {
  readonly id: string;
  /** The pack's title; null for the actors page, which is built from the actor catalogue. */
  readonly title: LocalizedText | null;
}

/** The reference pages in the pack's order; the Annex II actors table always (from the catalogue). */
export const REFERENCE_PAGE_LIST: readonly ReferencePageEntry[] = (() => {
  const pages: ReferencePageEntry[] = BUILTIN_PACK.reference.map((p) => ({ id: p.id, title: p.title }));
  if (!pages.some((p) => p.id === 'actors')) pages.push({ id: 'actors', title: null });
  return pages;
})();

/** The level order of every chart: the pack's lane order, top to bottom. */
export const LEVEL_ORDER: readonly Level[] =
  BUILTIN_PACK.manifest.laneOrder === 'political-operational-technical' ? ['political', 'operational', 'technical'] : ['technical', 'operational', 'political'];
