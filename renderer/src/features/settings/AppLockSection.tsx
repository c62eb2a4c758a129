/**
 * Settings → App lock: turn the lock on with a passphrase (only a verifier is stored), choose the
 * idle time, lock now, turn it off again (with the passphrase). What the lock does and does not
 * protect is in docs/protection-at-rest.md; the section says the short version.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Lock } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/crypto/passphrasePolicy';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { Field } from '../../components/Field';
import {
  ContentEncryptionOnError,
  disableAppLock,
  disableContentSealing,
  enableAppLock,
  enableContentSealing,
  getAppLock,
  getContentSealing,
  setIdleMinutes,
  type SealingProgress,
} from '../../db/appLock';
import { DEFAULT_IDLE_MINUTES, IDLE_CHOICES, type IdleMinutes } from '../lock/lockPolicy';
import { useLockStore } from '../lock/useLockStore';
import { runSealingTask, useSealingStore } from '../lock/useSealingStore';
import { useUiStore } from '../../stores/useUiStore';

function IdleSelect({ value, onChange }: { value: IdleMinutes; onChange: (minutes: IdleMinutes) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('appLock.idle')}>
      <select value={value} onChange={(e) => onChange(Number(e.target.value) as IdleMinutes)}>
        {IDLE_CHOICES.map((m) => (
          <option key={m} value={m}>
            {m === 0 ? t('appLock.idleOff') : t('appLock.minutes', { count: m })}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function AppLockSection() {
  const { t } = useTranslation();
  const { db } = useSession();
  const notify = useUiStore((s) => s.notify);
  const settings = useLiveQuery(() => getAppLock(db), [db]);
  const [dialog, setDialog] = useState<null | 'enable' | 'disable' | 'encrypt' | 'decrypt'>(null);

  const changeIdle = async (minutes: IdleMinutes) => {
    try {
      await setIdleMinutes(db, minutes);
      notify({ tone: 'success', messageKey: 'appLock.idleSaved' });
    } catch (e) {
      notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
    }
  };

  return (
    <section className="card" aria-labelledby="app-lock-title">
      <h2 id="app-lock-title">{t('appLock.title')}</h2>
      <p>{t('appLock.intro')}</p>
      {settings === undefined ? null : settings ? (
        <>
          <p>
            <strong>{t('appLock.statusOn')}</strong>
          </p>
          <IdleSelect value={settings.idleMinutes} onChange={(m) => void changeIdle(m)} />
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => useLockStore.getState().lock()} aria-keyshortcuts="Control+L">
              <Lock size={16} aria-hidden /> {t('appLock.lockNow')}
            </button>
            <button type="button" className="button" onClick={() => setDialog('disable')}>
              {t('appLock.disable')}
            </button>
          </div>
          <p className="field-hint">{t('appLock.shortcut')}</p>
          <ContentEncryption onChange={(on) => setDialog(on ? 'encrypt' : 'decrypt')} />
        </>
      ) : (
        <>
          <p>{t('appLock.statusOff')}</p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setDialog('enable')}>
              <Lock size={16} aria-hidden /> {t('appLock.enable')}
            </button>
          </div>
        </>
      )}
      <p className="field-hint">{t('appLock.atRestNote')}</p>
      {dialog === 'enable' ? <EnableDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'disable' ? <DisableDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'encrypt' || dialog === 'decrypt' ? <ContentEncryptionDialog encrypt={dialog === 'encrypt'} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

function EnableDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [idle, setIdle] = useState<IdleMinutes>(DEFAULT_IDLE_MINUTES);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) return setError(t('appLock.passphraseTooShort', { min: MIN_PASSPHRASE_LENGTH }));
    if (passphrase !== repeat) return setError(t('appLock.passphraseMismatch'));
    setBusy(true);
    try {
      await enableAppLock(db, passphrase, idle);
      notify({ tone: 'success', messageKey: 'appLock.enabled' });
      onClose();
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('appLock.enable')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <NewPassphraseFields
            labels={{ passphrase: t('appLock.passphrase'), hint: t('appLock.passphraseHint', { min: MIN_PASSPHRASE_LENGTH }), repeat: t('appLock.passphraseRepeat') }}
            error={error}
            passphrase={passphrase}
            repeat={repeat}
            onPassphrase={setPassphrase}
            onRepeat={setRepeat}
          />
          <IdleSelect value={idle} onChange={setIdle} />
        </div>
        <DialogActions onCancel={onClose} submitLabel={t('appLock.enableSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

function DisableDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      if (await disableAppLock(db, passphrase)) {
        notify({ tone: 'success', messageKey: 'appLock.disabled' });
        onClose();
        return;
      }
      setError(t('appLock.wrongPassphrase'));
    } catch (e) {
      setError(e instanceof ContentEncryptionOnError ? t('appLock.content.lockOffFirst') : t(`errors.${errorCodeOf(e)}`));
    }
    setBusy(false);
  };

  return (
    <Dialog title={t('appLock.disable')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t('appLock.disableIntro')}</p>
        <Field label={t('appLock.passphrase')} error={error}>
          <input type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
        </Field>
        <DialogActions onCancel={onClose} submitLabel={t('appLock.disableSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

/**
 * Content encryption at rest: on or off, and how far turning it on or off has got. Changing it
 * asks for the passphrase (it wraps the data key, or proves the right to store the content in
 * clear again).
 */
function ContentEncryption({ onChange }: { onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const sealing = useLiveQuery(() => getContentSealing(db), [db]);
  const { running, progress, failed } = useSealingStore();
  if (sealing === undefined) return null;
  const on = sealing !== null && sealing.phase !== 'opening';
  return (
    <div className="content-encryption">
      <label className="choice">
        <input type="checkbox" checked={on} disabled={running} onChange={(e) => onChange(e.target.checked)} />
        <span>{t('appLock.content.label')}</span>
      </label>
      <p className="field-hint">{t('appLock.content.hint')}</p>
      <p role="status" aria-live="polite">
        {running && progress
          ? t(progress.phase === 'sealing' ? 'appLock.content.sealing' : 'appLock.content.opening', { done: progress.done, total: progress.total })
          : failed
            ? t('appLock.content.failed')
            : sealing?.phase === 'on'
              ? t('appLock.content.on')
              : null}
      </p>
    </div>
  );
}

function ContentEncryptionDialog({ encrypt, onClose }: { encrypt: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { db } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const task = (onProgress: (progress: SealingProgress) => void) =>
      encrypt ? enableContentSealing(db, passphrase, { onProgress }) : disableContentSealing(db, passphrase, { onProgress });
    // The passphrase is checked first (one scrypt); the rewrite then runs on with its progress line.
    let started = false;
    const run = runSealingTask(async (onProgress) =>
      task((p) => {
        if (!started) {
          started = true;
          onClose();
        }
        onProgress(p);
      }),
    );
    try {
      if (!(await run)) {
        setError(t('appLock.wrongPassphrase'));
        setBusy(false);
        return;
      }
      notify({ tone: 'success', messageKey: encrypt ? 'appLock.content.enabled' : 'appLock.content.disabled' });
      if (!started) onClose();
    } catch (e) {
      if (started) notify({ tone: 'error', messageKey: 'appLock.content.failed' });
      else {
        setError(t(`errors.${errorCodeOf(e)}`));
        setBusy(false);
      }
    }
  };

  return (
    <Dialog title={t(encrypt ? 'appLock.content.enableTitle' : 'appLock.content.disableTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t(encrypt ? 'appLock.content.enableIntro' : 'appLock.content.disableIntro')}</p>
        <Field label={t('appLock.passphrase')} error={error}>
          <input type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus />
        </Field>
        <DialogActions onCancel={onClose} submitLabel={t(encrypt ? 'appLock.content.enableSubmit' : 'appLock.content.disableSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}
