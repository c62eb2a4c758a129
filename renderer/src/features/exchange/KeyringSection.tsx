/**
 * The keyring: peers' identity cards, their fingerprints and trust. A card arrives unverified; a
 * person compares the fingerprint with the peer over a telephone line or in person and records
 * it; a compromised or retired peer is revoked, and its bundles are refused from then on.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Ban, BadgeCheck, FileUp, UserPlus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { identityFingerprint, parseIdentityCard } from '../../../../shared/crypto/identity';
import { errorCodeOf } from '../../../../shared/errors/codes';
import type { KeyringEntry, TrustState } from '../../../../shared/model/keyring';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { addPeerCard, listKeyring, markPeerVerified, revokePeer } from '../../db/keyring';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';

export function KeyringSection() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const peers = useLiveQuery(() => listKeyring(db), [db]);
  const [dialog, setDialog] = useState<null | { kind: 'add' } | { kind: 'verify' | 'revoke'; peer: KeyringEntry }>(null);
  const sorted = peers?.slice().sort((a, b) => f.compare(a.card.organisation, b.card.organisation));

  return (
    <section className="card span-3" aria-labelledby="keyring-title">
      <div className="pane-header">
        <h2 id="keyring-title">{t('keyring.title')}</h2>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'add' })}>
          <UserPlus size={16} aria-hidden /> {t('keyring.add')}
        </button>
      </div>
      <p className="muted">{t('keyring.intro')}</p>
      {sorted && sorted.length === 0 ? (
        <EmptyState title={t('keyring.emptyTitle')}>{t('keyring.emptyText')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('keyring.col.peer')}</th>
                <th scope="col">{t('keyring.col.fingerprint')}</th>
                <th scope="col">{t('keyring.col.trust')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('keyring.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted?.map((peer) => (
                <tr key={peer.id}>
                  <td>
                    <strong>{peer.card.organisation}</strong>
                    <div className="record-sub">
                      {peer.card.person} · {t(`roles.${peer.card.role}`)} · {f.country(peer.card.country)}
                    </div>
                  </td>
                  <td className="mono small nowrap">{peer.fingerprint}</td>
                  <td>
                    <TrustBadge trust={peer.trust} />
                    <div className="record-sub">{trustDetail(peer, t, (iso) => f.dateTime(iso))}</div>
                  </td>
                  <td>
                    <div className="button-row compact">
                      {peer.trust === 'unverified' ? (
                        <button type="button" className="button" onClick={() => setDialog({ kind: 'verify', peer })}>
                          <BadgeCheck size={15} aria-hidden /> {t('keyring.verify')}
                        </button>
                      ) : null}
                      {peer.trust !== 'revoked' ? (
                        <button type="button" className="button danger" onClick={() => setDialog({ kind: 'revoke', peer })}>
                          <Ban size={15} aria-hidden /> {t('keyring.revoke')}
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'add' ? <AddPeerDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'verify' ? <VerifyPeerDialog peer={dialog.peer} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'revoke' ? <RevokePeerDialog peer={dialog.peer} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

function trustDetail(peer: KeyringEntry, t: TFunction, dateTime: (iso: string) => string): string {
  if (peer.trust === 'verified' && peer.verifiedAt) {
    return t('keyring.verifiedDetail', { by: peer.verifiedBy ?? '', how: peer.verifiedHow ?? '', time: dateTime(peer.verifiedAt) });
  }
  if (peer.trust === 'revoked' && peer.revokedAt) {
    return t('keyring.revokedDetail', { by: peer.revokedBy ?? '', time: dateTime(peer.revokedAt), reason: peer.revokedReason ?? '' });
  }
  return t('keyring.addedDetail', { time: dateTime(peer.createdAt) });
}

function TrustBadge({ trust }: { trust: TrustState }) {
  const { t } = useTranslation();
  return <span className={`badge trust-${trust}`}>{t(`keyring.trust.${trust}`)}</span>;
}

function AddPeerDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db, journal, platform } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const preview = text.trim() ? parseIdentityCard(text.trim()) : null;

  const pick = async () => {
    const picked = await platform.openFile('identity-card');
    if (!picked.ok) setError(t(`errors.${picked.error.code}`));
    else if (picked.value) setText(new TextDecoder().decode(picked.value.bytes));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!preview) return setError(t('keyring.pasteOrOpen'));
    if (!preview.ok) return setError(t(`errors.${preview.code}`));
    setBusy(true);
    try {
      const result = await addPeerCard(db, journal, text.trim());
      if (!result.added) setError(t('keyring.alreadyThere'));
      else {
        notify({ tone: 'success', messageKey: 'keyring.added', values: { organisation: result.entry.card.organisation } });
        onClose();
      }
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('keyring.add')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="button-row">
          <button type="button" className="button" onClick={() => void pick()}>
            <FileUp size={16} aria-hidden /> {t('keyring.openCard')}
          </button>
        </div>
        <Field label={t('keyring.cardText')} hint={t('keyring.cardTextHint')} error={error}>
          <textarea className="mono small" rows={6} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        </Field>
        {preview?.ok ? (
          <div className="card-preview" aria-live="polite">
            <strong>{preview.card.organisation}</strong> — {preview.card.person}
            <div className="fingerprint-block">
              <span className="fingerprint-label">{t('identity.fingerprint')}</span>
              <span className="fingerprint">{identityFingerprint(preview.card)}</span>
            </div>
            <p className="field-hint">{t('keyring.addHint')}</p>
          </div>
        ) : null}
        <DialogActions onCancel={onClose} submitLabel={t('keyring.addSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

const VERIFICATION_METHODS = ['telephone', 'in-person', 'video'] as const;

function VerifyPeerDialog({ peer, onClose }: { peer: KeyringEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const { journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const [how, setHow] = useState<(typeof VERIFICATION_METHODS)[number]>('telephone');
  const [matches, setMatches] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches) return setError(t('keyring.confirmMatch'));
    const done = await run(() => markPeerVerified(journal, peer.id, profile.person, t(`keyring.method.${how}`)), 'keyring.verified', {
      organisation: peer.card.organisation,
    });
    if (done) onClose();
  };

  return (
    <Dialog title={t('keyring.verifyTitle', { organisation: peer.card.organisation })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t('keyring.verifyIntro', { person: peer.card.person })}</p>
        <div className="fingerprint-block large">
          <span className="fingerprint" data-testid="peer-fingerprint">
            {peer.fingerprint}
          </span>
        </div>
        <Field label={t('keyring.verifyHow')}>
          <select value={how} onChange={(e) => setHow(e.target.value as (typeof VERIFICATION_METHODS)[number])}>
            {VERIFICATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`keyring.method.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <label className="choice">
          <input type="checkbox" checked={matches} onChange={(e) => setMatches(e.target.checked)} />
          <span>{t('keyring.matchStatement')}</span>
        </label>
        {error ? <p className="field-error">{error}</p> : null}
        <DialogActions onCancel={onClose} submitLabel={t('keyring.verifySubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

function RevokePeerDialog({ peer, onClose }: { peer: KeyringEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const { journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError(t('form.required'));
    const done = await run(() => revokePeer(journal, peer.id, profile.person, reason.trim()), 'keyring.revoked', {
      organisation: peer.card.organisation,
    });
    if (done) onClose();
  };

  return (
    <Dialog title={t('keyring.revokeTitle', { organisation: peer.card.organisation })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t('keyring.revokeIntro')}</p>
        <Field label={t('keyring.revokeReason')} error={error}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        </Field>
        <DialogActions onCancel={onClose} submitLabel={t('keyring.revokeSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}
