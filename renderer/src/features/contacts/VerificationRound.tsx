/**
 * The verification round: a checklist through every stale entry (never verified, or not for the
 * configured period). Each confirmation is written through the journal with who, when and how;
 * confirmed entries stay ticked on the list until the round is left.
 */
import { Check, SkipForward } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organisationOf, reachability } from '../../../../shared/contacts/channels';
import { staleness } from '../../../../shared/contacts/staleness';
import { VERIFICATION_METHODS, type Contact, type VerificationMethod } from '../../../../shared/model/records';
import { routeHref } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { recordVerification } from '../../db/contacts';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { useOutage } from '../outage/useOutage';
import { ReachNow } from './ReachNow';
import { useDirectory, useStaleAfterMonths } from './useDirectory';

export function VerificationRound() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { profile } = useSession();
  const contacts = useDirectory();
  const months = useStaleAfterMonths();
  const [by, setBy] = useState(profile.person);
  // Ids on the round: the stale entries when it opened, plus any that become stale meanwhile.
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const now = useMemo(() => new Date(), []);
  const items = useMemo(
    () =>
      (contacts ?? [])
        .filter((c) => done.has(c.id) || staleness(c.verified, now, months).stale)
        .sort((a, b) => f.compare(a.organisation || a.name, b.organisation || b.name) || f.compare(a.name, b.name)),
    [contacts, done, now, months, f],
  );
  const open = items.filter((c) => !done.has(c.id) && !skipped.has(c.id));

  return (
    <section className="pane verification-round" aria-labelledby="verification-title">
      <div className="pane-header">
        <h1 id="verification-title">{t('directory.verificationTitle')}</h1>
      </div>
      <p className="field-hint">{t('directory.verificationHint', { count: months })}</p>
      <div className="form-grid">
        <Field label={t('directory.verifiedBy')} error={by.trim() ? null : t('form.required')}>
          <input value={by} onChange={(e) => setBy(e.target.value)} maxLength={300} />
        </Field>
      </div>
      <p className="verification-progress" role="status">
        {t('directory.verificationProgress', { done: done.size, total: items.length, open: open.length })}
      </p>
      {contacts && items.length === 0 ? (
        <EmptyState title={t('directory.nothingStaleTitle')}>{t('directory.nothingStaleText')}</EmptyState>
      ) : (
        <ol className="verification-list" aria-busy={contacts === undefined}>
          {items.map((contact) => (
            <VerificationItem
              key={contact.id}
              contact={contact}
              contacts={contacts ?? []}
              by={by}
              state={done.has(contact.id) ? 'done' : skipped.has(contact.id) ? 'skipped' : 'open'}
              onDone={() => setDone((s) => new Set(s).add(contact.id))}
              onSkip={() => setSkipped((s) => new Set(s).add(contact.id))}
              now={now}
              months={months}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function VerificationItem({
  contact,
  contacts,
  by,
  state,
  onDone,
  onSkip,
  now,
  months,
}: {
  contact: Contact;
  contacts: readonly Contact[];
  by: string;
  state: 'open' | 'done' | 'skipped';
  onDone: () => void;
  onSkip: () => void;
  now: Date;
  months: number;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { journal } = useSession();
  const { run, busy } = useJournalAction();
  const { down } = useOutage();
  const [method, setMethod] = useState<VerificationMethod>('call-back');
  const [note, setNote] = useState('');
  const status = staleness(contact.verified, now, months);
  const titleId = `verify-${contact.id}`;

  const verify = async () => {
    const saved = await run(
      () => recordVerification(journal, contact.id, { at: new Date().toISOString(), by, method, note }),
      'directory.verifiedSaved',
      { name: contact.name },
    );
    if (saved) onDone();
  };

  return (
    <li className={`verification-item ${state}`} aria-labelledby={titleId}>
      <div className="verification-who">
        <a id={titleId} href={routeHref('contacts', contact.id)} className="verification-name">
          {state === 'done' ? <Check size={15} aria-label={t('directory.verifiedNow')} /> : null} {contact.name}
        </a>
        <span className="muted">
          {[contact.kind === 'person' ? contact.organisation : null, f.country(contact.country)].filter(Boolean).join(' · ')}
        </span>
        <span className="verification-reason">
          {state === 'done'
            ? t('directory.verifiedNow')
            : status.stale && status.reason === 'expired'
              ? t('directory.staleSince', { date: f.date(status.dueAt.toISOString()) })
              : t('directory.neverVerified')}
        </span>
        <ReachNow reach={reachability(contact, down, organisationOf(contact, contacts))} />
      </div>
      {state === 'open' ? (
        <div className="verification-actions">
          <label>
            <span className="visually-hidden">{t('directory.verifiedHow')}</span>
            <select value={method} onChange={(e) => setMethod(e.target.value as VerificationMethod)} aria-label={t('directory.verifiedHowFor', { name: contact.name })}>
              {VERIFICATION_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`directory.method.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            placeholder={t('directory.verifyNotePlaceholder')}
            aria-label={t('directory.verifyNoteFor', { name: contact.name })}
          />
          <button type="button" className="button primary" disabled={busy || !by.trim()} onClick={() => void verify()}>
            <Check size={15} aria-hidden /> {t('directory.markVerified')}
          </button>
          <button type="button" className="button" onClick={onSkip} aria-label={t('directory.skipFor', { name: contact.name })}>
            <SkipForward size={15} aria-hidden /> {t('directory.skip')}
          </button>
        </div>
      ) : state === 'skipped' ? (
        <span className="muted">{t('directory.skipped')}</span>
      ) : null}
    </li>
  );
}
