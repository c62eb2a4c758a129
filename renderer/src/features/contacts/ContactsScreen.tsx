/**
 * The contact directory of the current workspace (pt. 14): organisations with their persons, who to
 * reach and by which channel now (pt. 78: the list follows the declared outage), the verification
 * round for stale entries, call trees, and printable wallet cards. The sub-views are addressed by
 * the route's id: a contact id, `call-trees[~<tree>]`, `round~<round>`, `verification`,
 * `cards[~<contact>]`, `print-tree~<tree>`.
 */
import { Building2, Plus, Search, TriangleAlert, User } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organisationOf, reachability } from '../../../../shared/contacts/channels';
import { isStale } from '../../../../shared/contacts/staleness';
import type { CountryCode } from '../../../../shared/model/countries';
import { LEVELS, type Level } from '../../../../shared/model/levels';
import type { Contact } from '../../../../shared/model/records';
import type { Role } from '../../../../shared/model/roles';
import { routeHref } from '../../app/router';
import { TlpBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { CountryOptions, RoleOptions } from '../../components/options';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { CallRoundView } from '../callTrees/CallRoundView';
import { CallTreePrint } from '../callTrees/CallTreePrint';
import { CallTreesView } from '../callTrees/CallTreesView';
import { infrastructureList } from '../outage/outageText';
import { useOutage } from '../outage/useOutage';
import { ContactDetail } from './ContactDetail';
import { ContactDialog } from './ContactDialog';
import { groupDirectory, isFiltered, NO_FILTER, type DirectoryFilter } from './directoryView';
import { ReachNow } from './ReachNow';
import { useDirectory, useStaleAfterMonths } from './useDirectory';
import { VerificationRound } from './VerificationRound';
import { ContactInteropActions } from './interop/ContactInteropActions';
import { WalletCards } from './WalletCards';
import '../../styles/directory.css';

type View =
  | { kind: 'directory'; contactId: string | null }
  | { kind: 'call-trees'; treeId: string | null }
  | { kind: 'round'; roundId: string }
  | { kind: 'verification' }
  | { kind: 'cards'; contactId: string | null }
  | { kind: 'print-tree'; treeId: string };

export function parseContactsView(id: string | null): View {
  if (!id) return { kind: 'directory', contactId: null };
  const [head, arg] = id.split('~');
  switch (head) {
    case 'call-trees':
      return { kind: 'call-trees', treeId: arg ?? null };
    case 'round':
      return arg ? { kind: 'round', roundId: arg } : { kind: 'call-trees', treeId: null };
    case 'verification':
      return { kind: 'verification' };
    case 'cards':
      return { kind: 'cards', contactId: arg ?? null };
    case 'print-tree':
      return arg ? { kind: 'print-tree', treeId: arg } : { kind: 'call-trees', treeId: null };
    default:
      return { kind: 'directory', contactId: id };
  }
}

export function ContactsScreen({ selectedId }: { selectedId: string | null }) {
  const view = parseContactsView(selectedId);
  return (
    <div className="directory-screen">
      <DirectoryTabs current={view.kind === 'round' || view.kind === 'print-tree' ? 'call-trees' : view.kind} />
      {view.kind === 'directory' ? <DirectoryView selectedId={view.contactId} /> : null}
      {view.kind === 'call-trees' ? <CallTreesView selectedId={view.treeId} /> : null}
      {view.kind === 'round' ? <CallRoundView roundId={view.roundId} /> : null}
      {view.kind === 'verification' ? <VerificationRound /> : null}
      {view.kind === 'cards' ? <WalletCards preselected={view.contactId} /> : null}
      {view.kind === 'print-tree' ? <CallTreePrint treeId={view.treeId} /> : null}
    </div>
  );
}

function DirectoryTabs({ current }: { current: View['kind'] }) {
  const { t } = useTranslation();
  const contacts = useDirectory();
  const months = useStaleAfterMonths();
  const now = useMemo(() => new Date(), []);
  const stale = contacts?.filter((c) => isStale(c.verified, now, months)).length ?? 0;
  const tabs: Array<[View['kind'], string, string]> = [
    ['directory', routeHref('contacts'), t('directory.tab.directory')],
    ['call-trees', routeHref('contacts', 'call-trees'), t('directory.tab.callTrees')],
    ['verification', routeHref('contacts', 'verification'), stale ? t('directory.tab.verificationCount', { count: stale }) : t('directory.tab.verification')],
    ['cards', routeHref('contacts', 'cards'), t('directory.tab.cards')],
  ];
  return (
    <nav className="directory-tabs" aria-label={t('directory.tabsLabel')}>
      {tabs.map(([kind, href, label]) => (
        <a key={kind} href={href} aria-current={current === kind ? 'page' : undefined} className={current === kind ? 'current' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

function DirectoryView({ selectedId }: { selectedId: string | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const contacts = useDirectory();
  const months = useStaleAfterMonths();
  const { down } = useOutage();
  const query = useUiStore((s) => s.contactQuery);
  const setQuery = useUiStore((s) => s.setContactQuery);
  const dialog = useUiStore((s) => s.dialog);
  const openDialog = useUiStore((s) => s.openDialog);
  const [filter, setFilter] = useState<Omit<DirectoryFilter, 'query'>>(NO_FILTER);
  const full: DirectoryFilter = { ...filter, query };
  const now = useMemo(() => new Date(), []);
  const groups = useMemo(
    () =>
      contacts
        ? groupDirectory(contacts, full, { now, staleAfterMonths: months, countryName: (c) => f.country(c), compare: (a, b) => f.compare(a, b) })
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `full` is rebuilt from its parts each render
    [contacts, query, filter, now, months, f],
  );
  const selected = contacts?.find((c) => c.id === selectedId);
  const filtered = isFiltered(full);
  const set = <K extends keyof typeof filter>(key: K, value: (typeof filter)[K]) => setFilter((x) => ({ ...x, [key]: value }));

  return (
    <div className="split">
      <section className="pane list-pane" aria-labelledby="contacts-title">
        <div className="pane-header">
          <h1 id="contacts-title">{t('contacts.title')}</h1>
          <button type="button" className="button primary" onClick={() => openDialog('new-contact')}>
            <Plus size={16} aria-hidden /> {t('contacts.new')}
          </button>
          <ContactInteropActions />
        </div>
        {down.length ? (
          <p className="outage-strip" role="status">
            <TriangleAlert size={15} aria-hidden /> {t('directory.outageActive', { what: infrastructureList(t, f.locale, down) })}
          </p>
        ) : null}
        <label className="search">
          <Search size={16} aria-hidden />
          <span className="visually-hidden">{t('contacts.searchLabel')}</span>
          <input type="search" value={query} placeholder={t('contacts.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <details className="directory-filters">
          <summary>{t('directory.filters')}</summary>
          <div className="directory-filter-grid">
            <label>
              <span>{t('contacts.field.kind')}</span>
              <select value={filter.kind} onChange={(e) => set('kind', e.target.value as DirectoryFilter['kind'])}>
                <option value="">{t('directory.any')}</option>
                <option value="organisation">{t('contacts.kind.organisation')}</option>
                <option value="person">{t('contacts.kind.person')}</option>
              </select>
            </label>
            <label>
              <span>{t('contacts.field.country')}</span>
              <select value={filter.country} onChange={(e) => set('country', e.target.value as '' | CountryCode)}>
                <option value="">{t('directory.any')}</option>
                <CountryOptions />
              </select>
            </label>
            <label>
              <span>{t('contacts.field.role')}</span>
              <select value={filter.role} onChange={(e) => set('role', e.target.value as '' | Role)}>
                <option value="">{t('directory.any')}</option>
                <RoleOptions />
              </select>
            </label>
            <label>
              <span>{t('contacts.field.level')}</span>
              <select value={filter.level} onChange={(e) => set('level', e.target.value as '' | Level)}>
                <option value="">{t('directory.any')}</option>
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`level.${level}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="choice">
              <input type="checkbox" checked={filter.staleOnly} onChange={(e) => set('staleOnly', e.target.checked)} />
              <span>{t('directory.staleOnly')}</span>
            </label>
            {filtered ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setFilter(NO_FILTER);
                  setQuery('');
                }}
              >
                {t('directory.clearFilters')}
              </button>
            ) : null}
          </div>
        </details>
        {groups && groups.length === 0 ? (
          <EmptyState title={filtered ? t('contacts.noMatchTitle') : t('contacts.emptyTitle')}>
            {filtered ? t('contacts.noMatchText') : t('contacts.emptyText')}
          </EmptyState>
        ) : (
          <div className="directory-groups" aria-busy={groups === undefined}>
            {groups?.map((group) => (
              <section key={group.organisation?.id ?? 'loose'} className="directory-group" aria-label={group.organisation?.name ?? t('directory.otherPersons')}>
                {group.organisation && group.organisationShown ? (
                  <ContactRow contact={group.organisation} contacts={contacts ?? []} selectedId={selectedId} now={now} months={months} down={down} />
                ) : (
                  <h2 className="list-group-title">{group.organisation?.name ?? t('directory.otherPersons')}</h2>
                )}
                {group.persons.length ? (
                  <ul className="record-list directory-persons">
                    {group.persons.map((person) => (
                      <li key={person.id}>
                        <ContactRow contact={person} contacts={contacts ?? []} selectedId={selectedId} now={now} months={months} down={down} nested />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </section>
            ))}
          </div>
        )}
      </section>
      <section className="pane detail-pane">
        {selectedId && selected && contacts ? (
          <ContactDetail contact={selected} contacts={contacts} />
        ) : selectedId && contacts ? (
          <EmptyState title={t('contacts.notFoundTitle')}>{t('contacts.notFoundText')}</EmptyState>
        ) : (
          <EmptyState title={t('contacts.noSelectionTitle')}>{t('contacts.noSelectionText')}</EmptyState>
        )}
        {selected ? <TlpNote tlp={selected.tlp} /> : null}
      </section>
      {dialog === 'new-contact' && contacts ? <ContactDialog contact={null} contacts={contacts} /> : null}
      {dialog === 'edit-contact' && selected && contacts ? <ContactDialog contact={selected} contacts={contacts} /> : null}
    </div>
  );
}

function ContactRow({
  contact,
  contacts,
  selectedId,
  now,
  months,
  down,
  nested = false,
}: {
  contact: Contact;
  contacts: readonly Contact[];
  selectedId: string | null;
  now: Date;
  months: number;
  down: Parameters<typeof reachability>[1];
  nested?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const reach = reachability(contact, down, organisationOf(contact, contacts));
  const stale = isStale(contact.verified, now, months);
  const Icon = contact.kind === 'person' ? User : Building2;
  const role = contact.roles[0];
  return (
    <a
      href={routeHref('contacts', contact.id)}
      className={`record-link directory-row${nested ? ' nested' : ''}${contact.id === selectedId ? ' selected' : ''}`}
      aria-current={contact.id === selectedId ? 'true' : undefined}
    >
      <span className="record-title">
        <Icon size={15} aria-hidden />
        {contact.name}
        {stale ? <span className="badge stale-badge">{t('directory.stale')}</span> : null}
      </span>
      <span className="record-sub">
        {[
          contact.kind === 'person' ? contact.position || null : contact.organisationType ? t(`directory.orgType.${contact.organisationType}`) : null,
          role ? t(`roles.${role}`) : null,
          f.country(contact.country),
          t(`level.${contact.level}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
      <span className="record-sub first-channel">
        <ReachNow reach={reach} compact />
      </span>
    </a>
  );
}

function TlpNote({ tlp }: { tlp: Contact['tlp'] }) {
  const { t } = useTranslation();
  return (
    <p className="tlp-note">
      <TlpBadge tlp={tlp} /> {t(`tlp.meaning.${tlp}`)}
    </p>
  );
}
