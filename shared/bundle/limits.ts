/**
 * Size limits applied while reading a bundle, before and during decompression, so that a hostile
 * or broken file cannot exhaust memory or time. All are configurable per call; the defaults suit
 * a workbook of a few hundred thousand records.
 */

export interface BundleLimits {
  /** Whole file as read (encrypted or not). */
  readonly maxBundleBytes: number;
  /** `header.json`. */
  readonly maxHeaderBytes: number;
  /** Each `.minisig` entry. */
  readonly maxSignatureBytes: number;
  /** `operations.ndjson.gz` as stored. */
  readonly maxPayloadBytes: number;
  /** The payload after gunzip. */
  readonly maxDecompressedBytes: number;
  /** Decompressed ÷ compressed bytes, checked once more than `ratioGraceBytes` are decompressed. */
  readonly maxCompressionRatio: number;
  readonly ratioGraceBytes: number;
  /** Operations (lines) in the payload. */
  readonly maxOperations: number;
  /** One NDJSON line (one operation). */
  readonly maxOperationBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxBundleBytes: 1024 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxSignatureBytes: 4 * 1024,
  maxPayloadBytes: 512 * 1024 * 1024,
  maxDecompressedBytes: 2 * 1024 * 1024 * 1024 - 1,
  maxCompressionRatio: 200,
  ratioGraceBytes: 1024 * 1024,
  maxOperations: 2_000_000,
  maxOperationBytes: 16 * 1024 * 1024,
};

/** The defaults with the caller's overrides applied. */
export function resolveLimits(overrides: Partial<BundleLimits> | undefined): BundleLimits {
  return { ...DEFAULT_BUNDLE_LIMITS, ...overrides };
}
