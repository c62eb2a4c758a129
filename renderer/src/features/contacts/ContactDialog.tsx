/**
 * Create or edit a contact, including its channels in fallback order (move up and down to change
 * which one is tried first).
 */
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountryCode } from '../../../../shared/model/countries';
import { LEVELS, type Level } from '../../../../shared/model/levels';
import { CHANNEL_TYPES, type Channel, type ChannelType, type Contact } from '../../../../shared/model/records';
import type { Role } from '../../../../shared/model/roles';
import type { Tlp } from '../../../../shared/model/tlp';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Field, FieldGroup } from '../../components/Field';
import { CountryOptions, RoleOptions, TlpOptions } from '../../components/options';
import type { RecordInput } from '../../db/journal';
import { useJournalAction } from '../../lib/useJournalAction';
import { useUiStore } from '../../stores/useUiStore';

type ContactInput = RecordInput<'contacts'>;

export function ContactDialog({ contact }: { contact: Contact | null }) {
  const { t } = useTranslation();
  const { journal, profile } = useSession();
  const workspace = useUiStore((s) => s.workspace);
  const close = useUiStore((s) => s.closeDialog);
  const { run, busy } = useJournalAction();
  const [form, setForm] = useState<ContactInput>(() =>
    contact
      ? {
          kind: contact.kind,
          name: contact.name,
          organisation: contact.organisation,
          country: contact.country,
          roles: contact.roles,
          level: contact.level,
          channels: contact.channels,
          tlp: contact.tlp,
        }
      : {
          kind: 'person',
          name: '',
          organisation: '',
          country: profile.country,
          roles: [],
          level: 'operational',
          channels: [{ type: 'mobile', value: '', note: '' }],
          tlp: 'AMBER',
        },
  );
  const [errors, setErrors] = useState<{ name?: string; channels?: string }>({});
  const set = <K extends keyof ContactInput>(key: K, value: ContactInput[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setChannel = (index: number, patch: Partial<Channel>) =>
    set('channels', form.channels.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const moveChannel = (index: number, by: -1 | 1) => {
    const next = [...form.channels];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    set('channels', next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const channels = form.channels
      .map((c) => ({ ...c, value: c.value.trim(), note: c.note.trim() }))
      .filter((c) => c.value);
    const found = {
      ...(form.name.trim() ? {} : { name: t('form.required') }),
      ...(channels.length ? {} : { channels: t('contacts.channelRequired') }),
    };
    setErrors(found);
    if (Object.keys(found).length) return;
    const input: ContactInput = { ...form, name: form.name.trim(), organisation: form.organisation.trim(), channels };
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
          <Field label={t('contacts.field.organisation')}>
            <input value={form.organisation} onChange={(e) => set('organisation', e.target.value)} maxLength={200} />
          </Field>
          <Field label={t('contacts.field.country')}>
            <select value={form.country} onChange={(e) => set('country', e.target.value as CountryCode)}>
              <CountryOptions />
            </select>
          </Field>
          <Field label={t('contacts.field.role')}>
            <select
              value={form.roles[0] ?? ''}
              onChange={(e) => set('roles', e.target.value ? [e.target.value as Role] : [])}
            >
              <option value="">{t('contacts.noRole')}</option>
              <RoleOptions />
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
        </div>
        <FieldGroup legend={t('contacts.channelsTitle')}>
          <p className="field-hint">{t('contacts.channelsHint')}</p>
          {errors.channels ? <p className="field-error">{errors.channels}</p> : null}
          <ol className="channel-editor">
            {form.channels.map((channel, index) => (
              <li key={index}>
                <span className="ladder-step" aria-hidden="true">
                  {index + 1}
                </span>
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
                <Field label={t('contacts.field.channelNote')}>
                  <input value={channel.note} onChange={(e) => setChannel(index, { note: e.target.value })} maxLength={1000} />
                </Field>
                <div className="channel-actions">
                  <button
                    type="button"
                    className="icon-button"
                    disabled={index === 0}
                    onClick={() => moveChannel(index, -1)}
                    aria-label={t('contacts.moveUp', { n: index + 1 })}
                  >
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
          <button
            type="button"
            className="button"
            disabled={form.channels.length >= 20}
            onClick={() => set('channels', [...form.channels, { type: 'landline', value: '', note: '' }])}
          >
            <Plus size={16} aria-hidden /> {t('contacts.addChannel')}
          </button>
        </FieldGroup>
        <DialogActions onCancel={close} submitLabel={t('common.save')} busy={busy} />
      </form>
    </Dialog>
  );
}
