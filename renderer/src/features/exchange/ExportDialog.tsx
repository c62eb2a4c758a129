/**
 * The export dialog: for whom, how (encrypted or not, what scope), which RED records may go to
 * exactly these recipients, what the TLP rules leave out, and who carries the bundle (recorded in
 * the exchange log and, if chosen, an incident's logbook).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { Dialog, DialogActions } from '../../components/Dialog';
import { FieldGroup } from '../../components/Field';
import { recordCustody } from '../../db/custody';
import { exportBundle, planExport, recordSent, type ExportRequest } from '../../db/exchange';
import { listKeyring } from '../../db/keyring';
import { listIncidents } from '../../db/queries';
import { useUiStore } from '../../stores/useUiStore';
import { CustodyFields, type CustodyChoice } from './CustodyFields';

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { db, journal, platform, profile, keyStore } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const peers = useLiveQuery(() => listKeyring(db), [db]);
  const verified = peers?.filter((p) => p.trust === 'verified') ?? [];
  const [chosen, setChosen] = useState<string[]>([]);
  const [encrypt, setEncrypt] = useState(true);
  const [scope, setScope] = useState<ExportRequest['scope']>('snapshot');
  const incidents = useLiveQuery(() => listIncidents(db, workspace), [db, workspace]);
  const [incidentId, setIncidentId] = useState('');
  const [redChosen, setRedChosen] = useState<string[]>([]);
  const [custody, setCustody] = useState<CustodyChoice>({ carriedBy: '', incidentId: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const effectiveScope = scope === 'since-last' && chosen.length !== 1 ? 'snapshot' : scope === 'incident' && !incidentId ? 'snapshot' : scope;
  const encrypted = encrypt && chosen.length > 0;
  const request: ExportRequest = {
    workspace,
    peers: chosen,
    encrypt: encrypted,
    scope: effectiveScope,
    ...(effectiveScope === 'incident' ? { incidentId } : {}),
    // RED records go only inside an encrypted bundle; a choice made earlier waits until then.
    ...(encrypted ? { redRecords: redChosen } : {}),
  };
  const plan = useLiveQuery(() => planExport(db, request), [db, workspace, chosen.join(','), request.encrypt, request.scope, incidentId, redChosen.join(',')]);
  const language = i18n.language === 'nl' ? 'nl' : 'en';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (encrypt && chosen.length === 0) return setError(t('bundles.choosePeer'));
    setBusy(true);
    try {
      const bundle = await exportBundle(db, request, profile.organisation, keyStore);
      const saved = await platform.saveFile('bundle', bundle.fileName, bundle.bytes);
      if (!saved.ok) return setError(t(`errors.${saved.error.code}`));
      if (!saved.value) return setBusy(false);
      await recordSent(db, request, bundle, plan?.operations ?? []);
      const recipients = verified.filter((p) => chosen.includes(p.id)).map((p) => p.card.organisation);
      const carriedBy = custody.carriedBy.trim() || null;
      const values = { fingerprint: bundle.fingerprint, count: bundle.operations, tlp: plan?.highestTlp ?? 'CLEAR', recipients: recipients.join(', ') || t('custody.anyone'), courier: carriedBy ?? '' };
      await recordCustody(
        db,
        journal,
        {
          event: 'sent',
          bundleId: bundle.bundleId,
          fingerprint: bundle.fingerprint,
          peer: recipients.join(', ') || null,
          peerInstallationId: chosen.length === 1 ? (chosen[0] ?? null) : null,
          bundleWorkspace: workspace,
          operations: bundle.operations,
          fileName: bundle.fileName,
          carriedBy,
          sequence: bundle.sequence,
        },
        custody.incidentId
          ? {
              incidentId: custody.incidentId,
              kind: 'communication-out',
              text: t(carriedBy ? 'custody.handOverText' : 'custody.handOverTextNoCourier', values),
              author: `${profile.person}, ${profile.organisation}`,
            }
          : null,
      );
      notify({ tone: 'success', messageKey: 'bundles.exported', values: { fingerprint: bundle.fingerprint, location: saved.value.location } });
      onClose();
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('bundles.export')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FieldGroup legend={t('bundles.recipients')}>
          {verified.length === 0 ? <p className="field-hint">{t('bundles.noVerifiedPeers')}</p> : null}
          {verified.map((peer) => (
            <label key={peer.id} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(peer.id)}
                onChange={() => setChosen((c) => (c.includes(peer.id) ? c.filter((x) => x !== peer.id) : [...c, peer.id]))}
              />
              <span>
                {peer.card.organisation} — {peer.card.person}
              </span>
            </label>
          ))}
        </FieldGroup>
        <FieldGroup legend={t('bundles.options')}>
          <label className="choice">
            <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
            <span>{t('bundles.encrypt')}</span>
          </label>
          <label className="choice">
            <input type="radio" name="scope" checked={request.scope === 'snapshot'} onChange={() => setScope('snapshot')} />
            <span>{t('bundles.scopeSnapshot')}</span>
          </label>
          <label className="choice">
            <input type="radio" name="scope" disabled={chosen.length !== 1} checked={request.scope === 'since-last'} onChange={() => setScope('since-last')} />
            <span>{t('bundles.scopeSinceLast')}</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name="scope"
              disabled={!incidents || incidents.length === 0}
              checked={request.scope === 'incident'}
              onChange={() => {
                setScope('incident');
                if (!incidentId && incidents?.[0]) setIncidentId(incidents[0].id);
              }}
            />
            <span>{t('bundles.scopeIncident')}</span>
          </label>
          {scope === 'incident' ? (
            <select aria-label={t('bundles.incident')} value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
              {incidents?.map((incident) => (
                <option key={incident.id} value={incident.id}>
                  {incident.title}
                </option>
              ))}
            </select>
          ) : null}
        </FieldGroup>
        {plan && plan.redRecords.length > 0 ? (
          <FieldGroup legend={t('red.legend')}>
            <p className="field-hint">{encrypted ? t('red.hint', { recipients: verified.filter((p) => chosen.includes(p.id)).map((p) => p.card.organisation).join(', ') }) : t('red.needsEncryption')}</p>
            {plan.redRecords.map((record) => (
              <label key={record.key} className="choice">
                <input
                  type="checkbox"
                  disabled={!encrypted}
                  checked={encrypted && redChosen.includes(record.key)}
                  onChange={() => setRedChosen((c) => (c.includes(record.key) ? c.filter((x) => x !== record.key) : [...c, record.key]))}
                />
                <span>
                  <TlpBadge tlp="RED" /> <span className="muted">{t(`tables.${record.table}`)}:</span> {record.title[language]}
                </span>
              </label>
            ))}
          </FieldGroup>
        ) : null}
        <CustodyFields value={custody} onChange={setCustody} direction="out" {...(effectiveScope === 'incident' ? { preferredIncident: incidentId } : {})} />
        {plan ? (
          <div className="export-summary" aria-live="polite">
            <p>
              {t('bundles.willHold', { count: plan.operations.length })} <TlpBadge tlp={plan.highestTlp} />
            </p>
            {plan.leftOut.length > 0 ? (
              <p className="field-error">{t('bundles.leftOut', { count: plan.leftOut.length, reasons: [...new Set(plan.leftOut.map((l) => t(`tlpReasons.${l.reason}`)))].join(' ') })}</p>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <p className="form-failure" role="alert">
            {error}
          </p>
        ) : null}
        <DialogActions onCancel={onClose} submitLabel={t('bundles.exportSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}
