/**
 * Sending and receiving bundles: the export dialog (peers, encryption, what the TLP rules leave
 * out) and the import flow (verify, preview, apply all or nothing). Every refusal says why.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { FileDown, FileUp } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleErrorCode } from '../../../../shared/bundle/errors';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { REPLICATED_TABLES } from '../../../../shared/journal/tables';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { Dialog, DialogActions } from '../../components/Dialog';
import { FieldGroup } from '../../components/Field';
import {
  applyImport,
  exportBundle,
  logExchange,
  planExport,
  previewImport,
  quarantineBundle,
  recentExchanges,
  recordSent,
  verifyBundle,
  type ExportRequest,
  type ImportPreview,
} from '../../db/exchange';
import { identityCardText, identityFingerprint } from '../../../../shared/crypto/identity';
import type { QuarantinedBundle } from '../../db/WorkbookDb';
import { getInstallationKeys } from '../../db/identity';
import { addPeerCard, listKeyring } from '../../db/keyring';
import { listIncidents } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';

interface Refusal {
  readonly code: BundleErrorCode;
  readonly detail: string;
  readonly fingerprint?: string;
  /** Kept in quarantine, waiting for its signer to be trusted. */
  readonly kept: boolean;
}

export function BundlesSection() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, platform, profile } = useSession();
  const notify = useUiStore((s) => s.notify);
  const workspace = useUiStore((s) => s.workspace);
  const keys = useLiveQuery(() => getInstallationKeys(db), [db]);
  const [exporting, setExporting] = useState(false);
  const [preview, setPreview] = useState<{ preview: ImportPreview; fileName: string } | null>(null);
  const log = useLiveQuery(() => recentExchanges(db, 10), [db]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const quarantined = useLiveQuery(() => db.quarantine.orderBy('receivedAt').toArray(), [db]);
  const keyring = useLiveQuery(() => listKeyring(db), [db]);

  /** Verify bytes; show the preview, or the refusal (keeping an untrusted signer's bundle in quarantine). */
  const check = async (fileName: string, bytes: Uint8Array) => {
    setBusy(true);
    try {
      const result = await verifyBundle(db, bytes, workspace, profile.id);
      if (result.ok) {
        setPreview({ preview: await previewImport(db, result.bundle), fileName });
        return;
      }
      const kept = await quarantineBundle(db, fileName, bytes, result);
      await logExchange(journal, {
        event: kept ? 'quarantined' : 'refused',
        code: result.error.code,
        bundleId: result.header?.bundleId ?? null,
        fingerprint: result.fingerprint ?? null,
        peer: result.signerCard?.organisation ?? result.header?.sender.organisation ?? null,
        bundleWorkspace: result.header?.workspace ?? null,
        operations: result.header?.operations ?? 0,
        fileName,
      });
      setRefusal({ code: result.error.code, detail: result.error.detail, kept, ...(result.fingerprint ? { fingerprint: result.fingerprint } : {}) });
    } finally {
      setBusy(false);
    }
  };

  const openBundle = async () => {
    const picked = await platform.openFile('bundle');
    if (picked.ok && picked.value) await check(picked.value.name, picked.value.bytes);
  };

  const addSigner = async (entry: QuarantinedBundle) => {
    try {
      await addPeerCard(db, journal, identityCardText(entry.signerCard));
      notify({ tone: 'success', messageKey: 'keyring.added', values: { organisation: entry.signerCard.organisation } });
    } catch (e) {
      notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
    }
  };

  return (
    <section className="card span-3" aria-labelledby="bundles-title">
      <h2 id="bundles-title">{t('bundles.title')}</h2>
      <p className="muted">{t('bundles.intro')}</p>
      <div className="button-row">
        <button type="button" className="button primary" disabled={!keys} onClick={() => setExporting(true)}>
          <FileDown size={16} aria-hidden /> {t('bundles.export')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void openBundle()}>
          <FileUp size={16} aria-hidden /> {t('bundles.import')}
        </button>
      </div>
      {keys === null ? <p className="field-hint">{t('bundles.needIdentity')}</p> : null}
      {quarantined && quarantined.length > 0 ? (
        <div className="quarantine" aria-labelledby="quarantine-title">
          <h3 id="quarantine-title">
            {t('quarantine.title')} <span className="count">{f.number(quarantined.length)}</span>
          </h3>
          <p className="muted">{t('quarantine.intro')}</p>
          <ul className="conflict-list">
            {quarantined.map((entry) => {
              const known = keyring?.find((p) => p.id === entry.signerCard.installationId);
              return (
                <li key={entry.bundleId} className="conflict">
                  <div className="conflict-head">
                    <strong>{entry.signerCard.organisation}</strong> — {entry.signerCard.person} · {t(`workspace.${entry.workspace}`)} ·{' '}
                    {t('quarantine.operations', { count: entry.operations })} · {f.dateTime(entry.receivedAt)}
                  </div>
                  <div className="record-sub">
                    {t('quarantine.signerFingerprint')} <span className="mono">{identityFingerprint(entry.signerCard)}</span> · {t('bundles.fingerprint')}{' '}
                    <span className="mono">{entry.fingerprint}</span>
                  </div>
                  <div className="button-row">
                    {known ? null : (
                      <button type="button" className="button" onClick={() => void addSigner(entry)}>
                        {t('quarantine.addSigner')}
                      </button>
                    )}
                    <button type="button" className="button primary" disabled={busy || known?.trust !== 'verified'} onClick={() => void check(entry.fileName, entry.bytes)}>
                      {t('quarantine.checkAgain')}
                    </button>
                    <button type="button" className="button danger" onClick={() => void db.quarantine.delete(entry.bundleId)}>
                      {t('quarantine.discard')}
                    </button>
                  </div>
                  {known && known.trust !== 'verified' ? <p className="field-hint">{t(known.trust === 'revoked' ? 'quarantine.signerRevoked' : 'quarantine.verifyFirst')}</p> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {exporting ? <ExportDialog onClose={() => setExporting(false)} /> : null}
      {preview ? <ImportDialog preview={preview.preview} fileName={preview.fileName} onClose={() => setPreview(null)} /> : null}
      {log && log.length > 0 ? (
        <div className="exchange-log">
          <h3 id="exchange-log-title">{t('exchangeLog.title')}</h3>
          <div className="table-scroll">
            <table className="data-table" aria-labelledby="exchange-log-title">
              <thead>
                <tr>
                  <th scope="col">{t('exchange.col.time')}</th>
                  <th scope="col">{t('exchangeLog.col.event')}</th>
                  <th scope="col">{t('exchangeLog.col.peer')}</th>
                  <th scope="col">{t('bundles.fingerprint')}</th>
                  <th scope="col">{t('exchangeLog.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {log.map((entry) => (
                  <tr key={entry.id}>
                    <td>{f.dateTime(entry.createdAt)}</td>
                    <td>
                      <span className={`badge event-${entry.event}`}>{t(`exchangeLog.event.${entry.event}`)}</span>
                    </td>
                    <td>{entry.peer ?? '—'}</td>
                    <td className="mono small nowrap">{entry.fingerprint ?? '—'}</td>
                    <td>{entry.code ? t(`bundleErrors.${entry.code}`) : t('exchangeLog.operations', { count: entry.operations })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {refusal ? (
        <Dialog title={t('bundles.refusedTitle')} onClose={() => setRefusal(null)}>
          <p role="alert" className="form-failure">
            {t(`bundleErrors.${refusal.code}`)}
          </p>
          {refusal.fingerprint ? <p>{t('bundles.fingerprintWas', { fingerprint: refusal.fingerprint })}</p> : null}
          {refusal.kept ? <p>{t('quarantine.kept')}</p> : null}
          <details>
            <summary>{t('bundles.technicalDetail')}</summary>
            <p className="mono small">{refusal.detail}</p>
          </details>
          <div className="button-row end">
            <button type="button" className="button primary" onClick={() => setRefusal(null)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

function ExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db, journal, platform, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const peers = useLiveQuery(() => listKeyring(db), [db]);
  const verified = peers?.filter((p) => p.trust === 'verified') ?? [];
  const [chosen, setChosen] = useState<string[]>([]);
  const [encrypt, setEncrypt] = useState(true);
  const [scope, setScope] = useState<ExportRequest['scope']>('snapshot');
  const incidents = useLiveQuery(() => listIncidents(db, workspace), [db, workspace]);
  const [incidentId, setIncidentId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const effectiveScope = scope === 'since-last' && chosen.length !== 1 ? 'snapshot' : scope === 'incident' && !incidentId ? 'snapshot' : scope;
  const request: ExportRequest = {
    workspace,
    peers: chosen,
    encrypt: encrypt && chosen.length > 0,
    scope: effectiveScope,
    ...(effectiveScope === 'incident' ? { incidentId } : {}),
  };
  const plan = useLiveQuery(() => planExport(db, request), [db, workspace, chosen.join(','), request.encrypt, request.scope, incidentId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (encrypt && chosen.length === 0) return setError(t('bundles.choosePeer'));
    setBusy(true);
    try {
      const bundle = await exportBundle(db, request, profile.organisation);
      const saved = await platform.saveFile('bundle', bundle.fileName, bundle.bytes);
      if (!saved.ok) return setError(t(`errors.${saved.error.code}`));
      if (!saved.value) return setBusy(false);
      await recordSent(db, request, bundle, plan?.operations ?? []);
      await logExchange(journal, {
        event: 'sent',
        bundleId: bundle.bundleId,
        fingerprint: bundle.fingerprint,
        peer: verified.filter((p) => chosen.includes(p.id)).map((p) => p.card.organisation).join(', ') || null,
        bundleWorkspace: workspace,
        operations: bundle.operations,
        fileName: bundle.fileName,
      });
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
        {error ? <p className="form-failure" role="alert">{error}</p> : null}
        <DialogActions onCancel={onClose} submitLabel={t('bundles.exportSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

function ImportDialog({ preview, fileName, onClose }: { preview: ImportPreview; fileName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const header = preview.bundle.header;

  const apply = async () => {
    setBusy(true);
    try {
      const added = await applyImport(db, journal, preview);
      await logExchange(journal, {
        event: 'received',
        bundleId: header.bundleId,
        fingerprint: preview.bundle.fingerprint,
        peer: header.sender.organisation,
        bundleWorkspace: header.workspace,
        operations: added,
        fileName,
      });
      notify(added === 0 ? { tone: 'info', messageKey: 'bundles.nothingNew' } : { tone: 'success', messageKey: 'bundles.imported', values: { count: String(added) } });
      onClose();
    } catch (e) {
      notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('bundles.previewTitle')} onClose={onClose} wide>
      <dl className="facts">
        <div>
          <dt>{t('bundles.signer')}</dt>
          <dd>
            {header.sender.organisation} ({f.country(header.sender.country)})
          </dd>
        </div>
        <div>
          <dt>{t('bundles.fingerprint')}</dt>
          <dd className="mono">{preview.bundle.fingerprint}</dd>
        </div>
        <div>
          <dt>{t('exchange.workspace')}</dt>
          <dd>{t(`workspace.${header.workspace}`)}</dd>
        </div>
        <div>
          <dt>{t('bundles.highestTlp')}</dt>
          <dd>
            <TlpBadge tlp={header.highestTlp} />
          </dd>
        </div>
        <div>
          <dt>{t('bundles.madeAt')}</dt>
          <dd>{f.dateTime(header.createdAt)}</dd>
        </div>
      </dl>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('exchange.col.table')}</th>
            <th scope="col">{t('bundles.col.new')}</th>
            <th scope="col">{t('bundles.col.changed')}</th>
            <th scope="col">{t('bundles.col.conflicts')}</th>
          </tr>
        </thead>
        <tbody>
          {REPLICATED_TABLES.map((table) => (
            <tr key={table}>
              <td>{t(`tables.${table}`)}</td>
              <td>{f.number(preview.counts[table].new)}</td>
              <td>{f.number(preview.counts[table].changed)}</td>
              <td>{f.number(preview.counts[table].conflicts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.newOperations === 0 ? <p className="muted">{t('bundles.alreadyImported')}</p> : null}
      {preview.sequence.status === 'gap' ? <p className="field-error">{t('bundles.sequenceGap', { count: preview.sequence.missing })}</p> : null}
      {preview.gaps.length > 0 ? <p className="field-error">{t('bundles.changesMissing', { count: preview.gaps.length })}</p> : null}
      <div className="button-row end">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void apply()}>
          {t('bundles.apply')}
        </button>
      </div>
    </Dialog>
  );
}
