/**
 * A small seeded pseudo-random generator (mulberry32) and the helpers the dataset generator needs.
 * Same seed, same sequence, on every machine and Node version: the benchmark's records are
 * reproducible byte for byte.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  hex(length: number): string;
}

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (p) => next() < p,
    hex: (length) => {
      let out = '';
      while (out.length < length) out += int(0, 0xffff).toString(16).padStart(4, '0');
      return out.slice(0, length);
    },
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose time part is `millis` and whose random part comes from `random` (deterministic). */
export function seededUlid(millis: number, random: Random): string {
  let time = '';
  let t = millis;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  let rest = '';
  for (let i = 0; i < 16; i += 1) rest += CROCKFORD.charAt(random.int(0, 31));
  return time + rest;
}
