/**
 * Dashboard card: per peer, whether sync is keeping up (last sent and received, what waits,
 * gaps and refusals), and any destination that cannot be reached. Starts the session's sync
 * service (idempotent), so that it runs from the first screen on.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { listDestinations, listStatuses } from '../../db/outbox';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { syncServiceFor } from '../../sync/syncService';
import { PeerSyncTable } from './PeerSyncTable';
import { failureText } from './syncText';

export function SyncCard() {
  const { t } = useTranslation();
  const f = useFormatters();
  const session = useSession();
  const { db } = session;
  const workspace = useUiStore((s) => s.workspace);
  const destinations = useLiveQuery(() => listDestinations(db, workspace), [db, workspace]);
  const statuses = useLiveQuery(() => listStatuses(db), [db]);

  useEffect(() => {
    syncServiceFor(session);
  }, [session]);

  if (!destinations || destinations.length === 0) return null;
  const troubled = destinations.flatMap((d) => {
    const status = statuses?.get(d.id);
    const text = status ? failureText(status) : null;
    return status && text ? [{ d, status, text }] : [];
  });
  return (
    <section className="card span-2" aria-labelledby="sync-card-title" data-testid="sync-card">
      <h2 id="sync-card-title">
        <a href={routeHref('exchange')}>{t('sync.cardTitle')}</a>
      </h2>
      {troubled.map(({ d, status, text }) => (
        <p key={d.id} className="field-error" role="status">
          {d.label}: {t(text.key, text.values)}
          {status.lastSuccessAt ? ` ${t('sync.lastSuccess', { time: f.dateTime(status.lastSuccessAt) })}` : ''}
        </p>
      ))}
      <PeerSyncTable compact />
    </section>
  );
}
