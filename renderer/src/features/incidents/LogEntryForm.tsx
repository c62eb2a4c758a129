/**
 * Writing into the logbook under stress: the text field has focus, Ctrl+Enter records, the time
 * defaults to now and the entry kind stays as last chosen.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOG_ENTRY_KINDS, type Incident, type LogEntryKind } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { appendLogEntry } from '../../db/logbook';
import { Field } from '../../components/Field';
import { fromLocalInputValue } from '../../lib/time';

/** Clocks differ a little; an entry further ahead than this is a typing error. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
import { useJournalAction } from '../../lib/useJournalAction';

export function LogEntryForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const [kind, setKind] = useState<LogEntryKind>('observation');
  const [text, setText] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim()) {
      setError(t('form.required'));
      return;
    }
    const occurred = occurredAt ? fromLocalInputValue(occurredAt) : new Date().toISOString();
    if (!occurred) {
      setError(t('form.invalidTime'));
      return;
    }
    if (Date.parse(occurred) > Date.now() + FUTURE_TOLERANCE_MS) {
      setError(t('log.futureTime'));
      return;
    }
    setError(null);
    const created = await run(
      () =>
        appendLogEntry(
          db,
          journal,
          {
            incidentId: incident.id,
            kind,
            text: text.trim(),
            occurredAt: occurred,
            author: `${profile.person}, ${profile.organisation}`,
            tlp: incident.tlp,
          },
          incident.workspace,
        ),
      'log.recorded',
    );
    if (created) {
      setText('');
      setOccurredAt('');
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className="log-entry-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('log.formLabel')}>
      <div className="log-entry-row">
        <Field label={t('log.field.kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as LogEntryKind)}>
            {LOG_ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`log.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('log.field.occurredAt')} hint={t('log.occurredAtHint')}>
          <input
            type="datetime-local"
            value={occurredAt}
            onChange={(e) => setOccurredAt(e.target.value)}
          />
        </Field>
      </div>
      <Field label={t('log.field.text')} hint={t('log.textHint')} error={error}>
        <textarea value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} rows={3} maxLength={20000} />
      </Field>
      <div className="button-row end">
        <button type="submit" className="button primary" disabled={busy} aria-keyshortcuts="Control+Enter">
          {t('log.add')}
        </button>
      </div>
    </form>
  );
}
