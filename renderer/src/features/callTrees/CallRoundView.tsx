/**
 * A call round under way: every call of the tree with who makes it, the channel that works now
 * (the number to dial) or that the person is unreachable and who to send, and buttons to record
 * the outcome. Every outcome is a chained entry in the incident's log; the state shown here is
 * derived from those entries.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Check, CircleSlash, PhoneMissed, SkipForward } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { organisationOf, reachability } from '../../../../shared/contacts/channels';
import { deriveRoundState, type CallProgress, type CallState } from '../../../../shared/contacts/callRound';
import type { CallRound, Contact, Incident, LogEntry } from '../../../../shared/model/records';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { closeCallRound, recordCall } from '../../db/callRounds';
import { listLogEntries } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { ReachNow, reachText } from '../contacts/ReachNow';
import { useDirectory } from '../contacts/useDirectory';
import { infrastructureList } from '../outage/outageText';
import { useOutage } from '../outage/useOutage';

export function CallRoundView({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const round = useLiveQuery(async () => (await db.callRounds.get(roundId)) ?? null, [db, roundId]);
  const incident = useLiveQuery(async () => (round ? ((await db.incidents.get(round.incidentId)) ?? null) : null), [db, round?.incidentId]);
  const entries = useLiveQuery(() => (round ? listLogEntries(db, round.incidentId) : Promise.resolve([])), [db, round?.incidentId]);
  const contacts = useDirectory();
  if (round === undefined || entries === undefined || contacts === undefined || incident === undefined) return <div aria-busy="true" />;
  if (round === null || incident === null) return <EmptyState title={t('callTrees.roundNotFoundTitle')}>{t('callTrees.roundNotFoundText')}</EmptyState>;
  return <RoundBody round={round} incident={incident} entries={entries} contacts={contacts} />;
}

function RoundBody({ round, incident, entries, contacts }: { round: CallRound; incident: Incident; entries: readonly LogEntry[]; contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const { down } = useOutage();
  const state = deriveRoundState(round, entries);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const nodeContact = new Map(round.nodes.map((n) => [n.id, byId.get(n.contactId)]));
  const running = round.status === 'running';

  const mark = (call: CallProgress, outcome: CallState) => {
    const contact = byId.get(call.node.contactId);
    const name = contact?.name ?? t('callTrees.missingContact');
    const reach = contact ? reachability(contact, down, organisationOf(contact, contacts)) : null;
    const via = reach ? reachText(t, reach) : '—';
    const text = t(`callTrees.logText.${outcome}`, { round: round.name, name, via });
    return run(() => recordCall(db, journal, round, call.node, outcome, { text, author: profile.person }), 'callTrees.recorded', { name });
  };
  const close = (status: 'completed' | 'abandoned') => {
    if (status === 'abandoned' && !window.confirm(t('callTrees.confirmAbandon'))) return;
    const text = t(`callTrees.logText.${status}`, { round: round.name, reached: String(state.counts.reached), total: String(state.counts.total) });
    return run(() => closeCallRound(db, journal, round, status, { text, author: profile.person }), `callTrees.round.${status}`);
  };

  return (
    <section className="pane call-round" aria-labelledby="round-title">
      <header className="detail-header">
        <div>
          <h1 id="round-title">{t('callTrees.roundTitle', { name: round.name })}</h1>
          <p className="muted">
            <a href={routeHref('incidents', incident.id)}>{incident.title}</a> ·{' '}
            {t('callTrees.startedBy', { who: round.startedBy, time: f.dateTime(round.startedAt) })}
          </p>
        </div>
        {running ? (
          <div className="button-row">
            <button type="button" className="button primary" disabled={busy} onClick={() => void close('completed')}>
              {t('callTrees.complete')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void close('abandoned')}>
              {t('callTrees.abandon')}
            </button>
          </div>
        ) : (
          <span className={`badge round-status-${round.status}`}>{t(`callTrees.roundStatus.${round.status}`)}</span>
        )}
      </header>
      <p className="round-outage">
        {round.down.length ? t('callTrees.outageAtStart', { what: infrastructureList(t, f.locale, round.down) }) : t('callTrees.noOutageAtStart')}
        {' '}
        {down.length ? t('callTrees.outageNow', { what: infrastructureList(t, f.locale, down) }) : t('callTrees.noOutageNow')}
      </p>
      <div className="round-progress" role="status" aria-live="polite">
        <progress max={state.counts.total} value={state.counts.closed} aria-label={t('callTrees.progressLabel')} />
        <span>
          {t('callTrees.progress', {
            closed: state.counts.closed,
            total: state.counts.total,
            reached: state.counts.reached,
            unreachable: state.counts.unreachable,
            skipped: state.counts.skipped,
          })}
        </span>
      </div>
      {running && state.allClosed ? <p className="round-done">{t('callTrees.allClosed')}</p> : null}
      <ol className="round-calls">
        {state.calls.map((call) => {
          const contact = byId.get(call.node.contactId);
          const reach = contact ? reachability(contact, down, organisationOf(contact, contacts)) : null;
          const caller = call.caller ? nodeContact.get(call.caller)?.name : null;
          const actionable = running && (call.status === 'ready' || call.status === 'no-answer' || call.status === 'waiting');
          const name = contact?.name ?? t('callTrees.missingContact');
          return (
            <li key={call.node.id} className={`round-call status-${call.status}`} style={{ marginInlineStart: `${call.depth * 1.5}rem` }} aria-label={name}>
              <div className="round-call-head">
                <strong>{name}</strong>
                {contact?.roles[0] ? <span className="muted"> · {t(`roles.${contact.roles[0]}`)}</span> : null}
                <span className={`badge call-status call-${call.status}`}>{t(`callTrees.status.${call.status}`)}</span>
                {call.noAnswerCount > 0 ? <span className="muted small">{t('callTrees.tries', { count: call.noAnswerCount })}</span> : null}
              </div>
              <div className="muted small">
                {call.status === 'waiting'
                  ? t('callTrees.waitingFor', { name: caller ?? t('callTrees.desk') })
                  : caller
                    ? t('callTrees.calledBy', { name: caller })
                    : t('callTrees.calledByDesk')}
              </div>
              {reach ? <ReachNow reach={reach} /> : null}
              {actionable ? (
                <div className="round-call-actions" role="group" aria-label={t('callTrees.outcomeFor', { name })}>
                  <button type="button" className="button small-button" disabled={busy} onClick={() => void mark(call, 'reached')}>
                    <Check size={14} aria-hidden /> {t('callTrees.outcome.reached')}
                  </button>
                  <button type="button" className="button small-button" disabled={busy} onClick={() => void mark(call, 'no-answer')}>
                    <PhoneMissed size={14} aria-hidden /> {t('callTrees.outcome.no-answer')}
                  </button>
                  <button type="button" className="button small-button" disabled={busy} onClick={() => void mark(call, 'unreachable')}>
                    <CircleSlash size={14} aria-hidden /> {t('callTrees.outcome.unreachable')}
                  </button>
                  <button type="button" className="button small-button" disabled={busy} onClick={() => void mark(call, 'skipped')}>
                    <SkipForward size={14} aria-hidden /> {t('callTrees.outcome.skipped')}
                  </button>
                </div>
              ) : null}
              {call.lastEntry ? <div className="muted small">{t('callTrees.lastAt', { time: f.dateTime(call.lastEntry.occurredAt), who: call.lastEntry.author })}</div> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
