/**
 * Sign a receipt for a received bundle and hand it to the user as a file, to travel back to the
 * sender (on the courier's stick, or through the sync folder).
 */
import { useCallback } from 'react';
import { RECEIPT_FILE_EXTENSION } from '../../../../shared/bundle/receipt';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { exportFilePrefix } from '../../../../shared/model/workspace';
import { useSession } from '../../app/session';
import { signReceipt, type ReceiptRequest } from '../../db/custody';
import { getInstallationKeys } from '../../db/identity';
import { useUiStore } from '../../stores/useUiStore';

export function useSaveReceipt(): (request: ReceiptRequest, sender: string) => Promise<void> {
  const { db, platform, keyStore } = useSession();
  const notify = useUiStore((s) => s.notify);
  return useCallback(
    async (request, sender) => {
      try {
        const keys = await getInstallationKeys(db);
        if (!keys) return notify({ tone: 'error', messageKey: 'errors.identity-missing' });
        const written = await signReceipt(request, keys.card, await keyStore.signer());
        const stem = sender.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'sender';
        const name = `${exportFilePrefix(request.workspace)}receipt-${stem}-${request.bundle.fingerprint}${RECEIPT_FILE_EXTENSION}`;
        const saved = await platform.saveFile('receipt', name, written.bytes);
        if (!saved.ok) return notify({ tone: 'error', messageKey: `errors.${saved.error.code}` });
        if (saved.value) notify({ tone: 'success', messageKey: 'receipts.saved', values: { location: saved.value.location } });
      } catch (e) {
        notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
      }
    },
    [db, platform, keyStore, notify],
  );
}
