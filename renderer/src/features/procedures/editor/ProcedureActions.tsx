/**
 * What can be done with a procedure, as a toolbar for its detail view: copy a built-in procedure
 * as a national one, edit a national one, see and compare its saved versions, and export it (the
 * app's JSON, SVG, PNG, PDF, Mermaid, CACAO 2.0 playbook).
 *
 * PDF: a print view (title block, version and TLP label on every page, the chart, the steps) is
 * put into <body> beside the app, which the print style sheet hides; the desktop app saves it
 * with Chromium's printToPDF, the browser opens its print dialog ("Save as PDF").
 */
import { ChevronDown, Copy, Download, History, Pencil } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Language } from '../../../../../shared/i18n/languages';
import type { Procedure, ProcedureVersion } from '../../../../../shared/model/records';
import { diffProcedures, isUnchanged, type FieldChange } from '../../../../../shared/procedures/diff';
import { navigate } from '../../../app/router';
import { useSession } from '../../../app/session';
import { Dialog } from '../../../components/Dialog';
import { copyProcedure, isEditable, listVersions } from '../../../db/procedureVersions';
import { useFormatters } from '../../../i18n/format';
import { useJournalAction } from '../../../lib/useJournalAction';
import { useUiStore } from '../../../stores/useUiStore';
import { exportCacao, exportJson, exportMermaid, exportSvg, fileStem, laneName, svgToPng } from './exports';
import { ProcedureEditor } from './ProcedureEditor';
import './procedureEditor.css';

const encode = (text: string) => new TextEncoder().encode(text);

function FieldRows({ fields, language }: { fields: readonly FieldChange[]; language: Language }) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('procedureEditor.diff.field')}</th>
          <th scope="col">{t('procedureEditor.diff.before')}</th>
          <th scope="col">{t('procedureEditor.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.field}>
            <th scope="row">{fieldLabel(f.field, t)}</th>
            <td className={f.before ? 'pe-before' : ''} lang={f.field.endsWith('.nl') ? 'nl' : f.field.endsWith('.en') ? 'en' : language}>{f.before}</td>
            <td className={f.after ? 'pe-after' : ''} lang={f.field.endsWith('.nl') ? 'nl' : f.field.endsWith('.en') ? 'en' : language}>{f.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `title.en` → "Title (English)". */
function fieldLabel(field: string, t: (key: string) => string): string {
  const [name = field, language] = field.split('.');
  const base = t(`procedureEditor.diff.fields.${name}`);
  return language ? `${base} (${t(language === 'en' ? 'procedureEditor.english' : 'procedureEditor.dutch')})` : base;
}

export function VersionsDialog({ procedure, onClose }: { procedure: Procedure; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'nl' ? 'nl' : 'en';
  const f = useFormatters();
  const { db } = useSession();
  const versions = useLiveQuery(() => listVersions(db, procedure.id), [db, procedure.id]);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const list = versions ?? [];
  const older = list.find((v) => v.id === from) ?? list[list.length - 2];
  const newer = list.find((v) => v.id === to) ?? list[list.length - 1];
  const diff = older && newer && older.id !== newer.id ? diffProcedures(older.content, newer.content) : null;
  const name = (v: ProcedureVersion) => t('procedureEditor.versionN', { version: v.version });
  return (
    <Dialog title={t('procedureEditor.versionsTitle', { title: procedure.title[language] || procedure.key })} onClose={onClose} wide>
      {list.length === 0 ? (
        <p className="muted">{t('procedureEditor.noVersions')}</p>
      ) : (
        <table className="pe-versions" data-testid="procedure-versions">
          <caption className="visually-hidden">{t('procedureEditor.versionsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procedureEditor.version')}</th>
              <th scope="col">{t('procedureEditor.savedAt')}</th>
              <th scope="col">{t('procedureEditor.savedBy')}</th>
              <th scope="col">{t('procedureEditor.note')}</th>
              <th scope="col">{t('procedureEditor.compareFrom')}</th>
              <th scope="col">{t('procedureEditor.compareTo')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <tr key={v.id}>
                <th scope="row">{name(v)}</th>
                <td>{f.dateTime(v.createdAt)}</td>
                <td>{v.savedBy}</td>
                <td>{v.note || '—'}</td>
                <td><input type="radio" name="compare-from" checked={older?.id === v.id} onChange={() => setFrom(v.id)} aria-label={t('procedureEditor.compareFromN', { version: v.version })} /></td>
                <td><input type="radio" name="compare-to" checked={newer?.id === v.id} onChange={() => setTo(v.id)} aria-label={t('procedureEditor.compareToN', { version: v.version })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {older && newer && diff ? (
        <section className="pe-diff" aria-labelledby="pe-diff-title" data-testid="procedure-diff">
          <h3 id="pe-diff-title">{t('procedureEditor.diff.title', { from: older.version, to: newer.version })}</h3>
          {isUnchanged(diff) ? <p>{t('procedureEditor.diff.none')}</p> : <p>{t('procedureEditor.diff.counts', { added: diff.counts.added, removed: diff.counts.removed, changed: diff.counts.changed })}</p>}
          {diff.procedure.length ? (
            <div className="pe-diff-part changed">
              <h4>{t('procedureEditor.diff.procedure')}</h4>
              <FieldRows fields={diff.procedure} language={language} />
            </div>
          ) : null}
          {diff.parts.map((p) => (
            <div key={`${p.part}-${p.id}`} className={`pe-diff-part ${p.change}`}>
              <h4>
                {t(`procedureEditor.diff.${p.change}`)} · {t(`procedureEditor.diff.part.${p.part}`)} <q lang={language}>{p.name[language] || p.name.en || p.id}</q> <code>{p.id}</code>
              </h4>
              <FieldRows fields={p.fields} language={language} />
            </div>
          ))}
        </section>
      ) : list.length === 1 ? (
        <p className="muted">{t('procedureEditor.onlyOneVersion')}</p>
      ) : null}
    </Dialog>
  );
}

/** The print view rendered into <body> while a PDF is made. */
function PrintView({ procedure, svg, language }: { procedure: Procedure; svg: string; language: Language }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const exercise = procedure.workspace === 'exercise';
  const frame = (
    <>
      {exercise ? <span className="procedure-print-exercise">{t('procedureExport.exercise')}</span> : null}
      <span className="procedure-print-tlp" style={{ color: { CLEAR: '#fff', GREEN: '#33ff00', AMBER: '#ffc000', 'AMBER+STRICT': '#ffc000', RED: '#ff2b2b' }[procedure.tlp] }}>
        TLP:{procedure.tlp}
      </span>
    </>
  );
  return createPortal(
    <div className="procedure-print" lang={language} data-testid="procedure-print">
      <div className="procedure-print-frame top">{frame}</div>
      <div className="procedure-print-frame bottom">
        {frame} · {procedure.title[language] || procedure.key} · {t('procedureExport.version', { version: procedure.version })}
      </div>
      <table className="procedure-print-layout">
        <thead><tr><td /></tr></thead>
        <tbody>
          <tr>
            <td>
              <div dangerouslySetInnerHTML={{ __html: svg.replace(/^<\?xml[^>]*>\s*/, '') }} />
              <ol className="procedure-print-steps">
                {procedure.steps.map((s) => {
                  const lane = procedure.lanes.find((l) => l.id === s.lane);
                  return (
                    <li key={s.id}>
                      <strong>{s.title[language] || s.id}</strong>
                      {lane ? ` — ${laneName(lane, language)}` : ''}
                      {s.text[language] ? <div>{s.text[language]}</div> : null}
                      {s.citations.length ? <div>{t('procedureExport.basedOn')} {s.citations.join('; ')}</div> : null}
                    </li>
                  );
                })}
              </ol>
              <p>{t('procedureExport.printedAt', { time: f.dateTime(new Date().toISOString()) })}</p>
            </td>
          </tr>
        </tbody>
        <tfoot><tr><td /></tr></tfoot>
      </table>
    </div>,
    document.body,
  );
}

export function ProcedureActions({ procedure }: { procedure: Procedure }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'nl' ? 'nl' : 'en';
  const f = useFormatters();
  const { db, journal, platform, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const { run, busy } = useJournalAction();
  const [dialog, setDialog] = useState<null | 'edit' | 'versions'>(null);
  const [printSvg, setPrintSvg] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const editable = isEditable(procedure);
  const stem = fileStem(procedure);

  const saved = (result: Awaited<ReturnType<typeof platform.saveFile>>) => {
    if (!result.ok) notify({ tone: 'error', messageKey: `errors.${result.error.code}` });
    else if (result.value) notify({ tone: 'success', messageKey: 'procedureExport.saved', values: { location: result.value.location } });
  };
  const exportAs = async (format: 'json' | 'svg' | 'png' | 'pdf' | 'mermaid' | 'cacao') => {
    if (menu.current) menu.current.open = false;
    try {
      switch (format) {
        case 'json':
          return saved(await platform.saveFile('procedure', `${stem}.json`, encode(exportJson(procedure))));
        case 'mermaid':
          return saved(await platform.saveFile('procedure', `${stem}.mmd`, encode(exportMermaid(procedure, language))));
        case 'cacao':
          return saved(await platform.saveFile('procedure', `${stem}.cacao.json`, encode(exportCacao(procedure, language, profile.organisation))));
        case 'svg':
          return saved(await platform.saveFile('svg', `${stem}.svg`, encode(await exportSvg(procedure, language, f.country(procedure.country)))));
        case 'png':
          return saved(await platform.saveFile('png', `${stem}.png`, await svgToPng(await exportSvg(procedure, language, f.country(procedure.country)))));
        case 'pdf':
          setPrintSvg(await exportSvg(procedure, language, f.country(procedure.country)));
          return;
      }
    } catch {
      notify({ tone: 'error', messageKey: 'procedureExport.failed' });
    }
  };

  // Once the print view is in the page: print it, then take it away.
  useEffect(() => {
    if (!printSvg) return;
    document.body.classList.add('printing-procedure');
    const done = () => {
      document.body.classList.remove('printing-procedure');
      setPrintSvg(null);
    };
    window.addEventListener('afterprint', done, { once: true });
    void platform.printToPdf(`${stem}.pdf`).then((result) => {
      if (platform.kind === 'desktop') {
        saved(result);
        done();
      }
    });
    return () => {
      window.removeEventListener('afterprint', done);
      document.body.classList.remove('printing-procedure');
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per print request
  }, [printSvg]);

  const copy = async () => {
    const created = await run(
      () => copyProcedure(db, journal, procedure, { country: profile.country }, { savedBy: `${profile.person}, ${profile.organisation}`, note: t('procedureEditor.copiedNote', { title: procedure.title[language] || procedure.key, version: procedure.version }) }, workspace),
      'procedureEditor.copied',
    );
    if (created) navigate('procedures', created.id);
  };

  return (
    <div className="pe-toolbar" role="toolbar" aria-label={t('procedureEditor.actions')}>
      {editable ? (
        <button type="button" className="button" onClick={() => setDialog('edit')}>
          <Pencil size={16} aria-hidden /> {t('common.edit')}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void copy()} disabled={busy} title={t('procedureEditor.readOnlyHint')}>
          <Copy size={16} aria-hidden /> {t('procedureEditor.copyAsNational')}
        </button>
      )}
      <button type="button" className="button" onClick={() => setDialog('versions')}>
        <History size={16} aria-hidden /> {t('procedureEditor.versions')}
      </button>
      <details className="pe-menu" ref={menu}>
        <summary className="button">
          <Download size={16} aria-hidden /> {t('procedureExport.export')} <ChevronDown size={14} aria-hidden />
        </summary>
        <div className="pe-menu-items" role="group" aria-label={t('procedureExport.export')}>
          <button type="button" className="button ghost" onClick={() => void exportAs('json')}>{t('procedureExport.json')}</button>
          <button type="button" className="button ghost" onClick={() => void exportAs('svg')}>{t('procedureExport.svg')}</button>
          <button type="button" className="button ghost" onClick={() => void exportAs('png')}>{t('procedureExport.png')}</button>
          <button type="button" className="button ghost" onClick={() => void exportAs('pdf')}>{t('procedureExport.pdf')}</button>
          <button type="button" className="button ghost" onClick={() => void exportAs('mermaid')}>{t('procedureExport.mermaid')}</button>
          <button type="button" className="button ghost" onClick={() => void exportAs('cacao')}>{t('procedureExport.cacao')}</button>
        </div>
      </details>
      {dialog === 'edit' ? <ProcedureEditor procedure={procedure} onClose={() => setDialog(null)} /> : null}
      {dialog === 'versions' ? <VersionsDialog procedure={procedure} onClose={() => setDialog(null)} /> : null}
      {printSvg ? <PrintView procedure={procedure} svg={printSvg} language={language} /> : null}
    </div>
  );
}
