/**
 * Import contacts from a vCard (4.0, 3.0, 2.1) or CSV file (Google, Outlook, spreadsheets):
 * choose a file → (CSV: map its columns) → preview what is new, changed, duplicate or invalid →
 * confirm. Nothing is written before the confirmation; then everything ticked is written in one
 * transaction, or nothing.
 */
import { FileUp } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_FIELDS, MAPPABLE_TARGETS, TYPED_FAMILIES, guessMapping, parseCsv, parseTarget, readCsvRows, type CsvTable } from '../../../../../shared/contacts/csv';
import { planContactImport, type ContactImportPlan } from '../../../../../shared/contacts/importPlan';
import { contactCountRefusal, contactFileSizeRefusal, decodeContactFile, type ImportDefaults, type ReadContacts } from '../../../../../shared/contacts/interop';
import { readVcards } from '../../../../../shared/contacts/vcard';
import { errorCodeOf } from '../../../../../shared/errors/codes';
import type { CountryCode } from '../../../../../shared/model/countries';
import { LEVELS, type Level } from '../../../../../shared/model/levels';
import { CHANNEL_TYPES } from '../../../../../shared/model/records';
import type { Tlp } from '../../../../../shared/model/tlp';
import { useSession } from '../../../app/session';
import { TlpBadge } from '../../../components/badges';
import { Dialog } from '../../../components/Dialog';
import { Field, FieldGroup } from '../../../components/Field';
import { CountryOptions, TlpOptions } from '../../../components/options';
import { applyContactImport, directoryOf } from '../../../db/contactImport';
import { useUiStore } from '../../../stores/useUiStore';
import { problemText } from './problemText';
import './contactInterop.css';

/** A whole sentence as the middle of another ("… cannot be imported. {{problem}}. …"). */
function sentenceCore(sentence: string): string {
  return sentence.replace(/\.\s*$/, '');
}

type Step =
  | { readonly step: 'pick' }
  | { readonly step: 'mapping'; readonly fileName: string; readonly table: CsvTable; readonly mapping: string[] }
  | { readonly step: 'preview'; readonly fileName: string; readonly format: 'vcard' | 'csv'; readonly read: ReadContacts; readonly plan: ContactImportPlan; readonly back: Step };

export function ContactImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db, journal, platform, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const notify = useUiStore((s) => s.notify);
  const [step, setStep] = useState<Step>({ step: 'pick' });
  const [defaults, setDefaults] = useState<ImportDefaults>({ country: profile.country, level: 'operational', tlp: 'AMBER' });
  const [accepted, setAccepted] = useState<ReadonlySet<number>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toPreview = async (fileName: string, format: 'vcard' | 'csv', read: ReadContacts, back: Step) => {
    const tooMany = contactCountRefusal(read.contacts.length + read.invalid.length);
    if (tooMany) return setFailure(t('contactInterop.fileRefused', { file: fileName, problem: sentenceCore(t(`errors.${tooMany}`)) }));
    const plan = planContactImport(read, await directoryOf(db, workspace), workspace);
    setAccepted(new Set(plan.items.flatMap((item, index) => (item.kind === 'duplicate' ? [] : [index]))));
    setStep({ step: 'preview', fileName, format, read, plan, back });
  };

  const pick = async () => {
    setFailure(null);
    const picked = await platform.openFile('contacts');
    if (!picked.ok) return setFailure(t(`errors.${picked.error.code}`));
    if (!picked.value) return;
    const { name, bytes } = picked.value;
    // Refused before decoding: a huge file would hang the parser and the preview.
    const tooLarge = contactFileSizeRefusal(bytes.length);
    if (tooLarge) return setFailure(t('contactInterop.fileRefused', { file: name, problem: sentenceCore(t(`errors.${tooLarge}`)) }));
    const decoded = decodeContactFile(bytes);
    const isVcard = /\.(vcf|vcard)$/i.test(name) || /^\s*BEGIN:VCARD/i.test(decoded.text.replace(/^\uFEFF/, ''));
    if (isVcard) {
      const read = readVcards(decoded, defaults);
      if (!read.ok) return setFailure(t('contactInterop.fileRefused', { file: name, problem: problemText(t, read.problem, 'line') }));
      return toPreview(name, 'vcard', read.value, { step: 'pick' });
    }
    const table = parseCsv(decoded);
    if (!table.ok) return setFailure(t('contactInterop.fileRefused', { file: name, problem: problemText(t, table.problem, 'row') }));
    const tooManyRows = contactCountRefusal(table.value.rows.length);
    if (tooManyRows) return setFailure(t('contactInterop.fileRefused', { file: name, problem: sentenceCore(t(`errors.${tooManyRows}`)) }));
    setStep({ step: 'mapping', fileName: name, table: table.value, mapping: guessMapping(table.value.headers) });
  };

  const applyMapping = async (current: Extract<Step, { step: 'mapping' }>) => {
    setFailure(null);
    const read = readCsvRows(current.table, current.mapping, defaults);
    if (!read.ok) return setFailure(problemText(t, read.problem, 'row'));
    await toPreview(current.fileName, 'csv', read.value, current);
  };

  const confirm = async (current: Extract<Step, { step: 'preview' }>) => {
    setBusy(true);
    setFailure(null);
    try {
      const applied = await applyContactImport(db, journal, current.plan, accepted, workspace);
      notify({ tone: 'success', messageKey: 'contactInterop.imported', values: { created: String(applied.created), updated: String(applied.updated), file: current.fileName } });
      onClose();
    } catch (e) {
      setFailure(t('contactInterop.importFailed', { reason: t(`errors.${errorCodeOf(e)}`) }));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('contactInterop.importTitle')} onClose={onClose} wide>
      {step.step === 'pick' ? (
        <PickStep defaults={defaults} onDefaults={setDefaults} onPick={() => void pick()} />
      ) : step.step === 'mapping' ? (
        <MappingStep
          current={step}
          onChange={(mapping) => setStep({ ...step, mapping })}
          onBack={() => {
            setFailure(null);
            setStep({ step: 'pick' });
          }}
          onNext={() => void applyMapping(step)}
        />
      ) : (
        <PreviewStep
          current={step}
          accepted={accepted}
          onAccepted={setAccepted}
          busy={busy}
          onBack={() => {
            setFailure(null);
            setStep(step.back);
          }}
          onConfirm={() => void confirm(step)}
        />
      )}
      {failure ? (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      ) : null}
    </Dialog>
  );
}

function PickStep({ defaults, onDefaults, onPick }: { defaults: ImportDefaults; onDefaults: (d: ImportDefaults) => void; onPick: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('contactInterop.pickIntro')}</p>
      <FieldGroup legend={t('contactInterop.defaultsLegend')}>
        <p className="field-hint">{t('contactInterop.defaultsHint')}</p>
        <div className="interop-defaults">
          <Field label={t('contacts.field.country')}>
            <select value={defaults.country} onChange={(e) => onDefaults({ ...defaults, country: e.target.value as CountryCode })}>
              <CountryOptions />
            </select>
          </Field>
          <Field label={t('contacts.field.level')}>
            <select value={defaults.level} onChange={(e) => onDefaults({ ...defaults, level: e.target.value as Level })}>
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`level.${level}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('common.tlp')}>
            <select value={defaults.tlp} onChange={(e) => onDefaults({ ...defaults, tlp: e.target.value as Tlp })}>
              <TlpOptions />
            </select>
          </Field>
        </div>
      </FieldGroup>
      <div className="button-row end">
        <button type="button" className="button primary" onClick={onPick} autoFocus>
          <FileUp size={16} aria-hidden /> {t('contactInterop.chooseFile')}
        </button>
      </div>
    </>
  );
}

function targetLabel(t: ReturnType<typeof useTranslation>['t'], target: string): string {
  const parsed = parseTarget(target);
  switch (parsed.kind) {
    case 'ignore':
      return t('contactInterop.ignore');
    case 'field':
      return t(`contactInterop.field.${parsed.field}`);
    case 'channel':
      return t('contactInterop.channelTarget', { type: t(`channel.${parsed.type}`) });
    case 'typed':
      return t(`contactInterop.typed.${parsed.family}`);
    case 'slot':
      return t('contactInterop.slotTarget', { n: parsed.slot, part: t(`contactInterop.slotPart.${parsed.part}`) });
  }
}

function MappingStep({
  current,
  onChange,
  onBack,
  onNext,
}: {
  current: Extract<Step, { step: 'mapping' }>;
  onChange: (mapping: string[]) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const { table, mapping } = current;
  const samples = useMemo(
    () => table.headers.map((_, i) => table.rows.slice(0, 20).map((r) => (r.cells[i] ?? '').trim()).find(Boolean) ?? ''),
    [table],
  );
  const mapped = mapping.filter((m) => m !== 'ignore').length;
  return (
    <>
      <p>
        {t('contactInterop.mappingIntro', { file: current.fileName, rows: table.rows.length })}{' '}
        <span className="muted">
          {t('contactInterop.detected', {
            delimiter: t(table.delimiter === ';' ? 'contactInterop.delimiterSemicolon' : table.delimiter === '\t' ? 'contactInterop.delimiterTab' : 'contactInterop.delimiterComma'),
            encoding: t(`contactInterop.encoding.${table.encoding}`),
          })}
        </span>
      </p>
      {table.encoding === 'windows-1252' ? <p className="field-hint">{t('contactInterop.windows1252')}</p> : null}
      <div className="interop-table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('contactInterop.column')}</th>
              <th scope="col">{t('contactInterop.example')}</th>
              <th scope="col">{t('contactInterop.mapsTo')}</th>
            </tr>
          </thead>
          <tbody>
            {table.headers.map((header, i) => {
              const value = mapping[i] ?? 'ignore';
              const options = MAPPABLE_TARGETS.includes(value as (typeof MAPPABLE_TARGETS)[number]) ? MAPPABLE_TARGETS : [value, ...MAPPABLE_TARGETS];
              return (
                <tr key={i}>
                  <th scope="row">{header || t('contactInterop.unnamedColumn', { n: i + 1 })}</th>
                  <td className="interop-sample" title={samples[i]}>
                    {samples[i]}
                  </td>
                  <td>
                    <select
                      aria-label={t('contactInterop.mapColumn', { column: header || i + 1 })}
                      value={value}
                      onChange={(e) => onChange(mapping.map((m, j) => (j === i ? e.target.value : m)))}
                    >
                      <option value="ignore">{t('contactInterop.ignore')}</option>
                      <optgroup label={t('contactInterop.groupFields')}>
                        {CSV_FIELDS.map((f) => (
                          <option key={f} value={`field:${f}`}>
                            {t(`contactInterop.field.${f}`)}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label={t('contactInterop.groupChannels')}>
                        {CHANNEL_TYPES.map((c) => (
                          <option key={c} value={`channel:${c}`}>
                            {t('contactInterop.channelTarget', { type: t(`channel.${c}`) })}
                          </option>
                        ))}
                        {TYPED_FAMILIES.map((f) => (
                          <option key={f} value={`typed:${f}`}>
                            {t(`contactInterop.typed.${f}`)}
                          </option>
                        ))}
                      </optgroup>
                      {options
                        .filter((o) => o.startsWith('slot:'))
                        .map((o) => (
                          <option key={o} value={o}>
                            {targetLabel(t, o)}
                          </option>
                        ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="field-hint">{t('contactInterop.mappingHint', { mapped, total: table.headers.length })}</p>
      <div className="button-row end">
        <button type="button" className="button" onClick={onBack}>
          {t('contactInterop.back')}
        </button>
        <button type="button" className="button primary" onClick={onNext}>
          {t('contactInterop.toPreview')}
        </button>
      </div>
    </>
  );
}

function PreviewStep({
  current,
  accepted,
  onAccepted,
  busy,
  onBack,
  onConfirm,
}: {
  current: Extract<Step, { step: 'preview' }>;
  accepted: ReadonlySet<number>;
  onAccepted: (s: ReadonlySet<number>) => void;
  busy: boolean;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const { plan, format, fileName } = current;
  const unit = format === 'vcard' ? 'line' : 'row';
  const chosen = plan.items.filter((item, i) => accepted.has(i) && item.kind !== 'duplicate').length;
  const toggle = (i: number) => {
    const next = new Set(accepted);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    onAccepted(next);
  };
  return (
    <>
      <p>
        {t('contactInterop.previewIntro', { file: fileName })}{' '}
        {current.read.encoding === 'windows-1252' ? <span className="muted">{t('contactInterop.windows1252')}</span> : null}
      </p>
      {plan.refusal ? (
        <p className="form-failure" role="alert">
          {problemText(t, plan.refusal, unit)}
        </p>
      ) : (
        <>
          <div className="interop-counts" aria-live="polite">
            <span className="badge interop-status-new">{t('contactInterop.countNew', { count: plan.counts.new })}</span>
            <span className="badge interop-status-changed">{t('contactInterop.countChanged', { count: plan.counts.changed })}</span>
            <span className="badge interop-status-duplicate">{t('contactInterop.countDuplicate', { count: plan.counts.duplicate })}</span>
            {plan.counts.invalid ? <span className="badge">{t('contactInterop.countInvalid', { count: plan.counts.invalid })}</span> : null}
          </div>
          {plan.items.length ? (
            <div className="interop-table-scroll">
              <table className="data-table" aria-label={t('contactInterop.previewTable')}>
                <thead>
                  <tr>
                    <th scope="col">{t('contactInterop.importColumn')}</th>
                    <th scope="col">{t(unit === 'line' ? 'contactInterop.lineColumn' : 'contactInterop.rowColumn')}</th>
                    <th scope="col">{t('contacts.field.name')}</th>
                    <th scope="col">{t('contacts.field.organisation')}</th>
                    <th scope="col">{t('contactInterop.statusColumn')}</th>
                    <th scope="col">{t('contactInterop.detailsColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.items.map((item, i) => (
                    <tr key={i}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('contactInterop.includeContact', { name: item.incoming.draft.name })}
                          disabled={item.kind === 'duplicate'}
                          checked={item.kind !== 'duplicate' && accepted.has(i)}
                          onChange={() => toggle(i)}
                        />
                      </td>
                      <td>{item.incoming.line}</td>
                      <td>
                        {item.incoming.draft.name} <TlpBadge tlp={item.existing && item.kind === 'changed' && !item.patch.tlp ? item.existing.tlp : item.incoming.draft.tlp} />
                      </td>
                      <td>{item.incoming.draft.organisation}</td>
                      <td>
                        <span className={`badge interop-status-${item.kind}`}>{t(`contactInterop.status.${item.kind}`)}</span>
                      </td>
                      <td className="muted">{details(t, item, unit)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
      {plan.invalid.length ? (
        <>
          <p className="field-error">{t('contactInterop.invalidIntro', { count: plan.invalid.length })}</p>
          <ul className="interop-problems">
            {plan.invalid.map((p, i) => (
              <li key={i}>{problemText(t, p, unit)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="field-hint">{t('contactInterop.nothingYet')}</p>
      <div className="button-row end">
        <button type="button" className="button" onClick={onBack}>
          {t('contactInterop.back')}
        </button>
        <button type="button" className="button primary" disabled={busy || chosen === 0 || plan.refusal !== null} onClick={onConfirm}>
          {t('contactInterop.confirmImport', { count: chosen })}
        </button>
      </div>
    </>
  );
}

function details(t: ReturnType<typeof useTranslation>['t'], item: ContactImportPlan['items'][number], unit: 'line' | 'row'): string {
  if (item.kind === 'duplicate' && item.duplicateOfLine !== null) {
    return t(unit === 'line' ? 'contactInterop.sameAsLine' : 'contactInterop.sameAsRow', { line: item.duplicateOfLine });
  }
  if (!item.existing) return t('contactInterop.channelsCount', { count: item.incoming.draft.channels.length });
  const match = t(`contactInterop.matchedBy.${item.matchedBy ?? 'name'}`, { name: item.existing.name });
  if (item.kind === 'duplicate') return match;
  return `${match} — ${item.changedFields.map((f) => t(`contactInterop.draftField.${f}`)).join(', ')}`;
}
