/**
 * Schema 1 → 2: records gain the `deleted` tombstone flag. Nothing was ever deleted in schema 1,
 * so every record becomes a live record. Unknown fields are kept as they are.
 */
export function upcastRecordV1ToV2<T extends Record<string, unknown>>(record: T): T & { deleted: boolean } {
  return { ...record, deleted: typeof record['deleted'] === 'boolean' ? record['deleted'] : false };
}
