/**
 * What can be done with one step of a running procedure: tick it (a decision with the outcome
 * taken, a task with its checklist), skip it or mark it blocked (each with a reason, required), or
 * reopen it. Every action is a chained entry in the incident's logbook.
 */
import { Ban, Check, RotateCcw, SkipForward } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureRun } from '../../../../../shared/model/records';
import type { ProcedureStep } from '../../../../../shared/model/procedure';
import type { StepProgress } from '../../../../../shared/procedures/runProgress';
import { useSession } from '../../../app/session';
import { recordStepProgress, type StepAction } from '../../../db/procedureRuns';
import { useFormatters } from '../../../i18n/format';
import { useJournalAction } from '../../../lib/useJournalAction';
import { pick } from '../catalogue';

type Mode = null | 'skipped' | 'blocked';

export function StepRunControls({ run, step, progress }: { run: ProcedureRun; step: ProcedureStep; progress: StepProgress }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const { run: act, busy } = useJournalAction();
  const [mode, setMode] = useState<Mode>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [outcome, setOutcome] = useState('');
  const [outcomeError, setOutcomeError] = useState<string | null>(null);
  const reasonId = useId();
  const title = pick(step.title, f.language);
  const running = run.status === 'running';
  const outcomes = step.kind === 'decision' ? step.outcomes : [];

  const record = async (action: StepAction, text: string, extra: { reason?: string; next?: string[] } = {}) => {
    const done = await act(
      () => recordStepProgress(db, journal, run, { stepId: step.id, action, text, reason: extra.reason ?? null, author: profile.person, next: extra.next ?? [] }),
      `procedureRun.recorded.${action}`,
      { step: title },
    );
    if (done) {
      setMode(null);
      setReason('');
      setChecked(new Set());
      setOutcome('');
    }
  };

  const tick = () => {
    if (outcomes.length > 0) {
      const chosen = outcomes.find((o) => o.id === outcome);
      if (!chosen) {
        setOutcomeError(t('procedureRun.outcomeRequired'));
        return;
      }
      setOutcomeError(null);
      const next = run.content.flows.filter((fl) => fl.from === step.id && fl.outcome === chosen.id).map((fl) => fl.to);
      void record('done', t('procedureRun.entry.decided', { step: title, outcome: pick(chosen.label, f.language) }), { next });
      return;
    }
    const items = step.checklist.filter((_, i) => checked.has(i)).map((c) => pick(c, f.language));
    const text = items.length ? `${t('procedureRun.entry.done', { step: title })} ${t('procedureRun.entry.checked', { items: items.join('; ') })}` : t('procedureRun.entry.done', { step: title });
    void record('done', text);
  };

  const submitReason = (e: FormEvent) => {
    e.preventDefault();
    if (!mode) return;
    const why = reason.trim();
    if (!why) {
      setReasonError(t('procedureRun.reasonRequired'));
      return;
    }
    setReasonError(null);
    void record(mode, t(mode === 'skipped' ? 'procedureRun.entry.skipped' : 'procedureRun.entry.blocked', { step: title, reason: why }), { reason: why });
  };

  return (
    <div className="step-run-controls">
      <p className={`step-run-state mark-${progress.state}`}>
        <strong>{t(`procedure.mark.${progress.state}`)}</strong>
        {progress.entryId && progress.occurredAt && progress.author ? (
          <span className="muted">
            {' '}
            · {progress.reopened ? t('procedureRun.reopenedBy', { author: progress.author, time: f.dateTime(progress.occurredAt) }) : t('procedureRun.by', { author: progress.author, time: f.dateTime(progress.occurredAt) })}
          </span>
        ) : null}
      </p>
      {progress.state === 'skipped' || progress.state === 'blocked' ? <p className="step-run-reason">{progress.text}</p> : null}
      {!running ? (
        <p className="muted small">{t('procedureRun.closedNote')}</p>
      ) : mode ? (
        <form className="step-reason-form" onSubmit={submitReason} noValidate>
          <label htmlFor={reasonId}>{t(mode === 'skipped' ? 'procedureRun.skipReason' : 'procedureRun.blockReason')}</label>
          <textarea
            id={reasonId}
            value={reason}
            rows={3}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${reasonId}-error` : undefined}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
          {reasonError ? (
            <p className="field-error" id={`${reasonId}-error`}>
              {reasonError}
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button primary" disabled={busy}>
              {t(mode === 'skipped' ? 'procedureRun.confirmSkip' : 'procedureRun.confirmBlock')}
            </button>
            <button type="button" className="button" onClick={() => setMode(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {progress.state === 'pending' || progress.state === 'blocked' ? (
            <>
              {outcomes.length > 0 ? (
                <fieldset className="step-outcomes">
                  <legend>{t('procedureRun.outcomeTaken')}</legend>
                  {outcomes.map((o) => (
                    <label key={o.id} className="inline-check">
                      <input type="radio" name={`outcome-${step.id}`} value={o.id} checked={outcome === o.id} onChange={() => setOutcome(o.id)} /> {pick(o.label, f.language)}
                    </label>
                  ))}
                  {outcomeError ? <p className="field-error">{outcomeError}</p> : null}
                </fieldset>
              ) : step.checklist.length > 0 ? (
                <fieldset className="step-checklist-run">
                  <legend>{t('procedure.step.checklist')}</legend>
                  {step.checklist.map((item, i) => (
                    <label key={i} className="inline-check">
                      <input
                        type="checkbox"
                        checked={checked.has(i)}
                        onChange={(e) => {
                          const next = new Set(checked);
                          if (e.target.checked) next.add(i);
                          else next.delete(i);
                          setChecked(next);
                        }}
                      />{' '}
                      {pick(item, f.language)}
                    </label>
                  ))}
                </fieldset>
              ) : null}
              <div className="button-row">
                <button type="button" className="button primary" disabled={busy} onClick={tick}>
                  <Check size={15} aria-hidden /> {outcomes.length ? t('procedureRun.recordDecision') : t('procedureRun.tick')}
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => setMode('skipped')}>
                  <SkipForward size={15} aria-hidden /> {t('procedureRun.skip')}
                </button>
                {progress.state === 'pending' ? (
                  <button type="button" className="button" disabled={busy} onClick={() => setMode('blocked')}>
                    <Ban size={15} aria-hidden /> {t('procedureRun.block')}
                  </button>
                ) : (
                  <button type="button" className="button" disabled={busy} onClick={() => void record('reopened', t('procedureRun.entry.unblocked', { step: title }))}>
                    <RotateCcw size={15} aria-hidden /> {t('procedureRun.unblock')}
                  </button>
                )}
              </div>
            </>
          ) : (
            <div className="button-row">
              <button type="button" className="button" disabled={busy} onClick={() => void record('reopened', t('procedureRun.entry.reopened', { step: title }))}>
                <RotateCcw size={15} aria-hidden /> {t('procedureRun.reopen')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
