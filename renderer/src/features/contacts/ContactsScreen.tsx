/**
 * The contact directory of the current workspace: who to reach, and by which channels in which
 * order. Filtering is UI state; the list itself always comes from the database.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Building2, Plus, Search, User } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { TlpBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { listContacts } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { ContactDetail } from './ContactDetail';
import { ContactDialog } from './ContactDialog';
import { contactMatches } from './contactMatches';

export function ContactsScreen({ selectedId }: { selectedId: string | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const query = useUiStore((s) => s.contactQuery);
  const setQuery = useUiStore((s) => s.setContactQuery);
  const dialog = useUiStore((s) => s.dialog);
  const openDialog = useUiStore((s) => s.openDialog);
  const contacts = useLiveQuery(() => listContacts(db, workspace), [db, workspace]);
  const shown = useMemo(
    () => contacts?.filter((c) => contactMatches(c, query, f.country(c.country))).sort((a, b) => f.compare(a.name, b.name)),
    [contacts, query, f],
  );
  const selected = contacts?.find((c) => c.id === selectedId);

  return (
    <div className="split">
      <section className="pane list-pane" aria-labelledby="contacts-title">
        <div className="pane-header">
          <h1 id="contacts-title">{t('contacts.title')}</h1>
          <button type="button" className="button primary" onClick={() => openDialog('new-contact')}>
            <Plus size={16} aria-hidden /> {t('contacts.new')}
          </button>
        </div>
        <label className="search">
          <Search size={16} aria-hidden />
          <span className="visually-hidden">{t('contacts.searchLabel')}</span>
          <input
            type="search"
            value={query}
            placeholder={t('contacts.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        {shown && shown.length === 0 ? (
          <EmptyState title={query ? t('contacts.noMatchTitle') : t('contacts.emptyTitle')}>
            {query ? t('contacts.noMatchText') : t('contacts.emptyText')}
          </EmptyState>
        ) : (
          <ul className="record-list" aria-busy={shown === undefined}>
            {shown?.map((contact) => (
              <li key={contact.id}>
                <a
                  href={routeHref('contacts', contact.id)}
                  className={`record-link${contact.id === selectedId ? ' selected' : ''}`}
                  aria-current={contact.id === selectedId ? 'true' : undefined}
                >
                  <span className="record-title">
                    {contact.kind === 'person' ? <User size={15} aria-hidden /> : <Building2 size={15} aria-hidden />}
                    {contact.name}
                  </span>
                  <span className="record-sub">
                    {[contact.kind === 'person' ? contact.organisation : null, f.country(contact.country), t(`level.${contact.level}`)]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  {contact.channels[0] ? (
                    <span className="record-sub first-channel">
                      {t(`channel.${contact.channels[0].type}`)}: {contact.channels[0].value}
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="pane detail-pane">
        {selectedId && selected ? (
          <ContactDetail contact={selected} />
        ) : selectedId && contacts ? (
          <EmptyState title={t('contacts.notFoundTitle')}>{t('contacts.notFoundText')}</EmptyState>
        ) : (
          <EmptyState title={t('contacts.noSelectionTitle')}>{t('contacts.noSelectionText')}</EmptyState>
        )}
        {selected ? <TlpNote tlp={selected.tlp} /> : null}
      </section>
      {dialog === 'new-contact' ? <ContactDialog contact={null} /> : null}
      {dialog === 'edit-contact' && selected ? <ContactDialog contact={selected} /> : null}
    </div>
  );
}

function TlpNote({ tlp }: { tlp: Parameters<typeof TlpBadge>[0]['tlp'] }) {
  const { t } = useTranslation();
  return (
    <p className="tlp-note">
      <TlpBadge tlp={tlp} /> {t(`tlp.meaning.${tlp}`)}
    </p>
  );
}
