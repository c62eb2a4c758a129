/**
 * PURE: the logbook as reports read it. The logbook is append-only, so a correction or a
 * withdrawal is a separate entry that points at the one it corrects (`corrects.entryId`). A report
 * must show each logged fact once, in the form that stands now; this module folds every entry and
 * the entries that correct it (directly, or by correcting a correction) into one `LogItem`.
 *
 * Rules, in the order they apply:
 * - Tombstoned entries, and entries of other incidents, are not part of the logbook.
 * - An item is an entry that corrects nothing (its root) plus everything that corrects it,
 *   transitively. The current form is the latest correction by recording time (createdAt, then
 *   hlc, then id — the same order on every installation), or the root when never corrected.
 * - A withdrawal anywhere in the item withdraws the whole item (the app refuses to correct a
 *   withdrawal, so it is final). Withdrawn items are returned apart, so reports can count them.
 * - A correction whose target is not in this logbook (not received yet through a bundle) stands
 *   as an item of its own, marked `orphan`; an orphan withdrawal is a withdrawn item.
 * - An item's label is the most restrictive label of its root and its corrections: the current
 *   text was written about the original and inherits its sensitivity.
 */
import type { LogEntry } from '../model/records';
import { mostRestrictiveTlp, type Tlp } from '../model/tlp';

export interface LogItem {
  /** The entry the item started with (or, for an orphan, the correction itself). */
  readonly root: LogEntry;
  /** The form that stands now: the latest correction, or the root. */
  readonly current: LogEntry;
  /** Corrections in recording order (withdrawals excluded); empty when never corrected. */
  readonly corrections: readonly LogEntry[];
  /** The (first) withdrawal, when the item was withdrawn. */
  readonly withdrawal: LogEntry | null;
  /** Every entry of the item, in recording order. */
  readonly members: readonly LogEntry[];
  /** The root corrects an entry this logbook does not hold. */
  readonly orphan: boolean;
  /** Most restrictive label of the root and its corrections. */
  readonly tlp: Tlp;
  /** When the fact happened, in its current form. */
  readonly occurredAt: string;
  /** When any entry of the item was last recorded (for "what changed since"). */
  readonly lastRecordedAt: string;
}

export interface ResolvedLogbook {
  /** Items that stand, in the order a logbook reads: by time of occurrence, then recording. */
  readonly items: readonly LogItem[];
  /** Withdrawn items, same order. */
  readonly withdrawn: readonly LogItem[];
}

/** Recording order, identical on every installation. */
export function compareRecording(a: LogEntry, b: LogEntry): number {
  return a.createdAt.localeCompare(b.createdAt) || a.hlc.localeCompare(b.hlc) || a.id.localeCompare(b.id);
}

function compareItems(a: LogItem, b: LogItem): number {
  return a.occurredAt.localeCompare(b.occurredAt) || compareRecording(a.root, b.root);
}

/**
 * Fold an incident's log entries into items. Entries may come in any order; the result does not
 * depend on it.
 */
export function resolveLogItems(entries: readonly LogEntry[], incidentId: string): ResolvedLogbook {
  const live = entries.filter((e) => !e.deleted && e.incidentId === incidentId);
  const byId = new Map(live.map((e) => [e.id, e]));

  // The root of each entry: follow `corrects` until an entry that corrects nothing, or whose
  // target is missing. A cycle (only possible in forged data) is cut at its earliest-recorded member.
  const rootOf = new Map<string, LogEntry>();
  const findRoot = (entry: LogEntry): LogEntry => {
    const path: LogEntry[] = [];
    const seen = new Set<string>();
    let node = entry;
    for (;;) {
      const known = rootOf.get(node.id);
      if (known) return settle(path, known);
      path.push(node);
      seen.add(node.id);
      const target = node.corrects ? byId.get(node.corrects.entryId) : undefined;
      if (!target) return settle(path, node);
      if (seen.has(target.id)) {
        const cycle = path.slice(path.findIndex((e) => e.id === target.id));
        return settle(path, [...cycle].sort(compareRecording)[0] ?? node);
      }
      node = target;
    }
  };
  const settle = (path: readonly LogEntry[], root: LogEntry): LogEntry => {
    for (const e of path) rootOf.set(e.id, root);
    return root;
  };

  const members = new Map<string, LogEntry[]>();
  for (const entry of live) {
    const root = findRoot(entry);
    const list = members.get(root.id) ?? [];
    list.push(entry);
    members.set(root.id, list);
  }

  const items: LogItem[] = [];
  const withdrawn: LogItem[] = [];
  for (const [rootId, list] of members) {
    const root = byId.get(rootId);
    if (!root) continue;
    const ordered = [...list].sort(compareRecording);
    const others = ordered.filter((e) => e.id !== root.id);
    const withdrawal = ordered.find((e) => e.corrects?.mode === 'withdrawal') ?? null;
    const corrections = others.filter((e) => e.corrects?.mode === 'correction');
    const current = corrections[corrections.length - 1] ?? root;
    const orphan = root.corrects !== null;
    const item: LogItem = {
      root,
      current,
      corrections,
      withdrawal,
      members: ordered,
      orphan,
      tlp: mostRestrictiveTlp([root.tlp, ...corrections.map((c) => c.tlp)]),
      occurredAt: current.occurredAt,
      lastRecordedAt: ordered.reduce((latest, e) => (e.createdAt > latest ? e.createdAt : latest), root.createdAt),
    };
    (withdrawal ? withdrawn : items).push(item);
  }
  items.sort(compareItems);
  withdrawn.sort(compareItems);
  return { items, withdrawn };
}
