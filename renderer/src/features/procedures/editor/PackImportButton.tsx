/**
 * "Import content pack…": pick a signed `.cwpack` file, verify it against the trusted pack
 * publishers and show what it would change (PackImportDialog); nothing is written before the user
 * confirms there.
 */
import { PackageOpen } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../../../shared/errors/codes';
import { useSession } from '../../../app/session';
import { previewPackImport } from '../../../db/packImport';
import { useUiStore } from '../../../stores/useUiStore';
import { PackImportDialog, type PackImportState } from './PackImportDialog';

/** `compact`: the icon alone (the label stays its accessible name and tooltip), for a crowded header. */
export function PackImportButton({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { db, platform } = useSession();
  const notify = useUiStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<PackImportState | null>(null);

  const pickPack = async () => {
    setBusy(true);
    try {
      const picked = await platform.openFile('pack');
      if (!picked.ok) return notify({ tone: 'error', messageKey: `errors.${picked.error.code}` });
      if (!picked.value) return;
      const { name, bytes } = picked.value;
      const result = await previewPackImport(db, bytes);
      setState(result.ok ? { kind: 'preview', fileName: name, preview: result.preview } : { kind: 'refused', fileName: name, refusal: result.refusal });
    } catch (e) {
      notify({ tone: 'error', messageKey: `errors.${errorCodeOf(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {compact ? (
        <button type="button" className="button" onClick={() => void pickPack()} disabled={busy} aria-label={t('packImport.button')} title={t('packImport.button')}>
          <PackageOpen size={16} aria-hidden />
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void pickPack()} disabled={busy}>
          <PackageOpen size={16} aria-hidden /> {t('packImport.button')}
        </button>
      )}
      {state ? <PackImportDialog state={state} onClose={() => setState(null)} /> : null}
    </>
  );
}
