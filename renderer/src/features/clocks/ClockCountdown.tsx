/**
 * One clock: what it counts down to, the deadline in the clock's time zone, and the time left or
 * overdue, coloured by state (running, warning, overdue, stopped).
 */
import { useTranslation } from 'react-i18next';
import { clockState, formatRemaining, type Clock } from '../../../../shared/clocks/clock';
import { CLOCK_TEMPLATES } from '../../../../shared/clocks/templates';
import { useFormatters } from '../../i18n/format';

export function useRemainingText(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const r = formatRemaining(ms);
    // "1 day 3 h", "2 h 5 min", "0 min": zero parts are left out, except a lone zero.
    const showMinutes = r.minutes > 0 || (r.days === 0 && r.hours === 0);
    const span = [r.days ? t('clocks.days', { count: r.days }) : '', r.hours ? t('clocks.hours', { count: r.hours }) : '', showMinutes ? t('clocks.minutes', { count: r.minutes }) : '']
      .filter(Boolean)
      .join(' ');
    return t(r.sign === 1 ? 'clocks.left' : 'clocks.overdueBy', { span });
  };
}

export function ClockCountdown({ clock, now, showBasis = false }: { clock: Clock; now: number; showBasis?: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const remainingText = useRemainingText();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const state = clockState(clock, now);
  const template = clock.template === 'custom' ? null : CLOCK_TEMPLATES[clock.template];
  return (
    <div className={`clock clock-${state.status}`}>
      <div className="clock-head">
        <strong>{clock.label[language] || clock.label.en}</strong>
        <span className={`badge clock-status-${state.status}`}>{t(`clocks.status.${state.status}`)}</span>
      </div>
      <div className="clock-remaining" aria-live={state.status === 'overdue' || state.status === 'warning' ? 'polite' : 'off'}>
        {state.status === 'stopped'
          ? t(state.remainingMs >= 0 ? 'clocks.stoppedInTime' : 'clocks.stoppedLate', { time: f.dateTime(clock.stoppedAt ?? state.deadline) })
          : remainingText(state.remainingMs)}
      </div>
      <div className="record-sub">
        {t('clocks.deadline', { time: f.dateTimeIn(state.deadline, clock.timeZone), zone: clock.timeZone })} · {t('clocks.since', { time: f.dateTime(clock.startedAt) })}
      </div>
      {clock.stopReason ? <div className="record-sub">{t('clocks.stopReasonShown', { reason: clock.stopReason })}</div> : null}
      {showBasis && template ? <p className={`clock-basis source-${template.source}`}>{template.basis[language]}</p> : null}
    </div>
  );
}
