/**
 * The clocks of an incident: start one from a template (EU Cybersecurity Reserve, NIS2 reporting
 * stages) or a custom one, watch them count down, stop one when the obligation is met (with the
 * reason). Every start and stop is written into the logbook.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOCK_UNITS, type Clock, type ClockUnit } from '../../../../shared/clocks/clock';
import { CLOCK_TEMPLATE_LIST, clockFromTemplate } from '../../../../shared/clocks/templates';
import { newRecordId } from '../../../../shared/model/ids';
import type { Incident } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { changeIncident } from '../../db/logbook';
import { useFormatters } from '../../i18n/format';
import { fromLocalInputValue, toLocalInputValue } from '../../lib/time';
import { useJournalAction } from '../../lib/useJournalAction';
import { ClockCountdown } from './ClockCountdown';
import { useNow } from './useNow';

/** The zone this device counts calendar days and months in. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function IncidentClocks({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const now = useNow();
  const [starting, setStarting] = useState(false);
  const [stopping, setStopping] = useState<Clock | null>(null);
  const running = incident.clocks.filter((c) => c.stoppedAt === null);
  const stopped = incident.clocks.filter((c) => c.stoppedAt !== null);

  return (
    <section className="incident-clocks" aria-labelledby="clocks-title">
      <h3 id="clocks-title">{t('clocks.title')}</h3>
      {incident.clocks.length === 0 ? <p className="muted">{t('clocks.none')}</p> : null}
      <ul className="clock-list">
        {[...running, ...stopped].map((clock) => (
          <li key={clock.id}>
            <ClockCountdown clock={clock} now={now} showBasis />
            {clock.stoppedAt === null ? (
              <button type="button" className="button small" onClick={() => setStopping(clock)}>
                {t('clocks.stop')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => setStarting(true)}>
        {t('clocks.start')}
      </button>
      {starting ? <StartClockDialog incident={incident} onClose={() => setStarting(false)} /> : null}
      {stopping ? <StopClockDialog incident={incident} clock={stopping} onClose={() => setStopping(null)} /> : null}
    </section>
  );
}

function StartClockDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const [template, setTemplate] = useState<string>(CLOCK_TEMPLATE_LIST[0]?.id ?? 'custom');
  const [startedAt, setStartedAt] = useState(toLocalInputValue(new Date().toISOString()));
  const [label, setLabel] = useState('');
  const [amount, setAmount] = useState('24');
  const [unit, setUnit] = useState<ClockUnit>('hours');
  const [warnBefore, setWarnBefore] = useState('60');
  const [error, setError] = useState<string | null>(null);
  const chosen = CLOCK_TEMPLATE_LIST.find((c) => c.id === template) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const start = fromLocalInputValue(startedAt);
    if (!start) return setError(t('form.invalidTime'));
    const timeZone = deviceTimeZone();
    let clock: Clock;
    if (chosen) {
      clock = clockFromTemplate(chosen.id, { id: newRecordId(), startedAt: start, timeZone });
    } else {
      const n = Number(amount);
      const warn = Number(warnBefore);
      if (!label.trim()) return setError(t('clocks.labelRequired'));
      if (!Number.isInteger(n) || n <= 0 || !Number.isInteger(warn) || warn < 0) return setError(t('clocks.amountInvalid'));
      clock = { id: newRecordId(), template: 'custom', label: { en: label.trim(), nl: label.trim() }, startedAt: start, duration: { unit, amount: n }, timeZone, warnBeforeMinutes: warn, stoppedAt: null, stopReason: null };
    }
    const text = t('clocks.startedText', { label: clock.label[language], since: f.dateTime(clock.startedAt) });
    const done = await run(() => changeIncident(db, journal, incident, { clocks: [...incident.clocks, clock] }, { text, author: `${profile.person}, ${profile.organisation}`, kind: 'action' }), 'clocks.started');
    if (done !== null) onClose();
  };

  return (
    <Dialog title={t('clocks.startTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('clocks.template')}>
          <select value={template} onChange={(e) => setTemplate(e.target.value)}>
            {CLOCK_TEMPLATE_LIST.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label[language]}
              </option>
            ))}
            <option value="custom">{t('clocks.custom')}</option>
          </select>
        </Field>
        {chosen ? <p className={`clock-basis source-${chosen.source}`}>{chosen.basis[language]}</p> : null}
        <Field label={chosen ? chosen.startsAt[language] : t('clocks.startsAt')} hint={t('clocks.startsAtHint')}>
          <input type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
        </Field>
        {chosen ? null : (
          <>
            <Field label={t('clocks.label')}>
              <input type="text" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
            </Field>
            <div className="form-row">
              <Field label={t('clocks.amount')}>
                <input type="number" min={1} value={amount} onChange={(e) => setAmount(e.target.value)} />
              </Field>
              <Field label={t('clocks.unit')}>
                <select value={unit} onChange={(e) => setUnit(e.target.value as ClockUnit)}>
                  {CLOCK_UNITS.map((u) => (
                    <option key={u} value={u}>
                      {t(`clocks.unitName.${u}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('clocks.warnBefore')}>
                <input type="number" min={0} value={warnBefore} onChange={(e) => setWarnBefore(e.target.value)} />
              </Field>
            </div>
          </>
        )}
        {error ? (
          <p className="form-failure" role="alert">
            {error}
          </p>
        ) : null}
        <DialogActions onCancel={onClose} submitLabel={t('clocks.startSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

function StopClockDialog({ incident, clock, onClose }: { incident: Incident; clock: Clock; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError(t('clocks.reasonRequired'));
    const stopped: Clock = { ...clock, stoppedAt: new Date().toISOString(), stopReason: reason.trim() };
    const clocks = incident.clocks.map((c) => (c.id === clock.id ? stopped : c));
    const text = t('clocks.stoppedText', { label: clock.label[language], reason: reason.trim() });
    const done = await run(() => changeIncident(db, journal, incident, { clocks }, { text, author: `${profile.person}, ${profile.organisation}`, kind: 'action' }), 'clocks.stoppedNotice');
    if (done !== null) onClose();
  };

  return (
    <Dialog title={t('clocks.stopTitle', { label: clock.label[language] })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('clocks.stopReason')} hint={t('clocks.stopReasonHint')} error={error}>
          <textarea rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <DialogActions onCancel={onClose} submitLabel={t('clocks.stopSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}
