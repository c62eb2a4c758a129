import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EU_MEMBER_STATES, type CountryCode } from '../../../../shared/model/countries';
import { ESCALATION_LEVELS, type EscalationLevel } from '../../../../shared/model/records';
import type { Tlp } from '../../../../shared/model/tlp';
import { navigate } from '../../app/router';
import { openIncident } from '../../db/logbook';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field, FieldGroup } from '../../components/Field';
import { TlpOptions } from '../../components/options';
import { useFormatters } from '../../i18n/format';
import { fromLocalInputValue, toLocalInputValue } from '../../lib/time';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';

export function NewIncidentDialog() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const close = useUiStore((s) => s.closeDialog);
  const { run, busy } = useJournalAction();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [escalation, setEscalation] = useState<EscalationLevel>('incident');
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [startedAt, setStartedAt] = useState(() => toLocalInputValue(new Date().toISOString()));
  const [memberStates, setMemberStates] = useState<CountryCode[]>([profile.country === 'EU' ? 'NL' : profile.country]);
  const [sectors, setSectors] = useState('');
  const [errors, setErrors] = useState<{ title?: string; startedAt?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const started = fromLocalInputValue(startedAt);
    const found = {
      ...(title.trim() ? {} : { title: t('form.required') }),
      ...(started ? {} : { startedAt: t('form.invalidTime') }),
    };
    setErrors(found);
    if (!started || Object.keys(found).length > 0) return;
    const created = await run(
      () =>
        openIncident(
          db,
          journal,
          {
            title: title.trim(),
            summary: summary.trim(),
            escalation,
            status: 'open',
            startedAt: started,
            memberStates,
            sectors: sectors.split(',').map((s) => s.trim()).filter(Boolean),
            tlp,
          },
          workspace,
          { text: t('incidents.openedText', { escalation: t(`escalation.${escalation}`) }), author: `${profile.person}, ${profile.organisation}` },
        ),
      'incidents.created',
    );
    if (created) {
      close();
      navigate('incidents', created.id);
    }
  };

  const toggleState = (code: CountryCode) =>
    setMemberStates((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));

  return (
    <Dialog title={t('incidents.new')} onClose={close} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <Field label={t('incidents.field.title')} error={errors.title ?? null} className="span-2">
            <input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus maxLength={300} />
          </Field>
          <Field label={t('incidents.field.summary')} className="span-2">
            <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} />
          </Field>
          <Field label={t('incidents.field.escalation')} hint={t('incidents.escalationHint')}>
            <select value={escalation} onChange={(e) => setEscalation(e.target.value as EscalationLevel)}>
              {ESCALATION_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`escalation.${level}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('incidents.field.startedAt')} error={errors.startedAt ?? null}>
            <input type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
          </Field>
          <Field label={t('common.tlp')} hint={t('common.tlpHint')}>
            <select value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>
              <TlpOptions />
            </select>
          </Field>
          <Field label={t('incidents.field.sectors')} hint={t('incidents.sectorsHint')}>
            <input value={sectors} onChange={(e) => setSectors(e.target.value)} />
          </Field>
        </div>
        <FieldGroup legend={t('incidents.field.memberStates')}>
          <div className="checkbox-grid">
            {[...EU_MEMBER_STATES]
              .sort((a, b) => f.compare(f.country(a), f.country(b)))
              .map((code) => (
                <label key={code} className="choice compact">
                  <input type="checkbox" checked={memberStates.includes(code)} onChange={() => toggleState(code)} />
                  <span>{f.country(code)}</span>
                </label>
              ))}
          </div>
        </FieldGroup>
        <DialogActions onCancel={close} submitLabel={t('incidents.create')} busy={busy} />
      </form>
    </Dialog>
  );
}
