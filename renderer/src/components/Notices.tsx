import { X } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore, type Notice } from '../stores/useUiStore';

/** Short confirmations and errors; announced to screen readers, dismissed by hand or after a while. */
export function Notices() {
  const notices = useUiStore((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const dismiss = useUiStore((s) => s.dismissNotice);
  useEffect(() => {
    if (notice.tone === 'error') return;
    const timer = setTimeout(() => dismiss(notice.id), 6000);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  return (
    <div className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span>{t(notice.messageKey, notice.values ?? {})}</span>
      <button type="button" className="icon-button" onClick={() => dismiss(notice.id)} aria-label={t('common.dismiss')}>
        <X size={16} aria-hidden />
      </button>
    </div>
  );
}
