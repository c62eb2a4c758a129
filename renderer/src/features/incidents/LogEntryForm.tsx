/**
 * Writing into the logbook under stress. The quick entry is one line: the cursor is in it when
 * the incident opens, Enter records (Shift+Enter starts a new line, Ctrl+Enter records from any
 * field of the form), Alt+letter picks the kind and Alt+Shift+letter the TLP label from anywhere
 * on the incident (see logShortcuts.ts). The kind stays as last chosen, because entries come in
 * runs of one kind; the label returns to the incident's own after each entry, because a label is
 * a sharing decision taken per piece of information and the incident's label is the considered
 * default.
 *
 * "More details" holds what a careful entry needs and a quick one can leave out: when it
 * happened and when and how the information came in, the justification a retrospective entry
 * must give (shared/logbook/retrospective.ts), links to contacts and procedure steps, attachments
 * by SHA-256 fingerprint (the file is not kept), and the note that EU classified information was
 * exchanged (pt. 76), which is never the information itself.
 *
 * Everything is written locally through the change journal (appendLogEntry), so the form works
 * the same offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { ChevronDown, ChevronRight, ShieldAlert, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EUCI_LEVELS, LOG_ENTRY_KINDS, RECEIVED_CHANNELS, type Incident, type LogEntry, type LogEntryKind, type ReceivedChannel } from '../../../../shared/model/records';
import { TLP_LABELS, type Tlp } from '../../../../shared/model/tlp';
import { assessRetrospective, RETROSPECTIVE_AFTER_MINUTES, retrospectiveField } from '../../../../shared/logbook/retrospective';
import { useSession } from '../../app/session';
import { Field } from '../../components/Field';
import { appendLogEntry } from '../../db/logbook';
import { listContacts, listProcedures } from '../../db/queries';
import { useFormatters } from '../../i18n/format';
import { fromLocalInputValue } from '../../lib/time';
import { useJournalAction } from '../../lib/useJournalAction';
import { EUCI_MARKINGS, type EuciLevel } from './euci';
import { sha256OfFile } from './fileFingerprint';
import { formatLate } from './formatLate';
import { FOCUS_KEY, kindShortcut, matchLogShortcut, MORE_KEY, tlpShortcut } from './logShortcuts';

/** Clocks differ a little; an entry further ahead than this is a typing error. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

interface AttachmentDraft {
  readonly key: number;
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: number;
  /** Null while the fingerprint is being computed. */
  readonly sha256: string | null;
  readonly failed: boolean;
}

interface StepLink {
  readonly procedureId: string;
  readonly stepId: string;
}

type FieldName = 'text' | 'occurredAt' | 'receivedAt' | 'justification' | 'attachments' | 'euciWith' | 'euciChannel' | 'euciAt';
type Errors = Partial<Record<FieldName, string>>;

/** Fields of "More details" in the order the first error among them gets the cursor. */
const MORE_FIELDS: readonly FieldName[] = ['occurredAt', 'receivedAt', 'justification', 'attachments', 'euciWith', 'euciChannel', 'euciAt'];

let nextAttachmentKey = 1;

export function LogEntryForm({ incident, onRecorded }: { incident: Incident; onRecorded?: (entry: LogEntry) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { db, journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const formId = useId();
  const moreId = `${formId}-more`;
  const hintId = `${formId}-keys`;

  const [kind, setKind] = useState<LogEntryKind>('observation');
  const [tlpChoice, setTlpChoice] = useState<Tlp | null>(null);
  const tlp = tlpChoice ?? incident.tlp;
  const [text, setText] = useState('');
  const [moreOpen, setMoreOpen] = useState(false);
  const [occurredAt, setOccurredAt] = useState('');
  const [receivedAt, setReceivedAt] = useState('');
  const [channel, setChannel] = useState<ReceivedChannel | ''>('');
  const [justification, setJustification] = useState('');
  const [contactIds, setContactIds] = useState<readonly string[]>([]);
  const [steps, setSteps] = useState<readonly StepLink[]>([]);
  const [stepProcedure, setStepProcedure] = useState('');
  const [stepId, setStepId] = useState('');
  const [attachments, setAttachments] = useState<readonly AttachmentDraft[]>([]);
  const [euciOn, setEuciOn] = useState(false);
  const [euciLevel, setEuciLevel] = useState<EuciLevel>('restreint-ue');
  const [euciWith, setEuciWith] = useState('');
  const [euciChannel, setEuciChannel] = useState('');
  const [euciAt, setEuciAt] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [announcement, setAnnouncement] = useState('');
  // The clock for the retrospective hint; ticks while the details are open.
  const [now, setNow] = useState(() => Date.now());

  const contacts = useLiveQuery(() => listContacts(db, incident.workspace), [db, incident.workspace]);
  const procedures = useLiveQuery(() => listProcedures(db, incident.workspace), [db, incident.workspace]);

  const textRef = useRef<HTMLTextAreaElement>(null);
  const occurredRef = useRef<HTMLInputElement>(null);
  const receivedRef = useRef<HTMLInputElement>(null);
  const justificationRef = useRef<HTMLTextAreaElement>(null);
  const attachmentsRef = useRef<HTMLInputElement>(null);
  const euciWithRef = useRef<HTMLInputElement>(null);
  const euciChannelRef = useRef<HTMLInputElement>(null);
  const euciAtRef = useRef<HTMLInputElement>(null);
  const pendingFocus = useRef<FieldName | null>(null);

  // The cursor is in the entry field when an incident opens.
  useEffect(() => {
    textRef.current?.focus();
  }, [incident.id]);

  // Move the cursor to a field that was hidden until this render (an error inside "More details").
  useEffect(() => {
    const name = pendingFocus.current;
    if (!name) return;
    pendingFocus.current = null;
    const refs = {
      text: textRef,
      occurredAt: occurredRef,
      receivedAt: receivedRef,
      justification: justificationRef,
      attachments: attachmentsRef,
      euciWith: euciWithRef,
      euciChannel: euciChannelRef,
      euciAt: euciAtRef,
    } satisfies Record<FieldName, { current: HTMLElement | null }>;
    refs[name].current?.focus();
  });

  useEffect(() => {
    if (!moreOpen) return;
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, [moreOpen]);

  // Shortcuts work anywhere on the incident, except while a dialog is open over it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const shortcut = matchLogShortcut(event);
      if (!shortcut) return;
      event.preventDefault();
      switch (shortcut.type) {
        case 'kind':
          setKind(shortcut.kind);
          setAnnouncement(t('logForm.kindAnnounce', { kind: t(`log.kind.${shortcut.kind}`) }));
          break;
        case 'tlp':
          setTlpChoice(shortcut.tlp);
          setAnnouncement(t('logForm.tlpAnnounce', { tlp: shortcut.tlp }));
          break;
        case 'more':
          setMoreOpen((open) => !open);
          return; // the cursor stays where it is
        case 'focus':
          break;
      }
      textRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [t]);

  const occurredIso = occurredAt ? fromLocalInputValue(occurredAt) : null;
  const lateNow = occurredIso ? assessRetrospective(occurredIso, new Date(now).toISOString()) : null;
  const retrospectiveNow = lateNow?.retrospective ?? false;
  const selectedProcedure = procedures?.find((p) => p.id === stepProcedure);
  const lang = f.language;
  const stepLabel = (link: StepLink) => {
    const procedure = procedures?.find((p) => p.id === link.procedureId);
    const index = procedure?.steps.findIndex((s) => s.id === link.stepId) ?? -1;
    const step = index >= 0 ? procedure?.steps[index] : undefined;
    const title = procedure ? procedure.title[lang] || procedure.title.en : link.procedureId;
    return step ? `${title} — ${index + 1}. ${step.title[lang] || step.title.en}` : `${title} — ${link.stepId}`;
  };
  const detailsSet =
    (occurredAt ? 1 : 0) + (receivedAt || channel ? 1 : 0) + (justification.trim() ? 1 : 0) + contactIds.length + steps.length + attachments.length + (euciOn ? 1 : 0);

  const reset = () => {
    setText('');
    setTlpChoice(null);
    setOccurredAt('');
    setReceivedAt('');
    setChannel('');
    setJustification('');
    setContactIds([]);
    setSteps([]);
    setStepProcedure('');
    setStepId('');
    setAttachments([]);
    setEuciOn(false);
    setEuciLevel('restreint-ue');
    setEuciWith('');
    setEuciChannel('');
    setEuciAt('');
    setErrors({});
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const recordedAt = new Date().toISOString();
    const problems: Errors = {};
    const time = (value: string, name: FieldName): string | null => {
      if (!value) return recordedAt;
      const iso = fromLocalInputValue(value);
      if (!iso) problems[name] = t('form.invalidTime');
      else if (Date.parse(iso) > Date.parse(recordedAt) + FUTURE_TOLERANCE_MS) problems[name] = t('log.futureTime');
      return iso;
    };
    if (!text.trim()) problems.text = t('form.required');
    const occurred = time(occurredAt, 'occurredAt');
    const received = receivedAt ? time(receivedAt, 'receivedAt') : null;
    const exchanged = euciOn ? time(euciAt, 'euciAt') : null;
    const retrospective = occurred ? retrospectiveField(occurred, recordedAt, justification) : null;
    if (retrospective === 'justification-required' && occurred) {
      const { minutesLate } = assessRetrospective(occurred, recordedAt);
      problems.justification = t('logForm.justificationRequired', { late: formatLate(t, minutesLate), minutes: RETROSPECTIVE_AFTER_MINUTES });
    }
    if (attachments.some((a) => a.sha256 === null)) problems.attachments = t('logForm.hashPending');
    else if (attachments.some((a) => a.failed)) problems.attachments = t('logForm.hashFailedSubmit');
    if (euciOn && !euciWith.trim()) problems.euciWith = t('form.required');
    if (euciOn && !euciChannel.trim()) problems.euciChannel = t('form.required');

    setErrors(problems);
    const first = (['text', ...MORE_FIELDS] as const).find((name) => problems[name]);
    if (first) {
      if (first !== 'text') setMoreOpen(true);
      pendingFocus.current = first;
      return;
    }
    if (!occurred || retrospective === 'justification-required') return; // unreachable: reported above

    const created = await run(
      () =>
        appendLogEntry(
          db,
          journal,
          {
            incidentId: incident.id,
            kind,
            text: text.trim(),
            occurredAt: occurred,
            author: `${profile.person}, ${profile.organisation}`,
            tlp,
            receivedAt: received,
            channel: channel || null,
            retrospective,
            links: { contacts: [...contactIds], procedureSteps: [...steps] },
            attachments: attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, bytes: a.bytes, sha256: a.sha256 ?? '' })),
            classified: euciOn && exchanged ? { level: euciLevel, with: euciWith.trim(), channel: euciChannel.trim(), exchangedAt: exchanged } : null,
          },
          incident.workspace,
        ),
      'log.recorded',
    );
    if (created) {
      reset();
      onRecorded?.(created);
      textRef.current?.focus();
    }
  };

  const onFormKeyDown = (event: ReactKeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const onTextKeyDown = (event: ReactKeyboardEvent<HTMLTextAreaElement>) => {
    // Enter records; Shift+Enter is a new line; an input method composing a character keeps Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  const addFiles = (files: FileList | null) => {
    if (!files) return;
    for (const file of Array.from(files)) {
      const key = nextAttachmentKey++;
      setAttachments((list) => [
        ...list,
        { key, name: file.name.slice(0, 300) || 'file', mediaType: file.type.slice(0, 200), bytes: file.size, sha256: null, failed: false },
      ]);
      sha256OfFile(file).then(
        (sha256) => setAttachments((list) => list.map((a) => (a.key === key ? { ...a, sha256 } : a))),
        () => setAttachments((list) => list.map((a) => (a.key === key ? { ...a, sha256: '', failed: true } : a))),
      );
    }
  };

  const addStep = () => {
    if (!stepProcedure || !stepId) return;
    if (!steps.some((s) => s.procedureId === stepProcedure && s.stepId === stepId)) setSteps([...steps, { procedureId: stepProcedure, stepId }]);
    setStepId('');
  };

  return (
    <form className="log-entry-form quick-entry" onSubmit={(e) => void submit(e)} onKeyDown={onFormKeyDown} noValidate aria-label={t('log.formLabel')}>
      <div className="quick-entry-row">
        <Field label={t('log.field.text')} error={errors.text ?? null} className="quick-text">
          <textarea
            ref={textRef}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onTextKeyDown}
            rows={1}
            maxLength={20_000}
            aria-keyshortcuts={`Enter Control+Enter Alt+${FOCUS_KEY}`}
            aria-describedby={hintId}
          />
        </Field>
        <Field label={t('log.field.kind')} className="quick-kind">
          <select value={kind} onChange={(e) => setKind(e.target.value as LogEntryKind)} aria-keyshortcuts={LOG_ENTRY_KINDS.map(kindShortcut).join(' ')}>
            {LOG_ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {`${t(`log.kind.${k}`)} (${kindShortcut(k)})`}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('common.tlp')} className="quick-tlp">
          <select
            value={tlp}
            onChange={(e) => setTlpChoice(e.target.value as Tlp)}
            aria-keyshortcuts={TLP_LABELS.map(tlpShortcut).join(' ')}
            className={`tlp-select tlp-${tlp.toLowerCase().replace('+', '-')}`}
          >
            {TLP_LABELS.map((label) => (
              <option key={label} value={label}>
                {`${label} (${tlpShortcut(label)})`}
              </option>
            ))}
          </select>
        </Field>
        <div className="quick-submit">
          <button type="submit" className="button primary" disabled={busy} aria-keyshortcuts="Enter Control+Enter">
            {t('log.add')}
          </button>
        </div>
      </div>
      <p className="quick-keys" id={hintId}>
        <span>
          <kbd>Enter</kbd> {t('logForm.keyRecord')}
        </span>
        <span>
          <kbd>Shift+Enter</kbd> {t('logForm.keyNewLine')}
        </span>
        <span>
          <kbd>Alt+O/D/A/I/U/S/H/E</kbd> {t('logForm.keyKind')}
        </span>
        <span>
          <kbd>Alt+Shift+C/G/A/S/R</kbd> {t('logForm.keyTlp')}
        </span>
        <span>
          <kbd>Alt+{MORE_KEY}</kbd> {t('logForm.keyMore')}
        </span>
        <span>
          <kbd>Alt+{FOCUS_KEY}</kbd> {t('logForm.keyFocus')}
        </span>
        <span className="quick-keys-note">{t('logForm.appendOnly')}</span>
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>

      <button
        type="button"
        className="more-toggle"
        aria-expanded={moreOpen}
        aria-controls={moreId}
        aria-keyshortcuts={`Alt+${MORE_KEY}`}
        onClick={() => setMoreOpen(!moreOpen)}
      >
        {moreOpen ? <ChevronDown size={16} aria-hidden /> : <ChevronRight size={16} aria-hidden />}
        {t('logForm.more')}
        {detailsSet > 0 ? <span className="count">{t('logForm.moreSet', { count: detailsSet })}</span> : null}
      </button>

      <div id={moreId} className="more-details" hidden={!moreOpen}>
        <fieldset>
          <legend>{t('logForm.timeAndSource')}</legend>
          <div className="form-grid three">
            <Field label={t('log.field.occurredAt')} hint={t('logForm.nowIfEmpty')} error={errors.occurredAt ?? null}>
              <input ref={occurredRef} type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} />
            </Field>
            <Field label={t('logForm.receivedAt')} hint={t('logForm.receivedAtHint')} error={errors.receivedAt ?? null}>
              <input ref={receivedRef} type="datetime-local" value={receivedAt} onChange={(e) => setReceivedAt(e.target.value)} />
            </Field>
            <Field label={t('logForm.channel')}>
              <select value={channel} onChange={(e) => setChannel(e.target.value as ReceivedChannel | '')}>
                <option value="">{t('logForm.channelNone')}</option>
                {RECEIVED_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`logForm.channels.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {retrospectiveNow && lateNow ? (
            <p className="retrospective-warning" id={`${formId}-retro`}>
              {t('logForm.retrospectiveNow', { late: formatLate(t, lateNow.minutesLate), minutes: RETROSPECTIVE_AFTER_MINUTES })}
            </p>
          ) : null}
          <Field
            label={retrospectiveNow ? t('logForm.justificationRequiredLabel') : t('logForm.justification')}
            hint={t('logForm.justificationHint', { minutes: RETROSPECTIVE_AFTER_MINUTES })}
            error={errors.justification ?? null}
          >
            <textarea
              ref={justificationRef}
              value={justification}
              onChange={(e) => setJustification(e.target.value)}
              rows={2}
              maxLength={2_000}
              aria-required={retrospectiveNow}
            />
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('logForm.links')}</legend>
          <div className="links-grid">
            <Field label={t('logForm.contacts')} hint={t('logForm.contactsHint')}>
              <select
                multiple
                size={Math.min(6, Math.max(3, contacts?.length ?? 3))}
                value={[...contactIds]}
                onChange={(e) => setContactIds(Array.from(e.target.selectedOptions, (o) => o.value))}
              >
                {contacts?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.organisation && c.organisation !== c.name ? `${c.name} (${c.organisation})` : c.name}
                  </option>
                ))}
              </select>
            </Field>
            <div className="step-picker">
              <Field label={t('logForm.procedure')}>
                <select
                  value={stepProcedure}
                  onChange={(e) => {
                    setStepProcedure(e.target.value);
                    setStepId('');
                  }}
                >
                  <option value="">{t('logForm.procedureNone')}</option>
                  {procedures?.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title[lang] || p.title.en}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('logForm.step')}>
                <select value={stepId} onChange={(e) => setStepId(e.target.value)} disabled={!selectedProcedure}>
                  <option value="">{t('logForm.stepNone')}</option>
                  {selectedProcedure?.steps.map((s, i) => (
                    <option key={s.id} value={s.id}>
                      {`${i + 1}. ${s.title[lang] || s.title.en}`.slice(0, 140)}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="button" className="button" onClick={addStep} disabled={!stepId}>
                {t('logForm.addStep')}
              </button>
            </div>
          </div>
          {steps.length > 0 ? (
            <ul className="chosen-list" aria-label={t('logForm.linkedSteps')}>
              {steps.map((s) => (
                <li key={`${s.procedureId}/${s.stepId}`}>
                  <span>{stepLabel(s)}</span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('logForm.removeLink', { name: stepLabel(s) })}
                    onClick={() => setSteps(steps.filter((x) => x !== s))}
                  >
                    <X size={14} aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t('logForm.attachments')}</legend>
          <p className="field-hint">{t('logForm.attachmentsNote')}</p>
          <Field label={t('logForm.chooseFiles')} error={errors.attachments ?? null}>
            <input
              ref={attachmentsRef}
              type="file"
              multiple
              onChange={(e) => {
                addFiles(e.target.files);
                e.target.value = ''; // the same file can be chosen again after removing it
              }}
            />
          </Field>
          {attachments.length > 0 ? (
            <ul className="chosen-list" aria-label={t('logForm.chosenFiles')}>
              {attachments.map((a) => (
                <li key={a.key}>
                  <span>
                    {a.name} <span className="muted">({f.number(a.bytes)} B)</span>{' '}
                    {a.failed ? (
                      <span className="field-error">{t('logForm.hashFailed')}</span>
                    ) : a.sha256 ? (
                      <code className="hash">SHA-256 {a.sha256}</code>
                    ) : (
                      <span className="muted">{t('logForm.hashing')}</span>
                    )}
                  </span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('logForm.removeLink', { name: a.name })}
                    onClick={() => setAttachments((list) => list.filter((x) => x.key !== a.key))}
                  >
                    <X size={14} aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>

        <fieldset className="euci-section">
          <legend>{t('logForm.euci')}</legend>
          <p className="euci-warning">
            <ShieldAlert size={18} aria-hidden /> <span>{t('logForm.euciWarning')}</span>
          </p>
          <label className="choice">
            <input type="checkbox" checked={euciOn} onChange={(e) => setEuciOn(e.target.checked)} />
            <span>{t('logForm.euciRecord')}</span>
          </label>
          {euciOn ? (
            <div className="form-grid">
              <Field label={t('logForm.euciLevel')}>
                <select value={euciLevel} onChange={(e) => setEuciLevel(e.target.value as EuciLevel)}>
                  {EUCI_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {EUCI_MARKINGS[level]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('logForm.euciAt')} hint={t('logForm.nowIfEmpty')} error={errors.euciAt ?? null}>
                <input ref={euciAtRef} type="datetime-local" value={euciAt} onChange={(e) => setEuciAt(e.target.value)} />
              </Field>
              <Field label={t('logForm.euciWith')} hint={t('logForm.euciWithHint')} error={errors.euciWith ?? null}>
                <input ref={euciWithRef} type="text" value={euciWith} onChange={(e) => setEuciWith(e.target.value)} maxLength={300} />
              </Field>
              <Field label={t('logForm.euciChannel')} hint={t('logForm.euciChannelHint')} error={errors.euciChannel ?? null}>
                <input ref={euciChannelRef} type="text" value={euciChannel} onChange={(e) => setEuciChannel(e.target.value)} maxLength={300} />
              </Field>
            </div>
          ) : null}
        </fieldset>
      </div>
    </form>
  );
}
