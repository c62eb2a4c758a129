/**
 * The import dialog: what a verified bundle would change (per kind: new, changed, conflicting),
 * gaps, who carried it and which logbook records its arrival; then everything in one transaction,
 * or nothing. Afterwards the signed receipt for the sender is one click away.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { REPLICATED_TABLES } from '../../../../shared/journal/tables';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { Dialog } from '../../components/Dialog';
import { receiptRequestFor, recordCustody, type ReceiptRequest } from '../../db/custody';
import { CLOCK_SKEW_WARNING_MS, applyImport, discardImport, type ImportPreview } from '../../db/exchange';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { CustodyFields, type CustodyChoice } from './CustodyFields';
import { useSaveReceipt } from './useSaveReceipt';

export function ImportDialog({ preview, fileName, onClose }: { preview: ImportPreview; fileName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const notify = useUiStore((s) => s.notify);
  const saveReceipt = useSaveReceipt();
  const [busy, setBusy] = useState(false);
  const [custody, setCustody] = useState<CustodyChoice>({ carriedBy: '', incidentId: '' });
  const [done, setDone] = useState<{ added: number; receipt: ReceiptRequest } | null>(null);
  const header = preview.bundle.header;
  const bundleIncidentId = header.scope.incidentId;
  const bundleIncidentTitle = preview.incidentTitle;

  /** Closed without importing: what was staged for the import goes. */
  const cancel = () => {
    void discardImport(db, preview);
    onClose();
  };

  const apply = async () => {
    setBusy(true);
    try {
      const added = await applyImport(db, journal, preview);
      const carriedBy = custody.carriedBy.trim() || null;
      const receipt = receiptRequestFor(preview.bundle, added, carriedBy);
      const values = { fingerprint: preview.bundle.fingerprint, sender: header.sender.organisation, sequence: header.sequence, count: added, courier: carriedBy ?? '' };
      await recordCustody(
        db,
        journal,
        {
          event: 'received',
          bundleId: header.bundleId,
          fingerprint: preview.bundle.fingerprint,
          peer: header.sender.organisation,
          peerInstallationId: header.sender.installationId,
          bundleWorkspace: header.workspace,
          operations: added,
          fileName,
          carriedBy,
          sequence: header.sequence,
          receivedBundle: receipt.bundle,
        },
        custody.incidentId
          ? {
              incidentId: custody.incidentId,
              kind: 'communication-in',
              text: t(carriedBy ? 'custody.arrivalText' : 'custody.arrivalTextNoCourier', values),
              author: `${profile.person}, ${profile.organisation}`,
            }
          : null,
      );
      notify(added === 0 ? { tone: 'info', messageKey: 'bundles.nothingNew' } : { tone: 'success', messageKey: 'bundles.imported', values: { count: String(added) } });
      setDone({ added, receipt });
    } catch (e) {
      notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Dialog title={t('receipts.doneTitle')} onClose={onClose}>
        <p>{done.added === 0 ? t('bundles.nothingNew') : t('bundles.imported', { count: String(done.added) })}</p>
        <p>{t('receipts.explain', { sender: header.sender.organisation })}</p>
        <div className="button-row end">
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void saveReceipt(done.receipt, header.sender.organisation)}>
            {t('receipts.save')}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('bundles.previewTitle')} onClose={cancel} wide>
      <dl className="facts">
        <div>
          <dt>{t('bundles.signer')}</dt>
          <dd>
            {header.sender.organisation} ({f.country(header.sender.country)})
          </dd>
        </div>
        <div>
          <dt>{t('bundles.fingerprint')}</dt>
          <dd className="mono">{preview.bundle.fingerprint}</dd>
        </div>
        <div>
          <dt>{t('exchange.workspace')}</dt>
          <dd>{t(`workspace.${header.workspace}`)}</dd>
        </div>
        <div>
          <dt>{t('bundles.highestTlp')}</dt>
          <dd>
            <TlpBadge tlp={header.highestTlp} />
          </dd>
        </div>
        <div>
          <dt>{t('bundles.madeAt')}</dt>
          <dd>{f.dateTime(header.createdAt)}</dd>
        </div>
      </dl>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('exchange.col.table')}</th>
            <th scope="col">{t('bundles.col.new')}</th>
            <th scope="col">{t('bundles.col.changed')}</th>
            <th scope="col">{t('bundles.col.conflicts')}</th>
          </tr>
        </thead>
        <tbody>
          {REPLICATED_TABLES.map((table) => (
            <tr key={table}>
              <td>{t(`tables.${table}`)}</td>
              <td>{f.number(preview.counts[table].new)}</td>
              <td>{f.number(preview.counts[table].changed)}</td>
              <td>{f.number(preview.counts[table].conflicts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.newOperations === 0 ? <p className="muted">{t('bundles.alreadyImported')}</p> : null}
      {preview.sequence.status === 'gap' ? <p className="field-error">{t('bundles.sequenceGap', { count: preview.sequence.missing })}</p> : null}
      {preview.gaps.length > 0 ? <p className="field-error">{t('bundles.changesMissing', { count: preview.gaps.length })}</p> : null}
      {preview.aheadOfThisClockMs > CLOCK_SKEW_WARNING_MS ? (
        <p className="field-error" role="alert">
          {t('bundles.clockSkew', { minutes: f.number(Math.round(preview.aheadOfThisClockMs / 60_000)), sender: header.sender.organisation })}
        </p>
      ) : null}
      <CustodyFields
        value={custody}
        onChange={setCustody}
        direction="in"
        {...(bundleIncidentId ? { preferredIncident: bundleIncidentId } : {})}
        {...(bundleIncidentId && bundleIncidentTitle ? { extraIncident: { id: bundleIncidentId, title: bundleIncidentTitle } } : {})}
      />
      <div className="button-row end">
        <button type="button" className="button" onClick={cancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void apply()}>
          {t('bundles.apply')}
        </button>
      </div>
    </Dialog>
  );
}
