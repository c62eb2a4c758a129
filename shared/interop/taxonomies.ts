/**
 * PURE: MISP taxonomy tags for an incident — TLP 2.0 from the MISP `tlp` taxonomy and the NIS2
 * taxonomy for large-scale incidents (`nis2`, built on the Commission Recommendation of 13 May
 * 2022). Every tag here is a predicate/value of the published taxonomy files (MISP/misp-taxonomies
 * `tlp/machinetag.json` version 10, `nis2/machinetag.json` version 3); the unit tests check each
 * emitted tag against vendored copies (test/fixtures/interop/schemas/taxonomies).
 *
 * Mapping from the workbook's assessment (only where it is sound; otherwise no tag):
 *
 * | workbook                                   | nis2 tag                                   |
 * |--------------------------------------------|--------------------------------------------|
 * | severity, highest of the real-world        | impact-severity:                           |
 * | dimensions (services, entities,            |   none → "white" (no impact)               |
 * | otherServices, financial)                  |   low → "green" (minor impact)             |
 * |                                            |   high → "yellow" (large impact)           |
 * |                                            |   very-high → "red" (very large impact)    |
 * |                                            |   medium → no tag: it lies between "minor" |
 * |                                            |   and "large" and would be a guess         |
 * |                                            |   all unknown → no tag                     |
 * | reputational and political damage          | none: nis2 impact is the real-world impact |
 * |                                            | on society and the economy                 |
 * | sectors (free text), case/accents ignored  | impact-sectors-impacted=<sector>, and      |
 * |                                            | impact-subsectors-impacted=<subsector> for |
 * |                                            | the subsectors below (with their sector)   |
 * | outlook                                    | none: the workbook records no outlook      |
 * | root cause                                 | none: the workbook records no root cause   |
 * | nature severity (threat severity)          | none: the workbook rates impact, not threat|
 *
 * Exercises: the MISP `exercise` taxonomy names specific exercises (Cyber Europe, Locked Shields…)
 * and three generic kinds (comcheck, red-teaming, ngsoti), none of which fits a national crisis
 * exercise in general; exercise exports are marked in the event's `info` instead.
 */
import { type Incident, type SeverityDimension, type SeverityRating } from '../model/records';
import type { Tlp } from '../model/tlp';

/** The MISP `tlp` taxonomy tag for a TLP 2.0 label. */
export function tlpTag(tlp: Tlp): string {
  return `tlp:${tlp.toLowerCase()}`;
}

/** The dimensions that describe real-world impact on society and the economy (nis2 impact-severity). */
const REAL_WORLD_DIMENSIONS: readonly SeverityDimension[] = ['services', 'entities', 'otherServices', 'financial'];

const IMPACT_SEVERITY: Readonly<Partial<Record<SeverityRating, string>>> = {
  none: 'white',
  low: 'green',
  high: 'yellow',
  'very-high': 'red',
};

/** Order of the workbook's ratings, lowest first (unknown ranks below everything). */
const RATING_ORDER: readonly SeverityRating[] = ['unknown', 'none', 'low', 'medium', 'high', 'very-high'];

/** The nis2 impact-severity value for the incident's highest real-world rating, or null. */
export function nis2ImpactSeverity(incident: Incident): string | null {
  const highest = REAL_WORLD_DIMENSIONS.map((d) => incident.severity[d]).reduce<SeverityRating>(
    (worst, r) => (RATING_ORDER.indexOf(r) > RATING_ORDER.indexOf(worst) ? r : worst),
    'unknown',
  );
  return IMPACT_SEVERITY[highest] ?? null;
}

/** nis2 sector values, with the words (English, Dutch) a sector may be written as in the workbook. */
const SECTOR_WORDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['energy', ['energy', 'energie']],
  ['transport', ['transport', 'transportation', 'vervoer']],
  ['banking', ['banking', 'banks', 'bankwezen', 'banken']],
  ['financial', ['financial', 'financial market infrastructure', 'financial market infrastructures', 'financiele marktinfrastructuur', 'financiele marktinfrastructuren']],
  ['health', ['health', 'healthcare', 'health care', 'gezondheidszorg', 'zorg']],
  ['drinking-water', ['drinking water', 'drinking-water', 'drinkwater']],
  ['waste-water', ['waste water', 'waste-water', 'wastewater', 'afvalwater']],
  ['digital-infrastructure', ['digital infrastructure', 'digital-infrastructure', 'digitale infrastructuur']],
  ['public-administration', ['public administration', 'public-administration', 'government', 'openbaar bestuur', 'overheid']],
  ['space', ['space', 'ruimtevaart']],
];

/** nis2 subsector values with their sector and words. */
const SUBSECTOR_WORDS: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['electricity', 'energy', ['electricity', 'elektriciteit']],
  ['oil', 'energy', ['oil', 'olie']],
  ['gas', 'energy', ['gas']],
  ['hydrogen', 'energy', ['hydrogen', 'waterstof']],
  ['district-heating-and-cooling', 'energy', ['district heating', 'district heating and cooling', 'stadsverwarming']],
  ['air', 'transport', ['air', 'air transport', 'aviation', 'luchtvaart']],
  ['rail', 'transport', ['rail', 'rail transport', 'railways', 'spoor']],
  ['water', 'transport', ['water transport', 'maritime', 'shipping', 'ports', 'scheepvaart', 'havens']],
  ['road', 'transport', ['road', 'road transport', 'wegvervoer']],
];

/** Lower case, accents and surrounding space removed, inner runs of space/dash/underscore as one space. */
function normaliseSector(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** The nis2 sector and subsector tags for the incident's sectors, each once, in taxonomy order. */
export function nis2SectorTags(sectors: readonly string[]): string[] {
  const words = new Set(sectors.map(normaliseSector));
  const sectorValues = new Set<string>();
  const subsectorValues = new Set<string>();
  for (const [value, sector, names] of SUBSECTOR_WORDS) {
    if (names.some((n) => words.has(normaliseSector(n)))) {
      subsectorValues.add(value);
      sectorValues.add(sector);
    }
  }
  for (const [value, names] of SECTOR_WORDS) if (names.some((n) => words.has(normaliseSector(n)))) sectorValues.add(value);
  return [
    ...SECTOR_WORDS.map(([v]) => v).filter((v) => sectorValues.has(v)).map((v) => `nis2:impact-sectors-impacted="${v}"`),
    ...SUBSECTOR_WORDS.map(([v]) => v).filter((v) => subsectorValues.has(v)).map((v) => `nis2:impact-subsectors-impacted="${v}"`),
  ];
}

/** Every taxonomy tag of the event: TLP first, then nis2 (severity, sectors). */
export function incidentTags(incident: Incident, tlp: Tlp): string[] {
  const tags = [tlpTag(tlp)];
  const severity = nis2ImpactSeverity(incident);
  if (severity !== null) tags.push(`nis2:impact-severity="${severity}"`);
  tags.push(...nis2SectorTags(incident.sectors));
  return tags;
}

