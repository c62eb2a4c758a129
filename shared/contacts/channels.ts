/**
 * Which of a contact's channels still works when parts of the infrastructure are down, and what to
 * do when none does (pt. 78: emergency measures for crises in which internet or telecommunication
 * channels fail). Pure functions: every view of the directory, the call trees and the printed cards
 * rank channels with them, so they all agree.
 *
 * The order of a contact's channels is its fallback order (PACE: primary, alternate, contingency,
 * emergency). Ranking never reorders the channels that work: it skips the ones whose infrastructure
 * is down, so the person's own plan is followed as far as the outage allows.
 */
import { INFRASTRUCTURES, type Infrastructure } from '../model/outage';
import { PACE_TIERS, type Channel, type ChannelType, type Contact, type PaceTier } from '../model/records';

/**
 * What each kind of channel needs in order to work, at the caller's end and on the way. Decisions,
 * each a judgement a crisis officer can override per channel (`Channel.dependsOn`):
 *
 * - landline: the fixed telephone network, and mains power. Almost every "landline" today is VoIP
 *   or fibre behind a router or an optical terminal, often with a DECT base station; all of them go
 *   dead when the power fails. Only a genuine copper line is powered by the exchange — set that
 *   line's dependencies to fixed telephony alone.
 * - mobile: the mobile network. The handset has its own battery; base stations have limited battery
 *   back-up, and when they fail, that is "mobile network down".
 * - satellite phone: nothing we can declare down. Own battery, own network, independent of
 *   terrestrial infrastructure (it needs a view of the sky, which no outage switch covers).
 * - secure phone: the mobile network. Most accredited secure phones are hardened handsets on the
 *   public mobile network; a desk crypto phone on a fixed line should override this with
 *   fixed telephony + mains power.
 * - e-mail, secure e-mail, secure messaging: the internet, but not mains power. They are read on
 *   laptops and phones that run on batteries and can reach the internet over any path (a mobile
 *   hotspot, a generator-fed office). When the office's connection dies with the power, the user
 *   declares the internet down as well, and that is what the ranking then follows.
 * - radio (e.g. TETRA): nothing we can declare down. Public-safety radio networks are separate
 *   networks with their own back-up power, built to keep working when public networks fail.
 * - fax: the fixed telephone network and mains power (the machine itself needs the mains).
 * - in person, courier / liaison officer: nothing. Someone walks or drives there; this is the last
 *   fallback, and why every organisation should have an address in the directory.
 */
export const CHANNEL_DEPENDENCIES: { readonly [T in ChannelType]: readonly Infrastructure[] } = {
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
};

/** Channel types that mean going there: the answer when every remote channel is down. */
export const PHYSICAL_CHANNEL_TYPES: ReadonlySet<ChannelType> = new Set<ChannelType>(['in-person', 'courier']);

/** Channel types whose value is something to dial. */
export const DIALLED_CHANNEL_TYPES: ReadonlySet<ChannelType> = new Set<ChannelType>([
  'landline', 'mobile', 'satellite-phone', 'secure-phone', 'fax',
]);

/** What a channel depends on: its own override when it has one, otherwise its type's. */
export function channelDependencies(channel: Pick<Channel, 'type' | 'dependsOn'>): readonly Infrastructure[] {
  const deps = channel.dependsOn ?? CHANNEL_DEPENDENCIES[channel.type];
  // In the fixed order of INFRASTRUCTURES, without repeats, so messages read the same everywhere.
  return INFRASTRUCTURES.filter((i) => deps.includes(i));
}

/** The PACE tier of a channel: its own, or else the one its place in the order gives it. */
export function effectiveTier(channel: Pick<Channel, 'tier'>, index: number): PaceTier {
  return channel.tier ?? PACE_TIERS[Math.min(index, PACE_TIERS.length - 1)] ?? 'emergency';
}

export interface RankedChannel {
  readonly channel: Channel;
  /** Its place in the contact's own fallback order (0 = tried first). */
  readonly index: number;
  readonly tier: PaceTier;
  readonly dependsOn: readonly Infrastructure[];
  /** The infrastructures it needs that are down now; empty when it works. */
  readonly downBecause: readonly Infrastructure[];
  readonly works: boolean;
}

export interface ChannelRanking {
  /** Every channel in the contact's own order, each with whether it works and why not. */
  readonly ladder: readonly RankedChannel[];
  /** The working channels first, then the rest, each group in the contact's own order. */
  readonly ranked: readonly RankedChannel[];
  /** The channel to try now; null when none works. */
  readonly first: RankedChannel | null;
}

/** Rank a contact's channels against what is down. */
export function rankChannels(contact: Pick<Contact, 'channels'>, down: Iterable<Infrastructure>): ChannelRanking {
  const isDown = new Set(down);
  const ladder = contact.channels.map((channel, index): RankedChannel => {
    const dependsOn = channelDependencies(channel);
    const downBecause = dependsOn.filter((i) => isDown.has(i));
    return { channel, index, tier: effectiveTier(channel, index), dependsOn, downBecause, works: downBecause.length === 0 };
  });
  const ranked = [...ladder.filter((r) => r.works), ...ladder.filter((r) => !r.works)];
  return { ladder, ranked, first: ranked[0]?.works ? ranked[0] : null };
}

/** What to do when no remote channel works: who to send, and where. */
export type ReachProposal =
  /** The contact's own in-person or courier channel (an address to go to). */
  | { readonly kind: 'own-address'; readonly channel: Channel }
  /** The organisation's in-person or courier channel. */
  | { readonly kind: 'organisation-address'; readonly organisation: Pick<Contact, 'id' | 'name'>; readonly channel: Channel }
  /** No address known: send a liaison officer to where the organisation is, if that is known at all. */
  | { readonly kind: 'liaison-officer'; readonly organisationName: string | null };

export type Reachability =
  | {
      readonly reachable: true;
      readonly via: RankedChannel;
      /** The channel that works means going there (in person, courier). */
      readonly physical: boolean;
      readonly ranking: ChannelRanking;
    }
  | { readonly reachable: false; readonly proposal: ReachProposal; readonly ranking: ChannelRanking };

/**
 * Whether a contact can be reached now, by which channel, or what to do instead. `organisation` is
 * the directory record of the person's organisation, when there is one.
 */
export function reachability(
  contact: Pick<Contact, 'channels' | 'kind' | 'organisation'>,
  down: Iterable<Infrastructure>,
  organisation: Pick<Contact, 'id' | 'name' | 'channels'> | null = null,
): Reachability {
  const outage = [...down];
  const ranking = rankChannels(contact, outage);
  if (ranking.first) return { reachable: true, via: ranking.first, physical: PHYSICAL_CHANNEL_TYPES.has(ranking.first.channel.type), ranking };
  // Nothing works (an address channel only fails when someone has given it dependencies).
  const own = contact.channels.find((c) => PHYSICAL_CHANNEL_TYPES.has(c.type));
  if (own) return { reachable: false, proposal: { kind: 'own-address', channel: own }, ranking };
  const orgChannel = organisation?.channels.find((c) => PHYSICAL_CHANNEL_TYPES.has(c.type));
  if (organisation && orgChannel) {
    return { reachable: false, proposal: { kind: 'organisation-address', organisation: { id: organisation.id, name: organisation.name }, channel: orgChannel }, ranking };
  }
  const organisationName = organisation?.name ?? (contact.organisation.trim() || null);
  return { reachable: false, proposal: { kind: 'liaison-officer', organisationName }, ranking };
}

/**
 * The directory record of a person's organisation: the one it points to, else an organisation of
 * the same name. Null for organisations themselves and persons whose organisation is not listed.
 */
export function organisationOf<C extends Pick<Contact, 'id' | 'kind' | 'name' | 'organisation' | 'organisationId'>>(
  contact: C,
  directory: readonly C[],
): C | null {
  if (contact.kind !== 'person') return null;
  const organisations = directory.filter((c) => c.kind === 'organisation' && c.id !== contact.id);
  if (contact.organisationId) {
    const linked = organisations.find((o) => o.id === contact.organisationId);
    if (linked) return linked;
  }
  const name = contact.organisation.trim().toLowerCase();
  return name ? (organisations.find((o) => o.name.trim().toLowerCase() === name) ?? null) : null;
}

/** Every combination of infrastructures that can be down (2⁴ = 16), for tests and overviews. */
export function allOutageCombinations(): Infrastructure[][] {
  return Array.from({ length: 1 << INFRASTRUCTURES.length }, (_, mask) => INFRASTRUCTURES.filter((_, bit) => (mask & (1 << bit)) !== 0));
}
