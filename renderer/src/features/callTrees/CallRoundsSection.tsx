/**
 * The call rounds of an incident, on its page: the rounds so far with their progress, and
 * starting a new round from one of the workspace's call trees.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { PhoneOutgoing } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deriveRoundState } from '../../../../shared/contacts/callRound';
import type { Incident } from '../../../../shared/model/records';
import { navigate, routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { listCallRounds, listCallTrees, startCallRound } from '../../db/callRounds';
import { listLogEntries } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { infrastructureList } from '../outage/outageText';
import { useOutage } from '../outage/useOutage';
import '../../styles/directory.css';

export function CallRoundsSection({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const { down } = useOutage();
  const trees = useLiveQuery(() => listCallTrees(db, incident.workspace), [db, incident.workspace]);
  const rounds = useLiveQuery(() => listCallRounds(db, incident.id), [db, incident.id]);
  const entries = useLiveQuery(() => listLogEntries(db, incident.id), [db, incident.id]);
  const [treeId, setTreeId] = useState('');
  const tree = trees?.find((x) => x.id === treeId) ?? trees?.[0] ?? null;

  const start = async () => {
    if (!tree) return;
    const text = down.length
      ? t('callTrees.logText.startedOutage', { round: tree.name, what: infrastructureList(t, f.locale, down) })
      : t('callTrees.logText.started', { round: tree.name });
    const round = await run(() => startCallRound(db, journal, tree, incident, { down, startedBy: profile.person, text }), 'callTrees.round.started');
    if (round) navigate('contacts', `round~${round.id}`);
  };

  return (
    <section className="call-rounds-section" aria-labelledby="call-rounds-title">
      <h3 id="call-rounds-title">{t('callTrees.roundsTitle')}</h3>
      {rounds && rounds.length ? (
        <ul className="compact-list">
          {rounds.map((r) => {
            const s = entries ? deriveRoundState(r, entries) : null;
            return (
              <li key={r.id}>
                <a href={routeHref('contacts', `round~${r.id}`)}>{r.name}</a>{' '}
                <span className="muted">
                  · {f.dateTime(r.startedAt)} · {t(`callTrees.roundStatus.${r.status}`)}
                  {s ? ` · ${t('callTrees.progressShort', { closed: s.counts.closed, total: s.counts.total })}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('callTrees.noRounds')}</p>
      )}
      {trees && trees.length ? (
        incident.status === 'closed' ? null : (
          <div className="button-row">
            <label className="inline-field">
              <span>{t('callTrees.chooseTree')}</span>
              <select value={tree?.id ?? ''} onChange={(e) => setTreeId(e.target.value)}>
                {trees.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button" disabled={busy || !tree} onClick={() => void start()}>
              <PhoneOutgoing size={15} aria-hidden /> {t('callTrees.startRound')}
            </button>
          </div>
        )
      ) : (
        <p className="muted">
          {t('callTrees.noTrees')} <a href={routeHref('contacts', 'call-trees')}>{t('callTrees.manageTrees')}</a>
        </p>
      )}
    </section>
  );
}
