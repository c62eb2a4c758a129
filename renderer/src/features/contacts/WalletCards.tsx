/**
 * Printable wallet cards (pt. 78: paper is the last fallback): credit-card-size cards, ten per A4
 * sheet, one per chosen contact, each with name, role, the full PACE ladder with values, its TLP
 * label, and the EXERCISE marking in the exercise workspace.
 */
import { CreditCard } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { effectiveTier } from '../../../../shared/contacts/channels';
import type { Contact } from '../../../../shared/model/records';
import { navigate } from '../../app/router';
import { TlpBadge } from '../../components/badges';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { useUiStore } from '../../stores/useUiStore';
import { contactMatches } from './contactMatches';
import { PrintView } from './PrintView';
import { useDirectory } from './useDirectory';

export function WalletCards({ preselected }: { preselected: string | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const contacts = useDirectory();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(preselected ? [preselected] : []));
  const [query, setQuery] = useState('');
  const [previewing, setPreviewing] = useState(false);
  const sorted = useMemo(() => [...(contacts ?? [])].sort((a, b) => f.compare(a.name, b.name)), [contacts, f]);
  const shown = sorted.filter((c) => contactMatches(c, query, f.country(c.country)));
  const selected = sorted.filter((c) => chosen.has(c.id));
  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="pane wallet-cards" aria-labelledby="cards-title">
      <div className="pane-header">
        <h1 id="cards-title">{t('directory.cardsTitle')}</h1>
        <button type="button" className="button primary" disabled={selected.length === 0} onClick={() => setPreviewing(true)}>
          <CreditCard size={16} aria-hidden /> {t('directory.cardsPreview', { count: selected.length })}
        </button>
      </div>
      <p className="field-hint">{t('directory.cardsHint')}</p>
      <div className="button-row">
        <label className="search">
          <span className="visually-hidden">{t('contacts.searchLabel')}</span>
          <input type="search" value={query} placeholder={t('contacts.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="button" className="link-button" onClick={() => setChosen(new Set([...chosen, ...shown.map((c) => c.id)]))}>
          {t('directory.selectShown')}
        </button>
        <button type="button" className="link-button" onClick={() => setChosen(new Set())}>
          {t('directory.selectNone')}
        </button>
      </div>
      {contacts && contacts.length === 0 ? (
        <EmptyState title={t('contacts.emptyTitle')}>{t('contacts.emptyText')}</EmptyState>
      ) : (
        <fieldset className="card-choice">
          <legend className="visually-hidden">{t('directory.cardsChoose')}</legend>
          {shown.map((c) => (
            <label key={c.id} className="choice">
              <input type="checkbox" checked={chosen.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
              <span>
                {c.name}
                <span className="muted"> · {c.kind === 'person' ? c.organisation || f.country(c.country) : f.country(c.country)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {previewing ? (
        <PrintView title={t('directory.cardsTitle')} pdfName="wallet-cards.pdf" onClose={() => (preselected ? navigate('contacts', preselected) : setPreviewing(false))}>
          <CardSheet contacts={selected} />
        </PrintView>
      ) : null}
    </section>
  );
}

function CardSheet({ contacts }: { contacts: readonly Contact[] }) {
  return (
    <div className="card-sheet">
      {contacts.map((c) => (
        <WalletCard key={c.id} contact={c} />
      ))}
    </div>
  );
}

function WalletCard({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const workspace = useUiStore((s) => s.workspace);
  const role = contact.roles.map((r) => t(`roles.${r}`)).join(', ');
  return (
    <article className="wallet-card" aria-label={contact.name}>
      <header className="wallet-card-head">
        <TlpBadge tlp={contact.tlp} />
        {workspace === 'exercise' ? <span className="wallet-exercise">{t('workspace.exerciseMarking')}</span> : null}
      </header>
      <div className="wallet-card-name">{contact.name}</div>
      <div className="wallet-card-role">
        {[contact.kind === 'person' ? contact.position || null : null, role || null, contact.kind === 'person' ? contact.organisation : null, f.country(contact.country)]
          .filter(Boolean)
          .join(' · ')}
      </div>
      <ol className="wallet-card-ladder">
        {contact.channels.slice(0, 6).map((channel, index) => (
          <li key={index}>
            <span className="wallet-tier">{t(`directory.tierLetter.${effectiveTier(channel, index)}`)}</span>
            <span className="wallet-type">{t(`channel.${channel.type}`)}</span>
            <span className="wallet-value">{channel.value}</span>
            {channel.failAfterMinutes ? <span className="wallet-rule">{t('directory.failAfterShort', { count: channel.failAfterMinutes })}</span> : null}
          </li>
        ))}
      </ol>
      {contact.channels.length > 6 ? <div className="wallet-more">{t('directory.moreChannels', { count: contact.channels.length - 6 })}</div> : null}
      <footer className="wallet-card-foot">
        {contact.verified ? t('directory.cardVerified', { date: f.date(contact.verified.at) }) : t('directory.cardNotVerified')}
      </footer>
    </article>
  );
}
