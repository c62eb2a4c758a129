/**
 * Exit codes and the errors the command-line tool stops with. Every failure ends as one line on
 * stderr ("crisis-workbook: <code>: <sentence>") and a non-zero exit code, so scripts can branch
 * on the code and people can read the sentence.
 */
import type { BundleErrorCode } from '../../shared/bundle/errors';
import type { IdentityErrorCode } from '../../shared/crypto/identity';

export const EXIT_OK = 0;
/** The bundle was refused (verify/inspect/decrypt found it altered, unsigned, not for us…). */
export const EXIT_REFUSED = 1;
/** The command line was wrong. */
export const EXIT_USAGE = 2;
/** Anything else: a file that cannot be read or written, a wrong passphrase, bad input records. */
export const EXIT_FAILED = 3;

/** A failure with a stable code and the exit status it ends with. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT_FAILED,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super('usage', message, EXIT_USAGE);
  }
}

/** English sentences for the bundle refusal codes (the app has translated ones). */
export const BUNDLE_REFUSAL_SENTENCES: Record<BundleErrorCode, string> = {
  'bundle-not-recognised': 'this file is not a Crisis Workbook bundle',
  'bundle-truncated': 'the bundle is incomplete: the file ends early (interrupted copy?)',
  'bundle-too-large': 'the bundle is larger than the limits allow',
  'bundle-signature-invalid': 'the signature does not match: the bundle was altered or not signed by this key',
  'bundle-altered': 'the content was changed after it was signed',
  'bundle-unknown-signer': 'the bundle is signed by a key that is not trusted here',
  'bundle-signer-revoked': 'the bundle is signed by a revoked key',
  'bundle-from-newer-format': 'the bundle was written in a newer format: update Crisis Workbook to read it',
  'bundle-not-for-this-installation': 'the bundle is encrypted for someone else (no key given here opens it)',
  'bundle-wrong-workspace': 'the bundle belongs to another workspace (exercise/real)',
  'bundle-malformed': 'the bundle is damaged or does not follow the format',
  'bundle-unauthorised-change': 'the bundle changes records its signer may not change (another installation’s entries or identity)',
  'bundle-clock-ahead': 'the bundle’s changes are stamped more than a day ahead of this computer’s clock',
};

export const IDENTITY_SENTENCES: Record<IdentityErrorCode, string> = {
  'identity-not-recognised': 'this file is not a Crisis Workbook identity',
  'identity-from-newer-format': 'the identity was written in a newer format: update Crisis Workbook',
  'identity-malformed': 'the identity file is damaged or incomplete',
  'identity-signature-invalid': 'the identity card was altered after it was signed',
  'identity-wrong-passphrase': 'the passphrase is wrong',
};
