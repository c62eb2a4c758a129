/**
 * The dashboard's clocks: every running clock of the workspace's open incidents, nearest deadline
 * first, so a warning or an overdue obligation is the first thing the crisis team sees; and the
 * switch for desktop notifications when a clock warns or runs out.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockState } from '../../../../shared/clocks/clock';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { listIncidents } from '../../db/queries';
import { useUiStore } from '../../stores/useUiStore';
import { ClockCountdown } from './ClockCountdown';
import { notificationsSupported } from './useClockNotifications';
import { useNow } from './useNow';

export function ClocksCard() {
  const { t } = useTranslation();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const incidents = useLiveQuery(() => listIncidents(db, workspace), [db, workspace]);
  const now = useNow();
  const [permission, setPermission] = useState(() => (notificationsSupported() ? Notification.permission : 'denied'));
  const running = (incidents ?? [])
    .filter((i) => i.status !== 'closed')
    .flatMap((incident) => incident.clocks.filter((c) => c.stoppedAt === null).map((clock) => ({ incident, clock, state: clockState(clock, now) })))
    .sort((a, b) => a.state.remainingMs - b.state.remainingMs);

  return (
    <section className="card span-3" aria-labelledby="clocks-card">
      <h2 id="clocks-card">
        {t('clocks.dashboardTitle')} <span className="count">{running.length}</span>
      </h2>
      {running.length === 0 ? (
        <p className="muted">{t('clocks.noneRunning')}</p>
      ) : (
        <ul className="clock-list dashboard-clocks">
          {running.map(({ incident, clock }) => (
            <li key={`${incident.id}-${clock.id}`}>
              <a href={routeHref('incidents', incident.id)} className="record-sub">
                {incident.title}
              </a>
              <ClockCountdown clock={clock} now={now} />
            </li>
          ))}
        </ul>
      )}
      {notificationsSupported() && permission === 'default' ? (
        <button type="button" className="button small" onClick={() => void Notification.requestPermission().then(setPermission)}>
          {t('clocks.enableNotifications')}
        </button>
      ) : null}
      {permission === 'granted' ? <p className="record-sub">{t('clocks.notificationsOn')}</p> : null}
    </section>
  );
}
