/**
 * Desktop notifications when a clock of an open incident starts warning or runs out — once per
 * clock and state, while the workbook is open (in the desktop app these are the operating
 * system's notifications). Nothing is sent without the user's permission.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { clockState } from '../../../../shared/clocks/clock';
import type { WorkbookDb } from '../../db/WorkbookDb';
import { useNow } from './useNow';

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

export function useClockNotifications(db: WorkbookDb): void {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  // Every workspace: an exercise clock must not hide a real one, nor the other way round.
  const incidents = useLiveQuery(() => db.incidents.filter((i) => !i.deleted && i.status !== 'closed' && i.clocks.some((c) => c.stoppedAt === null)).toArray(), [db]);
  const told = useRef(new Set<string>());

  useEffect(() => {
    if (!incidents || !notificationsSupported() || Notification.permission !== 'granted') return;
    const language = i18n.language === 'nl' ? 'nl' : 'en';
    for (const incident of incidents) {
      for (const clock of incident.clocks) {
        if (clock.stoppedAt !== null) continue;
        const state = clockState(clock, now);
        if (state.status !== 'warning' && state.status !== 'overdue') continue;
        const key = `${incident.id}/${clock.id}/${state.status}`;
        if (told.current.has(key)) continue;
        told.current.add(key);
        const prefix = incident.workspace === 'exercise' ? `${t('workspace.exerciseMarking')} — ` : '';
        new Notification(`${prefix}${clock.label[language]}`, {
          body: t(state.status === 'overdue' ? 'clocks.notifyOverdue' : 'clocks.notifyWarning', { incident: incident.title }),
          tag: key,
        });
      }
    }
  }, [incidents, now, t, i18n.language]);
}
