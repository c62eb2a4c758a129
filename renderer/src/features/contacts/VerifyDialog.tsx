/** Record that a contact's details were confirmed: who, when, how (call-back, in person …). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VERIFICATION_METHODS, type Contact, type VerificationMethod } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { recordVerification } from '../../db/contacts';
import { useJournalAction } from '../../lib/useJournalAction';

export function VerifyDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const { t } = useTranslation();
  const { journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const [by, setBy] = useState(profile.person);
  const [method, setMethod] = useState<VerificationMethod>('call-back');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!by.trim()) return setError(t('form.required'));
    const done = await run(
      () => recordVerification(journal, contact.id, { at: new Date().toISOString(), by, method, note }),
      'directory.verifiedSaved',
      { name: contact.name },
    );
    if (done) onClose();
  };

  return (
    <Dialog title={t('directory.verifyTitle', { name: contact.name })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="field-hint">{t('directory.verifyHint')}</p>
        <VerificationFields by={by} setBy={setBy} method={method} setMethod={setMethod} note={note} setNote={setNote} error={error} />
        <DialogActions onCancel={onClose} submitLabel={t('directory.verifySubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

export function VerificationFields(props: {
  by: string;
  setBy: (v: string) => void;
  method: VerificationMethod;
  setMethod: (v: VerificationMethod) => void;
  note: string;
  setNote: (v: string) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <Field label={t('directory.verifiedBy')} error={props.error}>
        <input value={props.by} onChange={(e) => props.setBy(e.target.value)} maxLength={300} />
      </Field>
      <Field label={t('directory.verifiedHow')}>
        <select value={props.method} onChange={(e) => props.setMethod(e.target.value as VerificationMethod)}>
          {VERIFICATION_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`directory.method.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('directory.verifyNote')} className="span-2">
        <input value={props.note} onChange={(e) => props.setNote(e.target.value)} maxLength={1000} placeholder={t('directory.verifyNotePlaceholder')} />
      </Field>
    </div>
  );
}
