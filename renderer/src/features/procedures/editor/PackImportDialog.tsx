/**
 * The content pack import dialog: who signed the pack (publisher and key id), which version it
 * replaces, and per procedure whether it is added, changed (revision from → to), unchanged or
 * withdrawn; procedure runs on incidents keep the version they followed. Nothing is written until
 * "Install pack". A refused pack (at reading, or at installing) is shown as a plain message with the
 * technical detail folded away, and nothing was written.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../../../shared/errors/codes';
import type { Language } from '../../../../../shared/i18n/languages';
import { useSession } from '../../../app/session';
import { Dialog } from '../../../components/Dialog';
import { confirmPackImport, type PackImportPreview, type PackImportRefusal, type PackPreviewRow } from '../../../db/packImport';
import { useFormatters } from '../../../i18n/format';
import { useUiStore } from '../../../stores/useUiStore';
import { pick } from '../catalogue';

/** What the dialog shows: a verified pack to confirm, or why a pack was refused. */
export type PackImportState =
  | { readonly kind: 'preview'; readonly fileName: string; readonly preview: PackImportPreview }
  | { readonly kind: 'refused'; readonly fileName: string; readonly refusal: PackImportRefusal };

const MAX_VIOLATIONS_SHOWN = 20;

function RevisionCell({ row }: { row: PackPreviewRow }) {
  const { t } = useTranslation();
  if (row.fromRevision === null) return <>{t('packImport.revisionNew', { to: row.toRevision ?? '' })}</>;
  if (row.toRevision === null || row.toRevision === row.fromRevision) return <>{t('packImport.revisionKept', { from: row.fromRevision })}</>;
  return <>{`${row.fromRevision} → ${row.toRevision}`}</>;
}

function RefusalView({ state, onClose }: { state: Extract<PackImportState, { kind: 'refused' }>; onClose: () => void }) {
  const { t } = useTranslation();
  const { refusal } = state;
  const violations = refusal.violations ?? [];
  return (
    <Dialog title={t('packImport.refusedTitle')} onClose={onClose} wide>
      <p role="alert" className="form-failure" data-testid="pack-refusal" data-code={refusal.code}>
        {t(`packImport.refusal.${refusal.code}`)}
      </p>
      <p>{t('packImport.refusedText', { file: state.fileName })}</p>
      {refusal.keyId ? <p>{t('packImport.refusedKey', { keyId: refusal.keyId })}</p> : null}
      {refusal.path !== undefined && refusal.path !== '' ? <p>{t('packImport.refusedPath', { path: refusal.path })}</p> : null}
      {violations.length > 0 ? (
        <>
          <p>{t('packImport.violations', { count: violations.length })}</p>
          <ul className="pe-import-errors">
            {violations.slice(0, MAX_VIOLATIONS_SHOWN).map((v, i) => (
              <li key={i}>
                {v.where}: {v.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details>
        <summary>{t('packImport.technical')}</summary>
        <p className="muted">{refusal.detail}</p>
      </details>
      <div className="button-row end">
        <button type="button" className="button primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

function PreviewView({
  state,
  onClose,
  onRefused,
}: {
  state: Extract<PackImportState, { kind: 'preview' }>;
  onClose: () => void;
  onRefused: (refusal: PackImportRefusal) => void;
}) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'nl' ? 'nl' : 'en';
  const f = useFormatters();
  const { db, journal } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const { preview } = state;
  const manifest = preview.pack.manifest;

  const install = async () => {
    setBusy(true);
    try {
      const result = await confirmPackImport(db, journal, preview);
      if (!result.ok) return onRefused(result.refusal);
      notify({ tone: 'success', messageKey: 'packImport.installed', values: { version: result.installed.version } });
      onClose();
    } catch (e) {
      notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('packImport.title')} onClose={onClose} wide>
      <dl className="facts">
        <div>
          <dt>{t('packImport.pack')}</dt>
          <dd>{pick(manifest.title, language)}</dd>
        </div>
        <div>
          <dt>{t('packImport.publisher')}</dt>
          <dd data-testid="pack-publisher">{preview.publisher.name}</dd>
        </div>
        <div>
          <dt>{t('packImport.keyId')}</dt>
          <dd>
            <code>{preview.publisher.keyId}</code>
          </dd>
        </div>
        <div>
          <dt>{t('packImport.version')}</dt>
          <dd data-testid="pack-version">
            {preview.from
              ? `${preview.from.version} → ${preview.to.version}`
              : t('packImport.versionFirst', { to: preview.to.version })}
          </dd>
        </div>
        <div>
          <dt>{t('packImport.publishedAt')}</dt>
          <dd>{f.date(manifest.publishedAt)}</dd>
        </div>
        <div>
          <dt>{t('packImport.file')}</dt>
          <dd>{state.fileName}</dd>
        </div>
      </dl>
      <h3>{t('packImport.changes')}</h3>
      <p>{pick(manifest.changes, language)}</p>
      <div className="table-scroll">
        <table className="data-table" data-testid="pack-preview">
          <thead>
            <tr>
              <th scope="col">{t('packImport.col.procedure')}</th>
              <th scope="col">{t('packImport.col.change')}</th>
              <th scope="col">{t('packImport.col.revision')}</th>
              <th scope="col">{t('packImport.col.runs')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.key} data-status={row.status}>
                <td>
                  {pick(row.title, language)}
                  <br />
                  <code className="muted">{row.key}</code>
                </td>
                <td>{t(`packImport.status.${row.status}`)}</td>
                <td>
                  <RevisionCell row={row} />
                </td>
                <td>{f.number(row.runs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('packImport.runsKept', { count: preview.runs })}</p>
      {preview.rows.some((r) => r.status === 'withdrawn') ? <p className="muted">{t('packImport.withdrawnExplain')}</p> : null}
      <div className="button-row end">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void install()}>
          {t('packImport.install')}
        </button>
      </div>
    </Dialog>
  );
}

export function PackImportDialog({ state, onClose }: { state: PackImportState; onClose: () => void }) {
  const [refusal, setRefusal] = useState<PackImportRefusal | null>(null);
  if (refusal) return <RefusalView state={{ kind: 'refused', fileName: state.fileName, refusal }} onClose={onClose} />;
  if (state.kind === 'refused') return <RefusalView state={state} onClose={onClose} />;
  return <PreviewView state={state} onClose={onClose} onRefused={setRefusal} />;
}
