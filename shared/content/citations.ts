/**
 * Citations of the Recommendation ("pt. 55(a)(ii)", "pts. 47–51", "pts. 52, 55(c)(iii)") turned into
 * the point keys of points.json, so a reader can go from a step to the source paragraph.
 */
import type { SourcePoint, SourcePoints } from './packSchema';

const ITEM = /^(\d{1,3})((?:\([a-z]+\)){0,3})$/;
const RANGE = /^(\d{1,3})[–-](\d{1,3})$/;

/** The point keys a citation names, in order; null when the citation cannot be read. */
export function citationKeys(citation: string): string[] | null {
  const m = /^pts?\. (.+)$/.exec(citation.trim());
  if (!m?.[1]) return null;
  const keys: string[] = [];
  for (const part of m[1].split(/,\s*/)) {
    const range = RANGE.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to <= from || to - from > 100) return null;
      for (let n = from; n <= to; n++) keys.push(String(n));
      continue;
    }
    if (!ITEM.test(part)) return null;
    keys.push(part);
  }
  return keys.length > 0 ? keys : null;
}

export interface CitedPoint {
  readonly key: string;
  readonly source: SourcePoint;
}

/** The source text of every point a citation names (keys not in points.json are left out). */
export function resolveCitation(citation: string, points: SourcePoints): CitedPoint[] {
  const keys = citationKeys(citation) ?? [];
  const out: CitedPoint[] = [];
  for (const key of keys) {
    const source = points.points[key];
    if (source) out.push({ key, source });
  }
  return out;
}
