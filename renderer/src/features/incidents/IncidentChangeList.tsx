/**
 * How a logbook entry that records a change of the incident shows that change: each field with
 * its value before and after, in the reader's language.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../../shared/model/records';
import { SEVERITY_DIMENSIONS, type AssistanceRequest, type IpcrState, type LessonsLearned, type Severity } from '../../../../shared/model/records';
import type { Clock } from '../../../../shared/clocks/clock';
import type { CountryCode } from '../../../../shared/model/countries';
import { useFormatters } from '../../i18n/format';

type Change = NonNullable<LogEntry['incidentChange']>[number];

function describe(t: TFunction, country: (code: CountryCode) => string, change: Change, value: unknown): string {
  if (value === null || value === undefined) return '—';
  switch (change.field) {
    case 'escalation':
      return t(`escalation.${value as string}`);
    case 'status':
      return t(`incidentStatus.${value as string}`);
    case 'csirtsNetwork':
    case 'cyclone':
      return t(`networkState.${value as string}`);
    case 'ipcr': {
      const ipcr = value as IpcrState;
      return ipcr.monitoringPage ? `${t(`ipcr.mode.${ipcr.mode}`)} + ${t('ipcr.monitoringPageShort')}` : t(`ipcr.mode.${ipcr.mode}`);
    }
    case 'memberStates':
      return (value as CountryCode[]).map(country).join(', ') || '—';
    case 'sectors':
      return (value as string[]).join(', ') || '—';
    case 'requests':
      return (value as AssistanceRequest[]).map((r) => `${t(`requests.kind.${r.kind}`)} (${t(`requests.status.${r.status}`)})`).join('; ') || '—';
    case 'clocks':
      return (value as Clock[]).map((c) => (c.stoppedAt ? `${c.label.en} ■` : c.label.en)).join('; ') || '—';
    case 'lessons': {
      const lessons = value as LessonsLearned;
      return t('lessons.summary', { well: lessons.wentWell.length, notWell: lessons.didNotGoWell.length, actions: lessons.actions.length });
    }
    case 'severity':
      return '';
    case 'tlp':
      return `TLP:${value as string}`;
    case 'title':
    case 'summary':
      return (value as string) || '—';
  }
}

export function IncidentChangeList({ changes }: { changes: readonly Change[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <ul className="incident-changes">
      {changes.flatMap((change) => {
        if (change.field === 'severity') {
          // One line per dimension that changed.
          const from = change.from as Severity;
          const to = change.to as Severity;
          return SEVERITY_DIMENSIONS.filter((d) => from[d] !== to[d]).map((d) => (
            <li key={`severity-${d}`}>
              <span className="change-field">{t(`severity.dimension.${d}`)}</span> {t(`severity.rating.${from[d]}`)} → <strong>{t(`severity.rating.${to[d]}`)}</strong>
            </li>
          ));
        }
        return [
          <li key={change.field}>
            <span className="change-field">{t(`incidentField.${change.field}`)}</span> {describe(t, (c) => f.country(c), change, change.from)} →{' '}
            <strong>{describe(t, (c) => f.country(c), change, change.to)}</strong>
          </li>,
        ];
      })}
    </ul>
  );
}
