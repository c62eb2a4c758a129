/** Start a procedure on one of the workspace's open incidents. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../../../shared/model/records';
import { useSession } from '../../../app/session';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { startRun } from '../../../db/procedureRuns';
import { listIncidents } from '../../../db/queries';
import { useFormatters } from '../../../i18n/format';
import { useJournalAction } from '../../../lib/useJournalAction';
import { useUiStore } from '../../../stores/useUiStore';
import { pick } from '../catalogue';

export function StartRunDialog({ procedure, onClose, onStarted }: { procedure: Procedure; onClose: () => void; onStarted: (runId: string) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const { run, busy } = useJournalAction();
  const incidents = useLiveQuery(async () => (await listIncidents(db, workspace)).filter((i) => i.status !== 'closed'), [db, workspace]);
  const [incidentId, setIncidentId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = incidents?.find((i) => i.id === incidentId) ?? incidents?.[0] ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) {
      setError(t('procedureRun.chooseIncidentFirst'));
      return;
    }
    const title = pick(procedure.title, f.language);
    const created = await run(
      () => startRun(db, journal, procedure, chosen, { text: t('procedureRun.entry.started', { title, version: procedure.version }), author: profile.person }),
      'procedureRun.started',
      { title },
    );
    if (created) onStarted(created.id);
  };

  return (
    <Dialog title={t('procedureRun.startTitle', { title: pick(procedure.title, f.language) })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {incidents && incidents.length === 0 ? (
          <p className="muted">{t('procedureRun.noOpenIncidents')}</p>
        ) : (
          <Field label={t('procedureRun.incident')} error={error}>
            <select value={chosen?.id ?? ''} onChange={(e) => setIncidentId(e.target.value)}>
              {(incidents ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title} · {f.dateTime(i.startedAt)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <p className="small muted">{t('procedureRun.startExplain')}</p>
        <DialogActions onCancel={onClose} submitLabel={t('procedureRun.start')} busy={busy || !incidents || incidents.length === 0} />
      </form>
    </Dialog>
  );
}
