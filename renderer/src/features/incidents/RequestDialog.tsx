/**
 * Recording a request for assistance (e.g. services of the EU Cybersecurity Reserve, pt. 55(b)(v))
 * or a change of its status. Written into the logbook with the incident change.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_KINDS, REQUEST_STATUSES, type AssistanceRequest, type Incident } from '../../../../shared/model/records';
import { newRecordId } from '../../../../shared/model/ids';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { changeIncident } from '../../db/logbook';
import { fromLocalInputValue, toLocalInputValue } from '../../lib/time';
import { useJournalAction } from '../../lib/useJournalAction';

export function RequestDialog({ incident, request, onClose }: { incident: Incident; request?: AssistanceRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const [kind, setKind] = useState<AssistanceRequest['kind']>(request?.kind ?? 'reserve-services');
  const [to, setTo] = useState(request?.to ?? '');
  const [description, setDescription] = useState(request?.description ?? '');
  const [requestedAt, setRequestedAt] = useState(toLocalInputValue(request?.requestedAt ?? new Date().toISOString()));
  const [status, setStatus] = useState<AssistanceRequest['status']>(request?.status ?? 'requested');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const at = fromLocalInputValue(requestedAt);
    if (!at) return setError(t('form.invalidTime'));
    if (!description.trim()) return setError(t('form.required'));
    const next: AssistanceRequest = { id: request?.id ?? newRecordId(), kind, to: to.trim(), description: description.trim(), requestedAt: at, status };
    const requests = request ? incident.requests.map((r) => (r.id === request.id ? next : r)) : [...incident.requests, next];
    const text = t(request ? 'requests.changedText' : 'requests.madeText', { kind: t(`requests.kind.${kind}`), to: next.to || '—', status: t(`requests.status.${status}`), description: next.description });
    const done = await run(() => changeIncident(db, journal, incident, { requests }, { text, author: `${profile.person}, ${profile.organisation}`, kind: 'action' }), 'requests.recorded');
    if (done !== null) onClose();
  };

  return (
    <Dialog title={t(request ? 'requests.editTitle' : 'requests.addTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('requests.field.kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as AssistanceRequest['kind'])}>
            {REQUEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`requests.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('requests.field.to')}>
          <input type="text" maxLength={300} value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <Field label={t('requests.field.description')} error={error}>
          <textarea rows={3} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <Field label={t('requests.field.requestedAt')}>
          <input type="datetime-local" value={requestedAt} onChange={(e) => setRequestedAt(e.target.value)} />
        </Field>
        <Field label={t('requests.field.status')}>
          <select value={status} onChange={(e) => setStatus(e.target.value as AssistanceRequest['status'])}>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`requests.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <DialogActions onCancel={onClose} submitLabel={t('common.save')} busy={busy} />
      </form>
    </Dialog>
  );
}
