/**
 * Settings: this installation's profile and language (stored through the journal), theme and
 * workspace (UI preferences), storage durability, and what is running.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../../shared/i18n/languages';
import type { AppInfo } from '../../../../shared/ipc/contract';
import type { CountryCode } from '../../../../shared/model/countries';
import { InstallationProfileSchema, ProfileInputSchema, type ProfileInput } from '../../../../shared/model/installation';
import type { Role } from '../../../../shared/model/roles';
import { WORKSPACES } from '../../../../shared/model/workspace';
import { CURRENT_SCHEMA_VERSION } from '../../../../shared/versioning/schemaVersion';
import { useSession } from '../../app/session';
import { Field } from '../../components/Field';
import { CountryOptions, RoleOptions } from '../../components/options';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore, type ThemePreference } from '../../stores/useUiStore';
import { AppLockSection } from './AppLockSection';
import { BackupSection } from './BackupSection';

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <div className="settings">
      <div className="page-header">
        <h1>{t('settings.title')}</h1>
      </div>
      <div className="card-grid">
        <ProfileCard />
        <DisplayCard />
        <StorageCard />
        <BackupSection />
        <AppLockSection />
        <AboutCard />
      </div>
    </div>
  );
}

function ProfileCard() {
  const { t } = useTranslation();
  const { journal, profile } = useSession();
  const { run, busy } = useJournalAction();
  const [form, setForm] = useState<ProfileInput>({
    organisation: profile.organisation,
    country: profile.country,
    person: profile.person,
    role: profile.role,
    language: profile.language,
  });
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  // The directory's stale period (pt. 14), as typed; whole months from 1 to 60.
  const [staleMonths, setStaleMonths] = useState(String(profile.staleAfterMonths));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = ProfileInputSchema.safeParse(form);
    const months = InstallationProfileSchema.shape.staleAfterMonths.safeParse(/^\d+$/.test(staleMonths.trim()) ? Number(staleMonths.trim()) : NaN);
    if (!parsed.success || !months.success) {
      setInvalid(new Set([...(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0]))), ...(months.success ? [] : ['staleAfterMonths'])]));
      return;
    }
    setInvalid(new Set());
    await run(() => journal.update('profile', profile.id, { ...parsed.data, staleAfterMonths: months.data }), 'settings.profileSaved');
  };

  return (
    <section className="card span-2" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('settings.profile')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <Field label={t('profile.organisation')} error={invalid.has('organisation') ? t('form.required') : null}>
            <input value={form.organisation} onChange={(e) => setForm({ ...form, organisation: e.target.value })} />
          </Field>
          <Field label={t('profile.country')}>
            <select value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value as CountryCode })}>
              <CountryOptions />
            </select>
          </Field>
          <Field label={t('profile.person')} error={invalid.has('person') ? t('form.required') : null}>
            <input value={form.person} onChange={(e) => setForm({ ...form, person: e.target.value })} />
          </Field>
          <Field label={t('profile.role')}>
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              <RoleOptions />
            </select>
          </Field>
          <Field label={t('settings.language')}>
            <select value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value as Language })}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('directory.settings.staleAfterMonths')}
            hint={t('directory.settings.staleAfterMonthsHint')}
            error={invalid.has('staleAfterMonths') ? t('directory.settings.staleAfterMonthsInvalid') : null}
          >
            <input type="number" min={1} max={60} step={1} inputMode="numeric" value={staleMonths} onChange={(e) => setStaleMonths(e.target.value)} />
          </Field>
        </div>
        <div className="button-row end">
          <button type="submit" className="button primary" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DisplayCard() {
  const { t } = useTranslation();
  const theme = useUiStore((s) => s.theme);
  const setTheme = useUiStore((s) => s.setTheme);
  const workspace = useUiStore((s) => s.workspace);
  const setWorkspace = useUiStore((s) => s.setWorkspace);
  return (
    <section className="card" aria-labelledby="display-title">
      <h2 id="display-title">{t('settings.display')}</h2>
      <fieldset className="choice-list">
        <legend>{t('settings.theme')}</legend>
        {(['system', 'light', 'dark'] as const satisfies readonly ThemePreference[]).map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="theme" checked={theme === value} onChange={() => setTheme(value)} />
            <span>{t(`settings.themes.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-list">
        <legend>{t('settings.workspace')}</legend>
        {WORKSPACES.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="workspace" checked={workspace === value} onChange={() => setWorkspace(value)} />
            <span>{t(`workspace.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      <p className="field-hint">{t('settings.workspaceHint')}</p>
    </section>
  );
}

function StorageCard() {
  const { t } = useTranslation();
  const f = useByteFormat();
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  useEffect(() => {
    if (!navigator.storage) return;
    void navigator.storage.persisted().then(setPersisted);
    void navigator.storage.estimate().then(setEstimate);
  }, []);
  const request = async () => setPersisted(await navigator.storage.persist());
  return (
    <section className="card" aria-labelledby="storage-title">
      <h2 id="storage-title">{t('settings.storage')}</h2>
      <p>{persisted ? t('settings.storagePersisted') : t('settings.storageNotPersisted')}</p>
      {persisted === false ? (
        <button type="button" className="button" onClick={() => void request()}>
          {t('settings.requestPersistence')}
        </button>
      ) : null}
      {estimate?.usage !== undefined ? (
        <p className="field-hint">{t('settings.storageUsage', { usage: f(estimate.usage) })}</p>
      ) : null}
    </section>
  );
}

/** Bytes in a readable unit. */
function useByteFormat() {
  const { i18n } = useTranslation();
  return (bytes: number) => {
    const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return new Intl.NumberFormat(i18n.language, { style: 'unit', unit: units[unit], maximumFractionDigits: 1 }).format(value);
  };
}

function AboutCard() {
  const { t } = useTranslation();
  const { platform } = useSession();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void platform.appInfo().then((r) => r.ok && setInfo(r.value));
  }, [platform]);
  return (
    <section className="card" aria-labelledby="about-title">
      <h2 id="about-title">{t('settings.about')}</h2>
      <dl className="facts single">
        <div>
          <dt>{t('settings.version')}</dt>
          <dd>{info?.version ?? '…'}</dd>
        </div>
        <div>
          <dt>{t('settings.runningAs')}</dt>
          <dd>
            {platform.kind === 'desktop'
              ? t('settings.desktop', { electron: info?.electron ?? '', platform: info?.platform ?? '' })
              : t('settings.web', { chrome: info?.chrome ?? '' })}
          </dd>
        </div>
        <div>
          <dt>{t('settings.dataOrigin')}</dt>
          <dd className="mono">{window.location.origin}</dd>
        </div>
        <div>
          <dt>{t('settings.schemaVersion')}</dt>
          <dd>{CURRENT_SCHEMA_VERSION}</dd>
        </div>
      </dl>
    </section>
  );
}
