/**
 * Declare what is down (pt. 78). Switching writes the installation's outage row through the
 * journal, with who declared it; only when asked, the switch is also written as an observation
 * into an open incident's log.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INFRASTRUCTURES, type Infrastructure } from '../../../../shared/model/outage';
import { useSession } from '../../app/session';
import { Field } from '../../components/Field';
import { declareOutage } from '../../db/outage';
import { listIncidents } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';
import { infrastructureList } from './outageText';
import { useOutage } from './useOutage';

export function OutagePanel({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const { state, down } = useOutage();
  const { run, busy } = useJournalAction();
  const [chosen, setChosen] = useState<ReadonlySet<Infrastructure>>(new Set(down));
  const [declaredBy, setDeclaredBy] = useState(profile.person);
  const [note, setNote] = useState('');
  const [logIt, setLogIt] = useState(false);
  const [incidentId, setIncidentId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const incidents = useLiveQuery(async () => (await listIncidents(db, workspace)).filter((i) => i.status !== 'closed'), [db, workspace]);
  const hintId = useId();

  // Follow a change made elsewhere (another window, the banner) while this panel is open.
  const stored = down.join('+');
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    setChosen(new Set(down));
  }

  const changed = INFRASTRUCTURES.some((i) => chosen.has(i) !== down.includes(i));
  const incident = incidents?.find((i) => i.id === incidentId) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!declaredBy.trim()) return setError(t('form.required'));
    if (logIt && !incident) return setError(t('outage.chooseIncident'));
    setError(null);
    const next = INFRASTRUCTURES.filter((i) => chosen.has(i));
    const text = next.length
      ? t('outage.logDeclared', { what: infrastructureList(t, f.locale, next) })
      : t('outage.logEnded');
    const saved = await run(
      () =>
        declareOutage(db, journal, workspace, {
          down: next,
          declaredBy,
          note,
          logTo: logIt && incident ? { incidentId: incident.id, text: note.trim() ? `${text} ${note.trim()}` : text, tlp: incident.tlp } : null,
        }),
      'outage.saved',
    );
    if (saved) {
      setNote('');
      setLogIt(false);
      onDone?.();
    }
  };

  return (
    <form className="outage-panel" onSubmit={(e) => void submit(e)} noValidate aria-describedby={hintId}>
      <p className="field-hint" id={hintId}>
        {t('outage.hint')}
      </p>
      <fieldset className="outage-switches">
        <legend>{t('outage.whatIsDown')}</legend>
        {INFRASTRUCTURES.map((infra) => (
          <label key={infra} className={`outage-switch${chosen.has(infra) ? ' down' : ''}`}>
            <input
              type="checkbox"
              role="switch"
              checked={chosen.has(infra)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(infra);
                else next.delete(infra);
                setChosen(next);
              }}
            />
            <span>{t(`outage.infra.${infra}`)}</span>
            <span className="outage-switch-state">{chosen.has(infra) ? t('outage.down') : t('outage.up')}</span>
          </label>
        ))}
      </fieldset>
      {state && state.down.length > 0 && state.since ? (
        <p className="outage-since">{t('outage.declaredSince', { time: f.dateTime(state.since), who: state.declaredBy || '—' })}</p>
      ) : null}
      <div className="form-grid">
        <Field label={t('outage.declaredBy')} error={error === t('form.required') ? error : null}>
          <input value={declaredBy} onChange={(e) => setDeclaredBy(e.target.value)} maxLength={300} />
        </Field>
        <Field label={t('outage.note')}>
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder={t('outage.notePlaceholder')} />
        </Field>
      </div>
      <label className="choice">
        <input type="checkbox" checked={logIt} onChange={(e) => setLogIt(e.target.checked)} disabled={!incidents?.length} />
        <span>{incidents?.length ? t('outage.logToIncident') : t('outage.noOpenIncident')}</span>
      </label>
      {logIt ? (
        <Field label={t('outage.incident')} error={error === t('outage.chooseIncident') ? error : null}>
          <select value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
            <option value="">{t('outage.chooseIncident')}</option>
            {incidents?.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <div className="button-row end">
        <button type="submit" className="button primary" disabled={busy || (!changed && !logIt && note.trim() === '')}>
          {t('outage.declare')}
        </button>
      </div>
    </form>
  );
}
