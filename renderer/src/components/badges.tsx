import { useTranslation } from 'react-i18next';
import type { EscalationLevel, IncidentStatus } from '../../../shared/model/records';
import type { Tlp } from '../../../shared/model/tlp';

export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return (
    <span className={`tlp tlp-${tlp.toLowerCase().replace('+', '-')}`} title={`Traffic Light Protocol: ${tlp}`}>
      TLP:{tlp}
    </span>
  );
}

export function EscalationBadge({ level }: { level: EscalationLevel }) {
  const { t } = useTranslation();
  return <span className={`badge escalation-${level}`}>{t(`escalation.${level}`)}</span>;
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`incidentStatus.${status}`)}</span>;
}
