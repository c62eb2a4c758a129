/**
 * Traffic Light Protocol 2.0 at export: decides, record by record, what may go into a bundle, and
 * says why anything is left out (the export dialog shows it). Pure.
 *
 * Rules (FIRST TLP 2.0, applied to a file that leaves the installation):
 *   CLEAR, GREEN       always;
 *   AMBER, AMBER+STRICT only inside a bundle encrypted to chosen recipients;
 *   RED                only inside an encrypted bundle whose every recipient was chosen for that
 *                      record (the record's recipient list covers the bundle's).
 *
 * Each record has its own label (a log entry inherits nothing from its incident). A record goes
 * in or out as a whole: its effective label is the most restrictive of its current label (supplied
 * by the caller, needed for update operations that do not touch `tlp`) and every label its
 * operations in this bundle set. A record whose label cannot be known is left out.
 */
import { compareOperations, type Operation } from '../journal/operation';
import { TlpSchema, mostRestrictiveTlp, type Tlp } from '../model/tlp';

/** How the bundle will leave: the installation ids it is encrypted to (empty = not encrypted). */
export interface TlpExportChoice {
  readonly encryptedTo: readonly string[];
}

/** One record to decide on. */
export interface TlpItem {
  readonly recordId: string;
  readonly table: string;
  /** Null when the label is unknown (then the record is left out). */
  readonly tlp: Tlp | null;
  /** For RED records: the installations chosen as recipients of this record. */
  readonly redRecipients?: readonly string[];
}

export const TLP_LEFT_OUT_REASONS = ['amber-needs-encryption', 'red-needs-encryption', 'red-recipients-not-chosen', 'label-unknown'] as const;
export type TlpLeftOutReason = (typeof TLP_LEFT_OUT_REASONS)[number];

export interface TlpLeftOut {
  readonly recordId: string;
  readonly table: string;
  readonly tlp: Tlp | null;
  readonly reason: TlpLeftOutReason;
}

export interface TlpDecision<T> {
  readonly included: T[];
  readonly leftOut: TlpLeftOut[];
  /** The most restrictive label included ("CLEAR" when nothing is). Goes into the header. */
  readonly highestTlp: Tlp;
}

/** Why a record with this label may not go into a bundle leaving this way; null when it may. */
export function tlpRefusal(item: Pick<TlpItem, 'tlp' | 'redRecipients'>, choice: TlpExportChoice): TlpLeftOutReason | null {
  const encrypted = choice.encryptedTo.length > 0;
  switch (item.tlp) {
    case null:
      return 'label-unknown';
    case 'CLEAR':
    case 'GREEN':
      return null;
    case 'AMBER':
    case 'AMBER+STRICT':
      return encrypted ? null : 'amber-needs-encryption';
    case 'RED': {
      if (!encrypted) return 'red-needs-encryption';
      const chosen = new Set(item.redRecipients ?? []);
      return choice.encryptedTo.every((r) => chosen.has(r)) ? null : 'red-recipients-not-chosen';
    }
  }
}

/** Applies the rules to records (or anything carrying a label). */
export function applyTlpPolicy<T extends TlpItem>(items: readonly T[], choice: TlpExportChoice): TlpDecision<T> {
  const included: T[] = [];
  const leftOut: TlpLeftOut[] = [];
  for (const item of items) {
    const reason = tlpRefusal(item, choice);
    if (reason === null) included.push(item);
    else leftOut.push({ recordId: item.recordId, table: item.table, tlp: item.tlp, reason });
  }
  return { included, leftOut, highestTlp: mostRestrictiveTlp(included.map((i) => i.tlp ?? 'CLEAR')) };
}

/** What the caller knows about a record beyond its operations in the bundle. */
export interface RecordLabelLookup {
  /** The record's current label in the database (undefined if the operations alone must tell). */
  currentTlp(recordId: string, table: string): Tlp | undefined;
  /** For RED records: the recipients chosen for the record. */
  redRecipients?(recordId: string, table: string): readonly string[] | undefined;
}

/**
 * Applies the rules to operations, record by record: all operations of a record go in, or none.
 * Keeps the operations' order.
 */
export function filterOperationsByTlp(operations: readonly Operation[], choice: TlpExportChoice, lookup: RecordLabelLookup): TlpDecision<Operation> {
  const labels = new Map<string, { table: string; recordId: string; labels: Tlp[] }>();
  for (const op of operations) {
    const key = `${op.table}/${op.recordId}`;
    let entry = labels.get(key);
    if (entry === undefined) {
      entry = { table: op.table, recordId: op.recordId, labels: [] };
      const current = lookup.currentTlp(op.recordId, op.table);
      if (current !== undefined) entry.labels.push(current);
      labels.set(key, entry);
    }
    const own = TlpSchema.safeParse(op.fields.tlp);
    if (own.success) entry.labels.push(own.data);
  }
  const verdicts = new Map<string, TlpLeftOutReason | null>();
  const leftOut: TlpLeftOut[] = [];
  const includedLabels: Tlp[] = [];
  for (const [key, entry] of labels) {
    const tlp = entry.labels.length === 0 ? null : mostRestrictiveTlp(entry.labels);
    const reason = tlpRefusal({ tlp, redRecipients: lookup.redRecipients?.(entry.recordId, entry.table) }, choice);
    verdicts.set(key, reason);
    if (reason === null) includedLabels.push(tlp ?? 'CLEAR');
    else leftOut.push({ recordId: entry.recordId, table: entry.table, tlp, reason });
  }
  const included = operations.filter((op) => verdicts.get(`${op.table}/${op.recordId}`) === null);
  return { included, leftOut, highestTlp: mostRestrictiveTlp(includedLabels) };
}

/**
 * The label each record shows now, from all of its operations: the `tlp` of the last writer by
 * clock (then operation id), as merge decides every field (shared/merge/mergeRecord.ts). Only
 * records whose creation is among the operations have one: until then a record does not exist.
 * Keyed `table/recordId`. Lets an export know every record's label from the journal it reads
 * anyway, instead of reading every record a second time (100,000 log entries: seconds).
 */
export function currentLabels(operations: Iterable<Operation>): Map<string, Tlp> {
  const last = new Map<string, { op: Operation; tlp: Tlp }>();
  const created = new Set<string>();
  for (const op of operations) {
    const key = `${op.table}/${op.recordId}`;
    if (op.kind === 'create') created.add(key);
    const own = TlpSchema.safeParse(op.fields.tlp);
    if (!own.success) continue;
    const before = last.get(key);
    if (before === undefined || compareOperations(before.op, op) < 0) last.set(key, { op, tlp: own.data });
  }
  const labels = new Map<string, Tlp>();
  for (const [key, { tlp }] of last) if (created.has(key)) labels.set(key, tlp);
  return labels;
}
