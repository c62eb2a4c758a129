/** Words for a destination's state (keys under `sync.*`). */
import type { DestinationStatus } from '../../../../shared/sync/destination';

const UNAVAILABLE = ['desktop-only', 'other-origin', 'needs-password'] as const;

/** The translation key and values that explain the last failure. */
export function failureText(status: DestinationStatus): { key: string; values: Record<string, string> } | null {
  const failure = status.lastFailure;
  if (!failure) return null;
  if (failure.kind === 'unavailable' && (UNAVAILABLE as readonly string[]).includes(failure.detail)) return { key: `sync.unavailable.${failure.detail}`, values: {} };
  return { key: `sync.failure.${failure.kind}`, values: { detail: failure.detail } };
}
