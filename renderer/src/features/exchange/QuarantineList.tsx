/**
 * Bundles whose signer is not (yet) a verified peer: shown with the signer's card and fingerprint,
 * until someone verifies the signer and imports the bundle, or discards it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { identityCardText, identityFingerprint } from '../../../../shared/crypto/identity';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { useSession } from '../../app/session';
import { quarantinedSource } from '../../db/exchange';
import { addPeerCard, listKeyring } from '../../db/keyring';
import type { FileSource } from '../../platform/fileSource';
import type { QuarantinedBundle } from '../../db/WorkbookDb';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';

export function QuarantineList({ busy, onCheck }: { busy: boolean; onCheck: (source: FileSource) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal } = useSession();
  const notify = useUiStore((s) => s.notify);
  const quarantined = useLiveQuery(() => db.quarantine.orderBy('receivedAt').toArray(), [db]);
  const keyring = useLiveQuery(() => listKeyring(db), [db]);

  const addSigner = async (entry: QuarantinedBundle) => {
    try {
      await addPeerCard(db, journal, identityCardText(entry.signerCard));
      notify({ tone: 'success', messageKey: 'keyring.added', values: { organisation: entry.signerCard.organisation } });
    } catch (e) {
      notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
    }
  };

  if (!quarantined || quarantined.length === 0) return null;
  return (
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
                <button type="button" className="button primary" disabled={busy || known?.trust !== 'verified'} onClick={() => onCheck(quarantinedSource(entry))}>
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
  );
}
