/**
 * One directory entry: who, in which role, its PACE ladder with the channel to use now under the
 * declared outage (and why the others are down), when and how it was last verified.
 */
import { BadgeCheck, CreditCard, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organisationOf, reachability } from '../../../../shared/contacts/channels';
import { staleness } from '../../../../shared/contacts/staleness';
import type { Contact } from '../../../../shared/model/records';
import { navigate, routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';
import { useOutage } from '../outage/useOutage';
import { PaceLadder } from './PaceLadder';
import { proposalText } from './ReachNow';
import { useStaleAfterMonths } from './useDirectory';
import { VerifyDialog } from './VerifyDialog';

export function ContactDetail({ contact, contacts }: { contact: Contact; contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { journal } = useSession();
  const openDialog = useUiStore((s) => s.openDialog);
  const { run, busy } = useJournalAction();
  const { down } = useOutage();
  const months = useStaleAfterMonths();
  const [verifying, setVerifying] = useState(false);
  const organisation = organisationOf(contact, contacts);
  const reach = reachability(contact, down, organisation);
  const fresh = staleness(contact.verified, new Date(), months);
  const members = contact.kind === 'organisation' ? contacts.filter((c) => organisationOf(c, contacts)?.id === contact.id) : [];

  const remove = async () => {
    if (!window.confirm(t('contacts.confirmDelete', { name: contact.name }))) return;
    const done = await run(() => journal.remove('contacts', contact.id), 'contacts.deleted', { name: contact.name });
    if (done !== null) navigate('contacts');
  };

  return (
    <article aria-labelledby="contact-title">
      <header className="detail-header">
        <h2 id="contact-title">{contact.name}</h2>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setVerifying(true)}>
            <BadgeCheck size={15} aria-hidden /> {t('directory.verify')}
          </button>
          <a className="button" href={routeHref('contacts', `cards~${contact.id}`)}>
            <CreditCard size={15} aria-hidden /> {t('directory.printCard')}
          </a>
          <button type="button" className="button" onClick={() => openDialog('edit-contact')}>
            <Pencil size={15} aria-hidden /> {t('common.edit')}
          </button>
          <button type="button" className="button danger" onClick={() => void remove()} disabled={busy}>
            <Trash2 size={15} aria-hidden /> {t('common.delete')}
          </button>
        </div>
      </header>
      <p className={`verification-state${fresh.stale ? ' stale' : ''}`} role="status">
        {contact.verified
          ? t(fresh.stale ? 'directory.verifiedStale' : 'directory.verifiedFresh', {
              date: f.date(contact.verified.at),
              by: contact.verified.by,
              method: t(`directory.method.${contact.verified.method}`),
            })
          : t('directory.neverVerified')}
        {contact.verified?.note ? <span className="muted"> — {contact.verified.note}</span> : null}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('contacts.field.kind')}</dt>
          <dd>
            {t(`contacts.kind.${contact.kind}`)}
            {contact.kind === 'organisation' && contact.organisationType ? ` · ${t(`directory.orgType.${contact.organisationType}`)}` : ''}
          </dd>
        </div>
        {contact.kind === 'person' ? (
          <div>
            <dt>{t('contacts.field.organisation')}</dt>
            <dd>{organisation ? <a href={routeHref('contacts', organisation.id)}>{organisation.name}</a> : contact.organisation || '—'}</dd>
          </div>
        ) : null}
        {contact.kind === 'person' && contact.position ? (
          <div>
            <dt>{t('directory.field.position')}</dt>
            <dd>{contact.position}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('contacts.field.country')}</dt>
          <dd>{f.country(contact.country)}</dd>
        </div>
        <div>
          <dt>{t('contacts.field.level')}</dt>
          <dd>{t(`level.${contact.level}`)}</dd>
        </div>
        <div>
          <dt>{t('contacts.field.roles')}</dt>
          <dd>{contact.roles.length ? contact.roles.map((r) => t(`roles.${r}`)).join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>{t('common.tlp')}</dt>
          <dd>
            <TlpBadge tlp={contact.tlp} />
          </dd>
        </div>
        {contact.fingerprint ? (
          <div>
            <dt>{t('directory.field.fingerprint')}</dt>
            <dd className="mono">{contact.fingerprint}</dd>
          </div>
        ) : null}
      </dl>
      <h3>{t('directory.ladderTitle')}</h3>
      {!reach.reachable ? (
        <p className="reach-proposal" role="alert">
          <strong>{t('directory.unreachable')}</strong> — {proposalText(t, reach.proposal)}
        </p>
      ) : null}
      {contact.channels.length === 0 ? <p className="muted">{t('contacts.noChannels')}</p> : <PaceLadder ranking={reach.ranking} />}
      {members.length ? (
        <>
          <h3>{t('directory.members')}</h3>
          <ul className="compact-list">
            {members.map((m) => (
              <li key={m.id}>
                <a href={routeHref('contacts', m.id)}>{m.name}</a>
                {m.position ? <span className="muted"> — {m.position}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {contact.notes ? (
        <>
          <h3>{t('directory.field.notes')}</h3>
          <p className="contact-notes">{contact.notes}</p>
        </>
      ) : null}
      <p className="record-footer">{t('common.lastChanged', { time: f.dateTime(contact.updatedAt) })}</p>
      {verifying ? <VerifyDialog contact={contact} onClose={() => setVerifying(false)} /> : null}
    </article>
  );
}
