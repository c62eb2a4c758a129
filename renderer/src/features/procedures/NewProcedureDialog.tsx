/**
 * Write a national procedure: title and summary in both languages, the points it rests on, and
 * its steps with the level and actor of each.
 */
import { Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountryCode } from '../../../../shared/model/countries';
import { LEVELS, type Level } from '../../../../shared/model/levels';
import { CitationSchema } from '../../../../shared/model/records';
import { swimlanesFromLegacySteps, type LegacyStep } from '../../../../shared/versioning/upcasters/v5ToV6';

import type { Tlp } from '../../../../shared/model/tlp';
import { newRecordId } from '../../../../shared/model/ids';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field, FieldGroup } from '../../components/Field';
import { CountryOptions, TlpOptions } from '../../components/options';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';

/** A list of steps, each with level and actor, as a swimlane model: one lane per actor, in order. */
function swimlanesOf(steps: LegacyStep[]) {
  return { key: `national.${newRecordId().toLowerCase()}`, ...swimlanesFromLegacySteps(steps) };
}

interface StepDraft {
  readonly key: string;
  level: Level;
  actor: string;
  en: string;
  nl: string;
  citations: string;
}

/** "pt. 49; pt. 55(a)(iii)" → ["pt. 49", "pt. 55(a)(iii)"], or null when one is not a citation. */
export function parseCitations(text: string): string[] | null {
  const parts = text.split(';').map((s) => s.trim()).filter(Boolean);
  return parts.every((p) => CitationSchema.safeParse(p).success) ? parts : null;
}

const emptyStep = (): StepDraft => ({ key: newRecordId(), level: 'operational', actor: '', en: '', nl: '', citations: '' });

export function NewProcedureDialog() {
  const { t } = useTranslation();
  const { journal, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const close = useUiStore((s) => s.closeDialog);
  const { run, busy } = useJournalAction();
  const [title, setTitle] = useState({ en: '', nl: '' });
  const [summary, setSummary] = useState({ en: '', nl: '' });
  const [citations, setCitations] = useState('');
  const [country, setCountry] = useState<CountryCode>(profile.country);
  const [tlp, setTlp] = useState<Tlp>('GREEN');
  const [steps, setSteps] = useState<StepDraft[]>([emptyStep()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setStep = (index: number, patch: Partial<StepDraft>) =>
    setSteps((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.en.trim() && !title.nl.trim()) found['title'] = t('procedures.titleRequired');
    const cites = parseCitations(citations);
    if (!cites) found['citations'] = t('procedures.citationFormat');
    const used = steps.filter((s) => s.actor.trim() || s.en.trim() || s.nl.trim());
    const parsedSteps: LegacyStep[] = [];
    used.forEach((s, index) => {
      const stepCites = parseCitations(s.citations);
      if (!s.actor.trim()) found[`step-${index}-actor`] = t('form.required');
      if (!s.en.trim() && !s.nl.trim()) found[`step-${index}-text`] = t('procedures.stepTextRequired');
      if (!stepCites) found[`step-${index}-citations`] = t('procedures.citationFormat');
      parsedSteps.push({
        id: `step-${index + 1}`,
        level: s.level,
        actor: s.actor.trim(),
        text: { en: s.en.trim(), nl: s.nl.trim() },
        citations: stepCites ?? [],
      });
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    const created = await run(
      () =>
        journal.create(
          'procedures',
          {
            scope: 'national',
            country,
            title: { en: title.en.trim(), nl: title.nl.trim() },
            summary: { en: summary.en.trim(), nl: summary.nl.trim() },
            citations: cites ?? [],
            ...swimlanesOf(parsedSteps),
            tlp,
          },
          { workspace },
        ),
      'procedures.created',
    );
    if (created) {
      close();
      navigate('procedures', created.id);
    }
  };

  return (
    <Dialog title={t('procedures.new')} onClose={close} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <Field label={t('procedures.field.titleEn')} error={errors['title'] ?? null}>
            <input lang="en" value={title.en} onChange={(e) => setTitle({ ...title, en: e.target.value })} autoFocus />
          </Field>
          <Field label={t('procedures.field.titleNl')}>
            <input lang="nl" value={title.nl} onChange={(e) => setTitle({ ...title, nl: e.target.value })} />
          </Field>
          <Field label={t('procedures.field.summaryEn')}>
            <textarea lang="en" rows={2} value={summary.en} onChange={(e) => setSummary({ ...summary, en: e.target.value })} />
          </Field>
          <Field label={t('procedures.field.summaryNl')}>
            <textarea lang="nl" rows={2} value={summary.nl} onChange={(e) => setSummary({ ...summary, nl: e.target.value })} />
          </Field>
          <Field label={t('procedures.field.citations')} hint={t('procedures.citationHint')} error={errors['citations'] ?? null}>
            <input value={citations} onChange={(e) => setCitations(e.target.value)} />
          </Field>
          <Field label={t('contacts.field.country')}>
            <select value={country} onChange={(e) => setCountry(e.target.value as CountryCode)}>
              <CountryOptions />
            </select>
          </Field>
          <Field label={t('common.tlp')} hint={t('common.tlpHint')}>
            <select value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>
              <TlpOptions />
            </select>
          </Field>
        </div>
        <FieldGroup legend={t('procedures.stepsTitle')}>
          <ol className="step-editor">
            {steps.map((step, index) => (
              <li key={step.key}>
                <span className="ladder-step" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="form-grid">
                  <Field label={t('procedures.field.level')}>
                    <select value={step.level} onChange={(e) => setStep(index, { level: e.target.value as Level })}>
                      {LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {t(`level.${level}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t('procedures.field.actor')} error={errors[`step-${index}-actor`] ?? null}>
                    <input value={step.actor} onChange={(e) => setStep(index, { actor: e.target.value })} />
                  </Field>
                  <Field label={t('procedures.field.stepEn')} error={errors[`step-${index}-text`] ?? null}>
                    <textarea lang="en" rows={2} value={step.en} onChange={(e) => setStep(index, { en: e.target.value })} />
                  </Field>
                  <Field label={t('procedures.field.stepNl')}>
                    <textarea lang="nl" rows={2} value={step.nl} onChange={(e) => setStep(index, { nl: e.target.value })} />
                  </Field>
                  <Field label={t('procedures.field.citations')} error={errors[`step-${index}-citations`] ?? null}>
                    <input value={step.citations} onChange={(e) => setStep(index, { citations: e.target.value })} />
                  </Field>
                </div>
                <button
                  type="button"
                  className="icon-button"
                  disabled={steps.length === 1}
                  onClick={() => setSteps((all) => all.filter((_, i) => i !== index))}
                  aria-label={t('procedures.removeStep', { n: index + 1 })}
                >
                  <Trash2 size={16} aria-hidden />
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="button" onClick={() => setSteps((all) => [...all, emptyStep()])} disabled={steps.length >= 500}>
            <Plus size={16} aria-hidden /> {t('procedures.addStep')}
          </button>
        </FieldGroup>
        <DialogActions onCancel={close} submitLabel={t('common.save')} busy={busy} />
      </form>
    </Dialog>
  );
}
