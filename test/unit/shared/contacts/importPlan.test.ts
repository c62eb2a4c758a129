/**
 * The import preview: new, changed, duplicate and invalid contacts, matched by workbook id, by
 * name and organisation (without case or accents), or by a shared telephone number or e-mail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelKey, looseText, planContactImport } from '../../../../shared/contacts/importPlan';
import { ContactDraftSchema, type ContactDraft, type IncomingContact, type ReadContacts } from '../../../../shared/contacts/interop';
import { newRecordId } from '../../../../shared/model/ids';
import type { Contact } from '../../../../shared/model/records';
import { contactDraft } from './contactArbitraries';

function draft(overrides: Partial<ContactDraft> = {}): ContactDraft {
  return ContactDraftSchema.parse({
    kind: 'person', name: 'Zoë de Vries', organisation: 'NCSC', country: 'NL', roles: ['csirt'], level: 'technical', tlp: 'AMBER',
    channels: [{ type: 'mobile', value: '+31 6 2222 3333', note: '', tier: 'primary' }], position: 'Crisiscoördinator', notes: '',
    ...overrides,
  });
}
function stored(d: ContactDraft, overrides: Partial<Contact> = {}): Contact {
  return { ...d, id: newRecordId(), workspace: 'real', origin: newRecordId(), createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', hlc: '0000000000001-00000-01J3JZ6YJ2FG8STFJV5W68N7K1', deleted: false, ...overrides };
}
function incoming(d: ContactDraft, line: number, extra: Partial<IncomingContact> = {}): IncomingContact {
  return { draft: d, line, sourceId: null, complete: false, ...extra };
}
function file(contacts: IncomingContact[], extra: Partial<ReadContacts> = {}): ReadContacts {
  return { contacts, invalid: [], workspace: null, encoding: 'utf-8', ...extra };
}

describe('planning a contact import', () => {
  it('sorts contacts into new, changed and duplicate, and passes the invalid through', () => {
    const zoe = stored(draft());
    const plan = planContactImport(
      file(
        [
          incoming(draft({ name: 'Zoe de  VRIES' }), 1),
          incoming(draft({ name: 'Łukasz Żółkiewski', organisation: 'Ministerstwo Cyfryzacji', channels: [] }), 9),
        ],
        { invalid: [{ code: 'no-name', line: 20 }] },
      ),
      [zoe],
      'real',
    );
    expect(plan.items.map((i) => [i.kind, i.matchedBy, i.incoming.line])).toEqual([
      ['duplicate', 'name', 1],
      ['new', null, 9],
    ]);
    expect(plan.counts).toEqual({ new: 1, changed: 0, duplicate: 1, invalid: 1 });
    expect(plan.refusal).toBeNull();
  });

  it('lets an address book card add channels and a position, but never touch roles, level, TLP or the plan', () => {
    const zoe = stored(draft({ position: '' }));
    const card = draft({ roles: [], level: 'operational', tlp: 'GREEN', position: 'Crisiscoördinator', channels: [
      { type: 'mobile', value: '0031 6 2222 3333', note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null },
      { type: 'email', value: 'Zoe.deVries@example.nl', note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null },
    ] });
    const [item] = planContactImport(file([incoming(card, 1)]), [zoe], 'real').items;
    expect(item!.kind).toBe('changed');
    expect(item!.changedFields).toEqual(['channels', 'position']);
    // The mobile number is the same (0031 = +31); the e-mail address is appended after the plan.
    expect(item!.patch.channels!.map((c) => [c.type, c.value, c.tier])).toEqual([
      ['mobile', '+31 6 2222 3333', 'primary'],
      ['email', 'Zoe.deVries@example.nl', null],
    ]);
  });

  it('lets a workbook export replace the contact it was exported from, matched by id even when renamed', () => {
    const zoe = stored(draft());
    const renamed = draft({ name: 'Zoë van Dijk-de Vries', tlp: 'RED', roles: ['liaison-officer'] });
    const [item] = planContactImport(file([incoming(renamed, 1, { sourceId: zoe.id, complete: true })]), [zoe], 'real').items;
    expect(item).toMatchObject({ kind: 'changed', matchedBy: 'id', existing: zoe });
    expect(item!.patch).toEqual({ name: 'Zoë van Dijk-de Vries', roles: ['liaison-officer'], tlp: 'RED' });
  });

  it('matches by a shared telephone number or e-mail address when name and id differ', () => {
    const zoe = stored(draft({ channels: [{ type: 'email', value: 'duty@example.nl', note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null }] }));
    const desk = draft({ name: 'NCSC duty desk', channels: [{ type: 'email', value: 'DUTY@example.nl', note: '', label: '', tier: null, failAfterMinutes: null, onFailure: '', dependsOn: null }] });
    const [item] = planContactImport(file([incoming(desk, 1)]), [zoe], 'real').items;
    expect(item).toMatchObject({ matchedBy: 'channel', existing: zoe });
  });

  it('marks a second card for the same contact in one file as a duplicate of the first', () => {
    const plan = planContactImport(file([incoming(draft(), 1), incoming(draft({ notes: 'again' }), 12)]), [], 'real');
    expect(plan.items.map((i) => [i.kind, i.duplicateOfLine])).toEqual([
      ['new', null],
      ['duplicate', 1],
    ]);
  });

  it('ignores deleted contacts and those of the other workspace', () => {
    const gone = stored(draft(), { deleted: true });
    const exercise = stored(draft(), { workspace: 'exercise' });
    expect(planContactImport(file([incoming(draft(), 1)]), [gone, exercise], 'real').items[0]!.kind).toBe('new');
  });

  it('refuses a file exported from the other workspace', () => {
    const plan = planContactImport(file([incoming(draft(), 1)], { workspace: 'exercise' }), [], 'real');
    expect(plan.refusal).toEqual({ code: 'workspace-mismatch', line: 1, value: 'exercise' });
    expect(plan.items).toEqual([]);
  });

  it('finds every re-imported export a duplicate of what it came from (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(contactDraft, { minLength: 1, maxLength: 6, selector: (d) => `${looseText(d.name)}|${looseText(d.organisation)}` }), (drafts) => {
        const directory = drafts.map((d) => stored(d));
        const plan = planContactImport(file(directory.map((c, i) => incoming(drafts[i]!, i + 1, { sourceId: c.id, complete: true }))), directory, 'real');
        expect(plan.items.map((i) => i.kind)).toEqual(drafts.map(() => 'duplicate'));
        expect(plan.items.map((i) => i.existing?.id)).toEqual(directory.map((c) => c.id));
      }),
      { numRuns: 100 },
    );
  });

  it('normalises telephone numbers and e-mail addresses for matching', () => {
    expect(channelKey({ type: 'mobile', value: '+31 (0)6-2222 3333' })).toBe(channelKey({ type: 'landline', value: '+31 06 2222 3333' }));
    expect(channelKey({ type: 'email', value: ' A@Example.NL ' })).toBe('mail:a@example.nl');
    expect(channelKey({ type: 'radio', value: 'TETRA 1234567' })).toBeNull();
    expect(looseText('Ĳsbrand  Ÿ Zoë')).toBe('ijsbrand y zoe');
  });
});
