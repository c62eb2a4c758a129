/**
 * The chain-of-custody fields of the export and import dialogs: who carries the bundle, and the
 * incident whose logbook records the hand-over or arrival.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../../shared/model/records';
import { useSession } from '../../app/session';
import { Field, FieldGroup } from '../../components/Field';
import { listIncidents } from '../../db/queries';
import { useUiStore } from '../../stores/useUiStore';

export interface CustodyChoice {
  readonly carriedBy: string;
  /** '' for no logbook entry. */
  readonly incidentId: string;
}

/** The incident to propose: the preferred one if it is here, else the most recent one still open. */
export function proposedLogbook(incidents: readonly Incident[], preferred: string | undefined): string {
  if (preferred && incidents.some((i) => i.id === preferred)) return preferred;
  return incidents.find((i) => i.status !== 'closed')?.id ?? '';
}

export function CustodyFields({
  value,
  onChange,
  preferredIncident,
  direction,
  extraIncident,
}: {
  value: CustodyChoice;
  onChange: (next: CustodyChoice) => void;
  /** The incident the bundle is about, when there is one. */
  preferredIncident?: string;
  direction: 'out' | 'in';
  /** An incident not held here yet that the bundle brings (its logbook exists once imported). */
  extraIncident?: { readonly id: string; readonly title: string };
}) {
  const { t } = useTranslation();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const incidents = useLiveQuery(() => listIncidents(db, workspace), [db, workspace]);
  const extra = extraIncident && !incidents?.some((i) => i.id === extraIncident.id) ? extraIncident : null;
  const proposal = incidents ? (extra && extra.id === preferredIncident ? extra.id : proposedLogbook(incidents, preferredIncident)) : null;

  // Propose a logbook once the incidents are known, and again when the bundle's incident changes.
  useEffect(() => {
    if (proposal !== null) onChange({ ...value, incidentId: proposal });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the proposal changes, not on every keystroke
  }, [proposal]);

  return (
    <FieldGroup legend={t('custody.legend')}>
      <Field label={t(direction === 'out' ? 'custody.carriedByOut' : 'custody.carriedByIn')} hint={t('custody.carriedByHint')}>
        <input type="text" maxLength={200} autoComplete="off" value={value.carriedBy} onChange={(e) => onChange({ ...value, carriedBy: e.target.value })} />
      </Field>
      <Field label={t(direction === 'out' ? 'custody.logbookOut' : 'custody.logbookIn')}>
        <select value={value.incidentId} onChange={(e) => onChange({ ...value, incidentId: e.target.value })}>
          <option value="">{t('custody.noLogbook')}</option>
          {extra ? <option value={extra.id}>{t('custody.incidentInBundle', { title: extra.title })}</option> : null}
          {incidents?.map((incident) => (
            <option key={incident.id} value={incident.id}>
              {incident.title}
            </option>
          ))}
        </select>
      </Field>
    </FieldGroup>
  );
}
