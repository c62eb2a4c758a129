/**
 * First-run setup: who runs this installation, for which organisation, in which language. The
 * language choice applies at once, so the rest of the form is read in it.
 */
import { ShieldCheck } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, LanguageSchema, type Language } from '../../../../shared/i18n/languages';
import { ProfileInputSchema, type ProfileInput } from '../../../../shared/model/installation';
import type { CountryCode } from '../../../../shared/model/countries';
import type { Role } from '../../../../shared/model/roles';
import type { Workspace } from '../../../../shared/model/workspace';
import { errorCodeOf } from '../../../../shared/errors/codes';
import { Field } from '../../components/Field';
import { CountryOptions, RoleOptions } from '../../components/options';
import { setUpInstallation } from '../../db/installation';
import type { ChangeJournal } from '../../db/journal';
import type { WorkbookDb } from '../../db/WorkbookDb';
import { useUiStore } from '../../stores/useUiStore';
import { navigate } from '../../app/router';

export function SetupScreen({ db, onDone }: { db: WorkbookDb; onDone: (journal: ChangeJournal) => void }) {
  const { t, i18n } = useTranslation();
  const setWorkspace = useUiStore((s) => s.setWorkspace);
  const [form, setForm] = useState<ProfileInput>({
    organisation: '',
    country: 'NL',
    person: '',
    role: 'cyber-crisis-authority',
    language: LanguageSchema.catch('en').parse(i18n.language),
  });
  const [startIn, setStartIn] = useState<Workspace>('exercise');
  const [errors, setErrors] = useState<Partial<Record<keyof ProfileInput, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const chooseLanguage = (language: Language) => {
    setForm((f) => ({ ...f, language }));
    void i18n.changeLanguage(language);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = ProfileInputSchema.safeParse(form);
    if (!parsed.success) {
      const found: Partial<Record<keyof ProfileInput, string>> = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as keyof ProfileInput] = t('setup.required');
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const journal = await setUpInstallation(db, parsed.data);
      // Crisis data must not be evicted when the disk fills up; ask once, at setup.
      void navigator.storage?.persist?.();
      setWorkspace(startIn);
      navigate('dashboard');
      onDone(journal);
    } catch (e) {
      setFailure(t(`errors.${errorCodeOf(e)}`));
      setBusy(false);
    }
  };

  return (
    <main className="setup">
      <form className="setup-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="setup-title">
        <div className="setup-brand">
          <ShieldCheck aria-hidden="true" size={36} />
          <div>
            <h1 id="setup-title">{t('setup.title')}</h1>
            <p>{t('setup.intro')}</p>
          </div>
        </div>

        <fieldset className="language-choice">
          <legend>{t('setup.language')}</legend>
          {LANGUAGES.map((language) => (
            <label key={language} className="choice">
              <input
                type="radio"
                name="language"
                value={language}
                checked={form.language === language}
                onChange={() => chooseLanguage(language)}
              />
              <span lang={language}>{LANGUAGE_NAMES[language]}</span>
            </label>
          ))}
        </fieldset>

        <div className="form-grid">
          <Field label={t('profile.organisation')} hint={t('setup.organisationHint')} error={errors.organisation ?? null}>
            <input
              value={form.organisation}
              autoComplete="organization"
              onChange={(e) => setForm((f) => ({ ...f, organisation: e.target.value }))}
            />
          </Field>
          <Field label={t('profile.country')}>
            <select value={form.country} onChange={(e) => setForm((f) => ({ ...f, country: e.target.value as CountryCode }))}>
              <CountryOptions />
            </select>
          </Field>
          <Field label={t('profile.person')} hint={t('setup.personHint')} error={errors.person ?? null}>
            <input value={form.person} autoComplete="name" onChange={(e) => setForm((f) => ({ ...f, person: e.target.value }))} />
          </Field>
          <Field label={t('profile.role')}>
            <select value={form.role} onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as Role }))}>
              <RoleOptions />
            </select>
          </Field>
        </div>

        <fieldset className="workspace-choice">
          <legend>{t('setup.startIn')}</legend>
          <label className="choice">
            <input type="radio" name="startIn" checked={startIn === 'exercise'} onChange={() => setStartIn('exercise')} />
            <span>
              <strong>{t('workspace.exercise')}</strong> — {t('setup.startExercise')}
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="startIn" checked={startIn === 'real'} onChange={() => setStartIn('real')} />
            <span>
              <strong>{t('workspace.real')}</strong> — {t('setup.startReal')}
            </span>
          </label>
        </fieldset>

        {failure ? (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="button-row end">
          <button type="submit" className="button primary" disabled={busy}>
            {t('setup.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
