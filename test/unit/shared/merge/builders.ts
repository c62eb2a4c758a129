/**
 * Builders for merge tests: operations shaped the way the change journal writes them (a create
 * carries the whole record, an update only the changed fields plus `updatedAt` and `hlc`, a delete
 * `deleted: true`), at readable clocks, with `base` computed from the named operations the author
 * had applied.
 */
import { formatHlc, type Hlc } from '../../../../shared/journal/hlc';
import type { JournaledTable } from '../../../../shared/journal/tables';
import type { MergeableOperation } from '../../../../shared/merge/mergeRecord';
import { versionVector } from '../../../../shared/merge/versionVector';

/** Installations in the tests, in node order (ties between equal clocks go to the later one). */
export const ORIGINS = {
  A: '01HAAAAAAAAAAAAAAAAAAAAAAA',
  B: '01HBBBBBBBBBBBBBBBBBBBBBBB',
  C: '01HCCCCCCCCCCCCCCCCCCCCCCC',
} as const;
export type Who = keyof typeof ORIGINS;

export const RECORD_ID = '01JRECQRD00000000000000001';
const T0 = Date.parse('2026-03-10T08:00:00.000Z');

/** Clock `t` seconds after the test epoch, with a counter for same-millisecond events. */
export function hlcAt(t: number, who: Who, counter = 0): Hlc {
  return formatHlc({ millis: T0 + t * 1000, counter, node: ORIGINS[who] });
}

export interface OpSpec {
  /** Name used in expectations and in other specs' `base`. */
  readonly name: string;
  readonly by: Who;
  /** Seconds after the test epoch; `[t, counter]` for the same millisecond. */
  readonly at: number | readonly [number, number];
  readonly kind: 'create' | 'update' | 'delete';
  /** Fields set (for a create: the record's own fields; meta fields are added). */
  readonly set?: Readonly<Record<string, unknown>>;
  /** Names of the operations the author had applied; omitted = an operation without `base` (legacy). */
  readonly base?: readonly string[];
  readonly table?: JournaledTable;
  readonly recordId?: string;
}

/** Stable operation id for a name of up to 11 ASCII characters (hex digits are in the ULID alphabet; sorts like the name). */
export function opIdFor(name: string): string {
  if (name.length > 11) throw new Error(`operation name too long: ${name}`);
  const hex = [...name].map((ch) => ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join('');
  return ('01J' + hex).padEnd(26, '0');
}

/** Build operations from specs; `base` names refer to earlier specs in the same list. */
export function buildOps(specs: readonly OpSpec[]): MergeableOperation[] {
  const byName = new Map<string, MergeableOperation>();
  for (const spec of specs) {
    const [t, counter] = typeof spec.at === 'number' ? [spec.at, 0] : spec.at;
    const hlc = hlcAt(t, spec.by, counter);
    const table = spec.table ?? 'contacts';
    const recordId = spec.recordId ?? RECORD_ID;
    const updatedAt = new Date(T0 + t * 1000).toISOString();
    const fields: Record<string, unknown> =
      spec.kind === 'create'
        ? { id: recordId, workspace: 'real', origin: ORIGINS[spec.by], createdAt: updatedAt, updatedAt, hlc, deleted: false, ...spec.set }
        : spec.kind === 'delete'
          ? { deleted: true, updatedAt, hlc, ...spec.set }
          : { ...spec.set, updatedAt, hlc };
    const op: MergeableOperation = {
      opId: opIdFor(spec.name),
      hlc,
      origin: ORIGINS[spec.by],
      workspace: 'real',
      table,
      recordId,
      kind: spec.kind,
      fields,
    };
    if (spec.base) {
      const seen = spec.base.map((n) => {
        const o = byName.get(n);
        if (!o) throw new Error(`base names unknown operation ${n}`);
        return o;
      });
      byName.set(spec.name, { ...op, base: versionVector(seen) });
    } else {
      byName.set(spec.name, op);
    }
  }
  return [...byName.values()];
}

/** Name of an operation id built by `buildOps` from `specs`. */
export function nameOf(specs: readonly OpSpec[], opId: string): string {
  return specs.find((s) => opIdFor(s.name) === opId)?.name ?? opId;
}

/** Every ordering of a short list (up to 6 items), else a fixed set of rotations and reversals. */
export function orderings<T>(items: readonly T[]): T[][] {
  if (items.length > 6) {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += 1) {
      const rotated = [...items.slice(i), ...items.slice(0, i)];
      out.push(rotated, [...rotated].reverse());
    }
    return out;
  }
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => orderings([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
