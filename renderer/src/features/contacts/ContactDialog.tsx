/**
 * Create or edit a directory entry: who (organisation or person, its organisation and position),
 * roles in the Blueprint's terms, level, TLP, identity fingerprint, and the channels as a PACE
 * ladder — each with its tier, when to give up on it and what to do then, and, when it differs
 * from its type's, what it depends on. Move channels up and down to change the fallback order.
 */
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_DEPENDENCIES, effectiveTier } from '../../../../shared/contacts/channels';
import type { CountryCode } from '../../../../shared/model/countries';
import { LEVELS, type Level } from '../../../../shared/model/levels';
import { INFRASTRUCTURES, type Infrastructure } from '../../../../shared/model/outage';
import {
  CHANNEL_TYPES,
  ContactSchema,
  ORGANISATION_TYPES,
  PACE_TIERS,
  type Channel,
  type ChannelType,
  type Contact,
  type OrganisationType,
  type PaceTier,
} from '../../../../shared/model/records';
import { ROLES, type Role } from '../../../../shared/model/roles';
import type { Tlp } from '../../../../shared/model/tlp';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field, FieldGroup } from '../../components/Field';
import { CountryOptions, TlpOptions } from '../../components/options';
import type { RecordInput } from '../../db/journal';
import { useFormatters } from '../../i18n/format';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';
import { infrastructureList } from '../outage/outageText';

type ContactInput = RecordInput<'contacts'>;

/** A channel while it is edited: the minutes as typed. */
interface ChannelDraft {
  type: ChannelType;
  value: string;
  note: string;
  label: string;
  tier: PaceTier | null;
  failAfter: string;
  onFailure: string;
  dependsOn: Infrastructure[] | null;
}

const toDraft = (c: Channel): ChannelDraft => ({
  type: c.type,
  value: c.value,
  note: c.note,
  label: c.label,
  tier: c.tier,
  failAfter: c.failAfterMinutes === null ? '' : String(c.failAfterMinutes),
  onFailure: c.onFailure,
  dependsOn: c.dependsOn,
});

const emptyChannel = (type: ChannelType): ChannelDraft => ({ type, value: '', note: '', label: '', tier: null, failAfter: '', onFailure: '', dependsOn: null });

type Form = Omit<ContactInput, 'channels'> & { channels: ChannelDraft[] };

export function ContactDialog({ contact, contacts }: { contact: Contact | null; contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { journal, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const close = useUiStore((s) => s.closeDialog);
  const { run, busy } = useJournalAction();
  const [form, setForm] = useState<Form>(() =>
    contact
      ? {
          kind: contact.kind,
          name: contact.name,
          organisation: contact.organisation,
          country: contact.country,
          roles: contact.roles,
          level: contact.level,
          channels: contact.channels.map(toDraft),
          tlp: contact.tlp,
          organisationType: contact.organisationType,
          organisationId: contact.organisationId,
          position: contact.position,
          fingerprint: contact.fingerprint,
          notes: contact.notes,
        }
      : {
          kind: 'person',
          name: '',
          organisation: '',
          country: profile.country,
          roles: [],
          level: 'operational',
          channels: [emptyChannel('mobile')],
          tlp: 'AMBER',
          organisationType: null,
          organisationId: null,
          position: '',
          fingerprint: null,
          notes: '',
        },
  );
  const [errors, setErrors] = useState<{ name?: string; channels?: string; form?: string; minutes?: Set<number> }>({});
  const organisations = contacts.filter((c) => c.kind === 'organisation' && c.id !== contact?.id).sort((a, b) => f.compare(a.name, b.name));
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((x) => ({ ...x, [key]: value }));
  const setChannel = (index: number, patch: Partial<ChannelDraft>) =>
    set('channels', form.channels.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const moveChannel = (index: number, by: -1 | 1) => {
    const next = [...form.channels];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    set('channels', next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const kept = form.channels.filter((c) => c.value.trim());
    const badMinutes = new Set<number>();
    form.channels.forEach((c, i) => {
      const m = c.failAfter.trim();
      if (c.value.trim() && m !== '' && !(/^\d+$/.test(m) && Number(m) >= 1 && Number(m) <= 10_080)) badMinutes.add(i);
    });
    const channels = kept.map((c) => ({
      type: c.type,
      value: c.value.trim(),
      note: c.note.trim(),
      label: c.label.trim(),
      tier: c.tier,
      failAfterMinutes: c.failAfter.trim() === '' ? null : Number(c.failAfter.trim()),
      onFailure: c.onFailure.trim(),
      dependsOn: c.dependsOn,
    }));
    const found = {
      ...(form.name.trim() ? {} : { name: t('form.required') }),
      ...(channels.length ? {} : { channels: t('contacts.channelRequired') }),
      ...(badMinutes.size ? { minutes: badMinutes } : {}),
    };
    if (Object.keys(found).length) return setErrors(found);
    const fingerprint = form.fingerprint?.trim() ? form.fingerprint.trim() : null;
    const input: ContactInput = {
      ...form,
      name: form.name.trim(),
      organisation: form.kind === 'person' ? form.organisation.trim() : form.name.trim(),
      organisationId: form.kind === 'person' ? (form.organisationId ?? null) : null,
      organisationType: form.kind === 'organisation' ? (form.organisationType ?? null) : null,
      position: form.kind === 'person' ? (form.position ?? '').trim() : '',
      notes: (form.notes ?? '').trim(),
      fingerprint,
      channels,
    };
    // The same check the journal makes, with the message at the form instead of a failed save.
    const check = ContactSchema.omit({ id: true, workspace: true, origin: true, createdAt: true, updatedAt: true, hlc: true, deleted: true }).safeParse(input);
    if (!check.success) return setErrors({ form: `${check.error.issues[0]?.path.join('.') ?? ''}: ${check.error.issues[0]?.message ?? ''}` });
    setErrors({});
    const saved = await run(
      () => (contact ? journal.update('contacts', contact.id, input) : journal.create('contacts', input, { workspace })),
      contact ? 'contacts.updated' : 'contacts.created',
      { name: input.name },
    );
    if (saved) {
      close();
      navigate('contacts', saved.id);
    }
  };

  return (
    <Dialog title={contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.new')} onClose={close} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errors.form ? (
          <p className="form-failure" role="alert">
            {errors.form}
          </p>
        ) : null}
        <div className="form-grid">
          <Field label={t('contacts.field.kind')}>
            <select value={form.kind} onChange={(e) => set('kind', e.target.value as Contact['kind'])}>
              <option value="person">{t('contacts.kind.person')}</option>
              <option value="organisation">{t('contacts.kind.organisation')}</option>
            </select>
          </Field>
          <Field label={t('contacts.field.name')} error={errors.name ?? null}>
            <input value={form.name} onChange={(e) => set('name', e.target.value)} autoFocus maxLength={200} />
          </Field>
          {form.kind === 'organisation' ? (
            <Field label={t('directory.field.organisationType')}>
              <select value={form.organisationType ?? ''} onChange={(e) => set('organisationType', (e.target.value || null) as OrganisationType | null)}>
                <option value="">—</option>
                {ORGANISATION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`directory.orgType.${type}`)}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <>
              <Field label={t('directory.field.organisationInDirectory')} hint={t('directory.field.organisationInDirectoryHint')}>
                <select
                  value={form.organisationId ?? ''}
                  onChange={(e) => {
                    const org = organisations.find((o) => o.id === e.target.value);
                    setForm((x) => ({ ...x, organisationId: org?.id ?? null, organisation: org ? org.name : x.organisation }));
                  }}
                >
                  <option value="">{t('directory.field.notInDirectory')}</option>
                  {organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('contacts.field.organisation')}>
                <input
                  value={form.organisation}
                  onChange={(e) => set('organisation', e.target.value)}
                  maxLength={200}
                  disabled={form.organisationId !== null && form.organisationId !== undefined}
                />
              </Field>
              <Field label={t('directory.field.position')}>
                <input value={form.position ?? ''} onChange={(e) => set('position', e.target.value)} maxLength={200} />
              </Field>
            </>
          )}
          <Field label={t('contacts.field.country')}>
            <select value={form.country} onChange={(e) => set('country', e.target.value as CountryCode)}>
              <CountryOptions />
            </select>
          </Field>
          <Field label={t('contacts.field.level')}>
            <select value={form.level} onChange={(e) => set('level', e.target.value as Level)}>
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`level.${level}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('common.tlp')} hint={t('common.tlpHint')}>
            <select value={form.tlp} onChange={(e) => set('tlp', e.target.value as Tlp)}>
              <TlpOptions />
            </select>
          </Field>
          <Field label={t('directory.field.fingerprint')} hint={t('directory.field.fingerprintHint')}>
            <input value={form.fingerprint ?? ''} onChange={(e) => set('fingerprint', e.target.value)} maxLength={200} className="mono" />
          </Field>
        </div>
        <FieldGroup legend={t('contacts.field.roles')}>
          <div className="checkbox-grid">
            {ROLES.map((role) => (
              <label key={role} className="choice">
                <input
                  type="checkbox"
                  checked={form.roles.includes(role)}
                  onChange={(e) => set('roles', e.target.checked ? [...form.roles, role] : form.roles.filter((r: Role) => r !== role))}
                />
                <span>{t(`roles.${role}`)}</span>
              </label>
            ))}
          </div>
        </FieldGroup>
        <FieldGroup legend={t('contacts.channelsTitle')}>
          <p className="field-hint">{t('directory.channelsHint')}</p>
          {errors.channels ? <p className="field-error">{errors.channels}</p> : null}
          <ol className="pace-editor">
            {form.channels.map((channel, index) => (
              <li key={index} aria-label={t('directory.channelN', { n: index + 1 })}>
                <span className={`pace-tier tier-${effectiveTier(channel, index)}`} aria-hidden="true">
                  {t(`directory.tierLetter.${effectiveTier(channel, index)}`)}
                </span>
                <div className="pace-editor-fields">
                  <Field label={t('contacts.field.channelType')}>
                    <select value={channel.type} onChange={(e) => setChannel(index, { type: e.target.value as ChannelType })}>
                      {CHANNEL_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {t(`channel.${type}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t('contacts.field.channelValue')}>
                    <input value={channel.value} onChange={(e) => setChannel(index, { value: e.target.value })} maxLength={500} />
                  </Field>
                  <Field label={t('directory.field.channelLabel')}>
                    <input value={channel.label} onChange={(e) => setChannel(index, { label: e.target.value })} maxLength={200} placeholder={t('directory.field.channelLabelPlaceholder')} />
                  </Field>
                  <Field label={t('directory.field.tier')}>
                    <select value={channel.tier ?? ''} onChange={(e) => setChannel(index, { tier: (e.target.value || null) as PaceTier | null })}>
                      <option value="">{t('directory.tierFromPosition', { tier: t(`directory.tier.${effectiveTier({ tier: null }, index)}`) })}</option>
                      {PACE_TIERS.map((tier) => (
                        <option key={tier} value={tier}>
                          {t(`directory.tier.${tier}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t('directory.field.failAfter')} error={errors.minutes?.has(index) ? t('directory.field.failAfterInvalid') : null}>
                    <input inputMode="numeric" value={channel.failAfter} onChange={(e) => setChannel(index, { failAfter: e.target.value })} maxLength={5} />
                  </Field>
                  <Field label={t('directory.field.onFailure')}>
                    <input value={channel.onFailure} onChange={(e) => setChannel(index, { onFailure: e.target.value })} maxLength={1000} placeholder={t('directory.field.onFailurePlaceholder')} />
                  </Field>
                  <Field label={t('contacts.field.channelNote')} className="span-2">
                    <input value={channel.note} onChange={(e) => setChannel(index, { note: e.target.value })} maxLength={1000} />
                  </Field>
                  <fieldset className="deps-editor span-3">
                    <legend>{t('directory.field.dependsOn')}</legend>
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={channel.dependsOn !== null}
                        onChange={(e) => setChannel(index, { dependsOn: e.target.checked ? [...CHANNEL_DEPENDENCIES[channel.type]] : null })}
                      />
                      <span>
                        {channel.dependsOn === null
                          ? t('directory.field.dependsOnDefault', {
                              what: CHANNEL_DEPENDENCIES[channel.type].length ? infrastructureList(t, f.locale, CHANNEL_DEPENDENCIES[channel.type]) : t('directory.nothing'),
                            })
                          : t('directory.field.dependsOnOverride')}
                      </span>
                    </label>
                    {channel.dependsOn !== null
                      ? INFRASTRUCTURES.map((infra) => (
                          <label key={infra} className="choice">
                            <input
                              type="checkbox"
                              checked={channel.dependsOn?.includes(infra) ?? false}
                              onChange={(e) =>
                                setChannel(index, {
                                  dependsOn: e.target.checked ? [...(channel.dependsOn ?? []), infra] : (channel.dependsOn ?? []).filter((d) => d !== infra),
                                })
                              }
                            />
                            <span>{t(`outage.infra.${infra}`)}</span>
                          </label>
                        ))
                      : null}
                  </fieldset>
                </div>
                <div className="channel-actions">
                  <button type="button" className="icon-button" disabled={index === 0} onClick={() => moveChannel(index, -1)} aria-label={t('contacts.moveUp', { n: index + 1 })}>
                    <ArrowUp size={16} aria-hidden />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    disabled={index === form.channels.length - 1}
                    onClick={() => moveChannel(index, 1)}
                    aria-label={t('contacts.moveDown', { n: index + 1 })}
                  >
                    <ArrowDown size={16} aria-hidden />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    onClick={() => set('channels', form.channels.filter((_, i) => i !== index))}
                    aria-label={t('contacts.removeChannel', { n: index + 1 })}
                  >
                    <Trash2 size={16} aria-hidden />
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button type="button" className="button" disabled={form.channels.length >= 20} onClick={() => set('channels', [...form.channels, emptyChannel('landline')])}>
            <Plus size={16} aria-hidden /> {t('contacts.addChannel')}
          </button>
        </FieldGroup>
        <Field label={t('directory.field.notes')}>
          <textarea value={form.notes ?? ''} onChange={(e) => set('notes', e.target.value)} maxLength={5000} rows={3} />
        </Field>
        <DialogActions onCancel={close} submitLabel={t('common.save')} busy={busy} />
      </form>
    </Dialog>
  );
}
