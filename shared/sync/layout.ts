/**
 * Where bundles lie on a hub or in a folder (a USB stick, a network share, a Syncthing folder):
 * one folder per sending installation, in it one folder per recipient, in that the bundles,
 * named by sequence and bundle id so that a listing alone says what is new:
 *
 *     <root>/<sender installation id>/<recipient installation id>/<sequence>-<bundle id>.cwb
 *
 * A file is written under a temporary name (`.<final name>.partial`, hidden, ignored by every
 * reader) and renamed (a WebDAV MOVE, a file-system rename) when complete, so a reader never
 * sees half a bundle, and a retry after an interruption overwrites the same temporary name.
 *
 * Names are checked strictly: a hub or a folder is outside the app's trust, and a name it
 * lists must never become a path outside the root.
 */
import { z } from 'zod';

/** An installation id as a path segment (ULID, Crockford base 32). */
export const InstallationSegmentSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an installation id');

/** A bundle id as it appears in a file name (the header's id: a ULID). */
export const BundleIdSegmentSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a bundle id');

export const BUNDLE_EXTENSION = '.cwb';
export const PARTIAL_SUFFIX = '.partial';
/** Sequences are padded so that names sort in sending order. */
const SEQUENCE_DIGITS = 8;

export interface BundleLocation {
  readonly sender: string;
  readonly recipient: string;
  readonly sequence: number;
  readonly bundleId: string;
}

/** `00000042-01J….cwb` */
export function bundleFileName(sequence: number, bundleId: string): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence ${sequence} is not a positive integer`);
  BundleIdSegmentSchema.parse(bundleId);
  return `${String(sequence).padStart(SEQUENCE_DIGITS, '0')}-${bundleId}${BUNDLE_EXTENSION}`;
}

/** The temporary name a bundle is written under before it is renamed to `finalName`. */
export function partialFileName(finalName: string): string {
  return `.${finalName}${PARTIAL_SUFFIX}`;
}

export function isPartialFileName(name: string): boolean {
  return name.endsWith(PARTIAL_SUFFIX);
}

const FILE_NAME = /^(\d{1,15})-([0-9A-HJKMNP-TV-Z]{26})\.cwb$/;

/** Sequence and bundle id from a complete bundle's file name; null for anything else (temporary files included). */
export function parseBundleFileName(name: string): { sequence: number; bundleId: string } | null {
  const match = FILE_NAME.exec(name);
  if (!match) return null;
  const sequence = Number(match[1]);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { sequence, bundleId: match[2] ?? '' };
}

/** The path segments of a bundle below the root. */
export function bundleSegments(location: BundleLocation): readonly [string, string, string] {
  return [
    InstallationSegmentSchema.parse(location.sender),
    InstallationSegmentSchema.parse(location.recipient),
    bundleFileName(location.sequence, location.bundleId),
  ];
}

/** The relative path of a bundle below the root, with `/` separators. */
export function bundlePath(location: BundleLocation): string {
  return bundleSegments(location).join('/');
}

/** A path below the root (as a listing gives it) read back into a location; null when it is not one. */
export function parseBundlePath(path: string): BundleLocation | null {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length !== 3) return null;
  const [sender, recipient, name] = parts as [string, string, string];
  if (!InstallationSegmentSchema.safeParse(sender).success || !InstallationSegmentSchema.safeParse(recipient).success) return null;
  const parsed = parseBundleFileName(name);
  return parsed ? { sender, recipient, ...parsed } : null;
}

/** Bundles to fetch, oldest first per sender: what is listed, minus what was handled already. */
export function newBundles(listed: Iterable<BundleLocation>, handled: ReadonlySet<string>): BundleLocation[] {
  const fresh = new Map<string, BundleLocation>();
  for (const location of listed) {
    const key = bundlePath(location);
    if (!handled.has(key) && !handled.has(location.bundleId)) fresh.set(key, location);
  }
  return [...fresh.values()].sort((a, b) => (a.sender === b.sender ? a.sequence - b.sequence : a.sender < b.sender ? -1 : 1));
}
