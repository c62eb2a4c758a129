/**
 * Call trees and the state of a call round. A round's history lives in the incident's chained log
 * (entries with `progress.subject === 'call-round'`); its current state is derived here from those
 * entries, so the logbook is the single source of truth and two installations that hold the same
 * entries show the same round.
 *
 * Rules:
 * - per call (tree node), the latest entry wins, by its hybrid logical clock (withdrawn entries do
 *   not count);
 * - reached, unreachable and skipped close a call; "no answer" leaves it to be tried again;
 * - the person of a node makes the calls of its children once reached. When a caller is
 *   unreachable or skipped, their calls pass up to whoever would have called them (ultimately the
 *   desk that started the round), so a gap in the tree never strands the people below it.
 */
import type { CallTreeNode } from '../model/callTree';
import type { LogEntry } from '../model/records';

export const CALL_STATES = ['reached', 'no-answer', 'unreachable', 'skipped'] as const;
export type CallState = (typeof CALL_STATES)[number];
const CLOSED: ReadonlySet<CallState> = new Set<CallState>(['reached', 'unreachable', 'skipped']);

export type CallStatus =
  /** To call now; `caller` is who calls (null: the desk). */
  | 'ready'
  /** Its caller has not been reached yet. */
  | 'waiting'
  | CallState;

export interface OrderedNode {
  readonly node: CallTreeNode;
  /** 0 for the calls the desk makes. */
  readonly depth: number;
}

export type TreeIssue =
  | { readonly kind: 'duplicate-id'; readonly nodeId: string }
  | { readonly kind: 'missing-parent'; readonly nodeId: string; readonly parent: string }
  | { readonly kind: 'cycle'; readonly nodeId: string };

/** What is wrong with a tree's shape; empty when it is a proper tree. */
export function treeIssues(nodes: readonly CallTreeNode[]): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const byId = new Map<string, CallTreeNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) issues.push({ kind: 'duplicate-id', nodeId: node.id });
    else byId.set(node.id, node);
  }
  for (const node of byId.values()) {
    if (node.parent !== null && !byId.has(node.parent)) issues.push({ kind: 'missing-parent', nodeId: node.id, parent: node.parent });
    const seen = new Set<string>([node.id]);
    let up = node.parent === null ? undefined : byId.get(node.parent);
    while (up) {
      if (seen.has(up.id)) {
        issues.push({ kind: 'cycle', nodeId: node.id });
        break;
      }
      seen.add(up.id);
      up = up.parent === null ? undefined : byId.get(up.parent);
    }
  }
  return issues;
}

/**
 * The nodes depth first, each caller's calls in their order: the order in which a printed tree is
 * read. Nodes in a cycle or under a missing parent are left out (see `treeIssues`).
 */
export function orderedNodes(nodes: readonly CallTreeNode[]): OrderedNode[] {
  const children = new Map<string | null, CallTreeNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) {
    const parent = node.parent !== null && ids.has(node.parent) ? node.parent : node.parent === null ? null : undefined;
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  for (const list of children.values()) list.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const out: OrderedNode[] = [];
  const visited = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      if (visited.has(node.id)) continue;
      visited.add(node.id);
      out.push({ node, depth });
      walk(node.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export interface CallProgress {
  readonly node: CallTreeNode;
  readonly depth: number;
  readonly status: CallStatus;
  /** Node id of who makes this call now; null: the desk. Meaningful when ready or no answer. */
  readonly caller: string | null;
  /** The log entry that set the latest state, if any. */
  readonly lastEntry: LogEntry | null;
  /** How many times it was tried without an answer. */
  readonly noAnswerCount: number;
}

export interface RoundState {
  readonly calls: readonly CallProgress[];
  /** Calls to make now, in the order of the tree. */
  readonly next: readonly CallProgress[];
  readonly counts: { readonly [S in CallStatus]: number } & { readonly total: number; readonly closed: number };
  /** Every call is reached, unreachable or skipped. */
  readonly allClosed: boolean;
  /** The round as a whole, from its latest round-level entry (started, completed, abandoned). */
  readonly roundState: 'started' | 'completed' | 'abandoned' | null;
}

/** The progress entries of one round that are still in force, oldest first. */
export function roundEntries(roundId: string, entries: readonly LogEntry[]): LogEntry[] {
  const withdrawn = new Set(entries.filter((e) => e.corrects?.mode === 'withdrawal').map((e) => e.corrects?.entryId));
  return entries
    .filter((e) => e.progress?.subject === 'call-round' && e.progress.runId === roundId && !withdrawn.has(e.id))
    .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

/** The state of a round, derived from the incident's log entries. */
export function deriveRoundState(round: { readonly id: string; readonly nodes: readonly CallTreeNode[] }, entries: readonly LogEntry[]): RoundState {
  const mine = roundEntries(round.id, entries);
  const latest = new Map<string, LogEntry>();
  const noAnswers = new Map<string, number>();
  let roundState: RoundState['roundState'] = null;
  for (const entry of mine) {
    const progress = entry.progress;
    if (!progress) continue;
    if (progress.itemId === null) {
      if (progress.state === 'started' || progress.state === 'completed' || progress.state === 'abandoned') roundState = progress.state;
      continue;
    }
    if (!(CALL_STATES as readonly string[]).includes(progress.state)) continue;
    latest.set(progress.itemId, entry);
    if (progress.state === 'no-answer') noAnswers.set(progress.itemId, (noAnswers.get(progress.itemId) ?? 0) + 1);
  }
  const stateOf = (nodeId: string): CallState | null => (latest.get(nodeId)?.progress?.state as CallState | undefined) ?? null;
  const byId = new Map(round.nodes.map((n) => [n.id, n]));

  /** Who makes the call to `node` now (null: the desk), or undefined while that person has not been reached. */
  const callerOf = (node: CallTreeNode): string | null | undefined => {
    let parentId = node.parent;
    const seen = new Set<string>();
    while (parentId !== null) {
      if (seen.has(parentId)) return null;
      seen.add(parentId);
      const parent = byId.get(parentId);
      if (!parent) return null;
      const state = stateOf(parent.id);
      if (state === 'reached') return parent.id;
      if (state === 'unreachable' || state === 'skipped') {
        parentId = parent.parent;
        continue;
      }
      return undefined;
    }
    return null;
  };

  const calls: CallProgress[] = orderedNodes(round.nodes).map(({ node, depth }) => {
    const state = stateOf(node.id);
    const caller = callerOf(node);
    const status: CallStatus = state !== null && CLOSED.has(state) ? state : caller === undefined ? 'waiting' : (state ?? 'ready');
    return {
      node,
      depth,
      status,
      caller: caller === undefined ? node.parent : caller,
      lastEntry: latest.get(node.id) ?? null,
      noAnswerCount: noAnswers.get(node.id) ?? 0,
    };
  });
  const counts = { ready: 0, waiting: 0, reached: 0, 'no-answer': 0, unreachable: 0, skipped: 0, total: calls.length, closed: 0 };
  for (const call of calls) {
    counts[call.status] += 1;
    if (CLOSED.has(call.status as CallState)) counts.closed += 1;
  }
  return {
    calls,
    next: calls.filter((c) => c.status === 'ready' || c.status === 'no-answer'),
    counts,
    allClosed: counts.closed === counts.total,
    roundState,
  };
}
