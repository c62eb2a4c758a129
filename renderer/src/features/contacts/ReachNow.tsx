/**
 * How to reach a contact now, under the declared outage: the channel to use with its value, or
 * plainly that it is unreachable and who to send instead.
 */
import { Footprints, PhoneOff } from 'lucide-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Reachability, ReachProposal } from '../../../../shared/contacts/channels';

export function proposalText(t: TFunction, proposal: ReachProposal): string {
  switch (proposal.kind) {
    case 'own-address':
      return t('directory.proposal.ownAddress', { address: proposal.channel.value });
    case 'organisation-address':
      return t('directory.proposal.organisationAddress', { organisation: proposal.organisation.name, address: proposal.channel.value });
    case 'liaison-officer':
      return proposal.organisationName
        ? t('directory.proposal.liaison', { organisation: proposal.organisationName })
        : t('directory.proposal.liaisonNoAddress');
  }
}

/** One line: "Satellite phone: +870 …" or "Unreachable — send a courier to …". */
export function reachText(t: TFunction, reach: Reachability): string {
  if (!reach.reachable) return `${t('directory.unreachable')} — ${proposalText(t, reach.proposal)}`;
  const { channel } = reach.via;
  return `${t(`channel.${channel.type}`)}: ${channel.value}`;
}

export function ReachNow({ reach, compact = false }: { reach: Reachability; compact?: boolean }) {
  const { t } = useTranslation();
  if (!reach.reachable) {
    return (
      <span className="reach-now unreachable">
        <PhoneOff size={14} aria-hidden /> <strong>{t('directory.unreachable')}</strong>
        {compact ? null : <> — {proposalText(t, reach.proposal)}</>}
      </span>
    );
  }
  const { channel, index } = reach.via;
  return (
    <span className={`reach-now${index > 0 ? ' promoted' : ''}`}>
      {reach.physical ? <Footprints size={14} aria-hidden /> : null}
      <span className="reach-type">{t(`channel.${channel.type}`)}:</span> <span className="reach-value">{channel.value}</span>
    </span>
  );
}
