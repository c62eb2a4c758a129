/**
 * One entry of the logbook timeline, with everything a later reader needs to weigh it: kind,
 * label, author and the installation that wrote it, the three times (happened, recorded,
 * received and how), whether it was written after the fact and why, what it links to, the
 * fingerprints of its attachments, the note of an EU classified exchange, the incident change it
 * records, and how it stands: a corrected or withdrawn entry stays as written, struck through,
 * with the way to its correction; a correction says what it corrects and why.
 *
 * The line "Recorded … on <installation>" is the only one that reads differently on different
 * installations ("this installation" here, the writer's organisation there); everything else is
 * the same everywhere, which the two-installation tests compare.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { assessRetrospective } from '../../../../shared/logbook/retrospective';
import { canCorrect, correctionState } from '../../../../shared/logbook/corrections';
import type { LogEntry } from '../../../../shared/model/records';
import { routeHref } from '../../app/router';
import { TlpBadge } from '../../components/badges';
import type { Formatters } from '../../i18n/format';
import { EUCI_MARKINGS } from './euci';
import { formatLate } from './formatLate';
import { IncidentChangeList } from './IncidentChangeList';

/** Names the timeline looks up once for all its entries. */
export interface TimelineLookups {
  installationName(origin: string): string;
  contactName(id: string): string | null;
  stepName(procedureId: string, stepId: string): string | null;
}

export type CorrectionMode = 'correction' | 'withdrawal';

interface TimelineEntryProps {
  readonly entry: LogEntry;
  /** The entries that correct or withdraw this one, oldest first. */
  readonly corrections: readonly LogEntry[] | undefined;
  /** The entry this one corrects, when it does and this installation holds it. */
  readonly corrected: LogEntry | undefined;
  readonly lookups: TimelineLookups;
  readonly onCorrect: (entry: LogEntry, mode: CorrectionMode) => void;
  readonly onShow: (entryId: string) => void;
  /** The timeline's formatters: made once for all its rows, not per row (Intl objects are slow to make). */
  readonly formatters: Formatters;
}

/** Enough of a fingerprint to compare by eye; the whole of it is in the tooltip and the search. */
const SHORT_HASH = 12;

/** Attachment sizes in kB, one formatter per locale for every row. */
const kilobyteFormats = new Map<string, Intl.NumberFormat>();
function kilobytes(locale: string): Intl.NumberFormat {
  let format = kilobyteFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 });
    kilobyteFormats.set(locale, format);
  }
  return format;
}

export const TimelineEntry = memo(function TimelineEntry({ entry, corrections, corrected, lookups, onCorrect, onShow, formatters: f }: TimelineEntryProps) {
  const { t } = useTranslation();
  const state = correctionState(corrections);
  const timeId = `entry-time-${entry.id}`;
  const isWithdrawal = entry.corrects?.mode === 'withdrawal';
  const correctsText = (reason: string) => {
    if (!corrected) return isWithdrawal ? t('timeline.withdrawsUnknown', { reason }) : t('timeline.correctsUnknown', { reason });
    const time = f.dateTime(corrected.occurredAt);
    return isWithdrawal ? t('timeline.withdraws', { time, reason }) : t('timeline.corrects', { time, reason });
  };
  // Inside a sentence the channel is written small ("by telephone"), unlike the form's list of them.
  const channel = entry.channel ? t(`logForm.channels.${entry.channel}`).toLocaleLowerCase(f.locale) : null;
  const kb = kilobytes(f.locale);

  return (
    <div className="timeline-card">
      <div className="timeline-time">
        <time dateTime={entry.occurredAt} id={timeId}>
          {f.dateTime(entry.occurredAt)}
        </time>
      </div>
      <div className="timeline-body">
        <div className="timeline-head">
          <span className={`badge kind kind-${entry.kind}`}>{t(`log.kind.${entry.kind}`)}</span>
          <TlpBadge tlp={entry.tlp} />
          <span className="author">{entry.author}</span>
          {entry.retrospective ? <span className="badge mark-retrospective">{t('timeline.retrospective')}</span> : null}
          {state !== 'current' ? <span className={`badge mark-${state}`}>{t(`timeline.state.${state}`)}</span> : null}
          {entry.classified ? <span className="badge mark-euci">{t('timeline.euciMark')}</span> : null}
        </div>

        {entry.corrects ? (
          <p className="corrects-note">
            {correctsText(entry.corrects.reason)}{' '}
            {corrected ? (
              <button type="button" className="link-button" onClick={() => onShow(corrected.id)}>
                {t('timeline.showOriginal')}
              </button>
            ) : null}
          </p>
        ) : null}

        {isWithdrawal && entry.text === entry.corrects?.reason ? null : (
          <p className={`entry-text${state !== 'current' ? ' superseded' : ''}`}>
            {state !== 'current' ? <span className="visually-hidden">{t(`timeline.state.${state}`)}: </span> : null}
            {entry.text}
          </p>
        )}

        {corrections?.map((c) => {
          const values = { time: f.dateTime(c.createdAt), reason: c.corrects?.reason ?? '' };
          const withdrawal = c.corrects?.mode === 'withdrawal';
          return (
            <p key={c.id} className="corrected-by">
              {withdrawal ? t('timeline.withdrawnOn', values) : t('timeline.correctedOn', values)} —{' '}
              <button type="button" className="link-button" onClick={() => onShow(c.id)}>
                {withdrawal ? t('timeline.showWithdrawal') : t('timeline.showCorrection')}
              </button>
            </p>
          );
        })}

        {entry.retrospective ? (
          <p className="retrospective-note">
            {t('timeline.retrospectiveNote', {
              late: formatLate(t, assessRetrospective(entry.occurredAt, entry.createdAt).minutesLate),
              justification: entry.retrospective.justification,
            })}
          </p>
        ) : null}

        {entry.incidentChange ? <IncidentChangeList changes={entry.incidentChange} /> : null}

        {entry.links.contacts.length > 0 || entry.links.procedureSteps.length > 0 ? (
          <p className="entry-links">
            {entry.links.contacts.length > 0 ? (
              <span>
                {t('timeline.contacts')}{' '}
                {entry.links.contacts.map((id, i) => (
                  <span key={id}>
                    {i > 0 ? ', ' : null}
                    <a href={routeHref('contacts', id)}>{lookups.contactName(id) ?? t('timeline.unknownRecord')}</a>
                  </span>
                ))}
              </span>
            ) : null}
            {entry.links.procedureSteps.length > 0 ? (
              <span>
                {t('timeline.steps')}{' '}
                {entry.links.procedureSteps.map((s, i) => (
                  <span key={`${s.procedureId}/${s.stepId}`}>
                    {i > 0 ? ', ' : null}
                    <a href={routeHref('procedures', s.procedureId)}>{lookups.stepName(s.procedureId, s.stepId) ?? t('timeline.unknownRecord')}</a>
                  </span>
                ))}
              </span>
            ) : null}
          </p>
        ) : null}

        {entry.attachments.length > 0 ? (
          <p className="entry-attachments">
            {t('timeline.attachments')}{' '}
            {entry.attachments.map((a, i) => (
              <span key={`${a.sha256}-${i}`}>
                {i > 0 ? '; ' : null}
                {a.name} ({kb.format(a.bytes / 1000)}),{' '}
                <code className="hash" title={`SHA-256 ${a.sha256}`}>
                  SHA-256 {a.sha256.slice(0, SHORT_HASH)}…
                </code>
              </span>
            ))}
          </p>
        ) : null}

        {entry.classified ? (
          <p className="euci-note">
            {t('timeline.euciNote', {
              level: EUCI_MARKINGS[entry.classified.level],
              with: entry.classified.with,
              channel: entry.classified.channel,
              time: f.dateTime(entry.classified.exchangedAt),
            })}
          </p>
        ) : null}

        {entry.receivedAt || entry.channel ? (
          <p className="entry-times">
            {entry.receivedAt && channel
              ? t('timeline.receivedBy', { time: f.dateTime(entry.receivedAt), channel })
              : entry.receivedAt
                ? t('timeline.received', { time: f.dateTime(entry.receivedAt) })
                : t('timeline.receivedChannel', { channel })}
          </p>
        ) : null}
        <p className="entry-times">{t('timeline.recorded', { time: f.dateTime(entry.createdAt), installation: lookups.installationName(entry.origin) })}</p>

        {canCorrect(entry, corrections) ? (
          <div className="entry-actions">
            <button type="button" className="button small" aria-describedby={timeId} onClick={() => onCorrect(entry, 'correction')}>
              {t('timeline.correct')}
            </button>
            {/* Withdrawing the entry of a change of the incident would not undo the change; the
                state panel changes the incident back, and that is logged in its turn. */}
            {entry.incidentChange ? null : (
              <button type="button" className="button small" aria-describedby={timeId} onClick={() => onCorrect(entry, 'withdrawal')}>
                {t('timeline.withdraw')}
              </button>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
});
