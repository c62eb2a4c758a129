/**
 * Every error that reaches a user has a stable code; `userMessage` turns it into words in the
 * translation files (`errors.<code>`). Codes cross IPC as values, never as thrown errors.
 */
import { z } from 'zod';

export const APP_ERROR_CODES = [
  'ipc-untrusted-sender',
  'ipc-bad-arguments',
  'file-too-large',
  'file-read-failed',
  'file-write-failed',
  'journal-bypass',
  'append-only',
  'record-not-found',
  'record-invalid',
  'profile-missing',
  'db-from-newer-app',
  'db-blocked',
  'identity-not-recognised',
  'identity-from-newer-format',
  'identity-malformed',
  'identity-signature-invalid',
  'identity-wrong-passphrase',
  'identity-passphrase-too-short',
  'identity-exists',
  'identity-missing',
  'identity-backup-invalid',
  'identity-other-installation',
  'identity-is-own',
  'identity-key-changed',
  /** The desktop app found no trustworthy OS secure storage (none, or Linux's `basic_text`). */
  'identity-protection-unavailable',
  /** The OS secure storage could not open the stored identity (keyring locked or reset, other user, damaged file). */
  'identity-protected-unreadable',
  'exchange-peer-not-verified',
  /**
   * An import changes what its signer may not (another installation's log entry, an operation
   * held here with other content, one in this installation's name it never made): nothing applied.
   */
  'import-refused',
  /** A contact file (vCard, CSV) over the size limit for an import (`MAX_CONTACT_FILE_BYTES`). */
  'contact-file-too-large',
  /** A contact file with more contacts than one import takes (`MAX_CONTACTS_PER_FILE`). */
  'contact-file-too-many',
  'internal',
] as const;
export const AppErrorCodeSchema = z.enum(APP_ERROR_CODES);
export type AppErrorCode = z.infer<typeof AppErrorCodeSchema>;

export const AppErrorSchema = z.object({
  code: AppErrorCodeSchema,
  /** Technical detail for diagnostics; never shown as the main message. */
  detail: z.string().max(2_000).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

/** An error carrying a code, for code paths that throw inside one runtime. */
export class WorkbookError extends Error {
  override readonly name = 'WorkbookError';
  constructor(
    readonly code: AppErrorCode,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export function errorCodeOf(e: unknown): AppErrorCode {
  return e instanceof WorkbookError ? e.code : 'internal';
}
