/**
 * The procedure runs of an incident, on its page: each run with its progress and where it stands,
 * and running a procedure of the workspace on the incident.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Play } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../../../shared/model/records';
import { deriveRunProgress } from '../../../../../shared/procedures/runProgress';
import { navigate, routeHref } from '../../../app/router';
import { useSession } from '../../../app/session';
import { listRuns, startRun } from '../../../db/procedureRuns';
import { listLogEntries, listProcedures } from '../../../db/queries';
import { useFormatters } from '../../../i18n/format';
import { useJournalAction } from '../../../lib/useJournalAction';
import { pick } from '../catalogue';

export function IncidentRunsSection({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const runs = useLiveQuery(() => listRuns(db, incident.id), [db, incident.id]);
  const entries = useLiveQuery(() => listLogEntries(db, incident.id), [db, incident.id]);
  const procedures = useLiveQuery(async () => (await listProcedures(db, incident.workspace)).filter((p) => p.steps.length > 0), [db, incident.workspace]);
  const [procedureId, setProcedureId] = useState('');
  const sorted = [...(procedures ?? [])].sort((a, b) => (a.scope === b.scope ? f.compare(pick(a.title, f.language), pick(b.title, f.language)) : a.scope === 'eu' ? -1 : 1));
  const procedure = sorted.find((p) => p.id === procedureId) ?? sorted[0] ?? null;

  const start = async () => {
    if (!procedure) return;
    const title = pick(procedure.title, f.language);
    const created = await run(
      () => startRun(db, journal, procedure, incident, { text: t('procedureRun.entry.started', { title, version: procedure.version }), author: profile.person }),
      'procedureRun.started',
      { title },
    );
    if (created) navigate('procedures', `run:${created.id}`);
  };

  return (
    <section className="incident-runs" aria-labelledby="incident-runs-title">
      <h3 id="incident-runs-title">{t('procedureRun.incidentTitle')}</h3>
      {runs && runs.length ? (
        <ul className="compact-list">
          {runs.map((r) => {
            const p = entries ? deriveRunProgress(r.content, r.id, entries, r.status) : null;
            const settled = p ? p.counts.done + p.counts.skipped : 0;
            const next = p?.current[0] ? pick(r.content.steps.find((s) => s.id === p.current[0])?.title, f.language) : null;
            return (
              <li key={r.id}>
                <a href={routeHref('procedures', `run:${r.id}`)}>{pick(r.content.title, f.language)}</a>{' '}
                <span className="muted">
                  · {t(`procedureRun.status.${p?.status ?? r.status}`)} · {t('procedureRun.progressShort', { settled, total: r.content.steps.length })}
                  {p && p.counts.blocked ? ` · ${t('procedureRun.blockedShort', { count: p.counts.blocked })}` : ''}
                  {next && (p?.status ?? r.status) === 'running' ? ` · ${t('procedureRun.nextShort', { step: next })}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('procedureRun.noRuns')}</p>
      )}
      {incident.status !== 'closed' && sorted.length > 0 ? (
        <div className="button-row">
          <label className="inline-field">
            <span>{t('procedureRun.chooseProcedure')}</span>
            <select value={procedure?.id ?? ''} onChange={(e) => setProcedureId(e.target.value)}>
              {sorted.map((p) => (
                <option key={p.id} value={p.id}>
                  {pick(p.title, f.language)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" disabled={busy || !procedure} onClick={() => void start()}>
            <Play size={15} aria-hidden /> {t('procedureRun.runProcedure')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
