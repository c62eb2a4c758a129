/**
 * Correcting or withdrawing a logbook entry. Nothing is edited: the entry stays as written and
 * the correction or withdrawal is a new entry with the reason, pointing at it (correctLogEntry).
 * A reason is always required, because the reader of the logbook must see why it changed. A
 * withdrawal's text is its reason: there is no new version of the entry to write.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { correctLogEntry } from '../../db/logbook';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import type { CorrectionMode } from './TimelineEntry';

export function CorrectionDialog({
  entry,
  mode,
  onClose,
  onRecorded,
}: {
  entry: LogEntry;
  mode: CorrectionMode;
  onClose: () => void;
  onRecorded: (entry: LogEntry) => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const [text, setText] = useState(entry.text);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ text?: string; reason?: string }>({});
  const withdrawal = mode === 'withdrawal';
  const textRef = useRef<HTMLTextAreaElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  // The dialog opens (showModal, in Dialog's effect, which runs before this one) with the cursor
  // where the writing starts: the new text of a correction, the reason of a withdrawal.
  useEffect(() => {
    const target = withdrawal ? reasonRef.current : textRef.current;
    target?.focus();
    target?.setSelectionRange(target.value.length, target.value.length);
  }, [withdrawal]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: { text?: string; reason?: string } = {};
    if (!reason.trim()) problems.reason = t('form.required');
    if (!withdrawal && !text.trim()) problems.text = t('form.required');
    else if (!withdrawal && text.trim() === entry.text.trim()) problems.text = t('timeline.dialog.unchanged');
    setErrors(problems);
    if (problems.reason || problems.text) return;
    const correction = {
      mode,
      reason: reason.trim(),
      text: withdrawal ? reason.trim() : text.trim(),
      author: `${profile.person}, ${profile.organisation}`,
    };
    const created = withdrawal
      ? await run(() => correctLogEntry(db, journal, entry, correction), 'timeline.withdrawalRecorded')
      : await run(() => correctLogEntry(db, journal, entry, correction), 'timeline.correctionRecorded');
    if (created) {
      onRecorded(created);
      onClose();
    }
  };

  return (
    <Dialog title={withdrawal ? t('timeline.dialog.withdrawTitle') : t('timeline.dialog.correctTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="correction-original">
          <p className="field-hint">{t('timeline.dialog.original', { time: f.dateTime(entry.occurredAt), author: entry.author })}</p>
          <blockquote>{entry.text}</blockquote>
        </div>
        <p>{withdrawal ? t('timeline.dialog.explainWithdraw') : t('timeline.dialog.explainCorrect')}</p>
        {withdrawal ? null : (
          <Field label={t('timeline.dialog.newText')} error={errors.text ?? null}>
            <textarea ref={textRef} value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={20_000} />
          </Field>
        )}
        <Field label={t('timeline.dialog.reason')} hint={t('timeline.dialog.reasonHint')} error={errors.reason ?? null}>
          <textarea ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2_000} />
        </Field>
        <DialogActions onCancel={onClose} busy={busy} submitLabel={withdrawal ? t('timeline.dialog.submitWithdraw') : t('timeline.dialog.submitCorrect')} />
      </form>
    </Dialog>
  );
}
