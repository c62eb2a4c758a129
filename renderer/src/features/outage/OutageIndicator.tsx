/**
 * The outage state in the app's header, on every screen: nothing declared, or what is down. It
 * opens the outage panel.
 */
import { RadioTower, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useFormatters } from '../../i18n/format';
import { infrastructureList } from './outageText';
import { OutagePanel } from './OutagePanel';
import { useOutage } from './useOutage';
import '../../styles/directory.css';

export function OutageIndicator() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { down } = useOutage();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`outage-indicator${down.length ? ' active' : ''}`}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title={t('outage.change')}
      >
        {down.length ? <TriangleAlert size={16} aria-hidden /> : <RadioTower size={16} aria-hidden />}
        <span>{down.length ? t('outage.indicator', { what: infrastructureList(t, f.locale, down) }) : t('outage.indicatorNone')}</span>
      </button>
      {open ? (
        <Dialog title={t('outage.title')} onClose={() => setOpen(false)}>
          <OutagePanel onDone={() => setOpen(false)} />
        </Dialog>
      ) : null}
    </>
  );
}
