/**
 * Dashboard card: per peer, whether exchange is keeping up (last sent and received, by sync or on
 * a stick, what waits, gaps and refusals), and any sync destination that cannot be reached. Starts the session's sync
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

  // Shown even without sync destinations: bundles carried on USB sticks count as exchanges too,
  // and "when did we last hear from each peer" is part of where we stand.
  const troubled = (destinations ?? []).flatMap((d) => {
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
