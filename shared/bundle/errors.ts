/**
 * Why a bundle was refused: a closed list of stable codes (B7, B8). The application turns each
 * code into a sentence a liaison officer understands (`errors.<code>` in the translation files);
 * `detail` is one English technical sentence for logs and diagnostics, never the main message.
 *
 * Reading a bundle never throws for anything wrong with the file: it returns one of these.
 */
import { z } from 'zod';

export const BUNDLE_ERROR_CODES = [
  /** Not a Crisis Workbook bundle at all (wrong magic, not a ZIP of the expected layout). */
  'bundle-not-recognised',
  /** The file ends early: a copy was interrupted or the stick was pulled. */
  'bundle-truncated',
  /** Over a size limit (file, header, payload, operation count, or decompressed size / ratio). */
  'bundle-too-large',
  /** A signature does not verify with the signer's key (altered header, or forged). */
  'bundle-signature-invalid',
  /** Content differs from what was signed (hash or checksum mismatch, failed decryption MAC). */
  'bundle-altered',
  /** Signed by a key this installation does not know (the header is returned for quarantine). */
  'bundle-unknown-signer',
  /** Signed by a key that this installation has revoked. */
  'bundle-signer-revoked',
  /** Written in a newer major format version than this application reads. */
  'bundle-from-newer-format',
  /** Encrypted, and none of this installation's keys opens it; or addressed to other installations. */
  'bundle-not-for-this-installation',
  /** For another workspace than the one importing it (exercise vs real). */
  'bundle-wrong-workspace',
  /** Recognisably a bundle, but something inside does not follow the format. */
  'bundle-malformed',
] as const;

export const BundleErrorCodeSchema = z.enum(BUNDLE_ERROR_CODES);
export type BundleErrorCode = z.infer<typeof BundleErrorCodeSchema>;

export interface BundleError {
  readonly code: BundleErrorCode;
  /** One English technical sentence for diagnostics. */
  readonly detail: string;
}

/** A refusal value. */
export function bundleError(code: BundleErrorCode, detail: string): BundleError {
  return { code, detail };
}

/**
 * Internal carrier so deep streaming code can stop with a typed refusal; `readBundle` catches it
 * and returns its `error` value. Never escapes the bundle module except from `operations()` of a
 * re-readable verified bundle whose source changed between passes.
 */
export class BundleRefusal extends Error {
  override readonly name = 'BundleRefusal';
  constructor(readonly error: BundleError) {
    super(`${error.code}: ${error.detail}`);
  }
}

/** Stops the reading pipeline with a typed refusal (caught by `readBundle`). */
export function refuse(code: BundleErrorCode, detail: string): never {
  throw new BundleRefusal({ code, detail });
}
