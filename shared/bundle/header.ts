/**
 * The bundle header (`header.json`): what the bundle is, who signed it, for which workspace and
 * whom, what it holds, and the BLAKE2b-512 of its payload. The header is signed (minisign), and
 * because it carries the payload's hash, one signature check plus one hash check cover the whole
 * bundle. Full field list and the versioning rule: docs/bundle-format.md.
 *
 * Versioning (B5): `formatVersion` is "MAJOR.MINOR". A reader refuses a newer MAJOR
 * (`bundle-from-newer-format`) and accepts a newer MINOR, ignoring header fields it does not know
 * (minor versions only ever add). Every future major keeps `format` and `formatVersion` in a
 * `header.json` that is the first ZIP entry, so today's reader can always say "newer format".
 */
import { z } from 'zod';
import { IdentityCardSchema, cardKeyIdHex } from '../crypto/identity';
import { HlcSchema } from '../journal/hlc';
import { InstallationIdSchema, OriginSchema, RecordIdSchema } from '../model/ids';
import { CountryCodeSchema } from '../model/countries';
import { IsoInstantSchema } from '../model/time';
import { TlpSchema } from '../model/tlp';
import { EXERCISE_MARKING, WorkspaceSchema } from '../model/workspace';

/** `format` of every bundle header. */
export const BUNDLE_FORMAT = 'crisis-workbook-bundle';
/** The version this code writes. */
export const BUNDLE_FORMAT_VERSION = '1.0';
/** The major version this code reads (with any minor). */
export const SUPPORTED_MAJOR_VERSION = 1;
/** File extension of bundles, plain or encrypted. */
export const BUNDLE_FILE_EXTENSION = '.cwb';

/** ZIP entry names, in the order they appear in the container. */
export const ENTRY_HEADER = 'header.json';
export const ENTRY_HEADER_SIGNATURE = 'header.json.minisig';
export const ENTRY_PAYLOAD = 'operations.ndjson.gz';
export const ENTRY_PAYLOAD_SIGNATURE = 'operations.ndjson.gz.minisig';
export const BUNDLE_ENTRIES = [ENTRY_HEADER, ENTRY_HEADER_SIGNATURE, ENTRY_PAYLOAD, ENTRY_PAYLOAD_SIGNATURE] as const;

const FORMAT_VERSION_PATTERN = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

/** "MAJOR.MINOR" → numbers; null when the text is not a version. */
export function parseFormatVersion(text: unknown): { major: number; minor: number } | null {
  if (typeof text !== 'string') return null;
  const m = FORMAT_VERSION_PATTERN.exec(text);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export const BUNDLE_SCOPE_KINDS = ['incremental', 'snapshot', 'incident'] as const;

export const BundleScopeSchema = z
  .object({
    /** Everything since `since` (per-origin clock) / everything in the workspace / one incident. */
    kind: z.enum(BUNDLE_SCOPE_KINDS),
    incidentId: RecordIdSchema.optional(),
    /** For incremental bundles: per origin, the clock after which operations are included. */
    since: z.record(OriginSchema, HlcSchema).optional(),
  })
  .refine((s) => (s.kind === 'incident') === (s.incidentId !== undefined), 'incidentId is given exactly for scope kind "incident"');
export type BundleScope = z.infer<typeof BundleScopeSchema>;

export const BundleSenderSchema = z
  .object({
    installationId: InstallationIdSchema,
    organisation: z.string().min(1).max(200),
    country: CountryCodeSchema,
    /** The signing key id, lower-case hex of the 8 key-id bytes in minisign file order. */
    keyId: z.string().regex(/^[0-9a-f]{16}$/, 'not a 16-digit hex key id'),
    /**
     * The signer's public identity card, so that an unknown signer's bundle can be shown in
     * quarantine with its fingerprint, and its key trusted from there after a telephone check.
     * Carrying the card proves nothing by itself: trust comes only from the receiver's keyring.
     */
    card: IdentityCardSchema,
  })
  .refine((s) => s.card.installationId === s.installationId && s.card.organisation === s.organisation && s.card.country === s.country, 'sender fields differ from the sender card')
  // A schema never throws: a card whose signing key is not even base64 (it failed its own schema
  // already, but zod still runs this refinement) simply does not match.
  .refine((s) => keyIdOfCard(s.card) === s.keyId, 'keyId differs from the sender card’s signing key');
export type BundleSender = z.infer<typeof BundleSenderSchema>;

function keyIdOfCard(card: Parameters<typeof cardKeyIdHex>[0]): string | null {
  try {
    return cardKeyIdHex(card);
  } catch {
    return null;
  }
}

/** `payload`: what the signed header says about `operations.ndjson.gz`. */
export const PayloadDescriptorSchema = z.object({
  name: z.literal('operations.ndjson.gz'),
  /** Size of the gzip file in bytes. */
  bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** BLAKE2b-512 of the gzip file, lower-case hex (the digest minisign "ED" signs). */
  blake2b512: z.string().regex(/^[0-9a-f]{128}$/, 'not a 128-digit hex BLAKE2b-512'),
});

const CountSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Header fields every 1.x reader understands. Unknown fields (from a newer minor) are kept, not refused. */
export const BundleHeaderSchema = z
  .looseObject({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.string().regex(FORMAT_VERSION_PATTERN),
    bundleId: RecordIdSchema,
    createdAt: IsoInstantSchema,
    workspace: WorkspaceSchema,
    /** "EXERCISE — OEFENING" for the exercise workspace, null for the real one. */
    marking: z.literal(EXERCISE_MARKING).nullable(),
    sender: BundleSenderSchema,
    /** Per-sender counter, ≥ 1, one higher for each bundle the sender writes (anti-replay). */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    scope: BundleScopeSchema,
    /** Installation ids the bundle is meant for; empty = anyone the sender gives it to. */
    to: z.array(InstallationIdSchema).max(1_000),
    /** Whether the writer encrypted the bundle (to the encryption keys of `to`). */
    encrypted: z.boolean(),
    /** The most restrictive TLP label of anything inside ("CLEAR" when empty). */
    highestTlp: TlpSchema,
    /** Operations per table. */
    counts: z.record(z.string(), CountSchema),
    /** Number of operations (lines) in the payload. */
    operations: CountSchema,
    payload: PayloadDescriptorSchema,
  })
  .refine((h) => (h.workspace === 'exercise') === (h.marking !== null), 'marking must be "EXERCISE — OEFENING" exactly for the exercise workspace')
  .refine((h) => Object.values(h.counts).reduce((a, b) => a + b, 0) === h.operations, 'counts do not add up to operations')
  .refine((h) => !h.encrypted || h.to.length > 0, 'an encrypted bundle names its recipients in "to"');
export type BundleHeader = z.infer<typeof BundleHeaderSchema>;

/** The trusted comment signed into both `.minisig` files; `minisign -V` prints it. */
export function trustedCommentFor(header: Pick<BundleHeader, 'bundleId' | 'sequence' | 'workspace'>, entry: string): string {
  return `crisis-workbook bundle ${header.bundleId} seq=${header.sequence} workspace=${header.workspace} file=${entry}`;
}
