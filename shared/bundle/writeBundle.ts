/**
 * Writes a bundle: operations → gzip NDJSON payload (streamed into a spool while hashed) → signed
 * header → canonical ZIP → optionally age-encrypted to the recipients' X25519 keys, delivered as
 * chunks. Nothing is ever held as one string; the only buffered data is the compressed payload
 * (in the spool), because the header that precedes it in the file carries its hash.
 *
 * The caller decides what goes in (journal range, TLP policy via `tlpPolicy.ts`) and supplies the
 * per-sender sequence number; this module guarantees the format (docs/bundle-format.md).
 */
import { blake2b512, nobleBlake2b512, type Blake2b512Factory } from '../crypto/blake2b';
import { equalBytes, toHex, utf8 } from '../crypto/bytes';
import { encryptToRecipients } from '../crypto/age';
import { cardSigningKey, type IdentityCard } from '../crypto/identity';
import { createMinisignature } from '../crypto/minisign';
import type { BundleSigner } from '../crypto/ports';
import type { Operation } from '../journal/operation';
import { newRecordId } from '../model/ids';
import { isoNow } from '../model/time';
import { TlpSchema, mostRestrictiveTlp, type Tlp } from '../model/tlp';
import { EXERCISE_MARKING, type Workspace } from '../model/workspace';
import { canonicalBytes } from './canonical';
import { bundleFingerprint } from './fingerprint';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleHeaderSchema,
  ENTRY_HEADER,
  ENTRY_HEADER_SIGNATURE,
  ENTRY_PAYLOAD,
  ENTRY_PAYLOAD_SIGNATURE,
  trustedCommentFor,
  type BundleHeader,
  type BundleScope,
} from './header';
import { DEFAULT_BUNDLE_LIMITS } from './limits';
import { encodeOperations, type EncodedOperationStats, type GzipLevel, type PayloadCompressor } from './payload';
import { memorySpool, type PayloadSpool } from './spool';
import { Crc32, crc32, writeZip } from './zip';

/** Someone a bundle is encrypted to: an identity card has both fields. */
export interface BundleRecipient {
  readonly installationId: string;
  /** age X25519 recipient, `age1…`. */
  readonly encryptionKey: string;
}

/** Everything a bundle is made of; the caller has already applied the TLP policy. */
export interface WriteBundleOptions {
  /** In strictly increasing clock order, all of `workspace`, replicated tables only. */
  readonly operations: AsyncIterable<Operation> | Iterable<Operation>;
  readonly signer: BundleSigner;
  /** The signer's own identity card (its signing key must be the signer's). */
  readonly senderCard: IdentityCard;
  readonly workspace: Workspace;
  /** Per-sender counter, one more than the previous bundle this sender wrote. */
  readonly sequence: number;
  readonly scope: BundleScope;
  /** Encrypt to these (their installation ids become `to`). Omit or empty for a plain bundle. */
  readonly recipients?: readonly BundleRecipient[];
  /** For a plain bundle: installation ids it is addressed to (informative, checked on import). */
  readonly to?: readonly string[];
  /** A floor for `highestTlp` (e.g. update operations whose records carry a label not in the fields). */
  readonly highestTlp?: Tlp;
  readonly bundleId?: string;
  readonly createdAt?: string;
  readonly spool?: PayloadSpool;
  readonly blake2b512?: Blake2b512Factory;
  readonly compressionLevel?: GzipLevel;
  /** Where the payload is gzipped (this thread by default; the app uses a worker). */
  readonly compressor?: PayloadCompressor;
}

/** A signed bundle ready to be written out (once) as chunks. */
export interface WrittenBundle {
  readonly header: BundleHeader;
  /** The exact bytes of `header.json`. */
  readonly headerBytes: Uint8Array;
  /** Courier fingerprint (4 groups). */
  readonly fingerprint: string;
  /** Size of the uncompressed NDJSON, for statistics. */
  readonly rawPayloadBytes: number;
  /** The `.cwb` file, chunk by chunk. Iterate once. */
  readonly chunks: AsyncIterable<Uint8Array>;
}

/** Prepared payload: its bytes wait in a spool, its size and hashes are known. */
export interface SealedPayload {
  readonly bytes: number;
  readonly crc32: number;
  readonly blake2b512: Uint8Array;
  readonly chunks: AsyncIterable<Uint8Array>;
}

/**
 * Writes a bundle. Resolves once the payload is compressed and the header signed; the returned
 * `chunks` then produce the file. Throws `Error` for caller mistakes (operations out of order or
 * of another workspace, a card that is not the signer's, a header over the size limit).
 */
export async function writeBundle(options: WriteBundleOptions): Promise<WrittenBundle> {
  const cardKey = cardSigningKey(options.senderCard);
  if (!equalBytes(cardKey.publicKey, options.signer.publicKey) || !equalBytes(cardKey.keyId, options.signer.keyId)) {
    throw new Error('the sender card does not name the signer’s key');
  }
  const recipients = options.recipients ?? [];
  const encrypted = recipients.length > 0;
  const to = encrypted ? [...new Set(recipients.map((r) => r.installationId))] : [...new Set(options.to ?? [])];

  const spool = options.spool ?? memorySpool();
  const hasher = (options.blake2b512 ?? nobleBlake2b512)();
  const crc = new Crc32();
  const stats: EncodedOperationStats = { operations: 0, counts: {}, rawBytes: 0 };
  const labels: Tlp[] = options.highestTlp ? [options.highestTlp] : [];
  let bytes = 0;
  const encoded = encodeOperations(options.operations, options.workspace, stats, {
    level: options.compressionLevel,
    ...(options.compressor ? { compressor: options.compressor } : {}),
    onOperation: (op) => {
      const label = TlpSchema.safeParse(op.fields.tlp);
      if (label.success) labels.push(label.data);
    },
  });
  for await (const chunk of encoded) {
    hasher.update(chunk);
    crc.update(chunk);
    bytes += chunk.length;
    await spool.append(chunk);
  }
  const digest = hasher.digest();

  const header = BundleHeaderSchema.parse({
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    bundleId: options.bundleId ?? newRecordId(),
    createdAt: options.createdAt ?? isoNow(),
    workspace: options.workspace,
    marking: options.workspace === 'exercise' ? EXERCISE_MARKING : null,
    sender: {
      installationId: options.senderCard.installationId,
      organisation: options.senderCard.organisation,
      country: options.senderCard.country,
      keyId: toHex(options.signer.keyId),
      card: options.senderCard,
    },
    sequence: options.sequence,
    scope: options.scope,
    to,
    encrypted,
    highestTlp: mostRestrictiveTlp(labels),
    counts: stats.counts,
    operations: stats.operations,
    payload: { name: ENTRY_PAYLOAD, bytes, blake2b512: toHex(digest) },
  });
  const payloadChunks = async function* (): AsyncGenerator<Uint8Array> {
    yield* spool.replay();
    await spool.dispose?.();
  };
  const { headerBytes, chunks } = await sealBundle({
    header,
    payload: { bytes, crc32: crc.digest(), blake2b512: digest, chunks: payloadChunks() },
    signer: options.signer,
    recipients: recipients.map((r) => r.encryptionKey),
  });
  return { header, headerBytes, fingerprint: bundleFingerprint(headerBytes), rawPayloadBytes: stats.rawBytes, chunks };
}

/**
 * Signs a header and a prepared payload and lays them out as the container (encrypting it when
 * recipients are given). Exposed for tools and tests that build unusual bundles on purpose (a
 * future format version, a decompression bomb); `writeBundle` is the way to make real ones.
 */
export async function sealBundle(options: {
  header: Record<string, unknown> & Pick<BundleHeader, 'bundleId' | 'sequence' | 'workspace'>;
  payload: SealedPayload;
  signer: BundleSigner;
  recipients?: readonly string[];
}): Promise<{ headerBytes: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const { header, payload, signer } = options;
  const headerBytes = canonicalBytes(header);
  if (headerBytes.length > DEFAULT_BUNDLE_LIMITS.maxHeaderBytes) throw new Error(`the header is ${headerBytes.length} bytes, over the ${DEFAULT_BUNDLE_LIMITS.maxHeaderBytes}-byte limit`);
  const headerHash = blake2b512(headerBytes);
  const headerSig = utf8(await createMinisignature({ signer, fileBlake2b512: headerHash, trustedComment: trustedCommentFor(header, ENTRY_HEADER) }));
  const payloadSig = utf8(await createMinisignature({ signer, fileBlake2b512: payload.blake2b512, trustedComment: trustedCommentFor(header, ENTRY_PAYLOAD) }));
  const zip = writeZip([
    { name: ENTRY_HEADER, size: headerBytes.length, crc32: crc32(headerBytes), data: headerBytes },
    { name: ENTRY_HEADER_SIGNATURE, size: headerSig.length, crc32: crc32(headerSig), data: headerSig },
    { name: ENTRY_PAYLOAD, size: payload.bytes, crc32: payload.crc32, data: payload.chunks },
    { name: ENTRY_PAYLOAD_SIGNATURE, size: payloadSig.length, crc32: crc32(payloadSig), data: payloadSig },
  ]);
  const recipients = options.recipients ?? [];
  return { headerBytes, chunks: recipients.length > 0 ? encryptToRecipients(zip, recipients) : zip };
}
