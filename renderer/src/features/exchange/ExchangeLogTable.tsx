/**
 * The exchange log: the latest bundles sent, received, refused or quarantined, and the receipts
 * that came back, with fingerprints, couriers and what each receipt reports. A received bundle's
 * receipt can be saved again (e.g. when the first copy did not reach the sender).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { ExchangeLogEntry } from '../../../../shared/model/exchangeLog';
import { useSession } from '../../app/session';
import { receiptRequestFromLog } from '../../db/custody';
import { recentExchanges } from '../../db/exchange';
import { useFormatters } from '../../i18n/format';
import { useSaveReceipt } from './useSaveReceipt';

const SHOWN = 12;

export function ExchangeLogTable() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const log = useLiveQuery(() => recentExchanges(db, SHOWN), [db]);
  // Receipts for bundles shown as sent, looked up over the whole log (a receipt may come much later).
  const receipts = useLiveQuery(() => db.exchangeLog.filter((e) => e.event === 'receipt').toArray(), [db]);
  const saveReceipt = useSaveReceipt();

  if (!log || log.length === 0) return null;

  const detail = (entry: ExchangeLogEntry) => {
    if (entry.code) return entry.event === 'receipt-refused' ? t(`receiptErrors.${entry.code}`) : t(`bundleErrors.${entry.code}`);
    const parts = [entry.event === 'receipt' ? t(entry.receiptOutcome === 'already-held' ? 'receipts.heldThere' : 'receipts.importedThere', { count: entry.operations }) : t('exchangeLog.operations', { count: entry.operations })];
    if (entry.carriedBy) parts.push(t('custody.carriedByShort', { courier: entry.carriedBy }));
    if (entry.event === 'receipt' && entry.receivedAt) parts.push(t('receipts.receivedAt', { time: f.dateTime(entry.receivedAt) }));
    return parts.join(' · ');
  };

  return (
    <div className="exchange-log">
      <h3 id="exchange-log-title">{t('exchangeLog.title')}</h3>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="exchange-log-title">
          <thead>
            <tr>
              <th scope="col">{t('exchange.col.time')}</th>
              <th scope="col">{t('exchangeLog.col.event')}</th>
              <th scope="col">{t('exchangeLog.col.peer')}</th>
              <th scope="col">{t('bundles.fingerprint')}</th>
              <th scope="col">{t('exchangeLog.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((entry) => {
              const acknowledged = entry.event === 'sent' ? (receipts ?? []).filter((r) => r.bundleId === entry.bundleId) : [];
              const request = receiptRequestFromLog(entry);
              return (
                <tr key={entry.id}>
                  <td className="nowrap">{f.dateTime(entry.createdAt)}</td>
                  <td>
                    <span className={`badge event-${entry.event}`}>{t(`exchangeLog.event.${entry.event}`)}</span>
                  </td>
                  <td>{entry.peer ?? '—'}</td>
                  <td className="mono small nowrap">{entry.fingerprint ?? '—'}</td>
                  <td>
                    {detail(entry)}
                    {acknowledged.length > 0 ? (
                      <div className="receipt-status">{t('receipts.acknowledgedBy', { peers: acknowledged.map((r) => r.peer ?? '?').join(', ') })}</div>
                    ) : entry.event === 'sent' ? (
                      <div className="muted small">{t('receipts.awaiting')}</div>
                    ) : null}
                    {request ? (
                      <button type="button" className="button small" onClick={() => void saveReceipt(request, entry.peer ?? '')}>
                        {t('receipts.saveAgain')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
