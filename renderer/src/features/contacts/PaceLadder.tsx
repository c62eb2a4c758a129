/**
 * A contact's channels as a PACE ladder: each with its tier, value, failure rule and what it
 * depends on; the channel to use now is marked, the ones that are down say why.
 */
import { useTranslation } from 'react-i18next';
import type { ChannelRanking } from '../../../../shared/contacts/channels';
import { useFormatters } from '../../i18n/format';
import { infrastructureList } from '../outage/outageText';

export function PaceLadder({ ranking }: { ranking: ChannelRanking }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <ol className="pace-ladder">
      {ranking.ladder.map((rung) => {
        const current = ranking.first?.index === rung.index;
        const { channel } = rung;
        return (
          <li key={rung.index} className={`pace-rung${current ? ' current' : ''}${rung.works ? '' : ' down'}`} aria-current={current ? 'step' : undefined}>
            <span className={`pace-tier tier-${rung.tier}`} title={t(`directory.tier.${rung.tier}`)}>
              {t(`directory.tierLetter.${rung.tier}`)}
            </span>
            <div className="pace-body">
              <div className="pace-head">
                <span className="channel-type">{t(`channel.${channel.type}`)}</span>
                {channel.label ? <span className="pace-label">{channel.label}</span> : null}
                <span className="pace-tier-name">{t(`directory.tier.${rung.tier}`)}</span>
                {current ? <span className="badge use-now">{t('directory.useNow')}</span> : null}
              </div>
              <div className="channel-value">{channel.value}</div>
              {channel.failAfterMinutes || channel.onFailure ? (
                <div className="pace-rule">
                  {channel.failAfterMinutes ? t('directory.failAfter', { count: channel.failAfterMinutes }) : null}
                  {channel.failAfterMinutes && channel.onFailure ? ' ' : null}
                  {channel.onFailure}
                </div>
              ) : null}
              {channel.note ? <div className="channel-note">{channel.note}</div> : null}
              <div className="pace-deps">
                {rung.works
                  ? rung.dependsOn.length
                    ? t('directory.dependsOn', { what: infrastructureList(t, f.locale, rung.dependsOn) })
                    : t('directory.dependsOnNothing')
                  : t('directory.downBecause', { what: infrastructureList(t, f.locale, rung.downBecause) })}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
