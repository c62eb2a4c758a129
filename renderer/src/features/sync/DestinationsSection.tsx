/**
 * The Exchange screen's "Destinations": where bundles go and come from without a person carrying
 * them (a WebDAV hub, a watched folder) or with one (a folder on a USB stick); for each, whether
 * it is reachable, when it last worked, what the last run did, and "sync now"; and per peer,
 * what was sent and received last, what waits, gaps and refusals.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Plus, RefreshCw, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Destination, DestinationStatus } from '../../../../shared/sync/destination';
import { useSession } from '../../app/session';
import { getInstallationKeys } from '../../db/identity';
import { listDestinations, listStatuses, removeDestination } from '../../db/outbox';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { syncServiceFor } from '../../sync/syncService';
import { AddDestinationDialog } from './AddDestinationDialog';
import { PeerSyncTable } from './PeerSyncTable';
import { failureText } from './syncText';

export function DestinationsSection() {
  const { t } = useTranslation();
  const session = useSession();
  const { db } = session;
  const workspace = useUiStore((s) => s.workspace);
  const destinations = useLiveQuery(() => listDestinations(db, workspace), [db, workspace]);
  const statuses = useLiveQuery(() => listStatuses(db), [db]);
  const keys = useLiveQuery(() => getInstallationKeys(db), [db]);
  const [adding, setAdding] = useState(false);

  // The service runs for the whole session once started; starting it here is idempotent.
  useEffect(() => {
    syncServiceFor(session);
  }, [session]);

  return (
    <section className="card span-3" aria-labelledby="destinations-title">
      <h2 id="destinations-title">{t('destinations.title')}</h2>
      <p className="muted">{t('destinations.intro')}</p>
      <div className="button-row">
        <button type="button" className="button" disabled={!keys} onClick={() => setAdding(true)}>
          <Plus size={16} aria-hidden /> {t('destinations.add')}
        </button>
      </div>
      {keys === null ? <p className="field-hint">{t('bundles.needIdentity')}</p> : null}
      {destinations && destinations.length === 0 ? <p className="muted">{t('destinations.none')}</p> : null}
      <ul className="compact-list" data-testid="destinations">
        {destinations?.map((d) => <DestinationRow key={d.id} destination={d} status={statuses?.get(d.id) ?? null} />)}
      </ul>
      <h3>{t('sync.perPeer')}</h3>
      <PeerSyncTable />
      {adding ? <AddDestinationDialog onClose={() => setAdding(false)} /> : null}
    </section>
  );
}

function DestinationRow({ destination, status }: { destination: Destination; status: DestinationStatus | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const session = useSession();
  const { db, platform } = session;
  const notify = useUiStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  const failure = status ? failureText(status) : null;
  const needsPassword = status?.lastFailure?.kind === 'unavailable' && status.lastFailure.detail === 'needs-password';

  const syncNow = async () => {
    setBusy(true);
    try {
      const outcome = await syncServiceFor(session).run(destination);
      if (outcome.ok) notify({ tone: 'success', messageKey: 'sync.ranSummary', values: runValues(outcome.summary) });
      else {
        const failure = 'unavailable' in outcome ? { key: `sync.unavailable.${outcome.unavailable}`, detail: '' } : { key: `sync.failure.${outcome.kind}`, detail: outcome.detail };
        notify({ tone: 'error', messageKey: failure.key, values: { detail: failure.detail } });
      }
    } finally {
      setBusy(false);
    }
  };

  const givePassword = async () => {
    if (destination.kind !== 'webdav' || !destination.username || !password) return;
    const kept = await platform.sync.setCredentials(destination.id, { username: destination.username, password });
    setPassword('');
    if (!kept.ok) return notify({ tone: 'error', messageKey: `errors.${kept.error.code}` });
    await syncNow();
  };

  const remove = async () => {
    if (!window.confirm(t('destinations.removeConfirm', { label: destination.label }))) return;
    await removeDestination(db, destination.id);
    if (destination.kind === 'webdav') await platform.sync.forgetCredentials(destination.id);
    await syncServiceFor(session).refreshWatches();
  };

  return (
    <li data-testid="destination-row">
      <strong>{destination.label}</strong> <span className="muted">({t(`destinations.kind.${destination.kind}`)})</span>
      <span className="record-sub mono">{destination.kind === 'webdav' ? destination.url : destination.path}</span>
      <span className="record-sub">
        {status?.lastSuccessAt ? t('sync.lastSuccess', { time: f.dateTime(status.lastSuccessAt) }) : t('sync.neverSynced')}
        {status?.lastRun ? ` · ${t('sync.ranSummary', runValues(status.lastRun))}` : ''}
      </span>
      {failure ? (
        <span className="record-sub field-error" role="status">
          {t(failure.key, failure.values)}
          {status && status.failures > 0 && failure.key !== 'sync.unavailable.needs-password' ? ` ${t('sync.nextAttempt', { time: f.dateTime(new Date(status.notBefore).toISOString()) })}` : ''}
        </span>
      ) : null}
      {needsPassword ? (
        <span className="button-row">
          <input type="password" aria-label={t('destinations.password')} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          <button type="button" className="button" onClick={() => void givePassword()}>
            {t('destinations.usePassword')}
          </button>
        </span>
      ) : null}
      <span className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => void syncNow()}>
          <RefreshCw size={16} aria-hidden /> {t('sync.now')}
        </button>
        <button type="button" className="button" onClick={() => void remove()}>
          <Trash2 size={16} aria-hidden /> {t('destinations.remove')}
        </button>
      </span>
    </li>
  );
}

function runValues(summary: NonNullable<DestinationStatus['lastRun']>): Record<string, string> {
  return {
    sent: String(summary.sent),
    received: String(summary.received),
    changes: String(summary.newOperations),
    refused: String(summary.refused + summary.quarantined),
  };
}
