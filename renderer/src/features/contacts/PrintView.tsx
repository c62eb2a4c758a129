/**
 * A full-screen print preview for the directory's paper fallbacks (wallet cards, call trees). Like
 * the report view it is a modal layer in <body>, not a top-layer <dialog>, so that it can flow over
 * several pages; in print only the document shows (directory.css hides #root and the toolbar).
 */
import { FileDown, Printer, X } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useUiStore } from '../../stores/useUiStore';

export function PrintView({ title, pdfName, onClose, children }: { title: string; pdfName: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const { platform } = useSession();
  const notify = useUiStore((s) => s.notify);
  // The desktop app renders the page as it prints into a PDF file (the reports' printToPdf).
  const savePdf = async () => {
    const result = await platform.printToPdf(pdfName);
    if (!result.ok) notify({ tone: 'error', messageKey: `errors.${result.error.code}` });
    else if (result.value) notify({ tone: 'success', messageKey: 'directory.savedPdf', values: { location: result.value.location } });
  };
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => {
    const root = document.getElementById('root');
    const html = document.documentElement;
    root?.setAttribute('inert', '');
    html.classList.add('print-view-open');
    layer.current?.focus();
    return () => {
      root?.removeAttribute('inert');
      html.classList.remove('print-view-open');
    };
  }, []);
  return createPortal(
    <div ref={layer} className="print-view" role="dialog" aria-modal="true" aria-labelledby="print-view-title" tabIndex={-1}>
      <div className="print-toolbar">
        <h1 id="print-view-title">{title}</h1>
        <div className="print-toolbar-actions">
          {platform.kind === 'desktop' ? (
            <button type="button" className="button" onClick={() => void savePdf()}>
              <FileDown size={16} aria-hidden /> {t('directory.savePdf')}
            </button>
          ) : null}
          <button type="button" className="button primary" onClick={() => window.print()}>
            <Printer size={16} aria-hidden /> {t('directory.print')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            <X size={16} aria-hidden /> {t('common.close')}
          </button>
        </div>
      </div>
      <div className="print-preview">{children}</div>
    </div>,
    document.body,
  );
}
