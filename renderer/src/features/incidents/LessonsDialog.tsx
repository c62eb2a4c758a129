/**
 * Lessons learned (pts. 42–44, 74): what went well, what did not, and actions with an owner.
 * Gathered at closure; written into the logbook with the incident change.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, LessonsLearned } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { changeIncident } from '../../db/logbook';
import { useJournalAction } from '../../lib/useJournalAction';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** "Action — owner — yyyy-mm-dd" per line; owner and date optional. */
function parseActions(text: string): LessonsLearned['actions'] {
  return lines(text).map((line) => {
    const [action = '', owner = '', due = ''] = line.split(/\s+[—|]\s+/);
    return { text: action, owner, due: /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null };
  });
}

export function LessonsDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const lessons = incident.lessons;
  const [wentWell, setWentWell] = useState(lessons?.wentWell.join('\n') ?? '');
  const [didNotGoWell, setDidNotGoWell] = useState(lessons?.didNotGoWell.join('\n') ?? '');
  const [actions, setActions] = useState(lessons?.actions.map((a) => [a.text, a.owner, a.due ?? ''].filter(Boolean).join(' — ')).join('\n') ?? '');
  const [closeIncident, setCloseIncident] = useState(incident.status !== 'closed');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: LessonsLearned = { wentWell: lines(wentWell), didNotGoWell: lines(didNotGoWell), actions: parseActions(actions) };
    if (next.wentWell.length + next.didNotGoWell.length + next.actions.length === 0) return setError(t('lessons.empty'));
    const patch = closeIncident ? { lessons: next, status: 'closed' as const } : { lessons: next };
    const text = t(closeIncident ? 'lessons.closedText' : 'lessons.recordedText', { well: next.wentWell.length, notWell: next.didNotGoWell.length, actions: next.actions.length });
    const done = await run(() => changeIncident(db, journal, incident, patch, { text, author: `${profile.person}, ${profile.organisation}`, kind: 'decision' }), 'lessons.saved');
    if (done !== null) onClose();
  };

  return (
    <Dialog title={t('lessons.title')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">{t('lessons.intro')}</p>
        <Field label={t('lessons.wentWell')} hint={t('lessons.onePer')}>
          <textarea rows={4} value={wentWell} onChange={(e) => setWentWell(e.target.value)} />
        </Field>
        <Field label={t('lessons.didNotGoWell')} hint={t('lessons.onePer')}>
          <textarea rows={4} value={didNotGoWell} onChange={(e) => setDidNotGoWell(e.target.value)} />
        </Field>
        <Field label={t('lessons.actions')} hint={t('lessons.actionsHint')} error={error}>
          <textarea rows={4} value={actions} onChange={(e) => setActions(e.target.value)} />
        </Field>
        {incident.status !== 'closed' ? (
          <label className="choice">
            <input type="checkbox" checked={closeIncident} onChange={(e) => setCloseIncident(e.target.checked)} />
            <span>{t('lessons.closeIncident')}</span>
          </label>
        ) : null}
        <DialogActions onCancel={onClose} submitLabel={t('common.save')} busy={busy} />
      </form>
    </Dialog>
  );
}
