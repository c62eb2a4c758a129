/**
 * The little of PouchDB and its dump/load plugins the peer page uses (the packages ship no
 * types, and @types/pouchdb is not worth a dependency for one page).
 */
declare module 'pouchdb-browser' {
  interface PouchBulkResult {
    readonly ok?: boolean;
    readonly error?: string;
    readonly id?: string;
  }
  interface PouchInfo {
    readonly doc_count: number;
    readonly update_seq: number | string;
    readonly adapter?: string;
  }
  interface PouchAllDocs {
    readonly total_rows: number;
    readonly rows: readonly { readonly id: string; readonly doc?: Record<string, unknown> }[];
  }
  export interface PouchDatabase {
    bulkDocs(docs: readonly Record<string, unknown>[]): Promise<PouchBulkResult[]>;
    info(): Promise<PouchInfo>;
    allDocs(options: { include_docs: boolean; startkey?: string; limit?: number; skip?: number }): Promise<PouchAllDocs>;
    /** pouchdb-replication-stream: write the database to a Node-style writable stream. */
    dump(stream: NodeJS.WritableStream, options?: Record<string, unknown>): Promise<unknown>;
    /** pouchdb-load: load a dump (the text itself, or a URL to fetch it from). */
    load(dump: string, options?: Record<string, unknown>): Promise<unknown>;
    destroy(): Promise<unknown>;
    close(): Promise<unknown>;
  }
  interface PouchConstructor {
    new (name: string, options?: Record<string, unknown>): PouchDatabase;
    plugin(plugin: unknown): PouchConstructor;
    adapter(name: string, adapter: unknown, addToPreferred?: boolean): void;
  }
  const PouchDB: PouchConstructor;
  export default PouchDB;
}

declare module 'pouchdb-replication-stream' {
  const replicationStream: { readonly plugin: unknown; readonly adapters: { readonly writableStream: unknown } };
  export default replicationStream;
}

declare module 'pouchdb-load' {
  const load: unknown;
  export default load;
}
