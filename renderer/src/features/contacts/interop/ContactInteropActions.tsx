/**
 * "Import contacts…" and "Export contacts…" for the contacts screen's header: each opens its
 * dialog (vCard and CSV). Self-contained: no props needed.
 *
 * The dialogs, with the vCard and CSV libraries they use (ical.js, Papa Parse), load on first
 * use: they are seldom needed, and the main bundle stays within what the offline web app's
 * service worker precaches (the lazy chunk is precached too, so this works offline).
 */
import { Download, Upload } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './contactInterop.css';

const ContactImportDialog = lazy(() => import('./ContactImportDialog').then((m) => ({ default: m.ContactImportDialog })));
const ContactExportDialog = lazy(() => import('./ContactExportDialog').then((m) => ({ default: m.ContactExportDialog })));

export function ContactInteropActions() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<null | 'import' | 'export'>(null);
  return (
    <span className="interop-actions">
      <button type="button" className="button" onClick={() => setOpen('import')}>
        <Upload size={16} aria-hidden /> {t('contactInterop.importButton')}
      </button>
      <button type="button" className="button" onClick={() => setOpen('export')}>
        <Download size={16} aria-hidden /> {t('contactInterop.exportButton')}
      </button>
      <Suspense fallback={null}>
        {open === 'import' ? <ContactImportDialog onClose={() => setOpen(null)} /> : null}
        {open === 'export' ? <ContactExportDialog onClose={() => setOpen(null)} /> : null}
      </Suspense>
    </span>
  );
}
