/**
 * When two operations are "the same", for the authority rules of an import (docs/bundle-format.md
 * §8a): an operation id names one immutable operation, and a log entry is made by one creation.
 * Two installations holding different contents under one id, or different creations of one log
 * entry, would show different records for good; so an import that brings such a difference is
 * refused, while a copy of what is held already is a harmless duplicate.
 *
 * "The same" is compared as data (canonical JSON), after bringing a creation's record to the
 * current schema: a database upgrade upcasts the creations it holds (WorkbookDb version chain),
 * while a peer running an older version sends them as they were written.
 */
import { sameData } from '../journal/canonical';
import type { Operation } from '../journal/operation';
import { BUILTIN_ORIGIN } from '../model/ids';
import { upcastRecordV1ToV2 } from '../versioning/upcasters/v1ToV2';
import { upcastProcedureV5ToV6 } from '../versioning/upcasters/v5ToV6';

/** The record a creation carries, in the current schema (other operations' fields as they are). */
export function currentFields(op: Pick<Operation, 'kind' | 'table' | 'fields'>): Record<string, unknown> {
  if (op.kind !== 'create' || op.table === 'profile') return op.fields;
  const v2 = upcastRecordV1ToV2(op.fields);
  return op.table === 'procedures' ? upcastProcedureV5ToV6(v2) : v2;
}

/** Whether two operations (of one id) carry the same change. */
export function sameOperation(a: Operation, b: Operation): boolean {
  const { fields: fieldsA, ...restA } = a;
  const { fields: fieldsB, ...restB } = b;
  return sameData(restA, restB) && sameData(currentFields({ ...a, fields: fieldsA }), currentFields({ ...b, fields: fieldsB }));
}

/**
 * Whether `incoming`, arriving under the id of `held`, would rewrite history: a different change
 * under one id. Built-in content is exempt: a newer version of the app revises its built-in
 * records under their first ids on purpose (shared/seed), and the installation keeps what it holds.
 */
export function rewritesHeld(held: Operation, incoming: Operation): boolean {
  if (held.origin === BUILTIN_ORIGIN && incoming.origin === BUILTIN_ORIGIN) return false;
  return !sameOperation(held, incoming);
}

/** Whether two creations of one record make the same record (for append-only tables). */
export function sameCreation(a: Operation, b: Operation): boolean {
  return a.table === b.table && a.recordId === b.recordId && a.kind === 'create' && b.kind === 'create' && sameData(currentFields(a), currentFields(b));
}

/**
 * The first creation in `creations` (all of one append-only record) that makes another record
 * than the first one does; undefined when they all agree.
 */
export function disagreeingCreation(creations: readonly Operation[]): Operation | undefined {
  const first = creations[0];
  if (first === undefined) return undefined;
  return creations.find((op) => op !== first && !sameCreation(first, op));
}
