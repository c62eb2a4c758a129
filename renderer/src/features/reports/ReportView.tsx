/**
 * The full-screen report view: options on the left, a live preview that looks like the printed
 * document on the right, and what can be done with it — print, save as PDF, save or copy the
 * Markdown, record it in the logbook.
 *
 * It is rendered into <body>, beside the app's #root, which is made inert while it is open: a
 * modal view without the top-layer <dialog>, because a top-layer element prints as one fixed box
 * on the first page only, and the report must flow over as many pages as it needs. In print only
 * the document is shown (report.css hides #root and the view's own controls).
 *
 * The report is rebuilt from the live logbook whenever the options or the logbook change, and its
 * time of generation moves on every half minute, so that clocks and "up to now" stay true. Once
 * recorded in the logbook the report stands still (the entry just written is not part of it)
 * until the options are changed, which makes a new report.
 */
import { Clipboard, FileDown, FileText, NotebookPen, Printer, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { LANGUAGE_NAMES, LANGUAGES } from '../../../../shared/i18n/languages';
import { LEVELS } from '../../../../shared/model/levels';
import type { Incident, LogEntry } from '../../../../shared/model/records';
import { TlpSchema } from '../../../../shared/model/tlp';
import { documentToMarkdown } from '../../../../shared/reports/markdown';
import { documentToPlainText } from '../../../../shared/reports/plainText';
import { lastSituationReportAt } from '../../../../shared/reports/sitrep';
import type { ReportKind } from '../../../../shared/reports/types';
import { useSession } from '../../app/session';
import { Field } from '../../components/Field';
import { TlpOptions } from '../../components/options';
import { appendLogEntry } from '../../db/logbook';
import { listLogEntries } from '../../db/queries';
import { toLocalInputValue } from '../../lib/time';
import { useUiStore } from '../../stores/useUiStore';
import { ReportDocumentView } from './ReportDocumentView';
import { buildReportDocument, formErrors, initialForm, type ReportForm } from './reportForm';
import '../../styles/report.css';

/** Longest text of a log entry (LogEntrySchema). */
const MAX_ENTRY_TEXT = 20_000;
const TICK_MS = 30_000;

/** The time of generation of a new report; read in event handlers and timers, never in render. */
function clockNow(): number {
  return Date.now();
}

type Status = { tone: 'info' | 'error'; text: string } | null;

export function ReportView({ incident, kind, onClose }: { incident: Incident; kind: ReportKind; onClose: () => void }) {
  const { db } = useSession();
  const entries = useLiveQuery(() => listLogEntries(db, incident.id), [db, incident.id]);
  return (
    <ModalLayer onClose={onClose}>
      {entries === undefined ? <div className="report-loading" aria-busy="true" /> : <ReportEditor incident={incident} kind={kind} entries={entries} onClose={onClose} />}
    </ModalLayer>
  );
}

/** The modal layer: into <body>, the app behind it inert, Escape closes, focus comes in. */
function ModalLayer({ children, onClose }: { children: ReactNode; onClose: () => void }) {
  const layer = useRef<HTMLDivElement>(null);
  // Escape is heard on the whole window: focus may sit on <body> (after the focused button was
  // disabled, or a click on the preview's text), and the view must still close.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => {
    const root = document.getElementById('root');
    const html = document.documentElement;
    root?.setAttribute('inert', '');
    html.classList.add('report-view-open');
    layer.current?.focus();
    return () => {
      root?.removeAttribute('inert');
      html.classList.remove('report-view-open');
    };
  }, []);
  return createPortal(
    <div
      ref={layer}
      className="report-view"
      role="dialog"
      aria-modal="true"
      aria-labelledby="report-view-title"
      tabIndex={-1}
    >
      {children}
    </div>,
    document.body,
  );
}

function ReportEditor({ incident, kind, entries, onClose }: { incident: Incident; kind: ReportKind; entries: readonly LogEntry[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { db, journal, platform, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const [form, setForm] = useState<ReportForm>(() => initialForm(incident, entries, i18n.language, Date.now()));
  const [now, setNow] = useState(() => Date.now());
  const [recordedId, setRecordedId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  // Time moves on while the view is open, except for a report that has been recorded.
  useEffect(() => {
    if (recordedId !== null) return;
    const timer = window.setInterval(() => setNow(clockNow()), TICK_MS);
    return () => window.clearInterval(timer);
  }, [recordedId]);

  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const errors = formErrors(kind, form);
  const doc = useMemo(() => {
    const included = recordedId === null ? entries : entries.filter((e) => e.id !== recordedId);
    const context = {
      generatedAt: new Date(now).toISOString(),
      author: { person: profile.person, organisation: profile.organisation, country: profile.country },
      workspace,
    };
    return buildReportDocument(kind, incident, included, form, context, timeZone);
  }, [kind, incident, entries, form, now, profile, workspace, timeZone, recordedId]);

  const update = <K extends keyof ReportForm>(field: K, value: ReportForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    // Changed options make a new report: it may be recorded again, at a new time.
    if (recordedId !== null) {
      setRecordedId(null);
      setNow(clockNow());
    }
    setStatus(null);
  };

  const errorText = (e: unknown) => t(`errors.${errorCodeOf(e)}`);
  const act = async (action: () => Promise<Status>) => {
    setBusy(true);
    try {
      setStatus(await action());
    } catch (e) {
      setStatus({ tone: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const outcome = (result: Awaited<ReturnType<typeof platform.saveFile>>, savedKey: string): Status => {
    if (!result.ok) return { tone: 'error', text: t(`errors.${result.error.code}`) };
    return result.value ? { tone: 'info', text: t(savedKey, { location: result.value.location }) } : null;
  };

  const markdown = doc ? documentToMarkdown(doc) : '';
  const print = () => window.print();
  const savePdf = () => act(async () => (doc ? outcome(await platform.printToPdf(`${doc.fileStem}.pdf`), 'reports.ui.savedPdf') : null));
  const saveMarkdown = () => act(async () => (doc ? outcome(await platform.saveFile('report', `${doc.fileStem}.md`, new TextEncoder().encode(markdown)), 'reports.ui.savedMarkdown') : null));
  const copyMarkdown = () =>
    act(async () => {
      try {
        await navigator.clipboard.writeText(markdown);
        return { tone: 'info', text: t('reports.ui.copied') };
      } catch {
        return { tone: 'error', text: t('reports.ui.copyFailed') };
      }
    });
  const record = () =>
    act(async () => {
      if (!doc) return null;
      const entry = await appendLogEntry(
        db,
        journal,
        {
          incidentId: incident.id,
          kind: kind === 'handover' ? 'handover' : 'situation-report',
          text: documentToPlainText(doc, MAX_ENTRY_TEXT),
          occurredAt: new Date(now).toISOString(),
          author: `${profile.person}, ${profile.organisation}`,
          tlp: doc.tlp,
        },
        incident.workspace,
      );
      setRecordedId(entry.id);
      // The button just pressed is disabled now: keep the focus inside the view.
      document.querySelector<HTMLElement>('.report-view')?.focus();
      return { tone: 'info', text: t(kind === 'handover' ? 'reports.ui.recordedHandover' : 'reports.ui.recordedSitrep') };
    });

  const lastReport = lastSituationReportAt(entries, incident.id);
  const recordable = kind !== 'lessons';
  const disabled = busy || doc === null;

  return (
    <>
      <div className="report-toolbar">
        <div className="report-view-title" id="report-view-title">
          <FileText size={18} aria-hidden />
          <span>{t(`reports.kind.${kind}`)}</span>
          <span className="report-view-incident">{incident.title}</span>
        </div>
        <div className="report-toolbar-actions" role="group" aria-label={t('reports.ui.actions')}>
          <button type="button" className="button primary" onClick={print} disabled={disabled}>
            <Printer size={16} aria-hidden /> {t('reports.ui.print')}
          </button>
          <button type="button" className="button" onClick={() => void savePdf()} disabled={disabled} aria-describedby={platform.kind === 'web' ? 'report-pdf-hint' : undefined}>
            <FileDown size={16} aria-hidden /> {t('reports.ui.savePdf')}
          </button>
          <button type="button" className="button" onClick={() => void saveMarkdown()} disabled={disabled}>
            <FileDown size={16} aria-hidden /> {t('reports.ui.saveMarkdown')}
          </button>
          <button type="button" className="button" onClick={() => void copyMarkdown()} disabled={disabled}>
            <Clipboard size={16} aria-hidden /> {t('reports.ui.copyMarkdown')}
          </button>
          {recordable ? (
            <button type="button" className="button" onClick={() => void record()} disabled={disabled || recordedId !== null}>
              <NotebookPen size={16} aria-hidden /> {t(recordedId !== null ? 'reports.ui.recordedState' : 'reports.ui.record')}
            </button>
          ) : null}
        </div>
        <button type="button" className="icon-button report-close" onClick={onClose} aria-label={t('common.close')}>
          <X size={20} aria-hidden />
        </button>
      </div>
      <p className={`report-status${status?.tone === 'error' ? ' report-status-error' : ''}`} role="status">
        {status?.text ?? ''}
      </p>
      <div className="report-body">
        <form className="report-options" aria-label={t('reports.ui.options')} onSubmit={(e) => e.preventDefault()} noValidate>
          <fieldset className="field-group">
            <legend>{t('reports.ui.language')}</legend>
            {LANGUAGES.map((language) => (
              <label key={language} className="choice compact">
                <input type="radio" name="report-language" checked={form.language === language} onChange={() => update('language', language)} />
                <span lang={language}>{LANGUAGE_NAMES[language]}</span>
              </label>
            ))}
          </fieldset>

          {kind === 'situation-report' ? (
            <>
              <fieldset className="field-group">
                <legend>{t('reports.ui.level')}</legend>
                {LEVELS.map((level) => (
                  <label key={level} className="choice compact">
                    <input type="radio" name="report-level" checked={form.level === level} onChange={() => update('level', level)} />
                    <span>
                      <strong>{t(`level.${level}`)}</strong>
                      <span className="report-choice-hint">{t(`reports.ui.levelHint.${level}`)}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
              <fieldset className="field-group">
                <legend>{t('reports.ui.period')}</legend>
                <Field label={t('reports.ui.from')} error={errors.from ? t(errors.from) : null}>
                  <input type="datetime-local" value={form.from} onChange={(e) => update('from', e.target.value)} />
                </Field>
                <Field label={t('reports.ui.to')} hint={t('reports.ui.toHint')} error={errors.to ? t(errors.to) : null}>
                  <input type="datetime-local" value={form.to} onChange={(e) => update('to', e.target.value)} />
                </Field>
                <div className="button-row compact-wrap">
                  {lastReport ? (
                    <button type="button" className="button small" onClick={() => update('from', toLocalInputValue(lastReport))}>
                      {t('reports.ui.sinceLast')}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button small"
                    onClick={() => {
                      update('from', toLocalInputValue(incident.startedAt));
                      update('to', '');
                    }}
                  >
                    {t('reports.ui.wholeIncident')}
                  </button>
                </div>
              </fieldset>
              <Field label={t('reports.ui.nextReport')} hint={t('reports.ui.nextReportHint')}>
                <input type="datetime-local" value={form.nextReport} onChange={(e) => update('nextReport', e.target.value)} />
              </Field>
              <Field label={t('reports.ui.decisions')} hint={t('reports.ui.decisionsHint')}>
                <textarea rows={4} value={form.decisions} onChange={(e) => update('decisions', e.target.value)} />
              </Field>
            </>
          ) : null}

          {kind === 'handover' ? (
            <>
              <Field label={t('reports.ui.since')} hint={t('reports.ui.sinceHint')} error={errors.since ? t(errors.since) : null}>
                <input type="datetime-local" value={form.since} onChange={(e) => update('since', e.target.value)} />
              </Field>
              <div className="button-row compact-wrap">
                <button type="button" className="button small" onClick={() => update('since', toLocalInputValue(new Date(Date.now() - 8 * 3_600_000).toISOString()))}>
                  {t('reports.ui.lastEightHours')}
                </button>
              </div>
              <Field label={t('reports.ui.notes')} hint={t('reports.ui.notesHint')}>
                <textarea rows={5} value={form.notes} onChange={(e) => update('notes', e.target.value)} />
              </Field>
            </>
          ) : null}

          <Field label={t('reports.ui.minimumTlp')} hint={t('reports.ui.minimumTlpHint')}>
            <select value={form.minimumTlp} onChange={(e) => update('minimumTlp', TlpSchema.catch('CLEAR').parse(e.target.value))}>
              <TlpOptions />
            </select>
          </Field>
          <p className="report-label-now">{doc ? t('reports.ui.labelNow', { tlp: `TLP:${doc.tlp}` }) : t('reports.ui.invalidOptions')}</p>
          {platform.kind === 'web' ? (
            <p className="field-hint" id="report-pdf-hint">
              {t('reports.ui.savePdfWebHint')}
            </p>
          ) : null}
        </form>
        <div className="report-preview" role="region" aria-label={t('reports.ui.preview')} tabIndex={0}>
          {doc ? <ReportDocumentView doc={doc} /> : <p className="report-invalid">{t('reports.ui.invalidOptions')}</p>}
        </div>
      </div>
    </>
  );
}
