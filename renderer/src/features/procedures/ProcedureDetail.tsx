/**
 * One procedure: its swimlane chart (or, on small screens and on request, its outline), the
 * details of the selected step, the runs of the procedure on incidents, and a toolbar: the view
 * toggle, starting it on an incident, printing, and the editor's actions (copy, edit, versions,
 * export). Printed, the page shows the whole chart on a landscape page and the outline after it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { ListTree, Network, Play, Printer } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../../shared/model/records';
import { procedureOutline } from '../../../../shared/procedures/outline';
import { navigate, routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { listRunsOfProcedure } from '../../db/procedureRuns';
import { listIncidents } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { LEVEL_ORDER, pick } from './catalogue';
import { SwimlaneChart } from './chart/SwimlaneChart';
import { PrintableProcedure } from './chart/PrintableProcedure';
import { ProcedureActions } from './editor/ProcedureActions';
import { ProcedureOutlineView } from './ProcedureOutlineView';
import { procedureHref } from './ProceduresScreen';
import { StartRunDialog } from './run/StartRunDialog';
import { StepPanel } from './StepPanel';
import { useNarrowScreen } from './useResolvedTheme';
import { useProcedureViewStore } from './useProcedureViewStore';

export function ProcedureDetail({ procedure, stepId }: { procedure: Procedure; stepId: string | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const narrow = useNarrowScreen();
  const preferred = useProcedureViewStore((s) => s.view);
  const setView = useProcedureViewStore((s) => s.setView);
  const view = preferred ?? (narrow ? 'outline' : 'chart');
  const [starting, setStarting] = useState(false);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const focusPanel = useRef(false);
  const runs = useLiveQuery(() => listRunsOfProcedure(db, procedure.id), [db, procedure.id]);
  const incidents = useLiveQuery(() => listIncidents(db, workspace), [db, workspace]);
  const selectedStep = stepId && procedure.steps.some((s) => s.id === stepId) ? stepId : null;
  const outline = procedureOutline(procedure, LEVEL_ORDER);
  const number = selectedStep ? (outline.steps.find((s) => s.step.id === selectedStep)?.number ?? null) : null;
  const title = pick(procedure.title, f.language);

  const select = (id: string | null) => {
    const href = procedureHref(procedure.id, id);
    if (window.location.hash !== href) window.history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  };
  const open = (id: string) => {
    focusPanel.current = true;
    select(id);
  };
  useEffect(() => {
    if (focusPanel.current && selectedStep) {
      focusPanel.current = false;
      panelHeading.current?.focus();
    }
  }, [selectedStep]);

  return (
    <article className="procedure-detail" aria-labelledby="procedure-title">
      <header className="detail-header">
        <h2 id="procedure-title">{title}</h2>
        <div className="record-meta">
          <span className="badge">{t(`procedures.scope.${procedure.scope}`)}</span>
          {procedure.pack ? (
            <span className="badge">{t('procedure.packBadge', { version: procedure.pack.version })}</span>
          ) : (
            <span className="badge">{f.country(procedure.country)}</span>
          )}
          <span className="badge">{t('procedure.version', { version: procedure.version })}</span>
          <TlpBadge tlp={procedure.tlp} />
        </div>
      </header>
      <p className="summary">{pick(procedure.summary, f.language)}</p>
      {procedure.citations.length ? (
        <p className="citations">
          {t('procedures.basedOn')} {procedure.citations.join('; ')}
        </p>
      ) : null}

      <div className="procedure-toolbar" role="toolbar" aria-label={t('procedure.toolbar')}>
        <div className="segmented" role="group" aria-label={t('procedure.viewLabel')}>
          <button type="button" className="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
            <Network size={15} aria-hidden /> {t('procedure.view.chart')}
          </button>
          <button type="button" className="button" aria-pressed={view === 'outline'} onClick={() => setView('outline')}>
            <ListTree size={15} aria-hidden /> {t('procedure.view.outline')}
          </button>
        </div>
        <button type="button" className="button" onClick={() => setStarting(true)} disabled={procedure.steps.length === 0}>
          <Play size={15} aria-hidden /> {t('procedureRun.startOnIncident')}
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          <Printer size={15} aria-hidden /> {t('procedure.print')}
        </button>
        {/* The editor's actions (H5): copy as national procedure, edit, versions, export. */}
        <div className="procedure-toolbar-editor">
          <ProcedureActions procedure={procedure} />
        </div>
      </div>

      {procedure.steps.length === 0 ? (
        <p className="muted">{t('procedures.noSteps')}</p>
      ) : (
        <div className={`procedure-body${selectedStep ? ' with-panel' : ''}`}>
          <div className="procedure-main">
            {view === 'chart' ? (
              <SwimlaneChart
                content={procedure}
                selectedStepId={selectedStep}
                onSelectStep={select}
                onOpenStep={open}
                language={f.language}
                levelOrder={LEVEL_ORDER}
                title={t('procedure.chart.title', { title })}
              />
            ) : (
              <ProcedureOutlineView content={procedure} levelOrder={LEVEL_ORDER} selectedStepId={selectedStep} onSelectStep={open} language={f.language} />
            )}
          </div>
          {selectedStep ? (
            <aside className="procedure-aside" aria-label={t('procedure.step.panelLabel')}>
              <StepPanel ref={panelHeading} content={procedure} stepId={selectedStep} number={number} language={f.language} onSelectStep={open} />
              <button type="button" className="button small" onClick={() => select(null)}>
                {t('procedure.step.close')}
              </button>
            </aside>
          ) : null}
        </div>
      )}

      <section className="procedure-runs" aria-labelledby="procedure-runs-title">
        <h3 id="procedure-runs-title">{t('procedureRun.runsOfProcedure')}</h3>
        {runs && runs.length ? (
          <ul className="compact-list">
            {runs.map((r) => {
              const incident = incidents?.find((i) => i.id === r.incidentId);
              return (
                <li key={r.id}>
                  <a href={routeHref('procedures', `run:${r.id}`)}>{incident?.title ?? t('procedureRun.unknownIncident')}</a>{' '}
                  <span className="muted">
                    · {f.dateTime(r.startedAt)} · {t(`procedureRun.status.${r.status}`)} · {t('procedure.version', { version: r.procedureVersion })}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted">{t('procedureRun.noRunsOfProcedure')}</p>
        )}
      </section>

      <PrintableProcedure content={procedure} title={title} subtitle={procedure.pack ? t('procedure.packBadge', { version: procedure.pack.version }) : t('procedure.version', { version: procedure.version })} />

      <p className="record-footer">{t('common.lastChanged', { time: f.dateTime(procedure.updatedAt) })}</p>
      {starting ? (
        <StartRunDialog
          procedure={procedure}
          onClose={() => setStarting(false)}
          onStarted={(runId) => {
            setStarting(false);
            navigate('procedures', `run:${runId}`);
          }}
        />
      ) : null}
    </article>
  );
}
