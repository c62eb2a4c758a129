/**
 * A procedure run on an incident: where the incident stands (the steps ready to be worked on and
 * the blocked ones), the chart with every step's mark, the step list with its state, and the
 * selected step's details with Tick / Skip / Block / Reopen. The run is completed or abandoned
 * here too. Everything shown is derived from the incident's logbook.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { CheckCheck, ListTree, Network, Printer, XCircle } from 'lucide-react';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureRun } from '../../../../../shared/model/records';
import { procedureOutline } from '../../../../../shared/procedures/outline';
import { deriveRunProgress } from '../../../../../shared/procedures/runProgress';
import { routeHref } from '../../../app/router';
import { useSession } from '../../../app/session';
import { EmptyState } from '../../../components/EmptyState';
import { finishRun, getRun } from '../../../db/procedureRuns';
import { getIncident, listLogEntries } from '../../../db/queries';
import { useFormatters } from '../../../i18n/format';
import { useJournalAction } from '../../../lib/useJournalAction';
import { useUiStore } from '../../../stores/useUiStore';
import { LEVEL_ORDER, laneTitle, pick } from '../catalogue';
import { PrintableProcedure } from '../chart/PrintableProcedure';
import { SwimlaneChart } from '../chart/SwimlaneChart';
import { ProcedureOutlineView } from '../ProcedureOutlineView';
import { StepPanel } from '../StepPanel';
import { useNarrowScreen } from '../useResolvedTheme';
import { useProcedureViewStore } from '../useProcedureViewStore';
import { StepRunControls } from './StepRunControls';

export function RunView({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const run = useLiveQuery(() => getRun(db, workspace, runId), [db, workspace, runId]);
  if (run === undefined) return <div aria-busy="true" />;
  if (run === null) return <EmptyState title={t('procedureRun.notFoundTitle')}>{t('procedureRun.notFoundText')}</EmptyState>;
  return <RunDetail key={run.id} run={run} />;
}

function FinishForm({ run, title, onDone }: { run: ProcedureRun; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { db, journal, profile } = useSession();
  const { run: act, busy } = useJournalAction();
  const [abandoning, setAbandoning] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const complete = () =>
    void act(() => finishRun(db, journal, run, 'completed', { text: t('procedureRun.entry.completed', { title }), author: profile.person }), 'procedureRun.completed', { title }).then((r) => {
      if (r) onDone();
    });
  const abandon = (e: FormEvent) => {
    e.preventDefault();
    const why = reason.trim();
    if (!why) {
      setError(t('procedureRun.reasonRequired'));
      return;
    }
    void act(() => finishRun(db, journal, run, 'abandoned', { text: t('procedureRun.entry.abandoned', { title, reason: why }), author: profile.person }), 'procedureRun.abandoned', { title }).then((r) => {
      if (r) onDone();
    });
  };

  if (abandoning) {
    return (
      <form className="step-reason-form" onSubmit={abandon} noValidate>
        <label htmlFor={id}>{t('procedureRun.abandonReason')}</label>
        <textarea id={id} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} autoFocus />
        {error ? (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button danger" disabled={busy}>
            {t('procedureRun.confirmAbandon')}
          </button>
          <button type="button" className="button" onClick={() => setAbandoning(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <>
      <button type="button" className="button primary" disabled={busy} onClick={complete}>
        <CheckCheck size={15} aria-hidden /> {t('procedureRun.complete')}
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => setAbandoning(true)}>
        <XCircle size={15} aria-hidden /> {t('procedureRun.abandon')}
      </button>
    </>
  );
}

function RunDetail({ run }: { run: ProcedureRun }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const narrow = useNarrowScreen();
  const preferred = useProcedureViewStore((s) => s.view);
  const setView = useProcedureViewStore((s) => s.setView);
  const view = preferred ?? (narrow ? 'outline' : 'chart');
  const incident = useLiveQuery(() => getIncident(db, run.workspace, run.incidentId), [db, run.workspace, run.incidentId]);
  const entries = useLiveQuery(() => listLogEntries(db, run.incidentId), [db, run.incidentId]);
  const content = run.content;
  const progress = useMemo(() => (entries ? deriveRunProgress(content, run.id, entries, run.status) : null), [content, run.id, run.status, entries]);
  const outline = useMemo(() => procedureOutline(content, LEVEL_ORDER), [content]);
  const [selected, setSelected] = useState<string | null>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const stepId = selected ?? progress?.current[0] ?? progress?.blocked[0] ?? null;
  const step = content.steps.find((s) => s.id === stepId);
  const title = pick(content.title, f.language);
  const total = content.steps.length;
  const settled = progress ? progress.counts.done + progress.counts.skipped : 0;
  const open = (id: string) => {
    setSelected(id);
    requestAnimationFrame(() => panelHeading.current?.focus());
  };
  const stepTitle = (id: string) => pick(content.steps.find((s) => s.id === id)?.title, f.language);

  return (
    <article className="procedure-detail run-detail" aria-labelledby="run-title">
      <header className="detail-header">
        <h2 id="run-title">{t('procedureRun.title', { title })}</h2>
        <div className="record-meta">
          <span className={`badge run-status-${progress?.status ?? run.status}`}>{t(`procedureRun.status.${progress?.status ?? run.status}`)}</span>
          <span className="badge">{t('procedure.version', { version: run.procedureVersion })}</span>
        </div>
      </header>
      <p>
        {t('procedureRun.onIncident')} <a href={routeHref('incidents', run.incidentId)}>{incident?.title ?? t('procedureRun.unknownIncident')}</a>
        <span className="muted">
          {' '}
          · {t('procedureRun.startedBy', { author: run.startedBy, time: f.dateTime(run.startedAt) })} ·{' '}
          <a href={routeHref('procedures', run.procedureId)}>{t('procedureRun.openProcedure')}</a>
        </span>
      </p>

      <div className="run-progress">
        <progress max={total} value={settled} aria-labelledby="run-progress-label" />
        <span id="run-progress-label">
          {t('procedureRun.progress', { settled, total, done: progress?.counts.done ?? 0, skipped: progress?.counts.skipped ?? 0, blocked: progress?.counts.blocked ?? 0 })}
        </span>
      </div>

      <section className="run-stands" aria-labelledby="run-stands-title">
        <h3 id="run-stands-title">{t('procedureRun.standsTitle')}</h3>
        {progress && progress.status !== 'running' ? (
          <p>{t(`procedureRun.closed.${progress.status}`)}</p>
        ) : progress && progress.current.length === 0 && progress.blocked.length === 0 ? (
          <p>{t('procedureRun.allSettled')}</p>
        ) : (
          <ul className="compact-list">
            {progress?.current.map((id) => (
              <li key={id}>
                <span className="badge mark-current">{t('procedure.mark.current')}</span>{' '}
                <button type="button" className="link-button" onClick={() => open(id)}>
                  {stepTitle(id)}
                </button>
              </li>
            ))}
            {progress?.blocked.map((id) => (
              <li key={id}>
                <span className="badge mark-blocked">{t('procedure.mark.blocked')}</span>{' '}
                <button type="button" className="link-button" onClick={() => open(id)}>
                  {stepTitle(id)}
                </button>{' '}
                <span className="muted">{progress.steps.get(id)?.text}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="procedure-toolbar" role="toolbar" aria-label={t('procedure.toolbar')}>
        <div className="segmented" role="group" aria-label={t('procedure.viewLabel')}>
          <button type="button" className="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
            <Network size={15} aria-hidden /> {t('procedure.view.chart')}
          </button>
          <button type="button" className="button" aria-pressed={view === 'outline'} onClick={() => setView('outline')}>
            <ListTree size={15} aria-hidden /> {t('procedure.view.outline')}
          </button>
        </div>
        <button type="button" className="button" onClick={() => window.print()}>
          <Printer size={15} aria-hidden /> {t('procedure.print')}
        </button>
        {run.status === 'running' ? <FinishForm run={run} title={title} onDone={() => setSelected(null)} /> : null}
      </div>

      <div className="procedure-body with-panel">
        <div className="procedure-main">
          {view === 'chart' ? (
            <SwimlaneChart
              content={content}
              selectedStepId={stepId}
              onSelectStep={(id) => setSelected(id)}
              onOpenStep={open}
              progress={progress}
              language={f.language}
              levelOrder={LEVEL_ORDER}
              title={t('procedure.chart.title', { title })}
            />
          ) : (
            <ProcedureOutlineView content={content} levelOrder={LEVEL_ORDER} selectedStepId={stepId} onSelectStep={open} progress={progress} language={f.language} />
          )}
        </div>
        <aside className="procedure-aside" aria-label={t('procedure.step.panelLabel')}>
          {step && progress ? (
            <StepPanel
              ref={panelHeading}
              content={content}
              stepId={step.id}
              number={outline.steps.find((s) => s.step.id === step.id)?.number ?? null}
              language={f.language}
              onSelectStep={open}
              actions={<StepRunControls key={step.id} run={run} step={step} progress={progress.steps.get(step.id) ?? { state: 'pending', reopened: false, entryId: null, occurredAt: null, author: null, text: null, chosen: [] }} />}
            />
          ) : (
            <p className="muted">{t('procedureRun.chooseStep')}</p>
          )}
        </aside>
      </div>

      <section aria-labelledby="run-steps-title" className="run-steps">
        <h3 id="run-steps-title">{t('procedureRun.stepsTitle')}</h3>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('procedureRun.column.step')}</th>
              <th scope="col">{t('procedureRun.column.actor')}</th>
              <th scope="col">{t('procedureRun.column.state')}</th>
              <th scope="col">{t('procedureRun.column.last')}</th>
            </tr>
          </thead>
          <tbody>
            {outline.steps.map((s) => {
              const p = progress?.steps.get(s.step.id);
              const mark = progress?.current.includes(s.step.id) ? 'current' : (p?.state ?? 'pending');
              return (
                <tr key={s.step.id} className={s.step.id === stepId ? 'selected' : undefined}>
                  <td>{s.number}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => open(s.step.id)}>
                      {pick(s.step.title, f.language)}
                    </button>
                  </td>
                  <td>{s.lane ? laneTitle(s.lane, f.language) : ''}</td>
                  <td>
                    <span className={`badge mark-${mark}`}>{t(`procedure.mark.${mark}`)}</span>
                  </td>
                  <td className="small">{p?.entryId && p.occurredAt ? `${p.author ?? ''} · ${f.dateTime(p.occurredAt)}${p.state === 'skipped' || p.state === 'blocked' ? ` · ${p.text ?? ''}` : ''}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <PrintableProcedure content={content} title={t('procedureRun.title', { title })} subtitle={incident?.title ?? ''} progress={progress} />
    </article>
  );
}
