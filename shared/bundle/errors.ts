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
  /**
   * Well-formed and signed by a trusted peer, but it changes what its signer has no right to
   * change: another installation's log entry, a record attributed to this installation that it
   * never made, an operation this installation holds with other content (docs/bundle-format.md §8a).
   */
  'bundle-unauthorised-change',
  /** Operations stamped further ahead of this installation's clock than the drift allowed (24 h). */
  'bundle-clock-ahead',
] as const;

export const BundleErrorCodeSchema = z.enum(BUNDLE_ERROR_CODES);
export type BundleErrorCode = z.infer<typeof BundleErrorCodeSchema>;

export interface BundleError {
  readonly code: BundleErrorCode;
  /** One English technical sentence for diagnostics. */
  readonly detail: string;
}

/**
 * Longest technical detail of a refusal. Details quote parts of the refused file (a version, a
 * table name, addressees); a hostile file could make those as long as its header (64 KiB), and a
 * detail is shown, logged and stored, so it is cut here whatever the caller built.
 */
export const MAX_REFUSAL_DETAIL_CHARS = 600;
/** Longest single value quoted inside a detail. */
export const MAX_QUOTED_CHARS = 80;

/** `text` cut to `max` characters, the cut marked with an ellipsis (never splitting a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A value from the file as it may appear in a detail: JSON text, cut to `MAX_QUOTED_CHARS`. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return clip(text, MAX_QUOTED_CHARS);
}

/** A refusal value (its detail bounded by `MAX_REFUSAL_DETAIL_CHARS`). */
export function bundleError(code: BundleErrorCode, detail: string): BundleError {
  return { code, detail: clip(detail, MAX_REFUSAL_DETAIL_CHARS) };
}

/**
 * Internal carrier so deep streaming code can stop with a typed refusal; `readBundle` catches it
 * and returns its `error` value. Never escapes the bundle module except from `operations()` of a
 * re-readable verified bundle whose source changed between passes.
 */
export class BundleRefusal extends Error {
  override readonly name = 'BundleRefusal';
  readonly error: BundleError;
  constructor(error: BundleError) {
    const bounded = bundleError(error.code, error.detail);
    super(`${bounded.code}: ${bounded.detail}`);
    this.error = bounded;
  }
}

/** Stops the reading pipeline with a typed refusal (caught by `readBundle`). */
export function refuse(code: BundleErrorCode, detail: string): never {
  throw new BundleRefusal(bundleError(code, detail));
}
