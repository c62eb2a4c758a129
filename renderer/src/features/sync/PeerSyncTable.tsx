/**
 * Per peer: last bundle sent and received, what waits, gaps and refusals. Shown in the
 * Destinations section (full) and on the dashboard (compact).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { peerSyncRows } from '../../db/syncStatus';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';

export function PeerSyncTable({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  // Re-read when the log, the outbox bookkeeping or the journal changes (all are in these tables).
  const rows = useLiveQuery(() => peerSyncRows(db, workspace, compact), [db, workspace, compact]);
  if (!rows) return <p className="muted">…</p>;
  if (rows.length === 0) return <p className="muted">{t(compact ? 'sync.noPeers' : 'sync.noDestinationPeers')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="peer-sync-table">
        <thead>
          <tr>
            <th scope="col">{t('sync.col.peer')}</th>
            <th scope="col">{t('sync.col.lastSent')}</th>
            <th scope="col">{t('sync.col.lastReceived')}</th>
            <th scope="col">{t('sync.col.waiting')}</th>
            {compact ? null : <th scope="col">{t('sync.col.attention')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const attention = [
              row.gapOrigins.length > 0 ? t('sync.gaps', { count: row.gapOrigins.length }) : null,
              row.lastRefused ? t(row.lastRefused.event === 'quarantined' ? 'sync.quarantinedAt' : 'sync.refusedAt', { time: f.dateTime(row.lastRefused.createdAt), reason: row.lastRefused.code ? t(`bundleErrors.${row.lastRefused.code}`) : '' }) : null,
            ].filter((x): x is string => x !== null);
            return (
              <tr key={row.peer}>
                <th scope="row">{row.organisation}</th>
                <td>{row.lastSent ? <time dateTime={row.lastSent.createdAt}>{f.dateTime(row.lastSent.createdAt)}</time> : t('sync.never')}</td>
                <td>{row.lastReceived ? <time dateTime={row.lastReceived.createdAt}>{f.dateTime(row.lastReceived.createdAt)}</time> : t('sync.never')}</td>
                <td>
                  {row.waitingOperations === null
                    ? t('sync.byHand')
                    : row.waitingOperations === 0 && row.undelivered === 0
                      ? t('sync.upToDate')
                      : [row.waitingOperations > 0 ? t('sync.waitingChanges', { count: row.waitingOperations }) : null, row.undelivered > 0 ? t('sync.undelivered', { count: row.undelivered }) : null].filter(Boolean).join(', ')}
                  {compact && attention.length > 0 ? <span className="field-error"> {attention.join(' ')}</span> : null}
                </td>
                {compact ? null : <td className={attention.length > 0 ? 'field-error' : 'muted'}>{attention.length > 0 ? attention.join(' ') : '—'}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
