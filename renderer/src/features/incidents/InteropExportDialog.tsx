/**
 * Export an incident for CSIRT tooling (issue 10): a MISP event or a STIX 2.1 bundle, as a JSON
 * file saved through the platform. A JSON file is plain text, so TLP is handled as in the other
 * plain-text exports (contacts): the dialog shows the highest label going into the file, asks for
 * a confirmation from AMBER up, and leaves RED information out unless it is included explicitly
 * (shared/interop/scope.ts). Nothing is written to the database.
 */
import { Share2 } from 'lucide-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { LanguageSchema } from '../../../../shared/i18n/languages';
import { toMispEvent } from '../../../../shared/interop/misp';
import { interopFileName, interopScope, type InteropFormat } from '../../../../shared/interop/scope';
import { toStixBundle } from '../../../../shared/interop/stix';
import type { Incident } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ExportSummary } from '../../components/ExportSummary';
import { FieldGroup } from '../../components/Field';
import { listLogEntries } from '../../db/queries';
import { useUiStore } from '../../stores/useUiStore';

/** The entry point on the incident page: a button that opens the dialog, focus back on close. */
export function InteropExportAction({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) opener.current?.focus({ preventScroll: true });
  }, [open]);
  return (
    <section className="report-actions" aria-labelledby="interop-actions-title">
      <h3 id="interop-actions-title">{t('interop.title')}</h3>
      <div className="button-row">
        <button ref={opener} type="button" className="button" onClick={() => setOpen(true)}>
          <Share2 size={16} aria-hidden /> {t('interop.action')}
        </button>
      </div>
      {open ? <InteropExportDialog incident={incident} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

export function InteropExportDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { db, platform, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const entries = useLiveQuery(() => listLogEntries(db, incident.id), [db, incident.id]);
  const [format, setFormat] = useState<InteropFormat>('misp');
  const [includeRed, setIncludeRed] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const scope = useMemo(() => (entries ? interopScope(incident, entries, { includeRed, workspace }) : null), [entries, incident, includeRed, workspace]);
  // How many RED facts there are at all, to offer including them (the scope counts only those left out).
  const redCount = useMemo(() => (entries ? interopScope(incident, entries, { includeRed: false, workspace }).leftOutRed : 0), [entries, incident, workspace]);
  const redIncident = incident.tlp === 'RED';
  const empty = scope !== null && scope.incident === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!scope || scope.incident === null) return setError(t('interop.nothingToExport'));
    if (scope.needsConfirmation && !confirmed) return setError(t('interop.confirmRequired', { tlp: scope.highestTlp }));
    setBusy(true);
    try {
      const context = {
        organisation: profile.organisation,
        country: profile.country,
        language: LanguageSchema.catch('en').parse(i18n.language),
        workspace,
      };
      const document = format === 'misp' ? toMispEvent(scope, context) : toStixBundle(scope, context);
      if (document === null) {
        setBusy(false);
        return setError(t('interop.nothingToExport'));
      }
      const bytes = new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
      const saved = await platform.saveFile('any', interopFileName(workspace, incident.title, format), bytes);
      if (!saved.ok) {
        setBusy(false);
        return setError(t(`errors.${saved.error.code}`));
      }
      // Cancelled in the save dialog: not an error, the dialog stays open.
      if (!saved.value) return setBusy(false);
      notify({ tone: 'success', messageKey: 'interop.exported', values: { location: saved.value.location, tlp: scope.highestTlp } });
      onClose();
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`));
      setBusy(false);
    }
  };

  const toggleRed = (value: boolean) => {
    setIncludeRed(value);
    setConfirmed(false);
    setError(null);
  };

  return (
    <Dialog title={t('interop.title')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="field-hint">{t('interop.intro')}</p>
        <FieldGroup legend={t('interop.formatLegend')}>
          <label className="choice">
            <input type="radio" name="interop-format" checked={format === 'misp'} onChange={() => setFormat('misp')} />
            <span>
              <strong>{t('interop.formatMisp')}</strong>
              <span className="field-hint"> — {t('interop.formatMispHint')}</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="interop-format" checked={format === 'stix'} onChange={() => setFormat('stix')} />
            <span>
              <strong>{t('interop.formatStix')}</strong>
              <span className="field-hint"> — {t('interop.formatStixHint')}</span>
            </span>
          </label>
        </FieldGroup>
        {redIncident || redCount > 0 ? (
          <FieldGroup legend={t('interop.redLegend')}>
            <p className="field-hint">{t('interop.redHint')}</p>
            <label className="choice">
              <input type="checkbox" checked={includeRed} onChange={(e) => toggleRed(e.target.checked)} />
              <span>
                <TlpBadge tlp="RED" /> {redIncident ? t('interop.redIncident') : t('interop.includeRed', { count: redCount })}
              </span>
            </label>
          </FieldGroup>
        ) : null}
        {scope ? (
          <ExportSummary
            holds={empty ? null : t('interop.willHold', { reports: scope.situationReports.length, entries: scope.timeline.length })}
            highestTlp={scope.highestTlp}
            notes={[empty && t('interop.redIncidentLeftOut'), !empty && scope.leftOutRed > 0 && t('interop.redLeftOut', { count: scope.leftOutRed }), workspace === 'exercise' && t('interop.exerciseMarked')]}
            confirmation={scope.needsConfirmation ? { label: t('interop.confirmTlp', { tlp: scope.highestTlp }), checked: confirmed, onChange: setConfirmed } : null}
          />
        ) : null}
        {error ? (
          <p className="form-failure" role="alert">
            {error}
          </p>
        ) : null}
        <DialogActions onCancel={onClose} submitLabel={t('interop.submit')} busy={busy || !scope || empty || (scope.needsConfirmation && !confirmed)} />
      </form>
    </Dialog>
  );
}
