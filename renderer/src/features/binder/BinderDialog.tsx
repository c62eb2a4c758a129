/**
 * The crisis binder dialog (issue 10): choose the procedures (all, by level, one by one), whether
 * to add the call trees, wallet cards and directory, and the TLP label of every page — by default
 * the most restrictive label of what goes in; a lower one only with an explicit confirmation, as in
 * the other exports. Then the binder is laid out (with progress, in workers) and saved through the
 * platform: a download in the browser, a save dialog in the desktop app.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { binderContentTlp, binderTlpNeedsConfirmation, type BinderRefusal } from '../../../../shared/binder/binderDocument';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { LEVELS, type Level } from '../../../../shared/model/levels';
import type { Procedure } from '../../../../shared/model/records';
import { TlpSchema, type Tlp } from '../../../../shared/model/tlp';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field, FieldGroup } from '../../components/Field';
import { TlpOptions } from '../../components/options';
import { listCallTrees } from '../../db/callRounds';
import { listContacts, listProcedures } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { pick } from '../procedures/catalogue';
import { binderDocumentFor, binderFileName, renderInWorker, type BinderProgress } from './makeBinder';
import './binder.css';

export function BinderDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, platform, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const procedures = useLiveQuery(() => listProcedures(db, workspace), [db, workspace]);
  const callTrees = useLiveQuery(() => listCallTrees(db, workspace), [db, workspace]);
  const contacts = useLiveQuery(() => listContacts(db, workspace), [db, workspace]);
  // null: every procedure (until the officer changes the choice).
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null);
  const [withTrees, setWithTrees] = useState(true);
  const [withCards, setWithCards] = useState(true);
  const [withDirectory, setWithDirectory] = useState(true);
  const [tlpChoice, setTlpChoice] = useState<Tlp | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [progress, setProgress] = useState<BinderProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const sorted = useMemo(
    () => [...(procedures ?? [])].sort((a, b) => a.scope.localeCompare(b.scope) || f.compare(pick(a.title, f.language), pick(b.title, f.language))),
    [procedures, f],
  );
  const selected = useMemo(() => sorted.filter((p) => chosen === null || chosen.has(p.id)), [sorted, chosen]);
  const trees = useMemo(() => (withTrees ? (callTrees ?? []) : []), [withTrees, callTrees]);
  const contentTlp = useMemo(
    () =>
      binderContentTlp({
        procedures: selected.map((procedure) => ({ procedure, layout: null })),
        callTrees: trees,
        walletCards: withCards,
        directory: withDirectory,
        contacts: contacts ?? [],
      }),
    [selected, trees, withCards, withDirectory, contacts],
  );
  const tlp = tlpChoice ?? contentTlp;
  const needsConfirmation = binderTlpNeedsConfirmation(contentTlp, tlp);
  const busy = progress !== null;
  const loading = procedures === undefined || callTrees === undefined || contacts === undefined;

  const choose = (next: ReadonlySet<string>) => {
    setChosen(next);
    setError(null);
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen ?? sorted.map((p) => p.id));
    if (on) next.add(id);
    else next.delete(id);
    choose(next);
  };
  const atLevel = (level: Level) => new Set(sorted.filter((p) => p.lanes.some((l) => l.level === level)).map((p) => p.id));

  const refusalText = (refusal: BinderRefusal) =>
    refusal.code === 'binder-tlp-below-content'
      ? t('binder.refusal.binder-tlp-below-content', { content: refusal.contentTlp, tlp: refusal.chosenTlp })
      : t('binder.refusal.binder-nothing-chosen');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading || busy) return;
    if (needsConfirmation && !confirmed) return setError(t('binder.confirmRequired', { content: contentTlp }));
    setError(null);
    setProgress({ stage: 'charts', done: 0, total: selected.length });
    try {
      const now = new Date();
      const result = await binderDocumentFor(
        {
          language: f.language,
          organisation: profile.organisation,
          workspace,
          tlp,
          confirmedLowerTlp: confirmed,
          procedures: selected,
          callTrees: trees,
          walletCards: withCards,
          directory: withDirectory,
          contacts: contacts ?? [],
        },
        setProgress,
        now,
      );
      if (!result.ok) {
        setProgress(null);
        return setError(refusalText(result.refusal));
      }
      const bytes = await renderInWorker(result.document, setProgress);
      setProgress({ stage: 'saving' });
      const saved = await platform.saveFile('pdf', binderFileName(workspace, now), bytes);
      setProgress(null);
      if (!saved.ok) return setError(t(`errors.${saved.error.code}`));
      if (!saved.value) return;
      notify({ tone: 'success', messageKey: 'binder.saved', values: { location: saved.value.location } });
      onClose();
    } catch (e) {
      setProgress(null);
      setError(t('binder.failed', { reason: t(`errors.${errorCodeOf(e)}`) }));
    }
  };

  return (
    <Dialog title={t('binder.dialogTitle')} onClose={busy ? () => undefined : onClose} wide>
      <form className="binder-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <p className="field-hint">{t('binder.dialogIntro')}</p>
        <FieldGroup legend={t('binder.proceduresLegend')}>
          <div className="button-row binder-quick">
            <button type="button" className="link-button" disabled={busy} onClick={() => choose(new Set(sorted.map((p) => p.id)))}>
              {t('binder.chooseAll')}
            </button>
            <button type="button" className="link-button" disabled={busy} onClick={() => choose(new Set())}>
              {t('binder.chooseNone')}
            </button>
            {LEVELS.map((level) => (
              <button key={level} type="button" className="link-button" disabled={busy} onClick={() => choose(atLevel(level))}>
                {t('binder.chooseLevel', { level: t(`level.${level}`).toLowerCase() })}
              </button>
            ))}
          </div>
          <p className="field-hint" aria-live="polite">
            {t('binder.chosenCount', { count: selected.length, total: sorted.length })}
          </p>
          <div className="binder-procedures" role="group" aria-label={t('binder.proceduresLegend')}>
            {sorted.map((p: Procedure) => (
              <label key={p.id} className="choice">
                <input type="checkbox" disabled={busy} checked={chosen === null || chosen.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                <span>
                  {pick(p.title, f.language) || p.key} <span className="muted">· {t(`procedures.scope.${p.scope}`)}</span> <TlpBadge tlp={p.tlp} />
                </span>
              </label>
            ))}
          </div>
        </FieldGroup>
        <FieldGroup legend={t('binder.alsoLegend')}>
          <label className="choice">
            <input type="checkbox" disabled={busy} checked={withTrees} onChange={(e) => setWithTrees(e.target.checked)} />
            <span>{t('binder.includeCallTrees', { count: callTrees?.length ?? 0 })}</span>
          </label>
          <label className="choice">
            <input type="checkbox" disabled={busy} checked={withCards} onChange={(e) => setWithCards(e.target.checked)} />
            <span>{t('binder.includeWalletCards')}</span>
          </label>
          <label className="choice">
            <input type="checkbox" disabled={busy} checked={withDirectory} onChange={(e) => setWithDirectory(e.target.checked)} />
            <span>{t('binder.includeDirectory', { count: contacts?.length ?? 0 })}</span>
          </label>
        </FieldGroup>
        <FieldGroup legend={t('binder.tlpLegend')}>
          <Field label={t('common.tlp')} hint={t('binder.tlpContent', { tlp: contentTlp })}>
            <select
              value={tlp}
              disabled={busy}
              onChange={(e) => {
                setTlpChoice(TlpSchema.parse(e.target.value));
                setConfirmed(false);
              }}
            >
              <TlpOptions />
            </select>
          </Field>
          {needsConfirmation ? (
            <label className="choice binder-confirm">
              <input type="checkbox" disabled={busy} checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              <span>{t('binder.confirmLower', { tlp, content: contentTlp })}</span>
            </label>
          ) : null}
          {workspace === 'exercise' ? <p className="field-hint">{t('binder.exerciseMarked')}</p> : null}
        </FieldGroup>
        {progress ? <ProgressLine progress={progress} /> : null}
        {error ? (
          <p className="form-failure" role="alert">
            {error}
          </p>
        ) : null}
        <DialogActions onCancel={onClose} submitLabel={t('binder.submit')} busy={busy || loading || (needsConfirmation && !confirmed)} />
      </form>
    </Dialog>
  );
}

function ProgressLine({ progress }: { progress: BinderProgress }) {
  const { t } = useTranslation();
  const f = useFormatters();
  // pdfmake reports progress only while it writes the pages, not while it lays them out: until
  // then the bar is indeterminate (no value), so it does not seem stuck.
  const [value, label] =
    progress.stage === 'charts'
      ? [progress.total ? (progress.done / progress.total) * 0.5 : 0.5, t('binder.progressCharts', { done: f.number(progress.done), total: f.number(progress.total) })]
      : progress.stage === 'pages'
        ? progress.share > 0
          ? [0.5 + progress.share * 0.5, t('binder.progressPages', { percent: f.number(Math.round(progress.share * 100)) })]
          : [undefined, t('binder.progressLayout')]
        : [1, t('binder.progressSaving')];
  return (
    <div className="binder-progress" role="status">
      <progress max={1} value={value} aria-labelledby="binder-progress-label" />
      <span id="binder-progress-label">{label}</span>
    </div>
  );
}
