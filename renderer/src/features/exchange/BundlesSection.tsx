/**
 * Sending and receiving bundles, and the receipts that come back: one "import" button takes
 * whatever the courier brought (a bundle or a receipt), verifies it before anything else, and
 * either shows the import preview, records the receipt, or says plainly why it was refused.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { FileDown, FileUp } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleErrorCode } from '../../../../shared/bundle/errors';
import { toBundleError } from '../../../../shared/bundle/readBundle';
import { MAX_RECEIPT_FILE_BYTES, looksLikeReceipt, type ReceiptErrorCode } from '../../../../shared/bundle/receipt';
import { useSession } from '../../app/session';
import { Dialog } from '../../components/Dialog';
import { checkReceipt, receiptEvent, recordCustody } from '../../db/custody';
import { logExchange, previewImport, quarantineBundle, verifyBundle, type ImportPreview } from '../../db/exchange';
import { getInstallationKeys } from '../../db/identity';
import { bytesOfSource, type FileSource } from '../../platform/fileSource';
import { useUiStore } from '../../stores/useUiStore';
import { ExchangeLogTable } from './ExchangeLogTable';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { QuarantineList } from './QuarantineList';

type Refusal =
  | {
      readonly what: 'bundle';
      readonly code: BundleErrorCode;
      readonly detail: string;
      readonly fingerprint?: string;
      /** Kept in quarantine, waiting for its signer to be trusted. */
      readonly kept: boolean;
    }
  | { readonly what: 'receipt'; readonly code: ReceiptErrorCode; readonly detail: string; readonly fingerprint?: string };

export function BundlesSection() {
  const { t } = useTranslation();
  const { db, journal, platform, profile, keyStore } = useSession();
  const notify = useUiStore((s) => s.notify);
  const workspace = useUiStore((s) => s.workspace);
  const keys = useLiveQuery(() => getInstallationKeys(db), [db]);
  const [exporting, setExporting] = useState(false);
  const [preview, setPreview] = useState<{ preview: ImportPreview; fileName: string } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  /** A receipt for a bundle this installation sent: verify, match with the sent bundle, record. */
  const takeReceipt = async (fileName: string, bytes: Uint8Array) => {
    const result = await checkReceipt(db, bytes, profile.id);
    if (!result.ok) {
      await logExchange(journal, {
        event: 'receipt-refused',
        code: result.code,
        bundleId: result.receipt?.bundle.bundleId ?? null,
        fingerprint: result.receipt?.bundle.fingerprint ?? null,
        peer: result.receipt?.recipient.organisation ?? null,
        bundleWorkspace: result.receipt?.workspace ?? null,
        operations: 0,
        fileName,
      });
      setRefusal({ what: 'receipt', code: result.code, detail: result.detail, ...(result.receipt ? { fingerprint: result.receipt.bundle.fingerprint } : {}) });
      return;
    }
    const { receipt, sent } = result;
    if (result.alreadyRecorded) {
      notify({ tone: 'info', messageKey: 'receipts.alreadyRecorded', values: { peer: receipt.recipient.organisation } });
      return;
    }
    const values = {
      peer: receipt.recipient.organisation,
      fingerprint: receipt.bundle.fingerprint,
      receivedAt: receipt.receivedAt,
      count: receipt.applied,
      courier: receipt.carriedBy ?? '',
    };
    await recordCustody(
      db,
      journal,
      receiptEvent(receipt, sent, fileName),
      sent.incidentId
        ? {
            incidentId: sent.incidentId,
            kind: 'communication-in',
            text: t(receipt.carriedBy ? 'custody.receiptText' : 'custody.receiptTextNoCourier', values),
            author: `${profile.person}, ${profile.organisation}`,
          }
        : null,
    );
    notify({ tone: 'success', messageKey: 'receipts.accepted', values: { peer: receipt.recipient.organisation, fingerprint: receipt.bundle.fingerprint } });
  };

  /**
   * Verify a picked file: a receipt is recorded; a bundle is streamed and verified (and staged when
   * it is larger than the memory budget), then previewed; or the refusal is shown (an untrusted
   * signer's bundle is kept in quarantine).
   */
  const check = async (source: FileSource) => {
    const fileName = source.name;
    setBusy(true);
    try {
      if (source.size <= MAX_RECEIPT_FILE_BYTES) {
        const bytes = await bytesOfSource(source);
        if (looksLikeReceipt(bytes)) return await takeReceipt(fileName, bytes);
      }
      const result = await verifyBundle(db, source, workspace, profile.id, keyStore);
      if (result.ok) {
        try {
          setPreview({ preview: await previewImport(db, result.bundle), fileName });
        } catch (e) {
          // The second reading differed from the first (the file changed on the stick in between).
          const error = toBundleError(e);
          setRefusal({ what: 'bundle', code: error.code, detail: error.detail, kept: false, fingerprint: result.bundle.fingerprint });
        }
        return;
      }
      const kept = await quarantineBundle(db, source, result);
      await logExchange(journal, {
        event: kept ? 'quarantined' : 'refused',
        code: result.error.code,
        bundleId: result.header?.bundleId ?? null,
        fingerprint: result.fingerprint ?? null,
        peer: result.signerCard?.organisation ?? result.header?.sender.organisation ?? null,
        bundleWorkspace: result.header?.workspace ?? null,
        operations: result.header?.operations ?? 0,
        fileName,
      });
      setRefusal({ what: 'bundle', code: result.error.code, detail: result.error.detail, kept, ...(result.fingerprint ? { fingerprint: result.fingerprint } : {}) });
    } finally {
      setBusy(false);
    }
  };

  const openBundle = async () => {
    const picked = await platform.openFileSource('bundle');
    if (!picked.ok) return notify({ tone: 'error', messageKey: `errors.${picked.error.code}` });
    if (picked.value) await check(picked.value);
  };

  return (
    <section className="card span-3" aria-labelledby="bundles-title">
      <h2 id="bundles-title">{t('bundles.title')}</h2>
      <p className="muted">{t('bundles.intro')}</p>
      <div className="button-row">
        <button type="button" className="button primary" disabled={!keys} onClick={() => setExporting(true)}>
          <FileDown size={16} aria-hidden /> {t('bundles.export')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void openBundle()}>
          <FileUp size={16} aria-hidden /> {t('bundles.import')}
        </button>
      </div>
      {keys === null ? <p className="field-hint">{t('bundles.needIdentity')}</p> : null}
      <QuarantineList busy={busy} onCheck={(source) => void check(source)} />
      {exporting ? <ExportDialog onClose={() => setExporting(false)} /> : null}
      {preview ? <ImportDialog preview={preview.preview} fileName={preview.fileName} onClose={() => setPreview(null)} /> : null}
      <ExchangeLogTable />
      {refusal ? (
        <Dialog title={t(refusal.what === 'receipt' ? 'receipts.refusedTitle' : 'bundles.refusedTitle')} onClose={() => setRefusal(null)}>
          <p role="alert" className="form-failure">
            {refusal.what === 'receipt' ? t(`receiptErrors.${refusal.code}`) : t(`bundleErrors.${refusal.code}`)}
          </p>
          {refusal.fingerprint ? <p>{t('bundles.fingerprintWas', { fingerprint: refusal.fingerprint })}</p> : null}
          {refusal.what === 'bundle' && refusal.kept ? <p>{t('quarantine.kept')}</p> : null}
          <details>
            <summary>{t('bundles.technicalDetail')}</summary>
            <p className="mono small">{refusal.detail}</p>
          </details>
          <div className="button-row end">
            <button type="button" className="button primary" onClick={() => setRefusal(null)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
