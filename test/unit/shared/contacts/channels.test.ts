import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_DEPENDENCIES,
  allOutageCombinations,
  channelDependencies,
  effectiveTier,
  organisationOf,
  rankChannels,
  reachability,
} from '../../../../shared/contacts/channels';
import { INFRASTRUCTURES, type Infrastructure } from '../../../../shared/model/outage';
import { CHANNEL_TYPES, ChannelSchema, PACE_TIERS, type Channel, type ChannelType } from '../../../../shared/model/records';

const channel = (type: ChannelType, value = `${type}-value`, extra: Partial<Channel> = {}): Channel =>
  ChannelSchema.parse({ type, value, note: '', ...extra });

const channelArb: fc.Arbitrary<Channel> = fc
  .record({
    type: fc.constantFrom(...CHANNEL_TYPES),
    value: fc.string({ minLength: 1, maxLength: 8 }),
    tier: fc.option(fc.constantFrom(...PACE_TIERS), { nil: null }),
    dependsOn: fc.option(fc.subarray([...INFRASTRUCTURES]), { nil: null }),
  })
  .map((c) => ChannelSchema.parse({ ...c, note: '' }));

const person = (channels: Channel[], organisation = 'Exercise Centre') => ({ kind: 'person' as const, organisation, channels });

describe('channel dependencies', () => {
  it('are what the module documents, for every channel type', () => {
    expect(CHANNEL_DEPENDENCIES).toEqual({
      landline: ['fixed-telephony', 'mains-power'],
      mobile: ['mobile-network'],
      'satellite-phone': [],
      'secure-phone': ['mobile-network'],
      email: ['internet'],
      'secure-email': ['internet'],
      'secure-messaging': ['internet'],
      radio: [],
      fax: ['fixed-telephony', 'mains-power'],
      'in-person': [],
      courier: [],
    });
  });

  it('take a channel’s own override before its type’s, in a fixed order without repeats', () => {
    expect(channelDependencies(channel('secure-phone', 'x', { dependsOn: ['mains-power', 'fixed-telephony', 'mains-power'] }))).toEqual([
      'fixed-telephony',
      'mains-power',
    ]);
    expect(channelDependencies(channel('landline', 'x', { dependsOn: [] }))).toEqual([]);
    expect(channelDependencies(channel('landline'))).toEqual(['fixed-telephony', 'mains-power']);
  });

  it('give tiers from position unless a channel has its own', () => {
    expect([0, 1, 2, 3, 7].map((i) => effectiveTier({ tier: null }, i))).toEqual(['primary', 'alternate', 'contingency', 'emergency', 'emergency']);
    expect(effectiveTier({ tier: 'emergency' }, 0)).toBe('emergency');
  });
});

describe('rankChannels', () => {
  const ladder = [channel('email'), channel('mobile'), channel('landline'), channel('satellite-phone'), channel('courier')];

  it('promotes the satellite phone when internet and mobile network are down, saying why the others are down', () => {
    const ranking = rankChannels({ channels: ladder }, ['internet', 'mobile-network', 'mains-power']);
    expect(ranking.first?.channel.type).toBe('satellite-phone');
    expect(ranking.first?.tier).toBe('emergency');
    expect(ranking.ladder.map((r) => [r.channel.type, r.downBecause])).toEqual([
      ['email', ['internet']],
      ['mobile', ['mobile-network']],
      ['landline', ['mains-power']],
      ['satellite-phone', []],
      ['courier', []],
    ]);
    expect(ranking.ranked.map((r) => r.channel.type)).toEqual(['satellite-phone', 'courier', 'email', 'mobile', 'landline']);
  });

  it('keeps the contact’s own order when nothing is down', () => {
    const ranking = rankChannels({ channels: ladder }, []);
    expect(ranking.first?.index).toBe(0);
    expect(ranking.ranked.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('has no first channel for a contact without channels', () => {
    expect(rankChannels({ channels: [] }, []).first).toBeNull();
  });

  it('covers all 16 combinations of outages', () => {
    const combinations = allOutageCombinations();
    expect(combinations).toHaveLength(16);
    expect(new Set(combinations.map((c) => c.join('+'))).size).toBe(16);
  });

  it('never picks a channel that depends on something down, keeps order and is unreachable only when nothing works', () => {
    fc.assert(
      fc.property(fc.array(channelArb, { maxLength: 12 }), (channels) => {
        for (const down of allOutageCombinations()) {
          const ranking = rankChannels({ channels }, down);
          const working = ranking.ladder.filter((r) => r.works);
          // The chosen channel depends on nothing that is down.
          if (ranking.first) expect(channelDependencies(ranking.first.channel).some((d) => down.includes(d))).toBe(false);
          // Every channel's verdict matches its dependencies.
          for (const r of ranking.ladder) expect(r.works).toBe(!channelDependencies(r.channel).some((d) => down.includes(d)));
          // The first channel is the first working one in the contact's order.
          expect(ranking.first?.index ?? null).toBe(working[0]?.index ?? null);
          // Order is otherwise preserved: working ones, then the others, each in original order.
          const indexes = ranking.ranked.map((r) => r.index);
          expect(indexes).toEqual([...working.map((r) => r.index), ...ranking.ladder.filter((r) => !r.works).map((r) => r.index)]);
          expect([...indexes].sort((a, b) => a - b)).toEqual(channels.map((_, i) => i));
          // Unreachable iff no channel works.
          const reach = reachability(person(channels), down);
          expect(reach.reachable).toBe(channels.some((c) => !channelDependencies(c).some((d) => down.includes(d))));
          if (reach.reachable) expect(reach.via.index).toBe(ranking.first?.index);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('reachability', () => {
  const allDown: Infrastructure[] = [...INFRASTRUCTURES];
  const org = { id: 'ORG', name: 'Exercise Centre', channels: [channel('landline'), channel('courier', 'Exercise Street 1')] };

  it('reaches through an address channel and says it means going there', () => {
    const reach = reachability(person([channel('mobile'), channel('in-person', 'Room B')]), allDown);
    expect(reach).toMatchObject({ reachable: true, physical: true });
  });

  it('proposes the contact’s own address when even that channel was given dependencies', () => {
    const own = channel('in-person', 'Room B', { dependsOn: ['mains-power'] });
    const reach = reachability(person([channel('mobile'), own]), allDown, org);
    expect(reach).toMatchObject({ reachable: false, proposal: { kind: 'own-address', channel: own } });
  });

  it('proposes the organisation’s courier address, else a liaison officer to the organisation', () => {
    expect(reachability(person([channel('mobile')]), allDown, org)).toMatchObject({
      reachable: false,
      proposal: { kind: 'organisation-address', organisation: { id: 'ORG', name: 'Exercise Centre' }, channel: { value: 'Exercise Street 1' } },
    });
    expect(reachability(person([channel('mobile')]), allDown, { ...org, channels: [channel('landline')] })).toMatchObject({
      reachable: false,
      proposal: { kind: 'liaison-officer', organisationName: 'Exercise Centre' },
    });
    expect(reachability(person([channel('email')], ''), ['internet'])).toMatchObject({
      reachable: false,
      proposal: { kind: 'liaison-officer', organisationName: null },
    });
  });

  it('finds a person’s organisation by link, else by name', () => {
    const base = { kind: 'organisation' as const, organisation: '', organisationId: null as string | null };
    const a = { ...base, id: 'A', name: 'Ministry' };
    const b = { ...base, id: 'B', name: 'Exercise Centre' };
    const p = { id: 'P', kind: 'person' as const, name: 'Alex', organisation: 'exercise centre ', organisationId: null as string | null };
    expect(organisationOf(p, [a, b, p])?.id).toBe('B');
    expect(organisationOf({ ...p, organisationId: 'A' }, [a, b, p])?.id).toBe('A');
    expect(organisationOf({ ...p, organisation: 'Nowhere' }, [a, b, p])).toBeNull();
    expect(organisationOf(a, [a, b])).toBeNull();
  });
});
