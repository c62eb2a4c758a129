import { useCallback, useState } from 'react';
import { errorCodeOf } from '../../../shared/errors/codes';
import { useUiStore } from '../stores/useUiStore';

/**
 * Runs a write and reports the outcome as a notice: success with a confirmation, failure with the
 * error's own message. `busy` lets the form disable its button meanwhile.
 */
export function useJournalAction() {
  const notify = useUiStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(action: () => Promise<T>, successKey: string, values?: Record<string, string>): Promise<T | null> => {
      setBusy(true);
      try {
        const result = await action();
        notify({ tone: 'success', messageKey: successKey, ...(values ? { values } : {}) });
        return result;
      } catch (e) {
        notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
        return null;
      } finally {
        setBusy(false);
      }
    },
    [notify],
  );
  return { run, busy };
}
