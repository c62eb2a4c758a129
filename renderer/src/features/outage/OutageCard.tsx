/** The dashboard's outage card: what is down, since when, and the switches to change it. */
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { OutagePanel } from './OutagePanel';
import { useOutage } from './useOutage';
import '../../styles/directory.css';

export function OutageCard() {
  const { t } = useTranslation();
  const { down } = useOutage();
  return (
    <section className={`card span-3 outage-card${down.length ? ' active' : ''}`} aria-labelledby="outage-card-title">
      <h2 id="outage-card-title">{t('outage.title')}</h2>
      <p className="outage-card-state" role="status">
        {down.length ? t('outage.cardActive', { count: down.length }) : t('outage.cardNone')}
      </p>
      <OutagePanel />
      <p>
        <a href={routeHref('contacts')}>{t('outage.openDirectory')}</a>
      </p>
    </section>
  );
}
