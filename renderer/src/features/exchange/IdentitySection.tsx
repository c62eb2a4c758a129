/**
 * This installation's identity: its card and fingerprint for peers, or the creation of one (with
 * a passphrase-protected backup handed over at once, the only way the keys can ever be restored),
 * and where the private keys are kept (OS secure storage on the desktop, browser keys otherwise).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Copy, Download, KeyRound, Upload } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { identityCardText, identityFingerprint } from '../../../../shared/crypto/identity';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { Field } from '../../components/Field';
import { getInstallationKeys, MIN_PASSPHRASE_LENGTH } from '../../db/identity';
import type { InstallationKeysRow } from '../../db/WorkbookDb';
import type { KeyStorageInfo } from '../../identity/keyStore';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';

function fileStem(organisation: string): string {
  return organisation.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'workbook';
}

export function IdentitySection() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, platform, profile, keyStore } = useSession();
  const notify = useUiStore((s) => s.notify);
  const keys = useLiveQuery(() => getInstallationKeys(db), [db]);
  const [dialog, setDialog] = useState<null | 'create' | 'restore'>(null);

  const saveCard = async () => {
    if (!keys) return;
    const result = await platform.saveFile('identity-card', `${fileStem(profile.organisation)}.cwid`, new TextEncoder().encode(identityCardText(keys.card)));
    if (!result.ok) notify({ tone: 'error', messageKey: `errors.${result.error.code}` });
    else if (result.value) notify({ tone: 'success', messageKey: 'identity.cardSaved', values: { location: result.value.location } });
  };

  const copyCard = async () => {
    if (!keys) return;
    await navigator.clipboard.writeText(identityCardText(keys.card));
    notify({ tone: 'success', messageKey: 'identity.cardCopied' });
  };

  return (
    <section className="card span-3" aria-labelledby="identity-title">
      <h2 id="identity-title">{t('identity.title')}</h2>
      {keys === undefined ? null : keys ? (
        <div className="identity">
          <p className="muted">{t('identity.intro')}</p>
          <div className="fingerprint-block">
            <span className="fingerprint-label">{t('identity.fingerprint')}</span>
            <span className="fingerprint" data-testid="own-fingerprint">
              {identityFingerprint(keys.card)}
            </span>
          </div>
          <p className="record-sub">{t('identity.createdAt', { time: f.dateTime(keys.createdAt) })}</p>
          <KeyStorageNote info={keyStore.info} row={keys} />
          <div className="button-row">
            <button type="button" className="button" onClick={() => void saveCard()}>
              <Download size={16} aria-hidden /> {t('identity.saveCard')}
            </button>
            <button type="button" className="button" onClick={() => void copyCard()}>
              <Copy size={16} aria-hidden /> {t('identity.copyCard')}
            </button>
          </div>
        </div>
      ) : (
        <div className="identity">
          <p>{t('identity.none')}</p>
          <KeyStorageNote info={keyStore.info} row={null} />
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => setDialog('create')}>
              <KeyRound size={16} aria-hidden /> {t('identity.create')}
            </button>
            <button type="button" className="button" onClick={() => setDialog('restore')}>
              <Upload size={16} aria-hidden /> {t('identity.restore')}
            </button>
          </div>
        </div>
      )}
      {dialog === 'create' ? <CreateIdentityDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'restore' ? <RestoreIdentityDialog onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

/**
 * Where the private keys are, in plain words: for an identity that exists, where its row says;
 * before one exists, where this session would keep it (and why not the OS storage, if not).
 */
function KeyStorageNote({ info, row }: { info: KeyStorageInfo; row: InstallationKeysRow | null }) {
  const { t } = useTranslation();
  const storage = row ? (row.storage ?? 'webcrypto') : info.storage;
  const backend = info.backend ?? '';
  const lines: string[] = [];
  if (storage === 'os-secure-storage') {
    lines.push(t('identity.storageOs', { backend }));
    if (!info.osStorageAvailable) lines.push(t('identity.storageOsUnavailable', { backend }));
  } else {
    lines.push(t('identity.storageWeb'));
    // Desktop app, no identity yet, and no OS storage it trusts: say why the keys stay in the app.
    if (!row && info.backend !== null && !info.osStorageAvailable) lines.push(t('identity.storageFallback', { backend }));
  }
  return (
    <p className="field-hint" data-testid="key-storage">
      {lines.join(' ')}
    </p>
  );
}

function CreateIdentityDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { platform, profile, keyStore } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) return setError(t('errors.identity-passphrase-too-short'));
    if (passphrase !== repeat) return setError(t('identity.passphraseMismatch'));
    setError(null);
    setBusy(true);
    try {
      const created = await keyStore.create(profile, passphrase);
      const saved = await platform.saveFile('identity-backup', `${fileStem(profile.organisation)}-identity-backup.age`, created.backup);
      notify({ tone: saved.ok && saved.value ? 'success' : 'error', messageKey: saved.ok && saved.value ? 'identity.created' : 'identity.backupNotSaved' });
      onClose();
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('identity.create')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t('identity.createIntro')}</p>
        <div className="form-grid">
          <NewPassphraseFields
            labels={{ passphrase: t('identity.passphrase'), hint: t('identity.passphraseHint'), repeat: t('identity.passphraseRepeat') }}
            error={error}
            passphrase={passphrase}
            repeat={repeat}
            onPassphrase={setPassphrase}
            onRepeat={setRepeat}
          />
        </div>
        <DialogActions onCancel={onClose} submitLabel={t('identity.createSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

function RestoreIdentityDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { platform, profile, keyStore } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async () => {
    const picked = await platform.openFile('identity-backup');
    if (!picked.ok) setError(t(`errors.${picked.error.code}`));
    else if (picked.value) setFile(picked.value);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(t('identity.chooseBackup'));
    setBusy(true);
    try {
      await keyStore.restore(file.bytes, profile, passphrase);
      notify({ tone: 'success', messageKey: 'identity.restored' });
      onClose();
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('identity.restore')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="button-row">
          <button type="button" className="button" onClick={() => void pick()}>
            <Upload size={16} aria-hidden /> {t('identity.chooseBackup')}
          </button>
          {file ? <span className="mono small">{file.name}</span> : null}
        </div>
        <Field label={t('identity.passphrase')} error={error}>
          <input type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </Field>
        <DialogActions onCancel={onClose} submitLabel={t('identity.restoreSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}
