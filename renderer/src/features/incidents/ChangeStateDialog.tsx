/**
 * Changing the state of an incident: escalation (pt. 7), status, severity along the dimensions of
 * pt. 30, the CSIRTs network and EU-CyCLONe, and the IPCR (pts. 39, 56–58). A reason is required:
 * the change and the reason are written into the logbook together.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ESCALATION_LEVELS,
  INCIDENT_STATUSES,
  IPCR_MODES,
  NETWORK_STATES,
  SEVERITY_DIMENSIONS,
  SEVERITY_RATINGS,
  type EscalationLevel,
  type Incident,
  type IncidentStatus,
  type IpcrMode,
  type NetworkState,
  type Severity,
  type SeverityRating,
} from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field, FieldGroup } from '../../components/Field';
import { changeIncident, incidentChanges } from '../../db/logbook';
import { useJournalAction } from '../../lib/useJournalAction';

export function ChangeStateDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const [escalation, setEscalation] = useState<EscalationLevel>(incident.escalation);
  const [status, setStatus] = useState<IncidentStatus>(incident.status);
  const [severity, setSeverity] = useState<Severity>(incident.severity);
  const [csirtsNetwork, setCsirtsNetwork] = useState<NetworkState>(incident.csirtsNetwork);
  const [cyclone, setCyclone] = useState<NetworkState>(incident.cyclone);
  const [ipcrMode, setIpcrMode] = useState<IpcrMode>(incident.ipcr.mode);
  const [monitoringPage, setMonitoringPage] = useState(incident.ipcr.monitoringPage);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const patch = { escalation, status, severity, csirtsNetwork, cyclone, ipcr: { mode: ipcrMode, monitoringPage } };
  const changed = incidentChanges(incident, patch).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return setError(t('incidentState.nothingChanged'));
    if (!reason.trim()) return setError(t('incidentState.reasonRequired'));
    const done = await run(
      () => changeIncident(db, journal, incident, patch, { text: reason.trim(), author: `${profile.person}, ${profile.organisation}` }),
      'incidentState.changed',
    );
    if (done) onClose();
  };

  return (
    <Dialog title={t('incidentState.changeTitle')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate className="form-grid">
        <Field label={t('incidents.field.escalation')} hint={t('incidents.escalationHint')}>
          <select value={escalation} onChange={(e) => setEscalation(e.target.value as EscalationLevel)}>
            {ESCALATION_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`escalation.${level}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('incidentField.status')}>
          <select value={status} onChange={(e) => setStatus(e.target.value as IncidentStatus)}>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`incidentStatus.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <FieldGroup legend={t('severity.legend')}>
          <p className="field-hint">{t('severity.hint')}</p>
          <div className="severity-grid">
            {SEVERITY_DIMENSIONS.map((dimension) => (
              <Field key={dimension} label={t(`severity.dimension.${dimension}`)}>
                <select value={severity[dimension]} onChange={(e) => setSeverity({ ...severity, [dimension]: e.target.value as SeverityRating })}>
                  {SEVERITY_RATINGS.map((rating) => (
                    <option key={rating} value={rating}>
                      {t(`severity.rating.${rating}`)}
                    </option>
                  ))}
                </select>
              </Field>
            ))}
          </div>
        </FieldGroup>
        <FieldGroup legend={t('incidentState.networks')}>
          <div className="severity-grid">
            <Field label={t('incidentField.csirtsNetwork')}>
              <select value={csirtsNetwork} onChange={(e) => setCsirtsNetwork(e.target.value as NetworkState)}>
                {NETWORK_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`networkState.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('incidentField.cyclone')}>
              <select value={cyclone} onChange={(e) => setCyclone(e.target.value as NetworkState)}>
                {NETWORK_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`networkState.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('incidentField.ipcr')} hint={t('ipcr.hint')}>
              <select value={ipcrMode} onChange={(e) => setIpcrMode(e.target.value as IpcrMode)}>
                {IPCR_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`ipcr.mode.${mode}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <label className="choice">
            <input type="checkbox" checked={monitoringPage} onChange={(e) => setMonitoringPage(e.target.checked)} />
            <span>{t('ipcr.monitoringPage')}</span>
          </label>
        </FieldGroup>
        <Field label={t('incidentState.reason')} hint={t('incidentState.reasonHint')} error={error} className="span-2">
          <textarea rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <DialogActions onCancel={onClose} submitLabel={t('incidentState.record')} busy={busy} />
      </form>
    </Dialog>
  );
}
