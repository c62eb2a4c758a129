/**
 * Identities of installations: the public identity card peers exchange (who, and which keys) and
 * the secret identity that only its owner holds.
 *
 * Identity card (version 1) — canonical JSON (RFC 8785):
 *   { format: 'crisis-workbook-identity', version: 1, installationId, organisation, country,
 *     person, role, signingKey: minisign public key (base64 of "Ed" || keyId[8] || pk[32]),
 *     encryptionKey: age X25519 recipient 'age1…', createdAt, selfSignature }
 *   selfSignature = base64 Ed25519 signature, by the signing key, of the canonical JSON of the card
 *   without `selfSignature`. It proves the card was made by the holder of the signing key and was
 *   not edited since; it says nothing about whether the card belongs to who it claims — that is
 *   what comparing the fingerprint over a telephone line is for.
 *
 * Secret identity (version 1), never stored in the clear (age passphrase encryption, scrypt):
 *   { format: 'crisis-workbook-secret-identity', version: 1, card, signingSeed: base64(32 bytes),
 *     ageIdentity: 'AGE-SECRET-KEY-1…' }
 *
 * Every check of untrusted input returns a value `{ ok: false, code, detail }` with a code from
 * `IDENTITY_ERROR_CODES`; nothing here throws on bad input.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { canonicalBytes, canonicalize } from '../bundle/canonical';
import { CountryCodeSchema } from '../model/countries';
import { InstallationIdSchema, newRecordId } from '../model/ids';
import { RoleSchema } from '../model/roles';
import { IsoInstantSchema, isoNow } from '../model/time';
import { AgeFailure, ageRecipientOf, decryptWithPassphrase, encryptWithPassphrase, generateAgeX25519Identity, isAgeX25519Identity, isAgeX25519Recipient } from './age';
import { blake2b256 } from './blake2b';
import { concatBytes, equalBytes, fromBase64, fromUtf8, toBase64, toHex, utf8 } from './bytes';
import { formatFingerprint } from './fingerprint';
import { ed25519Verify, minisignPublicKeyBase64, parseMinisignPublicKey, type MinisignPublicKey } from './minisign';
import type { BundleSigner } from './ports';
import { createSeedSigner, randomEd25519Seed } from './seedSigner';

export const IDENTITY_CARD_FORMAT = 'crisis-workbook-identity';
export const IDENTITY_CARD_VERSION = 1;
export const SECRET_IDENTITY_FORMAT = 'crisis-workbook-secret-identity';
export const SECRET_IDENTITY_VERSION = 1;

/** Why an identity card or secret identity was refused. */
export const IDENTITY_ERROR_CODES = [
  'identity-not-recognised',
  'identity-from-newer-format',
  'identity-malformed',
  'identity-signature-invalid',
  'identity-wrong-passphrase',
] as const;
export const IdentityErrorCodeSchema = z.enum(IDENTITY_ERROR_CODES);
export type IdentityErrorCode = z.infer<typeof IdentityErrorCodeSchema>;

export interface IdentityError {
  readonly code: IdentityErrorCode;
  /** One English technical sentence for logs and diagnostics. */
  readonly detail: string;
}

/** Result of checking identity input: the value, or a code and a technical detail. */
export type IdentityResult<T> = ({ readonly ok: true } & T) | ({ readonly ok: false } & IdentityError);

const SigningKeySchema = z.string().refine((s) => {
  try {
    parseMinisignPublicKey(s);
    return !s.includes('\n');
  } catch {
    return false;
  }
}, 'not a minisign Ed25519 public key');

const SignatureSchema = z.string().refine((s) => {
  try {
    return fromBase64(s).length === 64;
  } catch {
    return false;
  }
}, 'not a base64 Ed25519 signature');

/** Who the card is for; the part a person fills in. */
export const IdentityProfileSchema = z.object({
  installationId: InstallationIdSchema,
  organisation: z.string().trim().min(1).max(200),
  country: CountryCodeSchema,
  person: z.string().trim().min(1).max(200),
  role: RoleSchema,
});
export type IdentityProfile = z.infer<typeof IdentityProfileSchema>;

/** A card without its self-signature: exactly what the self-signature covers. */
export const UnsignedIdentityCardSchema = IdentityProfileSchema.extend({
  format: z.literal(IDENTITY_CARD_FORMAT),
  version: z.literal(IDENTITY_CARD_VERSION),
  signingKey: SigningKeySchema,
  encryptionKey: z.string().refine(isAgeX25519Recipient, 'not an age X25519 recipient (age1…)'),
  createdAt: IsoInstantSchema,
}).strict();
export type UnsignedIdentityCard = z.infer<typeof UnsignedIdentityCardSchema>;

/** Shape of a version-1 identity card (unknown fields refused). */
export const IdentityCardSchema = UnsignedIdentityCardSchema.extend({ selfSignature: SignatureSchema }).strict();
/** A card whose shape is valid; use `verifyIdentityCard`/`parseIdentityCard` before trusting its self-signature. */
export type IdentityCard = z.infer<typeof IdentityCardSchema>;

/** The minisign public key (key id + Ed25519 key) a card names. */
export function cardSigningKey(card: Pick<IdentityCard, 'signingKey'>): MinisignPublicKey {
  return parseMinisignPublicKey(card.signingKey);
}

/** The key id of a card's signing key, lower-case hex of the 8 bytes in file order. */
export function cardKeyIdHex(card: Pick<IdentityCard, 'signingKey'>): string {
  return toHex(cardSigningKey(card).keyId);
}

function withoutSelfSignature(card: IdentityCard): UnsignedIdentityCard {
  const unsigned: Partial<IdentityCard> = { ...card };
  delete unsigned.selfSignature;
  return unsigned as UnsignedIdentityCard;
}

/** Makes and self-signs a card; `signer` must be the key the card names. */
export async function createIdentityCard(options: {
  profile: IdentityProfile;
  signer: BundleSigner;
  encryptionKey: string;
  createdAt?: string;
}): Promise<IdentityCard> {
  const unsigned = UnsignedIdentityCardSchema.parse({
    format: IDENTITY_CARD_FORMAT,
    version: IDENTITY_CARD_VERSION,
    ...IdentityProfileSchema.parse(options.profile),
    signingKey: minisignPublicKeyBase64(options.signer),
    encryptionKey: options.encryptionKey,
    createdAt: options.createdAt ?? isoNow(),
  });
  const selfSignature = toBase64(await options.signer.sign(canonicalBytes(unsigned)));
  return { ...unsigned, selfSignature };
}

/**
 * A value found in a file, for a diagnostic: short strings quoted, anything else by its kind. Never
 * the whole value (a file may hold megabytes there) and never `JSON.stringify`, which throws on
 * deeply nested arrays (found by fuzzing, issue 9).
 */
function describeFound(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

/** Checks a card's shape and self-signature. */
export function verifyIdentityCard(value: unknown): IdentityResult<{ card: IdentityCard }> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, code: 'identity-not-recognised', detail: 'an identity card is a JSON object' };
  }
  const raw = value as Record<string, unknown>;
  if (raw.format !== IDENTITY_CARD_FORMAT) {
    return { ok: false, code: 'identity-not-recognised', detail: `format is ${describeFound(raw.format)}, not "${IDENTITY_CARD_FORMAT}"` };
  }
  if (typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version > IDENTITY_CARD_VERSION) {
    return { ok: false, code: 'identity-from-newer-format', detail: `card version ${raw.version}; this application reads version ${IDENTITY_CARD_VERSION}` };
  }
  const parsed = IdentityCardSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, code: 'identity-malformed', detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(card)'}: ${i.message}`).join('; ').slice(0, 500) };
  }
  const card = parsed.data;
  const key = cardSigningKey(card);
  let signed: Uint8Array;
  try {
    signed = canonicalBytes(withoutSelfSignature(card));
  } catch {
    // A lone surrogate in a text field: JSON can carry it, canonical JSON (what was signed) cannot (found by fuzzing, issue 9).
    return { ok: false, code: 'identity-malformed', detail: 'the card holds text that has no canonical form (a lone surrogate), so no signature can cover it' };
  }
  if (!ed25519Verify(fromBase64(card.selfSignature), signed, key.publicKey)) {
    return { ok: false, code: 'identity-signature-invalid', detail: 'the self-signature does not match the card: it was altered or not made with its signing key' };
  }
  return { ok: true, card };
}

/** Parses and verifies a card given as text (a file's content or pasted text). */
export function parseIdentityCard(text: string): IdentityResult<{ card: IdentityCard }> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'identity-not-recognised', detail: 'the text is not JSON' };
  }
  return verifyIdentityCard(value);
}

/** The canonical text of a card, as it is written to a file or shown for copying (with a final newline). */
export function identityCardText(card: IdentityCard): string {
  return `${canonicalize(card)}\n`;
}

/**
 * The fingerprint people compare over a telephone line: the first 20 bytes of
 * BLAKE2b-256(signing key bytes (42: "Ed" || keyId || pk) || UTF-8 of the age recipient), as
 * 8 groups of 4 Crockford base32 characters. Covers both keys, nothing else: a card whose name or
 * role changes keeps its fingerprint, one whose keys change does not.
 */
export function identityFingerprint(card: Pick<IdentityCard, 'signingKey' | 'encryptionKey'>): string {
  const digest = blake2b256(concatBytes(fromBase64(card.signingKey), utf8(card.encryptionKey)));
  return formatFingerprint(digest.subarray(0, 20));
}

// ---- secret identity ---------------------------------------------------------------------------

export const SecretIdentitySchema = z
  .object({
    format: z.literal(SECRET_IDENTITY_FORMAT),
    version: z.literal(SECRET_IDENTITY_VERSION),
    card: IdentityCardSchema,
    signingSeed: z.string().refine((s) => {
      try {
        return fromBase64(s).length === 32;
      } catch {
        return false;
      }
    }, 'not a base64 32-byte seed'),
    ageIdentity: z.string().refine(isAgeX25519Identity, 'not an age X25519 identity (AGE-SECRET-KEY-1…)'),
  })
  .strict();
export type SecretIdentity = z.infer<typeof SecretIdentitySchema>;

/** The signer of a secret identity (seed-backed, @noble). */
export function secretIdentitySigner(secret: SecretIdentity): BundleSigner {
  return createSeedSigner(fromBase64(secret.signingSeed), cardSigningKey(secret.card).keyId);
}

/**
 * A new identity: random Ed25519 seed and 8-byte key id, a native X25519 age identity (never the
 * post-quantum hybrid: Debian's age 1.1 cannot read it), and the self-signed card.
 */
export async function generateIdentity(
  profile: Omit<IdentityProfile, 'installationId'> & { installationId?: string },
  options: { now?: number } = {},
): Promise<SecretIdentity> {
  const seed = randomEd25519Seed();
  const signer = createSeedSigner(seed, randomBytes(8));
  const ageIdentity = await generateAgeX25519Identity();
  const card = await createIdentityCard({
    profile: { ...profile, installationId: profile.installationId ?? newRecordId(options.now) },
    signer,
    encryptionKey: await ageRecipientOf(ageIdentity),
    createdAt: isoNow(options.now),
  });
  return { format: SECRET_IDENTITY_FORMAT, version: SECRET_IDENTITY_VERSION, card, signingSeed: toBase64(seed), ageIdentity };
}

/** Checks that a secret identity is well-formed and that its keys are the ones its card names. */
export async function verifySecretIdentity(value: unknown): Promise<IdentityResult<{ secret: SecretIdentity }>> {
  const raw = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  if (raw.format !== SECRET_IDENTITY_FORMAT) return { ok: false, code: 'identity-not-recognised', detail: 'not a crisis-workbook secret identity' };
  if (typeof raw.version === 'number' && raw.version > SECRET_IDENTITY_VERSION) {
    return { ok: false, code: 'identity-from-newer-format', detail: `secret identity version ${raw.version}; this application reads version ${SECRET_IDENTITY_VERSION}` };
  }
  const parsed = SecretIdentitySchema.safeParse(value);
  if (!parsed.success) return { ok: false, code: 'identity-malformed', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500) };
  const secret = parsed.data;
  const card = verifyIdentityCard(secret.card);
  if (!card.ok) return card;
  const signer = secretIdentitySigner(secret);
  if (!equalBytes(signer.publicKey, cardSigningKey(secret.card).publicKey)) {
    return { ok: false, code: 'identity-malformed', detail: 'the signing seed does not belong to the card’s signing key' };
  }
  if ((await ageRecipientOf(secret.ageIdentity)) !== secret.card.encryptionKey) {
    return { ok: false, code: 'identity-malformed', detail: 'the age identity does not belong to the card’s encryption key' };
  }
  return { ok: true, secret };
}

/**
 * The secret identity encrypted with a passphrase (age scrypt, ASCII-armored). The file decrypts
 * with `age -d` and the passphrase too. `scryptWorkFactor` (log2 N, default 18 ≈ 1.4 s) may be
 * lowered in tests only.
 */
export async function protectSecretIdentity(secret: SecretIdentity, passphrase: string, options: { scryptWorkFactor?: number } = {}): Promise<Uint8Array> {
  if (passphrase.length === 0) throw new Error('an empty passphrase protects nothing');
  return utf8(await encryptWithPassphrase(canonicalBytes(SecretIdentitySchema.parse(secret)), passphrase, options.scryptWorkFactor));
}

/** Opens a protected secret identity; a wrong passphrase gives `identity-wrong-passphrase`. */
export async function unprotectSecretIdentity(file: Uint8Array, passphrase: string): Promise<IdentityResult<{ secret: SecretIdentity }>> {
  let plain: Uint8Array;
  try {
    plain = await decryptWithPassphrase(file, passphrase);
  } catch (e) {
    if (e instanceof AgeFailure && e.kind === 'no-matching-identity') {
      return { ok: false, code: 'identity-wrong-passphrase', detail: 'the passphrase does not open this identity file' };
    }
    return { ok: false, code: 'identity-not-recognised', detail: `not a passphrase-protected identity file (${e instanceof Error ? e.message : String(e)})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(plain));
  } catch {
    return { ok: false, code: 'identity-malformed', detail: 'the decrypted identity is not JSON' };
  }
  return verifySecretIdentity(value);
}
