/**
 * Settings → Backup: one encrypted file with the whole workbook, and the restore that replaces
 * the workbook with it. The restore shows what the file holds (organisation, installation, when
 * made, rows per table) and what happens to the keys before anything is replaced; it replaces
 * everything in one step and then verifies the journal and the logbook chains.
 *
 * The private keys are not in the file (see shared/backup/format.ts); the section says so.
 */
import { DatabaseBackup, RotateCcw, Upload } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_TABLES, type BackupProblemKind, type BackupTable } from '../../../../shared/backup/format';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { Field } from '../../components/Field';
import { BackupProblem, backupFileName, createBackupFile, previewRestore, restoreWorkbook, type RestorePreview, type RestoreReport } from '../../db/backup';
import { MIN_PASSPHRASE_LENGTH } from '../../db/identity';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';

/**
 * The checks' verdict crosses the reload that follows a restore (the reload is needed: every
 * open journal, clock and cache describes the replaced database). Numbers only, no content.
 */
const REPORT_KEY = 'crisis-workbook:restore-report';

function takeRestoreReport(): RestoreVerdict | null {
  const text = sessionStorage.getItem(REPORT_KEY);
  if (text === null) return null;
  sessionStorage.removeItem(REPORT_KEY);
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const n = (k: string) => (typeof value[k] === 'number' ? value[k] : 0);
    return { journalFindings: n('journalFindings'), brokenChains: n('brokenChains'), incidentsChecked: n('incidentsChecked') };
  } catch {
    return null;
  }
}

type RestoreVerdict = Pick<RestoreReport, 'journalFindings' | 'brokenChains' | 'incidentsChecked'>;
// Read once per page load, so that a double render (StrictMode) sees the same verdict.
let pendingVerdict: RestoreVerdict | null | undefined;

export function BackupSection() {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<null | 'backup' | 'restore'>(null);
  const [report, setReport] = useState(() => (pendingVerdict ??= takeRestoreReport()));
  return (
    <section className="card span-2" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <p>{t('backup.intro')}</p>
      <p className="field-hint">{t('backup.keysNote')}</p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => setDialog('backup')}>
          <DatabaseBackup size={16} aria-hidden /> {t('backup.make')}
        </button>
        <button type="button" className="button" onClick={() => setDialog('restore')}>
          <RotateCcw size={16} aria-hidden /> {t('backup.restore')}
        </button>
      </div>
      {dialog === 'backup' ? <MakeBackupDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'restore' ? <RestoreDialog onClose={() => setDialog(null)} /> : null}
      {report ? <RestoredDialog
          report={report}
          onClose={() => {
            pendingVerdict = null;
            setReport(null);
          }}
        /> : null}
    </section>
  );
}

function MakeBackupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db, platform } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) return setError(t('backup.passphraseTooShort', { min: MIN_PASSPHRASE_LENGTH }));
    if (passphrase !== repeat) return setError(t('backup.passphraseMismatch'));
    setError(null);
    setBusy(true);
    try {
      const info = await platform.appInfo();
      const { file, manifest } = await createBackupFile(db, passphrase, { appVersion: info.ok ? info.value.version : '' });
      const saved = await platform.saveFile('any', backupFileName(manifest), file);
      if (!saved.ok) {
        setError(t(`errors.${saved.error.code}`));
        setBusy(false);
        return;
      }
      if (saved.value) notify({ tone: 'success', messageKey: 'backup.saved', values: { location: saved.value.location } });
      onClose();
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('backup.make')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t('backup.makeIntro')}</p>
        <div className="form-grid">
          <NewPassphraseFields
            labels={{ passphrase: t('backup.passphrase'), hint: t('backup.passphraseHint', { min: MIN_PASSPHRASE_LENGTH }), repeat: t('backup.passphraseRepeat') }}
            error={error}
            passphrase={passphrase}
            repeat={repeat}
            onPassphrase={setPassphrase}
            onRepeat={setRepeat}
          />
        </div>
        <DialogActions onCancel={onClose} submitLabel={busy ? t('backup.making') : t('backup.makeSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}

/** The sentence for a refused backup file. */
function useProblemText() {
  const { t } = useTranslation();
  return (kind: BackupProblemKind): string => {
    switch (kind) {
      case 'not-a-backup':
        return t('backup.problem.notABackup');
      case 'wrong-passphrase':
        return t('backup.problem.wrongPassphrase');
      case 'damaged':
        return t('backup.problem.damaged');
      case 'invalid-content':
        return t('backup.problem.invalidContent');
      case 'newer-version':
        return t('backup.problem.newerVersion');
      case 'older-version':
        return t('backup.problem.olderVersion');
    }
  };
}

/** What each table is, in words (keys written out: the translation check reads them). */
function useTableLabels(): Record<BackupTable, string> {
  const { t } = useTranslation();
  return {
    procedures: t('backup.table.procedures'),
    contacts: t('backup.table.contacts'),
    incidents: t('backup.table.incidents'),
    logEntries: t('backup.table.logEntries'),
    procedureVersions: t('backup.table.procedureVersions'),
    procedureRuns: t('backup.table.procedureRuns'),
    callTrees: t('backup.table.callTrees'),
    callRounds: t('backup.table.callRounds'),
    profile: t('backup.table.profile'),
    keyring: t('backup.table.keyring'),
    exchangeLog: t('backup.table.exchangeLog'),
    outage: t('backup.table.outage'),
    operations: t('backup.table.operations'),
    meta: t('backup.table.meta'),
    conflicts: t('backup.table.conflicts'),
    quarantine: t('backup.table.quarantine'),
    importStaging: t('backup.table.importStaging'),
  };
}

function RestoredDialog({ report, onClose }: { report: RestoreVerdict; onClose: () => void }) {
  const { t } = useTranslation();
  const sound = report.journalFindings === 0 && report.brokenChains === 0;
  return (
    <Dialog title={t('backup.restored')} onClose={onClose}>
      <p role="status" className={sound ? undefined : 'field-error'}>
        {sound
          ? t('backup.restoredSound', { count: report.incidentsChecked })
          : t('backup.restoredWithFindings', { findings: report.journalFindings, chains: report.brokenChains })}
      </p>
      <div className="button-row end">
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

function RestoreDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, platform } = useSession();
  const problemText = useProblemText();
  const labels = useTableLabels();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async () => {
    const picked = await platform.openFile('any');
    if (!picked.ok) setError(t(`errors.${picked.error.code}`));
    else if (picked.value) {
      setFile(picked.value);
      setError(null);
    }
  };

  const open = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(t('backup.chooseFile'));
    setBusy(true);
    setError(null);
    try {
      setPreview(await previewRestore(db, file.bytes, passphrase));
    } catch (e) {
      setError(e instanceof BackupProblem ? problemText(e.kind) : t(`errors.${errorCodeOf(e)}`));
    }
    setBusy(false);
  };

  const replace = async (event: FormEvent) => {
    event.preventDefault();
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const report = await restoreWorkbook(db, preview.backup);
      const { journalFindings, brokenChains, incidentsChecked } = report;
      sessionStorage.setItem(REPORT_KEY, JSON.stringify({ journalFindings, brokenChains, incidentsChecked }));
      window.location.reload();
    } catch (e) {
      setError(t('backup.restoreFailed', { detail: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };

  if (preview) {
    const m = preview.backup.manifest;
    return (
      <Dialog title={t('backup.restore')} onClose={onClose} wide>
        <form onSubmit={(e) => void replace(e)} noValidate>
          <dl className="facts" data-testid="backup-preview">
            <div>
              <dt>{t('backup.organisation')}</dt>
              <dd>{m.organisation}</dd>
            </div>
            <div>
              <dt>{t('backup.person')}</dt>
              <dd>{m.person}</dd>
            </div>
            <div>
              <dt>{t('backup.installation')}</dt>
              <dd className="mono">{m.installationId}</dd>
            </div>
            <div>
              <dt>{t('backup.createdAt')}</dt>
              <dd>{f.dateTime(m.createdAt)}</dd>
            </div>
            <div>
              <dt>{t('backup.appVersion')}</dt>
              <dd>{m.appVersion || '—'}</dd>
            </div>
          </dl>
          <table className="data-table compact" aria-label={t('backup.counts')}>
            <thead>
              <tr>
                <th scope="col">{t('backup.tableColumn')}</th>
                <th scope="col">{t('backup.rowsColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {BACKUP_TABLES.map((table) => (
                <tr key={table} data-table={table}>
                  <td>{labels[table]}</td>
                  <td>{f.number(m.counts[table])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field-error">{t('backup.replaceWarning')}</p>
          {preview.backup.tables.meta.some((row) => (row as { key?: unknown }).key === 'appLock') ? <p className="field-hint">{t('backup.lockIncluded')}</p> : null}
          <p className="field-hint">
            {preview.keys === 'kept' ? t('backup.keysKept') : preview.keys === 'removed' ? t('backup.keysRemoved') : t('backup.keysNone')}
          </p>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <DialogActions onCancel={onClose} submitLabel={busy ? t('backup.restoring') : t('backup.replaceSubmit')} busy={busy} />
        </form>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('backup.restore')} onClose={onClose}>
      <form onSubmit={(e) => void open(e)} noValidate>
        <p>{t('backup.restoreIntro')}</p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => void pick()}>
            <Upload size={16} aria-hidden /> {t('backup.chooseFile')}
          </button>
          {file ? <span className="mono small">{file.name}</span> : null}
        </div>
        <Field label={t('backup.passphrase')} error={error}>
          <input type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </Field>
        <DialogActions onCancel={onClose} submitLabel={busy ? t('backup.opening') : t('backup.openSubmit')} busy={busy} />
      </form>
    </Dialog>
  );
}
