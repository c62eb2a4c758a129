/**
 * Trusted publishers of procedure content packs: the minisign public keys whose signature on a
 * `.cwpack` file (packFile.ts) this application accepts. A pack signed by any other key is refused
 * (`unknown-publisher`), one signed by a key marked revoked here is refused too (`revoked-publisher`).
 *
 * The application ships one publisher: the Crisis Workbook project, whose key signs the packs the
 * project publishes until EU-CyCLONe publishes official process flow diagrams (pt. 80). Adding
 * EU-CyCLONe (or revoking a key) is adding an entry here, in a release.
 *
 * Only public keys live here. The project's secret key is kept outside the repository by the
 * maintainers; the tests sign with a TEST key under test/fixtures/packs/ and pass their own trusted
 * list to `readPackFile`, so the test key is never trusted by the application.
 */
import { z } from 'zod';
import { minisignKeyIdLabel, parseMinisignPublicKey, type MinisignPublicKey } from '../crypto/minisign';

/** A minisign key id as the tool shows it: 16 upper-case hex digits. */
export const PublisherKeyIdSchema = z.string().regex(/^[0-9A-F]{16}$/, 'not a minisign key id (16 upper-case hex digits)');

/** The one-line base64 form of a minisign Ed25519 public key (`minisign -P` takes it). */
export const MinisignPublicKeyLineSchema = z
  .string()
  .regex(/^RW[A-Za-z0-9+/]{54}$/, 'not a minisign public key line')
  .refine((line) => {
    try {
      parseMinisignPublicKey(line);
      return true;
    } catch {
      return false;
    }
  }, 'not a minisign Ed25519 public key');

export const TrustedPublisherSchema = z
  .object({
    /** Who the key belongs to, as shown when a pack is imported. */
    name: z.string().trim().min(1).max(200),
    keyId: PublisherKeyIdSchema,
    publicKey: MinisignPublicKeyLineSchema,
    /** A revoked key's packs are refused; the entry stays so that the refusal can say so. */
    revoked: z.boolean().default(false),
  })
  .refine((p) => {
    try {
      return minisignKeyIdLabel(parseMinisignPublicKey(p.publicKey).keyId) === p.keyId;
    } catch {
      return false; // the publicKey field reports its own problem
    }
  }, {
    message: 'keyId does not match the key id inside publicKey',
    path: ['keyId'],
  });
export type TrustedPublisher = z.infer<typeof TrustedPublisherSchema>;
export type TrustedPublisherInput = z.input<typeof TrustedPublisherSchema>;

export const TrustedPublishersSchema = z
  .array(TrustedPublisherSchema)
  .max(50)
  .refine((list) => new Set(list.map((p) => p.keyId)).size === list.length, 'a key id is listed twice');

/** The key of a trusted publisher, for `verifyMinisignature`. */
export function publisherKey(publisher: Pick<TrustedPublisher, 'publicKey'>): MinisignPublicKey {
  return parseMinisignPublicKey(publisher.publicKey);
}

/**
 * The Crisis Workbook project's pack signing key, made with `minisign -G`
 * (public key file: "untrusted comment: minisign public key 8D3F7504B2EB9DE7").
 */
export const PROJECT_PACK_PUBLISHER: TrustedPublisher = TrustedPublisherSchema.parse({
  name: 'Crisis Workbook project',
  keyId: '8D3F7504B2EB9DE7',
  publicKey: 'RWTnneuyBHU/jaD9qmTWZrlyIWiKiFsDTEVI9yvn5R61meX7KoTzQKCV',
});

/** The publishers whose packs this application installs. */
export const TRUSTED_PACK_PUBLISHERS: readonly TrustedPublisher[] = TrustedPublishersSchema.parse([PROJECT_PACK_PUBLISHER]);
