import { Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../shared/model/records';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';

export function ContactDetail({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { journal } = useSession();
  const openDialog = useUiStore((s) => s.openDialog);
  const { run, busy } = useJournalAction();

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
          <button type="button" className="button" onClick={() => openDialog('edit-contact')}>
            <Pencil size={15} aria-hidden /> {t('common.edit')}
          </button>
          <button type="button" className="button danger" onClick={() => void remove()} disabled={busy}>
            <Trash2 size={15} aria-hidden /> {t('common.delete')}
          </button>
        </div>
      </header>
      <dl className="facts">
        <div>
          <dt>{t('contacts.field.kind')}</dt>
          <dd>{t(`contacts.kind.${contact.kind}`)}</dd>
        </div>
        {contact.kind === 'person' ? (
          <div>
            <dt>{t('contacts.field.organisation')}</dt>
            <dd>{contact.organisation || '—'}</dd>
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
      </dl>
      <h3>{t('contacts.channelsTitle')}</h3>
      {contact.channels.length === 0 ? (
        <p className="muted">{t('contacts.noChannels')}</p>
      ) : (
        <ol className="channel-ladder">
          {contact.channels.map((channel, index) => (
            <li key={`${channel.type}-${index}`}>
              <span className="ladder-step" aria-hidden="true">
                {index + 1}
              </span>
              <div>
                <div className="channel-type">{t(`channel.${channel.type}`)}</div>
                <div className="channel-value">{channel.value}</div>
                {channel.note ? <div className="channel-note">{channel.note}</div> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="record-footer">{t('common.lastChanged', { time: f.dateTime(contact.updatedAt) })}</p>
    </article>
  );
}
