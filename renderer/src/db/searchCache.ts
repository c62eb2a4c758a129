/**
 * The persisted search index, in a database of its own (`crisis-workbook-search-cache`): a cache,
 * never data. It is not journaled, never travels, and can be thrown away at any time — the index
 * is then rebuilt from the workbook. One row per workbook database and workspace, with the journal
 * position it was made at, so that a restart only replays what came after.
 */
import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import { WorkspaceSchema } from '../../../shared/model/workspace';
import type { CachedIndex, SearchCache } from '../search/source';
import { isContentSealed } from './sealing';

export const SEARCH_CACHE_DATABASE = 'crisis-workbook-search-cache';

interface CacheRow extends CachedIndex {
  readonly key: string;
}

/** What is read back is checked before use: a row from another version is only thrown away. */
const CacheEnvelopeSchema = z.object({
  key: z.string(),
  databaseName: z.string(),
  workspace: WorkspaceSchema,
  format: z.number().int(),
  position: z.object({ operations: z.number().int().min(0), newest: z.string().nullable() }),
  savedAt: z.string(),
  snapshot: z.object({
    format: z.literal('postings-1'),
    docIds: z.array(z.string()),
    docKinds: z.instanceof(Int8Array),
    docLengths: z.instanceof(Float32Array),
    terms: z.array(z.string()),
    offsets: z.instanceof(Uint32Array),
    postings: z.instanceof(Int32Array),
    recordKeys: z.array(z.string()),
    recordHlcs: z.array(z.string()),
    recordDocuments: z.array(z.string()),
    corrections: z.array(z.tuple([z.string(), z.enum(['current', 'corrected', 'withdrawn'])])),
  }),
});

class SearchCacheDb extends Dexie {
  indexes!: EntityTable<CacheRow, 'key'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ indexes: 'key' });
  }
}

const keyOf = (databaseName: string, workspace: string) => `${databaseName}\u0000${workspace}`;

/** The cache; `format` is the version of what the index code stores (older rows are dropped). */
export function openSearchCache(format: number, name: string = SEARCH_CACHE_DATABASE): SearchCache {
  const db = new SearchCacheDb(name);
  return {
    async load(databaseName, workspace) {
      const key = keyOf(databaseName, workspace);
      // Content encryption on: the index (terms, texts) is never kept on disk; it is rebuilt.
      if (isContentSealed(databaseName)) {
        await db.indexes.delete(key);
        return null;
      }
      const row: unknown = await db.indexes.get(key);
      if (row === undefined) return null;
      const envelope = CacheEnvelopeSchema.safeParse(row);
      if (!envelope.success || envelope.data.format !== format) {
        await db.indexes.delete(key);
        return null;
      }
      return row as CacheRow;
    },
    async save(entry) {
      if (isContentSealed(entry.databaseName)) {
        await db.indexes.delete(keyOf(entry.databaseName, entry.workspace));
        return;
      }
      await db.indexes.put({ ...entry, key: keyOf(entry.databaseName, entry.workspace) });
    },
    async drop(databaseName, workspace) {
      await db.indexes.delete(keyOf(databaseName, workspace));
    },
  };
}
