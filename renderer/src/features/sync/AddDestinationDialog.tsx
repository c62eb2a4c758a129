/**
 * Add a sync destination: a WebDAV hub (address, user name, password kept in the OS secure
 * storage by the desktop app, for this session only in a browser), a folder (USB stick), or a
 * watched folder (network share, Syncthing), with the peers whose outbox it carries.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { FolderOpen } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { newRecordId } from '../../../../shared/model/ids';
import { isoNow } from '../../../../shared/model/time';
import { HubUrlSchema, type Destination, type DestinationKind } from '../../../../shared/sync/destination';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field, FieldGroup } from '../../components/Field';
import { listKeyring } from '../../db/keyring';
import { removeDestination, saveDestination } from '../../db/outbox';
import { useUiStore } from '../../stores/useUiStore';
import { syncServiceFor } from '../../sync/syncService';

export function AddDestinationDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const { db, platform } = session;
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const peers = useLiveQuery(() => listKeyring(db), [db]);
  const verified = peers?.filter((p) => p.trust === 'verified') ?? [];
  const kinds = platform.sync.kinds;
  const [kind, setKind] = useState<DestinationKind>(kinds[0] ?? 'webdav');
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [path, setPath] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [encrypt, setEncrypt] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [drives, setDrives] = useState<string[]>([]);
  const [storage, setStorage] = useState<{ available: boolean; backend: string } | null>(null);

  useEffect(() => {
    let live = true;
    void platform.sync.removableDrives().then((r) => {
      if (live && r.ok) setDrives(r.value);
    });
    void platform.sync.credentialStorage().then((r) => {
      if (live && r.ok) setStorage(r.value);
    });
    return () => {
      live = false;
    };
  }, [platform]);

  const chooseFolder = async () => {
    const picked = await platform.sync.chooseFolder();
    if (!picked.ok) return setError(t(`errors.${picked.error.code}`));
    if (picked.value) setPath(picked.value);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!label.trim()) return setError(t('destinations.needLabel'));
    if (chosen.length === 0) return setError(t('destinations.needPeers'));
    const base = { id: newRecordId(), label: label.trim(), workspace, peers: chosen, encrypt, createdAt: isoNow() };
    let destination: Destination;
    if (kind === 'webdav') {
      const parsedUrl = HubUrlSchema.safeParse(url);
      if (!parsedUrl.success) return setError(t('destinations.badUrl'));
      if (username.trim() && !password) return setError(t('destinations.needPassword'));
      destination = { ...base, kind, url: parsedUrl.data, username: username.trim() || null };
    } else {
      if (!path) return setError(t('destinations.needFolder'));
      destination = { ...base, kind, path };
    }
    setBusy(true);
    try {
      await saveDestination(db, destination);
      if (destination.kind === 'webdav' && destination.username) {
        const kept = await platform.sync.setCredentials(destination.id, { username: destination.username, password });
        if (!kept.ok) {
          await removeDestination(db, destination.id);
          setBusy(false);
          return setError(t('destinations.passwordNotKept', { reason: t(`errors.${kept.error.code}`) }));
        }
      }
      const service = syncServiceFor(session);
      await service.refreshWatches();
      service.scheduler.reachable(destination.id);
      notify({ tone: 'success', messageKey: 'destinations.added', values: { label: destination.label } });
      onClose();
    } catch (err) {
      setError(t(`errors.${errorCodeOf(err)}`));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('destinations.addTitle')} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FieldGroup legend={t('destinations.kindLegend')}>
          {kinds.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="destination-kind" checked={kind === k} onChange={() => setKind(k)} />
              <span>
                {t(`destinations.kind.${k}`)} <span className="muted">— {t(`destinations.kindHint.${k}`)}</span>
              </span>
            </label>
          ))}
          {platform.kind === 'web' ? <p className="field-hint">{t('destinations.webOnlyHub')}</p> : null}
        </FieldGroup>
        <Field label={t('destinations.label')}>
          <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} />
        </Field>
        {kind === 'webdav' ? (
          <>
            <Field label={t('destinations.url')} hint={t('destinations.urlHint')}>
              <input value={url} onChange={(e) => setUrl(e.target.value)} inputMode="url" placeholder="https://hub.example.org/workbook/" />
            </Field>
            <Field label={t('destinations.username')}>
              <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
            </Field>
            <Field
              label={t('destinations.password')}
              hint={
                platform.sync.credentialKeeping === 'session'
                  ? t('destinations.passwordSession')
                  : storage && !storage.available
                    ? t('destinations.passwordNoStorage', { backend: storage.backend })
                    : t('destinations.passwordOs')
              }
            >
              <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
            </Field>
          </>
        ) : (
          <div className="field">
            <p>{path ? <span className="mono">{path}</span> : <span className="muted">{t('destinations.noFolder')}</span>}</p>
            <button type="button" className="button" onClick={() => void chooseFolder()}>
              <FolderOpen size={16} aria-hidden /> {t('destinations.chooseFolder')}
            </button>
            {drives.length > 0 ? <p className="field-hint">{t('destinations.drivesDetected', { drives: drives.join(', ') })}</p> : null}
          </div>
        )}
        <FieldGroup legend={t('destinations.peers')}>
          {verified.length === 0 ? <p className="field-hint">{t('bundles.noVerifiedPeers')}</p> : null}
          {verified.map((peer) => (
            <label key={peer.id} className="choice">
              <input type="checkbox" checked={chosen.includes(peer.id)} onChange={() => setChosen((c) => (c.includes(peer.id) ? c.filter((x) => x !== peer.id) : [...c, peer.id]))} />
              <span>
                {peer.card.organisation} — {peer.card.person}
              </span>
            </label>
          ))}
        </FieldGroup>
        <FieldGroup legend={t('bundles.options')}>
          <label className="choice">
            <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
            <span>{t('destinations.encrypt')}</span>
          </label>
          <p className="field-hint">{t('destinations.tlpHint')}</p>
        </FieldGroup>
        {error ? (
          <p className="form-failure" role="alert">
            {error}
          </p>
        ) : null}
        <DialogActions onCancel={onClose} submitLabel={t('destinations.add')} busy={busy} />
      </form>
    </Dialog>
  );
}
