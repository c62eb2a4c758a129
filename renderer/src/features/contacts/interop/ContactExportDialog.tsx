/**
 * Export the directory as vCards (4.0, for address books and phones) or CSV (for spreadsheets).
 * A vCard or CSV file is plain text: the dialog shows the highest TLP label going into it, asks
 * for a confirmation from AMBER up, and leaves RED contacts out unless each is ticked
 * (shared/contacts/interopExport.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvDelimiter } from '../../../../../shared/contacts/csv';
import { contactExportFileName, type ContactFileFormat } from '../../../../../shared/contacts/interopExport';
import { errorCodeOf } from '../../../../../shared/errors/codes';
import { isoNow } from '../../../../../shared/model/time';
import { useSession } from '../../../app/session';
import { TlpBadge } from '../../../components/badges';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { ExportSummary } from '../../../components/ExportSummary';
import { Field, FieldGroup } from '../../../components/Field';
import { contactExportBytes, decideContactExport, directoryOf } from '../../../db/contactImport';
import { useUiStore } from '../../../stores/useUiStore';
import './contactInterop.css';

export function ContactExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db, platform } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const contacts = useLiveQuery(() => directoryOf(db, workspace), [db, workspace]);
  const [format, setFormat] = useState<ContactFileFormat>('vcard');
  const [delimiter, setDelimiter] = useState<CsvDelimiter>(',');
  const [redTicked, setRedTicked] = useState<ReadonlySet<string>>(new Set());
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decision = useMemo(() => (contacts ? decideContactExport(contacts, redTicked) : null), [contacts, redTicked]);
  const red = useMemo(() => (contacts ?? []).filter((c) => c.tlp === 'RED').sort((a, b) => a.name.localeCompare(b.name)), [contacts]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!decision || decision.included.length === 0) return setError(t('contactInterop.nothingToExport'));
    if (decision.needsConfirmation && !confirmed) return setError(t('contactInterop.confirmRequired', { tlp: decision.highestTlp }));
    setBusy(true);
    try {
      const name = contactExportFileName(workspace, format, isoNow().slice(0, 10));
      const saved = await platform.saveFile('contacts', name, contactExportBytes(decision, workspace, format, delimiter));
      if (!saved.ok) {
        setBusy(false);
        return setError(t(`errors.${saved.error.code}`));
      }
      if (!saved.value) return setBusy(false);
      notify({ tone: 'success', messageKey: 'contactInterop.exported', values: { count: String(decision.included.length), location: saved.value.location, tlp: decision.highestTlp } });
      onClose();
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('contactInterop.exportTitle')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FieldGroup legend={t('contactInterop.formatLegend')}>
          <label className="choice">
            <input type="radio" name="contact-format" checked={format === 'vcard'} onChange={() => setFormat('vcard')} />
            <span>{t('contactInterop.formatVcard')}</span>
          </label>
          <label className="choice">
            <input type="radio" name="contact-format" checked={format === 'csv'} onChange={() => setFormat('csv')} />
            <span>{t('contactInterop.formatCsv')}</span>
          </label>
          {format === 'csv' ? (
            <Field label={t('contactInterop.delimiterLabel')}>
              <select value={delimiter} onChange={(e) => setDelimiter(e.target.value === ';' ? ';' : ',')}>
                <option value=",">{t('contactInterop.delimiterComma')}</option>
                <option value=";">{t('contactInterop.delimiterSemicolonExcel')}</option>
              </select>
            </Field>
          ) : null}
        </FieldGroup>
        {red.length > 0 ? (
          <FieldGroup legend={t('contactInterop.redLegend')}>
            <p className="field-hint">{t('contactInterop.redHint')}</p>
            {red.map((c) => (
              <label key={c.id} className="choice">
                <input
                  type="checkbox"
                  checked={redTicked.has(c.id)}
                  onChange={() => {
                    const next = new Set(redTicked);
                    if (next.has(c.id)) next.delete(c.id);
                    else next.add(c.id);
                    setRedTicked(next);
                    setConfirmed(false);
                  }}
                />
                <span>
                  <TlpBadge tlp="RED" /> {c.name}
                  {c.organisation ? <span className="muted"> — {c.organisation}</span> : null}
                </span>
              </label>
            ))}
          </FieldGroup>
        ) : null}
        {decision ? (
          <ExportSummary
            holds={t('contactInterop.willHold', { count: decision.included.length })}
            highestTlp={decision.highestTlp}
            notes={[decision.leftOut.length > 0 && t('contactInterop.redLeftOut', { count: decision.leftOut.length }), workspace === 'exercise' && t('contactInterop.exerciseMarked')]}
            confirmation={decision.needsConfirmation ? { label: t('contactInterop.confirmTlp', { tlp: decision.highestTlp }), checked: confirmed, onChange: setConfirmed } : null}
            confirmClassName="interop-confirm"
          />
        ) : null}
        {error ? (
          <p className="form-failure" role="alert">
            {error}
          </p>
        ) : null}
        <DialogActions onCancel={onClose} submitLabel={t('contactInterop.exportSubmit')} busy={busy || !decision || decision.included.length === 0 || (decision.needsConfirmation && !confirmed)} />
      </form>
    </Dialog>
  );
}
