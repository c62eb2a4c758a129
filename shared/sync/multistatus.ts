/**
 * The answer to a WebDAV PROPFIND (RFC 4918 §9.1, a `207 Multi-Status` XML document), read with
 * a maintained XML parser and validated with zod: a hub is outside the app's trust, so anything
 * that does not have the expected shape is refused with a clear reason, never half used.
 */
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

/** One member of a listed collection. */
export interface DavEntry {
  /** Decoded last path segment. */
  readonly name: string;
  readonly isCollection: boolean;
  /** Bytes (files; null when the server did not say). */
  readonly size: number | null;
  readonly etag: string | null;
}

/** A PROPFIND answer larger than this is refused (a hub folder lists file names, not files). */
export const MAX_MULTISTATUS_BYTES = 8 * 1024 * 1024;

const PropSchema = z
  .object({
    resourcetype: z.union([z.string(), z.object({ collection: z.unknown().optional() }).loose()]).optional(),
    getcontentlength: z.string().regex(/^\s*\d{1,15}\s*$/).optional(),
    getetag: z.string().optional(),
  })
  .loose();

const PropstatSchema = z.object({
  // Validated below for the successful propstat only (a 404 propstat lists the properties the server lacks, empty).
  prop: z.unknown().optional(),
  status: z.string(),
});

const ResponseSchema = z.object({
  href: z.string().min(1),
  propstat: z.array(PropstatSchema).optional(),
  status: z.string().optional(),
});

const MultistatusSchema = z.object({
  multistatus: z.union([z.object({ response: z.array(ResponseSchema).optional() }).loose(), z.literal('')]),
});

export class MultistatusError extends Error {
  override readonly name = 'MultistatusError';
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: false,
  isArray: (name) => name === 'response' || name === 'propstat',
});

/** The path part of an href (servers send either an absolute path or a full URL). */
function hrefPath(href: string): string {
  const withoutOrigin = href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return withoutOrigin.split(/[?#]/)[0] ?? '';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MultistatusError(`href segment ${JSON.stringify(segment)} is not valid percent-encoding`);
  }
}

function normalise(path: string): string[] {
  return path.split('/').filter((s) => s !== '').map(decodeSegment);
}

/**
 * The members of the collection at `collectionPath` (the URL path that was asked for), without
 * the collection itself. Throws `MultistatusError` for anything that is not a valid answer.
 */
export function parseMultistatus(xml: string, collectionPath: string): DavEntry[] {
  if (xml.length > MAX_MULTISTATUS_BYTES) throw new MultistatusError(`the listing is larger than ${MAX_MULTISTATUS_BYTES} bytes`);
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch (e) {
    throw new MultistatusError(`the listing is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = MultistatusSchema.safeParse(document);
  if (!parsed.success) throw new MultistatusError(`the listing is not a WebDAV multistatus: ${parsed.error.issues[0]?.message ?? 'wrong shape'}`);
  const base = normalise(collectionPath);
  const entries: DavEntry[] = [];
  const responses = parsed.data.multistatus === '' ? [] : (parsed.data.multistatus.response ?? []);
  for (const response of responses) {
    const segments = normalise(hrefPath(response.href));
    const isSelf = segments.length === base.length && segments.every((s, i) => s === base[i]);
    if (isSelf) continue;
    // Only direct members (Depth: 1); anything else in the answer is ignored.
    if (segments.length !== base.length + 1 || !base.every((s, i) => s === segments[i])) continue;
    const ok = (response.propstat ?? []).find((p) => /\s2\d\d(\s|$)/.test(p.status));
    const props = ok?.prop === undefined || ok.prop === '' ? undefined : PropSchema.safeParse(ok.prop);
    if (props && !props.success) throw new MultistatusError(`properties of ${response.href} are not valid: ${props.error.issues[0]?.message ?? 'wrong shape'}`);
    const prop = props?.data;
    const type = prop?.resourcetype;
    const isCollection = typeof type === 'object' && 'collection' in type;
    const name = segments[segments.length - 1] ?? '';
    entries.push({
      name,
      isCollection,
      size: prop?.getcontentlength !== undefined ? Number(prop.getcontentlength.trim()) : null,
      etag: prop?.getetag ?? null,
    });
  }
  return entries;
}
